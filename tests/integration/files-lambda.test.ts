// The two API entries as API Gateway calls them: the files entry serves the import and export files, the
// main entry does not carry them (they are deployed to other functions), and both share the cold start.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AlertThresholds } from '../../domain/alerts';
import { ISSUE_BODY } from '../helpers/placements-app';
import { freshTable } from '../helpers/table';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<{
  statusCode: number;
  body: string;
  headers?: Record<string, string>;
  isBase64Encoded?: boolean;
}>;

function event(
  method: string,
  path: string,
  options: { body?: string; query?: string; groups?: string } = {},
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
    rawQueryString: options.query ?? '',
    headers: { 'content-type': 'application/json', host: 'api.example' },
    body: options.body,
    isBase64Encoded: false,
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      authorizer: { jwt: { claims, scopes: [] } },
    },
  } as unknown as APIGatewayProxyEventV2;
}

describe('functions/api/files-lambda and lambda handlers', () => {
  let files: Handler;
  let api: Handler;
  const context = {} as Context;

  beforeAll(async () => {
    const { tableName, endpoint } = await freshTable('files-lambda');
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
    files = (await import('../../functions/api/files-lambda')).handler as unknown as Handler;
    api = (await import('../../functions/api/lambda')).handler as unknown as Handler;
  });

  it('exports a placement recorded through the main API, and the DSG plan, from the files entry', async () => {
    expect((await api(event('POST', '/placements', { body: ISSUE_BODY }), context)).statusCode).toBe(201);

    const placements = await files(event('GET', '/exports/placements.csv', { groups: '[readers]' }), context);
    expect(placements.statusCode).toBe(200);
    expect(placements.headers?.['content-type']).toContain('text/csv');
    const csv = placements.isBase64Encoded
      ? Buffer.from(placements.body, 'base64').toString()
      : placements.body;
    expect(csv).toContain('C-000123');

    const plan = await files(event('GET', '/exports/dsg-plan.csv', { query: 'fy=2025-26' }), context);
    expect(plan.statusCode).toBe(200);
    expect(plan.headers?.['content-disposition']).toContain('dsg-plan-2025-26.csv');
  });

  it('keeps each set on its own entry: the main API has no file routes, the files entry no placements', async () => {
    const notServed = async (handler: Handler, method: string, path: string) => {
      const response = await handler(event(method, path), context);
      return response.statusCode === 404 && JSON.parse(response.body).message.startsWith('no route');
    };
    expect(await notServed(api, 'GET', '/exports/dsg-plan.csv')).toBe(true);
    expect(await notServed(api, 'GET', '/exports/placements.csv')).toBe(true);
    expect(await notServed(api, 'POST', '/imports')).toBe(true);
    expect(await notServed(files, 'GET', '/placements')).toBe(true);
  });

  it('applies the same group rules: readers may not import', async () => {
    const response = await files(event('POST', '/imports', { body: '{}', groups: '[readers]' }), context);
    expect(response.statusCode).toBe(403);
  });
});
