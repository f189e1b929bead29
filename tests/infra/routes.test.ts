// The route table (infra/route-access.ts) and the apps must agree. Each function is built from one entry (the
// main API or the file routes), and the app registers the table's routes whose module its entry has: so every
// route's module must be in the entry its function is built from (else it answers 404 once deployed), each
// module must answer exactly its routes of the table, and the app refuses exactly the groups the table leaves out.
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../functions/api/api-routes';
import { createApp, type RouteModules } from '../../functions/api/app';
import { FILE_ROUTES } from '../../functions/api/file-routes';
import { GROUPS, type Group, type Identity } from '../../functions/api/identity';
import { ENTRY_OF, ROUTE_ACCESS, type RouteAccess, routeKey } from '../../infra/route-access';

const SAMPLE_PARAMS: Record<string, string> = {
  id: 'route-check',
  financialYear: '2025-26',
  file: 'population.csv',
};

let caller: Identity | undefined;
// No stores: a request the app lets through fails later (4xx or 500), which is all these tests need to see.
const appOf = (routes: RouteModules) =>
  createApp({ deps: { now: () => new Date() } as never, identity: () => caller, routes, logError: () => {} });
const MODULES = { api: API_ROUTES, files: FILE_ROUTES };
const apps = { api: appOf(API_ROUTES), files: appOf(FILE_ROUTES) };
/** The routes answered by the app: the dashboard's and the API docs' files are served in front of it. */
const appRoutes = ROUTE_ACCESS.filter((route) => route.module !== 'static');

const samplePath = (route: RouteAccess) =>
  route.path.replace(/\{(\w+)\}/g, (_match, name: string) => SAMPLE_PARAMS[name] ?? 'x');

const isNoRoute = async (response: Response) =>
  response.status === 404 &&
  ((await response.json()) as { message?: string }).message?.startsWith('no route');

describe('the route table and the apps', () => {
  it('gives every route module to exactly one entry', () => {
    const [api, files] = [Object.keys(API_ROUTES), Object.keys(FILE_ROUTES)];
    expect(api.filter((name) => files.includes(name))).toEqual([]);
    expect([...api, ...files].sort()).toEqual([...new Set(appRoutes.map((route) => route.module))].sort());
  });

  it("puts every route on a function built from the entry that has the route's module", () => {
    const misplaced = appRoutes
      .filter((route) => !(route.module in MODULES[ENTRY_OF[route.fn]]))
      .map((route) => `${routeKey(route)} (${route.fn}, module ${route.module})`);
    expect(misplaced).toEqual([]);
  });

  it('has each module answer exactly its routes of the table', async () => {
    for (const modules of Object.values(MODULES))
      for (const [name, load] of Object.entries(modules)) {
        const handlers = await (load as () => Promise<object>)();
        const routes = appRoutes.filter((route) => route.module === name).map(routeKey);
        expect(Object.keys(handlers).sort(), name).toEqual(routes.sort());
      }
  });

  it('serves every route on its function', async () => {
    caller = { userId: 'u', name: 'checker', groups: [...GROUPS] };
    const missing = [];
    for (const route of appRoutes) {
      const response = await apps[ENTRY_OF[route.fn]].request(samplePath(route), { method: route.method });
      if (await isNoRoute(response)) missing.push(`${routeKey(route)} (${route.fn})`);
    }
    expect(missing).toEqual([]);
  });

  it.each(appRoutes.filter((route) => route.groups !== 'public').map((route) => [routeKey(route), route]))(
    '%s: the app forbids exactly the groups the edge refuses',
    async (_key, route) => {
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
    },
  );
});
