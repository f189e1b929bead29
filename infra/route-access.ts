// Every API route, which function serves it, which route module answers it and which groups may call it: the
// one place access is decided. The stack turns this into HTTP API routes (each with the JWT authorizer and
// its groups as required scopes); the app registers exactly these routes and checks every request's
// `cognito:groups` claim against the same entry (functions/api/access.ts), so neither layer alone is trusted.
//
// Who sees what (least privilege; docs/api.md "Who may call what"):
// - readers see aggregates only: summary, occupancy, provisions, scenarios, projections, spend, outturn and
//   its forecast, budgets, the DSG plan, alerts, readiness. Nothing about one child.
// - child-level records (placements and their history, the person-level exports, import jobs) are for
//   caseworkers and planners.
// - finance sees placement-level costs: the placement records themselves (list, one, and the placements
//   export), since a cost is only reconciled against an invoice with the placement it pays for (child
//   reference, provider, dates, costs and cost history). Not the audit trail (who changed what, and the values
//   before), not the census and witan.send exports (modelling inputs), not import jobs.
//
// No schema is imported here: a Lambda's cold start reads this table, and the contract of each route (what it
// takes and answers, for the OpenAPI document) is in infra/routes.ts, keyed by the same `METHOD /path`.
import { GROUPS, type Group } from '../functions/api/identity';
import type { EntryName } from './bundling';

/** One Lambda per permission set, so each gets only the grants it needs. */
export const API_FUNCTIONS = ['read', 'placements', 'planning', 'finance', 'exports', 'imports'] as const;
export type ApiFunction = (typeof API_FUNCTIONS)[number];

/**
 * The entry each function is built from: the main API (`api`), or the file routes (`files`: imports and
 * export files, which need exceljs and csv-parse), so the functions most calls reach stay small.
 */
export const ENTRY_OF: Record<ApiFunction, Extract<EntryName, 'api' | 'files'>> = {
  read: 'api',
  placements: 'api',
  planning: 'api',
  finance: 'api',
  exports: 'files',
  imports: 'files',
};

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

/**
 * What answers a route: a module of functions/api/routes (`placements` is routes/placements.ts), loaded on
 * its first request, or `static`, the dashboard's and the API docs' files, served in front of the app
 * (web/serve.ts).
 */
export type ModuleName =
  | 'placements'
  | 'provisions'
  | 'summary'
  | 'projections'
  | 'population'
  | 'finance'
  | 'alerts'
  | 'me'
  | 'readiness'
  | 'openapi'
  | 'imports'
  | 'exports'
  | 'dsg-plan-exports';

export interface RouteAccess {
  method: Method;
  path: string;
  fn: ApiFunction;
  /** Groups allowed to call the route; `public` routes (the dashboard's static files) have no authorizer. */
  groups: readonly Group[] | 'public';
  module: ModuleName | 'static';
}

const everyone = GROUPS;
/** Child-level records and their history: the people who place children and plan their places. */
const childLevel: readonly Group[] = ['caseworkers', 'planners'];
/** Placement records, costs included: child-level, and finance. */
const placementCosts: readonly Group[] = [...childLevel, 'finance'];

