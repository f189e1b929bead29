// The deployed route table (infra/routes.ts) and the app must agree: every app route is reachable through
// API Gateway, every deployed route exists in the app, and the groups the edge requires are the groups the
// app itself demands. A route added to the app but not to the stack would be unreachable once deployed.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { GROUPS, type Group, type Identity } from '../../functions/api/identity';
import { API_ROUTES } from '../../infra/routes';

/** The dashboard's static routes are added in front of the app (web/serve.ts); /health is not deployed. */
const NOT_IN_APP = new Set(['GET /', 'GET /assets/{proxy+}']);
const NOT_DEPLOYED = new Set(['GET /health']);

const SAMPLE_PARAMS: Record<string, string> = {
  id: 'route-check',
  financialYear: '2025-26',
  file: 'dsg-plan.csv',
};

let caller: Identity | undefined;
// No stores: a request the app lets through fails later (4xx or 500), which is all these tests need to see.
const app = createApp({
  deps: { now: () => new Date() } as never,
  identity: () => caller,
  logError: () => {},
});

const appRoutes = [
  ...new Set(
    app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
  ),
];
const deployed = API_ROUTES.map((route) => `${route.method} ${route.path}`);

/** A deployed `{param}` matches any one path segment: `/exports/{file}` serves the app's `/exports/dsg-plan.csv`. */
const matchesDeployed = (appRoute: string) =>
  deployed.some((route) => new RegExp(`^${route.replace(/\{\w+\}/g, '[^/]+')}$`).test(appRoute));

describe('deployed routes and app routes', () => {
  it('deploys every route the app serves', () => {
    const unreachable = appRoutes.filter((route) => !NOT_DEPLOYED.has(route) && !matchesDeployed(route));
    expect(unreachable).toEqual([]);
  });

  it('deploys no route the app does not serve', async () => {
    caller = { userId: 'u', name: 'checker', groups: [...GROUPS] };
    const missing = [];
    for (const route of API_ROUTES) {
      const key = `${route.method} ${route.path}`;
      if (NOT_IN_APP.has(key)) continue;
      const path = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => SAMPLE_PARAMS[name] ?? 'x');
      const response = await app.request(path, { method: route.method });
      const body = (await response.json()) as { message?: string };
      if (response.status === 404 && body.message?.startsWith('no route')) missing.push(key);
    }
    expect(missing).toEqual([]);
  });

  it.each(
    API_ROUTES.filter((route) => route.groups !== 'public').map((route) => [
      `${route.method} ${route.path}`,
      route,
    ]),
  )('%s: the app forbids exactly the groups the edge refuses', async (_key, route) => {
    const path = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => SAMPLE_PARAMS[name] ?? 'x');
    for (const group of GROUPS) {
      caller = { userId: 'u', name: group, groups: [group as Group] };
      const response = await app.request(path, {
        method: route.method,
        headers: { 'content-type': 'application/json' },
        body: route.method === 'GET' ? undefined : '{}',
      });
      // A route missing from the app is reported once, by the test above.
      if (
        response.status === 404 &&
        ((await response.json()) as { message?: string }).message?.startsWith('no route')
      )
        return;
      const allowed = (route.groups as readonly Group[]).includes(group);
      expect(response.status === 403, `${group} on ${route.method} ${route.path}`).toBe(!allowed);
    }
  });
});
