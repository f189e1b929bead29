// Calling the API's Lambda entries as API Gateway does (HTTP API, payload 2.0), with JWT claims from the
// authorizer, after stubbing the environment the stack gives the functions.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { vi } from 'vitest';
import { AlertThresholds } from '../../domain/alerts';

export type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<{
  statusCode: number;
  body: string;
  headers?: Record<string, string>;
  isBase64Encoded?: boolean;
}>;

export const lambdaContext = {} as Context;

export function apiGatewayEvent(
  method: string,
  path: string,
  options: {
    body?: string;
    query?: string;
    groups?: string;
    signedIn?: boolean;
    headers?: Record<string, string>;
  } = {},
): APIGatewayProxyEventV2 {
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
    headers: { 'content-type': 'application/json', host: 'api.example', ...options.headers },
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

/** The environment the stack sets on an API function, pointed at the test run's DynamoDB Local. */
export function stubApiFunctionEnv(tableName: string, endpoint: string): void {
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
}
