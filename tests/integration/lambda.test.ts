// The Lambda entry as API Gateway calls it: JWT claims in, the same routes and errors out, config checked
// at cold start.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiGatewayEvent, type LambdaHandler, lambdaContext, stubApiFunctionEnv } from '../helpers/lambda';
import { ISSUE_BODY } from '../helpers/placements-app';
import { freshTable } from '../helpers/table';

describe('functions/api/lambda handler', () => {
  let handler: LambdaHandler;
  const context = lambdaContext;

  // Secrets Manager as the read function sees it: GetSecretValue answers the stack's cursor key.
  let secretReads = 0;
  let secrets: Server;
  afterAll(() => secrets?.close());

  beforeAll(async () => {
    const { tableName, endpoint } = await freshTable('lambda');
    stubApiFunctionEnv(tableName, endpoint);
    secrets = createServer((request, response) => {
      secretReads += 1;
      request.resume();
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      response.end(JSON.stringify({ Name: 'cursor-key', SecretString: 'k'.repeat(64) }));
    });
    await new Promise<void>((listening) => secrets.listen(0, '127.0.0.1', listening));
    vi.stubEnv(
      'AWS_ENDPOINT_URL_SECRETS_MANAGER',
      `http://127.0.0.1:${(secrets.address() as AddressInfo).port}`,
    );
    vi.stubEnv('CURSOR_KEY_SECRET_ARN', 'arn:aws:secretsmanager:eu-west-2:000000000000:secret:cursor-key');
    handler = (await import('../../functions/api/lambda')).handler as unknown as LambdaHandler;
  });

  it('creates and reads a placement as the JWT caller, who is recorded in the audit trail', async () => {
    const created = await handler(apiGatewayEvent('POST', '/placements', { body: ISSUE_BODY }), context);
    expect(created.statusCode).toBe(201);
    const { id } = JSON.parse(created.body) as { id: string };
    const read = await handler(apiGatewayEvent('GET', `/placements/${id}`, { groups: '[finance]' }), context);
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body)).toMatchObject(JSON.parse(ISSUE_BODY));
    const history = await handler(apiGatewayEvent('GET', `/placements/${id}/history`), context);
    expect(JSON.parse(history.body)).toMatchObject({
      items: [{ action: 'create', by: { userId: 'sub-123', name: 'casey@example.gov.uk' } }],
    });
  });

  it('answers 401 without claims, 403 for the wrong group and 400 naming a bad field', async () => {
    expect(
      (await handler(apiGatewayEvent('GET', '/placements', { signedIn: false }), context)).statusCode,
    ).toBe(401);
    expect(
      (
        await handler(
          apiGatewayEvent('POST', '/placements', { body: ISSUE_BODY, groups: '[readers]' }),
          context,
        )
      ).statusCode,
    ).toBe(403);
    const bad = await handler(
      apiGatewayEvent('POST', '/placements', { body: ISSUE_BODY.replace('"ASD"', '"AUTISM"') }),
      context,
    );
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ errors: [{ field: 'primaryNeed' }] });
  });

  it('signs list cursors with the key read once from Secrets Manager, and refuses a changed one with a 400', async () => {
    for (const childRef of ['C-lambda-1', 'C-lambda-2'])
      await handler(
        apiGatewayEvent('POST', '/placements', { body: ISSUE_BODY.replace('C-000123', childRef) }),
        context,
      );
    const list = (query: string) =>
      handler(apiGatewayEvent('GET', '/placements', { query, groups: '[caseworkers]' }), context);
    const first = JSON.parse((await list('limit=1')).body) as { cursor: string };
    expect(first.cursor).toMatch(/^[\w-]+\.[\w-]{43}$/);
    expect((await list(`limit=1&cursor=${first.cursor}`)).statusCode).toBe(200);
    const forged = `${Buffer.from('{"index":"byType","part":0,"filters":"x","lastKey":{"pk":1}}').toString('base64url')}.${first.cursor.split('.')[1]}`;
    const refused = await list(`limit=1&cursor=${forged}`);
    expect(refused.statusCode).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ errors: [{ field: 'cursor' }] });
    expect(secretReads).toBe(1);
  });

  it('refuses to start without TABLE_NAME', async () => {
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', '');
    await expect(import('../../functions/api/lambda')).rejects.toThrow(/TABLE_NAME/);
  });
});
