// The deployed route table (infra/routes.ts) and the apps must agree. Each function is built from one entry
// (the main API or the file routes), so every deployed route must be served by its own function's app, and
// every route of each entry's app must be deployed to a function built from that entry: a route on the
// wrong function would answer 404 once deployed. Each app route is in the table exactly (the app looks its
// access up there, functions/api/access.ts), and the app refuses exactly the groups the table leaves out.
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../functions/api/api-routes';
import { createApp, type RouteModule } from '../../functions/api/app';
import { FILE_ROUTES } from '../../functions/api/file-routes';
import { GROUPS, type Group, type Identity } from '../../functions/api/identity';
import { type ApiRoute, DEPLOYED_ROUTES, ENTRY_OF } from '../../infra/routes';

/**
 * The dashboard's and the API docs' static routes are added in front of the app (web/serve.ts); /health is
 * not deployed.
 */
const NOT_IN_APP = new Set(['GET /', 'GET /assets/{proxy+}', 'GET /docs', 'GET /docs/{proxy+}']);
const NOT_DEPLOYED = new Set(['GET /health']);

const SAMPLE_PARAMS: Record<string, string> = {
  id: 'route-check',
  financialYear: '2025-26',
  file: 'population.csv',
};

let caller: Identity | undefined;
// No stores: a request the app lets through fails later (4xx or 500), which is all these tests need to see.
const appOf = (routes: readonly RouteModule[]) =>
  createApp({ deps: { now: () => new Date() } as never, identity: () => caller, routes, logError: () => {} });
const apps = { api: appOf(API_ROUTES), files: appOf(FILE_ROUTES) };
type Entry = keyof typeof apps;
const ENTRIES = Object.keys(apps) as Entry[];

const routesOf = (app: (typeof apps)[Entry]) => [
  ...new Set(
    app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
  ),
];
const deployedTo = (entry: Entry) =>
  DEPLOYED_ROUTES.filter((route) => ENTRY_OF[route.fn] === entry).map(
    (route) => `${route.method} ${route.path}`,
  );

const samplePath = (route: ApiRoute) =>
  route.path.replace(/\{(\w+)\}/g, (_match, name: string) => SAMPLE_PARAMS[name] ?? 'x');

const isNoRoute = async (response: Response) =>
  response.status === 404 &&
  ((await response.json()) as { message?: string }).message?.startsWith('no route');

describe('deployed routes and app routes', () => {
  it('splits the routes: no route is served by both entries', () => {
    const [api, files] = ENTRIES.map((entry) => routesOf(apps[entry]).filter((r) => !NOT_DEPLOYED.has(r)));
    expect(api?.filter((route) => files?.includes(route))).toEqual([]);
    expect(files?.length).toBeGreaterThan(0);
  });

  it.each(ENTRIES)(
    'deploys every route of the %s app, as it is, to a function built from that entry',
    (entry) => {
      const deployed = deployedTo(entry);
      const unreachable = routesOf(apps[entry]).filter(
        (route) => !NOT_DEPLOYED.has(route) && !deployed.includes(route),
      );
      expect(unreachable).toEqual([]);
    },
  );

  it('deploys no route that its function does not serve', async () => {
    caller = { userId: 'u', name: 'checker', groups: [...GROUPS] };
    const missing = [];
    for (const route of DEPLOYED_ROUTES) {
      const key = `${route.method} ${route.path}`;
      if (NOT_IN_APP.has(key)) continue;
      const response = await apps[ENTRY_OF[route.fn]].request(samplePath(route), { method: route.method });
      if (await isNoRoute(response)) missing.push(`${key} (${route.fn})`);
    }
    expect(missing).toEqual([]);
  });

  it.each(
    DEPLOYED_ROUTES.filter((route) => route.groups !== 'public').map((route) => [
      `${route.method} ${route.path}`,
      route,
    ]),
  )('%s: the app forbids exactly the groups the edge refuses', async (_key, route) => {
    for (const group of GROUPS) {
      caller = { userId: 'u', name: group, groups: [group as Group] };
      const response = await apps[ENTRY_OF[route.fn]].request(samplePath(route), {
        method: route.method,
        headers: { 'content-type': 'application/json' },
        body: route.method === 'GET' ? undefined : '{}',
      });
      // A route missing from its function's app is reported once, by the test above.
      if (await isNoRoute(response)) return;
      const allowed = (route.groups as readonly Group[]).includes(group);
      expect(response.status === 403, `${group} on ${route.method} ${route.path}`).toBe(!allowed);
    }
  });
});
