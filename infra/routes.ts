// Every API route, which function serves it and which groups may call it: the one place access is decided.
// The stack turns this into HTTP API routes (each with the JWT authorizer and its groups as required scopes);
// the app looks every request's matched route up in this same table (functions/api/access.ts) and checks the
// `cognito:groups` claim, so neither layer alone is trusted. A route missing here is refused by both.
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

export interface ApiRoute {
  method: Method;
  path: string;
  fn: ApiFunction;
  /** Groups allowed to call the route; `public` routes (the dashboard's static files) have no authorizer. */
  groups: readonly Group[] | 'public';
}

const everyone = GROUPS;
/** Child-level records and their history: the people who place children and plan their places. */
const childLevel: readonly Group[] = ['caseworkers', 'planners'];
/** Placement records, costs included: child-level, and finance. */
const placementCosts: readonly Group[] = [...childLevel, 'finance'];

export const DEPLOYED_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/placements', fn: 'read', groups: placementCosts },
  { method: 'POST', path: '/placements', fn: 'placements', groups: ['caseworkers'] },
  { method: 'GET', path: '/placements/{id}', fn: 'read', groups: placementCosts },
  { method: 'PATCH', path: '/placements/{id}', fn: 'placements', groups: ['caseworkers'] },
  { method: 'POST', path: '/placements/{id}/end', fn: 'placements', groups: ['caseworkers'] },
  // The audit trail: every change, who made it (staff identities) and the values before.
  { method: 'GET', path: '/placements/{id}/history', fn: 'read', groups: childLevel },
  { method: 'GET', path: '/summary', fn: 'read', groups: everyone },
  { method: 'GET', path: '/provisions', fn: 'read', groups: everyone },
  { method: 'POST', path: '/provisions', fn: 'planning', groups: ['planners'] },
  { method: 'GET', path: '/provisions/{id}', fn: 'read', groups: everyone },
  // Places and how many are filled per provision: counts, no child.
  { method: 'GET', path: '/occupancy', fn: 'read', groups: everyone },
  { method: 'PATCH', path: '/provisions/{id}', fn: 'planning', groups: ['planners'] },
  { method: 'POST', path: '/projections', fn: 'planning', groups: ['planners'] },
  { method: 'GET', path: '/projections/{id}', fn: 'read', groups: everyone },
  { method: 'GET', path: '/scenarios', fn: 'read', groups: everyone },
  { method: 'POST', path: '/scenarios', fn: 'planning', groups: ['planners'] },
  { method: 'GET', path: '/scenarios/{id}', fn: 'read', groups: everyone },
  { method: 'GET', path: '/population', fn: 'read', groups: everyone },
  { method: 'PUT', path: '/population', fn: 'planning', groups: ['planners'] },
  { method: 'GET', path: '/spend', fn: 'read', groups: everyone },
  { method: 'GET', path: '/outturn', fn: 'read', groups: everyone },
  { method: 'GET', path: '/forecast', fn: 'read', groups: everyone },
  { method: 'GET', path: '/budgets/{financialYear}', fn: 'read', groups: everyone },
  { method: 'PUT', path: '/budgets/{financialYear}', fn: 'finance', groups: ['finance'] },
  { method: 'GET', path: '/finance/settings', fn: 'read', groups: everyone },
  { method: 'PUT', path: '/finance/settings', fn: 'finance', groups: ['finance'] },
  // Export files, one route each (a file of placements is child-level, the DSG plan is not), and import
  // progress: reads, on the files entry's read-only function.
  { method: 'GET', path: '/exports/placements.csv', fn: 'exports', groups: placementCosts },
  { method: 'GET', path: '/exports/placements.xlsx', fn: 'exports', groups: placementCosts },
  { method: 'GET', path: '/exports/census.csv', fn: 'exports', groups: childLevel },
  { method: 'GET', path: '/exports/witan/{file}', fn: 'exports', groups: childLevel },
  { method: 'GET', path: '/exports/dsg-plan.csv', fn: 'exports', groups: everyone },
  { method: 'GET', path: '/exports/dsg-plan.xlsx', fn: 'exports', groups: everyone },
  // An import job names its file and its rejected lines: child-level.
  { method: 'GET', path: '/imports/{id}', fn: 'exports', groups: childLevel },
  // Bulk import writes placements, so it is a caseworkers' route, on its own function (batch writes, longer runs).
  { method: 'POST', path: '/imports', fn: 'imports', groups: ['caseworkers'] },
  { method: 'POST', path: '/imports/{id}/rows', fn: 'imports', groups: ['caseworkers'] },
  { method: 'POST', path: '/imports/{id}/complete', fn: 'imports', groups: ['caseworkers'] },
  { method: 'GET', path: '/alerts', fn: 'read', groups: everyone },
  // A deployed stack runs alerts from its schedule: the app answers 503 here, but the route is real locally.
  { method: 'POST', path: '/alerts/runs', fn: 'planning', groups: ['planners'] },
  // Who the caller is and their groups: the dashboard shows each group what the table lets it do.
  { method: 'GET', path: '/me', fn: 'read', groups: everyone },
  // What the authority has loaded and what is missing: counts and names of provisions, no child.
  { method: 'GET', path: '/readiness', fn: 'read', groups: everyone },
  // The dashboard's static page and assets: no data in them, and the browser must load them to sign in.
  { method: 'GET', path: '/', fn: 'read', groups: 'public' },
  { method: 'GET', path: '/assets/{proxy+}', fn: 'read', groups: 'public' },
];
