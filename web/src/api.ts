// The dashboard's one door to the API, through the client typed by the OpenAPI document
// (domain/api-client.ts): every path, query, header and body here is checked against the contract at build
// time, and every answer has the contract's type, so a renamed field breaks `npm run typecheck`, not a
// page. Errors carry the API's own message, which the views show as they are.

import {
  type Answer,
  type ApiClient,
  type ApiErrorBody,
  type ApiFailure,
  type ApiPaths,
  type ApiSchemas,
  answer,
  createApiClient,
  failureOf,
  type QueryOf,
} from '../../domain/api-client';
import { bearerToken, signInAgain } from './auth';

export type { ApiErrorBody } from '../../domain/api-client';

export type FieldError = NonNullable<ApiErrorBody['errors']>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    message: string,
    readonly body: Partial<ApiErrorBody> = {},
  ) {
    super(message);
  }
  get fields(): FieldError[] {
    return this.body.errors ?? [];
  }
}

/** The API serves the dashboard, so paths are the page's own origin; the cookie of `?as=` goes along. */
const client: ApiClient = createApiClient({
  baseUrl: '',
  token: bearerToken,
  unreachable: (error, request) =>
    new ApiError(
      0,
      new URL(request.url).pathname,
      `The API could not be reached (${(error as Error).message}).`,
    ),
});

function failed({ status, path, message, fields, body }: ApiFailure): ApiError {
  if (status === 401 && signInAgain())
    return new ApiError(401, path, 'Your session has ended; taking you to sign in again.');
  return new ApiError(status, path, fields ? `${message} (${fields})` : message, body ?? {});
}

const request = <D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> =>
  answer(call, failed);

/** `If-Match` for the version read: a change to a record that changed meanwhile is a 409. */
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

type GetPath = { [P in keyof ApiPaths]: ApiPaths[P] extends { get: unknown } ? P : never }[keyof ApiPaths];

/** A link to a GET route with its query, for an `<a href>` (the query's names and values are the contract's). */
function href<P extends GetPath>(path: P, query: QueryOf<P>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>))
    if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** A file from the API (exports): fetched with the token, so it works signed in, with its file name. */
async function file(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  fallbackName: string,
): Promise<{ blob: Blob; fileName: string }> {
  const { data, error, response } = await call;
  if (!response.ok) throw failed(failureOf(response, error));
  if (!(data instanceof Blob))
    throw failed({ ...failureOf(response, undefined), message: 'The API sent no file.' });
  const disposition = response.headers.get('content-disposition') ?? '';
  return { blob: data, fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName };
}
const asFile = { parseAs: 'blob', headers: { accept: '*/*' } } as const;

// ---- Placements summary (GET /summary?asOf=YYYY-MM-DD) ----

export type Summary = ApiSchemas['Summary'];
export type SummaryCell = Summary['cells'][number];
export type ProviderSpend = Summary['topOutOfBoroughProviders'][number];

export const getSummary = (asOf: string) => request(client.GET('/summary', { params: { query: { asOf } } }));

// ---- Projections and scenarios ----

export type StoredProjection = ApiSchemas['StoredProjection'];
export type StoredScenario = ApiSchemas['StoredScenario'];
export type Scenario = ApiSchemas['Scenario'];
/** Body of POST /projections; every field has a server default. */
export type ProjectionRequest = NonNullable<
  ApiPaths['/projections']['post']['requestBody']
>['content']['application/json'];

/** Runs the model on the stored placements and provisions; the run is synchronous and stored by id. */
export const runProjection = (body: ProjectionRequest) => request(client.POST('/projections', { body }));

export const getProjection = (id: string) =>
  request(client.GET('/projections/{id}', { params: { path: { id } } }));

export const createScenario = (scenario: Scenario) => request(client.POST('/scenarios', { body: scenario }));
export const listScenarios = () => request(client.GET('/scenarios'));

// ---- Finance ----

export type Budget = ApiSchemas['Budget'];
export type Outturn = ApiSchemas['Outturn'];
export type OutturnDsgRow = Outturn['byDsg'][number];
/** GET /spend: the engine's summary with the query's echo. */
export type Spend = Answer<'/spend'>;
export type SpendDimension = NonNullable<QueryOf<'/spend'>['by']>;
export type BreakdownItem = Spend['breakdown'][number];
type Funder = NonNullable<QueryOf<'/spend'>['funder']>;

/** Spend in a financial year by one dimension; `funder: 'education'` is the DSG high needs block. */
export const getSpend = (fy: string, by: SpendDimension, funder?: Funder) =>
  request(client.GET('/spend', { params: { query: { fy, by, funder } } }));

export const getBudget = (fy: string) =>
  request(client.GET('/budgets/{financialYear}', { params: { path: { financialYear: fy } } }));

export const getOutturn = (fy: string, asOf?: string) =>
  request(client.GET('/outturn', { params: { query: { fy, asOf } } }));

export const dsgPlanXlsxUrl = (fy: string) => href('/exports/dsg-plan.xlsx', { fy });
export const dsgPlanCsvUrl = (fy: string) => href('/exports/dsg-plan.csv', { fy });

