// A fresh, uniquely named table on the test run's DynamoDB Local, so test files never see each other's data.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { createTableIfMissing } from '../../infra/local/tables';

export async function freshTable(
  prefix = 'test',
): Promise<{ client: DynamoDBClient; tableName: string; endpoint: string }> {
  const endpoint = inject('dynamoEndpoint');
  const client = localDynamoDbClient(endpoint);
  const tableName = `${prefix}-${crypto.randomUUID()}`;
  await createTableIfMissing(client, tableName);
  return { client, tableName, endpoint };
}
