// DynamoDB Local answers TransactWriteItems before its COMMIT has run (see localDynamoDbClient). Against a stand-in
// endpoint that records what it is asked, these check that a transaction sent through the local client is only
// reported done once a read queued behind the COMMIT has been answered, and fails when that read fails.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';

interface Call {
  operation: string;
  body: Record<string, unknown>;
  at: number;
}

/** Answers every DynamoDB operation with `{}` (GetItem as `getItem` says), recording each call. */
async function standIn(getItem: () => Promise<{ status: number; body: object }>) {
  const calls: Call[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', async () => {
      const operation = String(request.headers['x-amz-target']).split('.')[1] ?? '';
      calls.push({ operation, body: JSON.parse(text) as Record<string, unknown>, at: performance.now() });
      const { status, body } = operation === 'GetItem' ? await getItem() : { status: 200, body: {} };
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(body));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, calls, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** As the stores use it: a document client over the local client. */
const documentClient = (endpoint: string) => DynamoDBDocumentClient.from(localDynamoDbClient(endpoint));

const transaction = new TransactWriteCommand({
  TransactItems: [
    { Put: { TableName: 'send-local', Item: { pk: 'PLACEMENT#1', sk: 'V#1' } } },
    { Put: { TableName: 'send-local', Item: { pk: 'AUDIT#1', sk: 'V#1' } } },
  ],
});

describe('the DynamoDB Local client', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
  });

  it('reports a transaction done only after a read of its table has been answered', async () => {
    const nothing = { status: 200, body: {} };
    const stand = await standIn(() => new Promise((resolve) => setTimeout(() => resolve(nothing), 150)));
    server = stand.server;
    await documentClient(stand.endpoint).send(transaction);
    const doneAt = performance.now();

    expect(stand.calls.map((call) => call.operation)).toEqual(['TransactWriteItems', 'GetItem']);
    expect(stand.calls[1]?.body).toMatchObject({ TableName: 'send-local', ConsistentRead: true });
    expect(doneAt - (stand.calls[1]?.at ?? doneAt)).toBeGreaterThanOrEqual(140);
  });

  it('fails the transaction when the read behind it fails, rather than claim it was stored', async () => {
    const stand = await standIn(async () => ({
      status: 400,
      body: { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'gone' },
    }));
    server = stand.server;

    await expect(documentClient(stand.endpoint).send(transaction)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('adds nothing to a single-item write, which DynamoDB Local commits before answering', async () => {
    const stand = await standIn(async () => ({ status: 200, body: {} }));
    server = stand.server;

    await documentClient(stand.endpoint).send(
      new PutCommand({ TableName: 'send-local', Item: { pk: 'PLACEMENT#1', sk: 'V#1' } }),
    );

    expect(stand.calls.map((call) => call.operation)).toEqual(['PutItem']);
  });
});
