// The Lambda entry as API Gateway calls it: JWT claims in, the same routes and errors out, config checked
// at cold start.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiGatewayEvent, type LambdaHandler, lambdaContext, stubApiFunctionEnv } from '../helpers/lambda';
import { ISSUE_BODY } from '../helpers/placements-app';
import { freshTable } from '../helpers/table';

describe('functions/api/lambda handler', () => {
  let handler: LambdaHandler;
  const context = lambdaContext;

  beforeAll(async () => {
    const { tableName, endpoint } = await freshTable('lambda');
    stubApiFunctionEnv(tableName, endpoint);
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

  it('refuses to start without TABLE_NAME', async () => {
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', '');
    await expect(import('../../functions/api/lambda')).rejects.toThrow(/TABLE_NAME/);
  });
});
