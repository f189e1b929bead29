// The OpenAPI document (GET /openapi.json): valid OpenAPI 3.1 by a third-party validator, and in step with
// the app and the route table. A route the app answers that the document lacks (or the other way round),
// or a route table entry the app does not serve, fails here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../functions/api/api-routes';
import { createApp } from '../../functions/api/app';
import type { AppDeps } from '../../functions/api/deps';
import { FILE_ROUTES } from '../../functions/api/file-routes';
import { openApiDocument, openApiPath, operationId } from '../../functions/api/openapi';
import { mountDashboard } from '../../infra/local/server';
import { DEPLOYED_ROUTES } from '../../infra/routes';
import { version } from '../../package.json';
import { withDashboard } from '../../web/serve';

/** Routes the app registers that are not deployed API routes, each with why. */
const NOT_DEPLOYED: Record<string, string> = {
  'GET /health': "the local runtime's liveness check; API Gateway routes no /health",
};

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Hono's `:id` and `*` → the table's `{id}` and `{proxy+}`. */
const tableForm = (path: string) => path.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{proxy+}');
const keysOf = (routes: readonly { method: string; path: string }[]) =>
  [
    ...new Set(routes.filter((r) => METHODS.has(r.method)).map((r) => `${r.method} ${tableForm(r.path)}`)),
  ].sort();

const document = openApiDocument();
const documented = Object.entries(document.paths)
  .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
  .sort();
const table = DEPLOYED_ROUTES.map((route) => `${route.method} ${route.path}`).sort();

const dashboardRoot = mkdtempSync(join(tmpdir(), 'openapi-test-web-'));
writeFileSync(join(dashboardRoot, 'index.html'), '<!doctype html>');
afterAll(() => rmSync(dashboardRoot, { recursive: true, force: true }));

const app = () =>
  createApp({ deps: {} as AppDeps, identity: () => undefined, routes: { ...API_ROUTES, ...FILE_ROUTES } });

describe('GET /openapi.json', () => {
  it('is valid OpenAPI 3.1 by @readme/openapi-parser', async () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('carries the package version', () => {
    expect(document.info.version).toBe(version);
  });

  it('is served publicly by the app, exactly as generated', async () => {
    const response = await app().request('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('documents every route of the route table, and nothing else', () => {
    expect(documented).toEqual(
      table.map((key) => key.replace(/ (.*)$/, (_, path) => ` ${openApiPath(path)}`)).sort(),
    );
  });

  it('has a unique operationId per operation', () => {
    const ids = DEPLOYED_ROUTES.map(operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names, for each data operation, the groups of the route table and the Cognito bearer scheme', () => {
    for (const route of DEPLOYED_ROUTES) {
      const op = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()] as Record<
        string,
        unknown
      >;
      if (route.groups === 'public') {
        expect(op.security, `${route.method} ${route.path}`).toEqual([]);
        continue;
      }
      expect(op['x-groups']).toEqual([...route.groups]);
      expect(op.security).toEqual([{ cognito: [...route.groups] }]);
      expect(op.description).toContain(route.groups.join(', '));
      expect(Object.keys(op.responses as object)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('documents the 409 currentVersion, the 400 field list, If-Match and Idempotency-Key', () => {
    const error = (document.components.schemas as Record<string, { properties: Record<string, unknown> }>)
      .Error;
    expect(Object.keys(error?.properties ?? {})).toEqual(
      expect.arrayContaining(['error', 'message', 'errors', 'currentVersion']),
    );
    const patch = document.paths['/placements/{id}']?.patch as {
      parameters: { name: string; in: string; required: boolean }[];
      responses: Record<string, unknown>;
    };
    expect(patch.parameters).toContainEqual(
      expect.objectContaining({ name: 'If-Match', in: 'header', required: true }),
    );
    expect(Object.keys(patch.responses)).toEqual(
      expect.arrayContaining(['200', '400', '404', '409', '413', '415']),
    );
    const create = document.paths['/placements']?.post as { parameters: { name: string }[] };
    expect(create.parameters.map((p) => p.name)).toContain('Idempotency-Key');
  });

  it('documents query parameters with their constraints', () => {
    const list = document.paths['/placements']?.get as {
      parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
    };
    const limit = list.parameters.find((p) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { minimum: 1, maximum: 500 } });
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['cursor', 'primaryNeed', 'childRef']),
    );
    const census = document.paths['/exports/census.csv']?.get as {
      parameters: { name: string; required: boolean }[];
    };
    expect(census.parameters).toContainEqual(expect.objectContaining({ name: 'year', required: true }));
  });
});

describe('drift: app ↔ route table ↔ document', () => {
  it('every route the local runtime registers is in the route table, and every table route is served', () => {
    const local = app();
    mountDashboard(local, dashboardRoot);
    const served = keysOf(local.routes).filter((key) => !(key in NOT_DEPLOYED));
    // The deployed read function serves the dashboard and docs files in front of the API (web/serve.ts).
    const deployed = withDashboard(app(), { root: dashboardRoot, auth: undefined });
    const files = keysOf(deployed.routes).filter((key) => key !== 'GET /assets/config.json');
    expect([...new Set([...served, ...files])].sort()).toEqual(table);
  });

  it('the app answers no route that the table lacks (a route added without a table entry fails here)', () => {
    const extra = keysOf(app().routes).filter((key) => !(key in NOT_DEPLOYED) && !table.includes(key));
    expect(extra).toEqual([]);
  });
});