export const ROUTE_ACCESS = [
  { method: 'GET', path: '/placements', fn: 'read', groups: placementCosts, module: 'placements' },
  { method: 'POST', path: '/placements', fn: 'placements', groups: ['caseworkers'], module: 'placements' },
  { method: 'GET', path: '/placements/{id}', fn: 'read', groups: placementCosts, module: 'placements' },
  {
    method: 'PATCH',
    path: '/placements/{id}',
    fn: 'placements',
    groups: ['caseworkers'],
    module: 'placements',
  },
  {
    method: 'POST',
    path: '/placements/{id}/end',
    fn: 'placements',
    groups: ['caseworkers'],
    module: 'placements',
  },
  // The audit trail: every change, who made it (staff identities) and the values before.
  { method: 'GET', path: '/placements/{id}/history', fn: 'read', groups: childLevel, module: 'placements' },
  { method: 'GET', path: '/summary', fn: 'read', groups: everyone, module: 'summary' },
  { method: 'GET', path: '/provisions', fn: 'read', groups: everyone, module: 'provisions' },
  { method: 'POST', path: '/provisions', fn: 'planning', groups: ['planners'], module: 'provisions' },
  { method: 'GET', path: '/provisions/{id}', fn: 'read', groups: everyone, module: 'provisions' },
  // Places and how many are filled per provision: counts, no child.
  { method: 'GET', path: '/occupancy', fn: 'read', groups: everyone, module: 'provisions' },
  { method: 'PATCH', path: '/provisions/{id}', fn: 'planning', groups: ['planners'], module: 'provisions' },
  { method: 'POST', path: '/projections', fn: 'planning', groups: ['planners'], module: 'projections' },
  { method: 'GET', path: '/projections/{id}', fn: 'read', groups: everyone, module: 'projections' },
  { method: 'GET', path: '/scenarios', fn: 'read', groups: everyone, module: 'projections' },
  { method: 'POST', path: '/scenarios', fn: 'planning', groups: ['planners'], module: 'projections' },
  { method: 'GET', path: '/scenarios/{id}', fn: 'read', groups: everyone, module: 'projections' },
  { method: 'GET', path: '/population', fn: 'read', groups: everyone, module: 'population' },
  { method: 'PUT', path: '/population', fn: 'planning', groups: ['planners'], module: 'population' },
  { method: 'GET', path: '/spend', fn: 'read', groups: everyone, module: 'finance' },
  { method: 'GET', path: '/outturn', fn: 'read', groups: everyone, module: 'finance' },
  { method: 'GET', path: '/forecast', fn: 'read', groups: everyone, module: 'finance' },
  { method: 'GET', path: '/budgets/{financialYear}', fn: 'read', groups: everyone, module: 'finance' },
  { method: 'PUT', path: '/budgets/{financialYear}', fn: 'finance', groups: ['finance'], module: 'finance' },
  { method: 'GET', path: '/finance/settings', fn: 'read', groups: everyone, module: 'finance' },
  { method: 'PUT', path: '/finance/settings', fn: 'finance', groups: ['finance'], module: 'finance' },
  // Export files, one route each (a file of placements is child-level, the DSG plan is not), and import
  // progress: reads, on the files entry's read-only function.
  {
    method: 'GET',
    path: '/exports/placements.csv',
    fn: 'exports',
    groups: placementCosts,
    module: 'exports',
  },
  {
    method: 'GET',
    path: '/exports/placements.xlsx',
    fn: 'exports',
    groups: placementCosts,
    module: 'exports',
  },
  { method: 'GET', path: '/exports/census.csv', fn: 'exports', groups: childLevel, module: 'exports' },
  { method: 'GET', path: '/exports/witan/{file}', fn: 'exports', groups: childLevel, module: 'exports' },
  {
    method: 'GET',
    path: '/exports/dsg-plan.csv',
    fn: 'exports',
    groups: everyone,
    module: 'dsg-plan-exports',
  },
  {
    method: 'GET',
    path: '/exports/dsg-plan.xlsx',
    fn: 'exports',
    groups: everyone,
    module: 'dsg-plan-exports',
  },
  // An import job names its file and its rejected lines: child-level.
  { method: 'GET', path: '/imports/{id}', fn: 'exports', groups: childLevel, module: 'imports' },
  // Bulk import writes placements, so it is a caseworkers' route, on its own function (batch writes, longer runs).
  { method: 'POST', path: '/imports', fn: 'imports', groups: ['caseworkers'], module: 'imports' },
  { method: 'POST', path: '/imports/{id}/rows', fn: 'imports', groups: ['caseworkers'], module: 'imports' },
  {
    method: 'POST',
    path: '/imports/{id}/complete',
    fn: 'imports',
    groups: ['caseworkers'],
    module: 'imports',
  },
  { method: 'GET', path: '/alerts', fn: 'read', groups: everyone, module: 'alerts' },
  // A deployed stack runs alerts from its schedule: the app answers 503 here, but the route is real locally.
  { method: 'POST', path: '/alerts/runs', fn: 'planning', groups: ['planners'], module: 'alerts' },
  // Who the caller is and their groups: the dashboard shows each group what the table lets it do.
  { method: 'GET', path: '/me', fn: 'read', groups: everyone, module: 'me' },
  // What the authority has loaded and what is missing: counts and names of provisions, no child.
  { method: 'GET', path: '/readiness', fn: 'read', groups: everyone, module: 'readiness' },
  // The contract itself and its docs: no data in them.
  { method: 'GET', path: '/openapi.json', fn: 'read', groups: 'public', module: 'openapi' },
  { method: 'GET', path: '/docs', fn: 'read', groups: 'public', module: 'static' },
  { method: 'GET', path: '/docs/{proxy+}', fn: 'read', groups: 'public', module: 'static' },
  // The dashboard's static page and assets: no data in them, and the browser must load them to sign in.
  { method: 'GET', path: '/', fn: 'read', groups: 'public', module: 'static' },
  { method: 'GET', path: '/assets/{proxy+}', fn: 'read', groups: 'public', module: 'static' },
] as const satisfies readonly RouteAccess[];

type Route = (typeof ROUTE_ACCESS)[number];
type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string }
  ? `${M} ${P}`
  : never;
/** `GET /placements/{id}`: a route of the table by name. */
export type RouteKey = KeyOf<Route>;
/** The routes one module answers. */
export type RouteKeyOf<M extends ModuleName> = KeyOf<Extract<Route, { module: M }>>;

/** A route's name: how the contract, the app and the tests look a route up. */
export const routeKey = <R extends { method: string; path: string }>(route: R) =>
  `${route.method} ${route.path}` as KeyOf<R>;
