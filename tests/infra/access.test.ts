// Who may see a child's records, as the issue states it, written out here independently of the route table:
// readers see aggregates only; child-level routes need caseworkers or planners; finance sees placement records
// (their costs) but not the audit trail. Every route × every group is checked against the table
// (infra/route-access.ts), and the app's one access check refuses a route the table does not list. The edge
// (the stack's authorizer scopes) is checked route × group in stack.test.ts, the app in routes.test.ts.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { GROUPS, type Group } from '../../functions/api/identity';
import { ROUTE_ACCESS } from '../../infra/route-access';

/** Aggregates (and the caller's own identity): every group. */
const AGGREGATES = [
  'GET /summary',
  'GET /provisions',
  'GET /provisions/{id}',
  'GET /occupancy',
  'GET /projections/{id}',
  'GET /scenarios',
  'GET /scenarios/{id}',
  'GET /spend',
  'GET /outturn',
  'GET /forecast',
  'GET /budgets/{financialYear}',
  'GET /finance/settings',
  'GET /exports/dsg-plan.csv',
  'GET /exports/dsg-plan.xlsx',
  'GET /alerts',
  'GET /population',
  'GET /me',
  'GET /readiness',
];
const PLACEMENT_RECORDS = [
  'GET /placements',
  'GET /placements/{id}',
  'GET /exports/placements.csv',
  'GET /exports/placements.xlsx',
];
const CHILD_LEVEL_ONLY = [
  'GET /placements/{id}/history',
  'GET /exports/census.csv',
  'GET /exports/witan/{file}',
  'GET /imports/{id}',
];
const WRITES: Record<string, Group> = {
  'POST /placements': 'caseworkers',
  'PATCH /placements/{id}': 'caseworkers',
  'POST /placements/{id}/end': 'caseworkers',
  'POST /imports': 'caseworkers',
  'POST /imports/{id}/rows': 'caseworkers',
  'POST /imports/{id}/complete': 'caseworkers',
  'POST /provisions': 'planners',
  'PATCH /provisions/{id}': 'planners',
  'POST /projections': 'planners',
  'POST /scenarios': 'planners',
  'POST /alerts/runs': 'planners',
  'PUT /budgets/{financialYear}': 'finance',
  'PUT /finance/settings': 'finance',
  'PUT /population': 'planners',
};

/** The policy: may `group` call `route`? Undefined for a route the policy does not know. */
function policy(route: string, group: Group): boolean | undefined {
  if (AGGREGATES.includes(route)) return true;
  if (PLACEMENT_RECORDS.includes(route)) return group !== 'readers';
  if (CHILD_LEVEL_ONLY.includes(route)) return group === 'caseworkers' || group === 'planners';
  if (route in WRITES) return WRITES[route] === group;
  return undefined;
}

const keyOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const dataRoutes = ROUTE_ACCESS.filter((route) => route.groups !== 'public');

describe('who may call what', () => {
  it('the policy names every data route of the table, and nothing the table lacks', () => {
    expect(dataRoutes.filter((route) => policy(keyOf(route), 'readers') === undefined).map(keyOf)).toEqual(
      [],
    );
    const known = [...AGGREGATES, ...PLACEMENT_RECORDS, ...CHILD_LEVEL_ONLY, ...Object.keys(WRITES)];
    expect(known.filter((key) => !dataRoutes.some((route) => keyOf(route) === key))).toEqual([]);
  });

  it.each(dataRoutes.map((route) => [keyOf(route), route] as const))(
    '%s: the table lets in exactly the groups the policy names',
    (key, route) => {
      for (const group of GROUPS)
        expect((route.groups as readonly Group[]).includes(group), `${group} on ${key}`).toBe(
          policy(key, group),
        );
    },
  );

  it('readers reach no child-level route, and finance no audit trail', () => {
    const readable = (group: Group) =>
      dataRoutes.filter((route) => (route.groups as readonly Group[]).includes(group)).map(keyOf);
    expect(readable('readers').sort()).toEqual([...AGGREGATES].sort());
    expect(readable('finance')).not.toContain('GET /placements/{id}/history');
    expect(readable('finance')).toEqual(expect.arrayContaining(PLACEMENT_RECORDS));
  });
});

describe("the app's access check", () => {
  const appWith = (groups: Group[]) =>
    createApp({
      deps: { now: () => new Date(), checkDatabase: async () => {} } as never,
      identity: () => ({ userId: 'u', name: 'u', groups }),
      logError: () => {},
    });

  it('refuses a route added to the app outside the table, whatever the groups', async () => {
    const app = appWith([...GROUPS]);
    app.get('/unlisted', (c) => c.json({ secret: true }));
    const response = await app.request('/unlisted');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      message: expect.stringContaining('not in the route table'),
    });
  });

  it('serves the public routes without sign-in, and nothing else: 401 before anything, even a 404', async () => {
    const anonymous = createApp({
      deps: { now: () => new Date() } as never,
      identity: () => undefined,
      logError: () => {},
    });
    expect(ROUTE_ACCESS.filter((route) => route.groups === 'public').map(keyOf)).toEqual([
      'GET /openapi.json',
      'GET /docs',
      'GET /docs/{proxy+}',
      'GET /',
      'GET /assets/{proxy+}',
    ]);
    expect((await anonymous.request('/openapi.json')).status).toBe(200);
    expect((await anonymous.request('/summary')).status).toBe(401);
    expect((await anonymous.request('/nowhere')).status).toBe(401);
  });

  it('answers 404 for no route at all, and still serves /health to anyone', async () => {
    expect((await appWith(['readers']).request('/nowhere')).status).toBe(404);
    expect((await appWith([]).request('/health')).status).toBe(200);
  });
});
