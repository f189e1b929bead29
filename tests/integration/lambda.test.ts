// The Lambda entry as API Gateway calls it: JWT claims in, the same routes and errors out, config checked
// at cold start.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AlertThresholds } from '../../domain/alerts';
import { ISSUE_BODY } from '../helpers/placements-app';
import { freshTable } from '../helpers/table';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<{ statusCode: number; body: string; headers?: Record<string, string> }>;

function event(
  method: string,
  path: string,
  options: { body?: string; groups?: string; signedIn?: boolean } = {},
) {
  const claims = {
    sub: 'sub-123',
    email: 'casey@example.gov.uk',
    'cognito:groups': options.groups ?? '[caseworkers]',
  };
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'api.example' },
    body: options.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      ...(options.signedIn === false ? {} : { authorizer: { jwt: { claims, scopes: [] } } }),
    },
  } as unknown as APIGatewayProxyEventV2;
}

describe('functions/api/lambda handler', () => {
  let handler: Handler;
  const context = {} as Context;

  beforeAll(async () => {
    const { tableName, endpoint } = await freshTable('lambda');
    vi.stubEnv('TABLE_NAME', tableName);
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', endpoint);
    vi.stubEnv('AWS_REGION', 'eu-west-2');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    vi.stubEnv(
      'ALERT_CONFIG',
      JSON.stringify({
        authority: 'demo',
        authorityName: 'Demo Borough',
        laCode: '999',
        dashboardUrl: 'https://send.demo-borough.example/',
        thresholds: AlertThresholds.parse({}),
        shortfallHorizonsMonths: [12, 24],
      }),
    );
    handler = (await import('../../functions/api/lambda')).handler as unknown as Handler;
  });

  it('creates and reads a placement as the JWT caller, who is recorded in the audit trail', async () => {
    const created = await handler(event('POST', '/placements', { body: ISSUE_BODY }), context);
    expect(created.statusCode).toBe(201);
    const { id } = JSON.parse(created.body) as { id: string };
    const read = await handler(event('GET', `/placements/${id}`, { groups: '[readers]' }), context);
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body)).toMatchObject(JSON.parse(ISSUE_BODY));
    const history = await handler(event('GET', `/placements/${id}/history`), context);
    expect(JSON.parse(history.body)).toMatchObject({
      items: [{ action: 'create', by: { userId: 'sub-123', name: 'casey@example.gov.uk' } }],
    });
  });

  it('answers 401 without claims, 403 for the wrong group and 400 naming a bad field', async () => {
    expect((await handler(event('GET', '/placements', { signedIn: false }), context)).statusCode).toBe(401);
    expect(
      (await handler(event('POST', '/placements', { body: ISSUE_BODY, groups: '[readers]' }), context))
        .statusCode,
    ).toBe(403);
    const bad = await handler(
      event('POST', '/placements', { body: ISSUE_BODY.replace('"ASD"', '"AUTISM"') }),
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
