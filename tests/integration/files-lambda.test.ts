// The two API entries as API Gateway calls them: the files entry serves the import and export files, the
// main entry does not carry them (they are deployed to other functions), and both share the cold start.
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiGatewayEvent, type LambdaHandler, lambdaContext, stubApiFunctionEnv } from '../helpers/lambda';
import { ISSUE_BODY } from '../helpers/placements-app';
import { freshTable } from '../helpers/table';

describe('functions/api/files-lambda and lambda handlers', () => {
  let files: LambdaHandler;
  let api: LambdaHandler;
  const context = lambdaContext;

  beforeAll(async () => {
    const { tableName, endpoint } = await freshTable('files-lambda');
    stubApiFunctionEnv(tableName, endpoint);
    files = (await import('../../functions/api/files-lambda')).handler as unknown as LambdaHandler;
    api = (await import('../../functions/api/lambda')).handler as unknown as LambdaHandler;
  });

  it('exports a placement recorded through the main API, and the DSG plan, from the files entry', async () => {
    expect(
      (await api(apiGatewayEvent('POST', '/placements', { body: ISSUE_BODY }), context)).statusCode,
    ).toBe(201);

    const placements = await files(
      apiGatewayEvent('GET', '/exports/placements.csv', { groups: '[finance]' }),
      context,
    );
    expect(placements.statusCode).toBe(200);
    expect(placements.headers?.['content-type']).toContain('text/csv');
    const csv = placements.isBase64Encoded
      ? Buffer.from(placements.body, 'base64').toString()
      : placements.body;
    expect(csv).toContain('C-000123');

    const plan = await files(
      apiGatewayEvent('GET', '/exports/dsg-plan.csv', { query: 'fy=2025-26' }),
      context,
    );
    expect(plan.statusCode).toBe(200);
    expect(plan.headers?.['content-disposition']).toContain('dsg-plan-2025-26.csv');
  });

  it('sends an export gzip-compressed to a client that accepts it, and a new one after every write', async () => {
    const exported = async () => {
      const response = await files(
        apiGatewayEvent('GET', '/exports/placements.csv', {
          groups: '[finance]',
          headers: { 'accept-encoding': 'gzip, deflate, br' },
        }),
        context,
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers?.['content-encoding']).toBe('gzip');
      // Compressed bytes travel base64-encoded in Lambda's answer (the 6 MB limit counts them so).
      expect(response.isBase64Encoded).toBe(true);
      return gunzipSync(Buffer.from(response.body, 'base64')).toString('utf8');
    };
    const post = (childRef: string) =>
      api(
        apiGatewayEvent('POST', '/placements', { body: ISSUE_BODY.replace('C-000123', childRef) }),
        context,
      );
    // Enough rows for the CSV to be worth compressing (over 1 KB).
    for (const childRef of ['C-000201', 'C-000202', 'C-000203', 'C-000205', 'C-000206', 'C-000207'])
      expect((await post(childRef)).statusCode).toBe(201);
    const before = await exported();
    expect(before).toContain('C-000207');
    expect(await exported()).toBe(before);
    // The export kept for that state of the records is not answered once a placement is added.
    expect((await post('C-000204')).statusCode).toBe(201);
    const after = await exported();
    expect(after).toContain('C-000204');
    expect(after.trim().split('\r\n')).toHaveLength(before.trim().split('\r\n').length + 1);
  });

  it('keeps each set on its own entry: the main API has no file routes, the files entry no placements', async () => {
    const notServed = async (handler: LambdaHandler, method: string, path: string) => {
      const response = await handler(apiGatewayEvent(method, path), context);
      return response.statusCode === 404 && JSON.parse(response.body).message.startsWith('no route');
    };
    expect(await notServed(api, 'GET', '/exports/dsg-plan.csv')).toBe(true);
    expect(await notServed(api, 'GET', '/exports/placements.csv')).toBe(true);
    expect(await notServed(api, 'POST', '/imports')).toBe(true);
    expect(await notServed(files, 'GET', '/placements')).toBe(true);
  });

  it('applies the same group rules: readers may not import', async () => {
    const response = await files(
      apiGatewayEvent('POST', '/imports', { body: '{}', groups: '[readers]' }),
      context,
    );
    expect(response.statusCode).toBe(403);
  });
});
