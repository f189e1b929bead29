import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { TABLE } from '../../infra/table';
import { freshTable } from '../helpers/table';

describe('local table', () => {
  it('is created from the shared table definition, with every index and TTL', async () => {
    const { client, tableName } = await freshTable();
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.KeySchema?.map((key) => key.AttributeName)).toEqual([TABLE.partitionKey, TABLE.sortKey]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      TABLE.globalSecondaryIndexes.map((index) => index.indexName).sort(),
    );
  });
});