export type Forecast = Answer<'/forecast'>;
export type ForecastYear = Forecast['years'][number];

/** A run of years of the DSG management plan: from a year, how many, with chosen scenarios as mitigations. */
export interface PlanQuery {
  from: string;
  years: number;
  mitigations: string[];
}
const planQuery = ({ from, years, mitigations }: PlanQuery) => ({
  from,
  years,
  mitigations: mitigations.length > 0 ? mitigations.join(',') : undefined,
});

/** The high needs forecast (GET /forecast), unmitigated and, with mitigations, mitigated. */
export const getForecast = (plan: PlanQuery) =>
  request(client.GET('/forecast', { params: { query: planQuery(plan) } }));
export const managementPlanXlsxUrl = (plan: PlanQuery) => href('/exports/dsg-plan.xlsx', planQuery(plan));
export const managementPlanCsvUrl = (plan: PlanQuery) => href('/exports/dsg-plan.csv', planQuery(plan));

// ---- Alerts ----

export type AlertRun = ApiSchemas['AlertRun'];
export type AlertItem = ApiSchemas['Alert'];
export type AlertRunResult = ApiSchemas['AlertRunResult'];

/** Monthly runs from `since` (YYYY-MM), newest first. */
export const getAlerts = (since: string) => request(client.GET('/alerts', { params: { query: { since } } }));

/** Runs a month's alerts now (planners; the local runtime's outbox publisher). */
export const runAlerts = (month: string) => request(client.POST('/alerts/runs', { body: { month } }));

// ---- Who is signed in (GET /me) ----

export type Me = ApiSchemas['Me'];

export const getMe = () => request(client.GET('/me'));

// ---- Placements ----

export type Placement = ApiSchemas['Placement'];
export type PlacementInput = ApiSchemas['PlacementInput'];
export type PlacementPatch = ApiSchemas['PlacementPatch'];
export type PlacementEnd = ApiSchemas['PlacementEnd'];
export type AuditEntry = ApiSchemas['AuditEntry'];
export type FieldChange = AuditEntry['changes'][number];

/** The list's filters, as the API's query takes them (domain/placement-filter.ts). */
export type PlacementQuery = Omit<QueryOf<'/placements'>, 'limit' | 'cursor'>;

export const listPlacements = (filter: PlacementQuery, page: { limit: number; cursor?: string }) =>
  request(client.GET('/placements', { params: { query: { ...filter, ...page } } }));

export const getPlacement = (id: string) =>
  request(client.GET('/placements/{id}', { params: { path: { id } } }));

export const placementHistory = (id: string) =>
  request(client.GET('/placements/{id}/history', { params: { path: { id } } }));

/** The key makes a retried or double-clicked create one record: send the same key for the same form. */
export const createPlacement = (input: PlacementInput, idempotencyKey: string) =>
  request(
    client.POST('/placements', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: input }),
  );

/** A change to the version read: a 409 ApiError (with `body.currentVersion`) if it changed meanwhile. */
export const updatePlacement = (id: string, patch: PlacementPatch, version: number) =>
  request(
    client.PATCH('/placements/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch }),
  );

export const endPlacementAt = (id: string, end: PlacementEnd, version: number) =>
  request(
    client.POST('/placements/{id}/end', { params: { path: { id }, header: ifMatch(version) }, body: end }),
  );

/** The route of the filtered list as a file, for the access check. */
export const placementsExportPath = (kind: 'csv' | 'xlsx') => `/exports/placements.${kind}` as const;

/** The filtered list as a file (CSV or XLSX) with the same filters as the list. */
export const downloadPlacements = (filter: PlacementQuery, kind: 'csv' | 'xlsx') =>
  file(
    client.GET(placementsExportPath(kind), { params: { query: filter }, ...asFile }),
    `placements.${kind}`,
  );

// ---- Provisions and their occupancy ----

export type Provision = ApiSchemas['Provision'];
export type ProvisionInput = ApiSchemas['ProvisionInput'];
export type ProvisionPatch = ApiSchemas['ProvisionPatch'];
export type Occupancy = ApiSchemas['OccupancyReport'];
export type OccupancyLevel = Occupancy['items'][number]['level'];

export const listProvisions = () => request(client.GET('/provisions'));
export const getOccupancy = (asOf?: string) =>
  request(client.GET('/occupancy', { params: { query: { asOf } } }));
export const createProvision = (input: ProvisionInput) =>
  request(client.POST('/provisions', { body: input }));
export const updateProvision = (id: string, patch: ProvisionPatch, version: number) =>
  request(
    client.PATCH('/provisions/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch }),
  );

// ---- Readiness ----

export type Readiness = ApiSchemas['Readiness'];
export type ReadinessItem = Readiness['items'][number];
export type ReadinessStatus = ReadinessItem['status'];

/** What the authority has loaded and what is missing, each missing item with the route that fills it. */
export const getReadiness = () => request(client.GET('/readiness'));
