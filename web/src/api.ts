// The dashboard's one door to the API: every path, query and field name it relies on is here, typed, so a
// contract change is one edit. Errors carry the API's own message, which the views show as they are.

import type { Budget } from '../../domain/budget';
import type { Funder } from '../../domain/codes';
import type { Forecast } from '../../domain/forecast';
import type { OccupancyLevel } from '../../domain/occupancy';
import type { Outturn } from '../../domain/outturn';
import type { Placement, PlacementEnd, PlacementInput, PlacementPatch } from '../../domain/placement';
import type { PlacementFilter } from '../../domain/placement-filter';
import type { Provision, ProvisionInput, ProvisionPatch } from '../../domain/provision';
import type { Readiness } from '../../domain/readiness';
import type { SpendDimension, SpendSummary } from '../../domain/spend';
import type { Summary } from '../../domain/summary';
import type { AlertRun, AlertRunResult } from '../../functions/alerts/run';
import type { Group } from '../../functions/api/identity';
import type { AuditEntry, Page } from '../../functions/store/ports';
import type { StoredProjection, StoredScenario } from '../../functions/store/projections';
import type { Scenario } from '../../model/scenario';
import { bearerToken, signInAgain } from './auth';

export interface FieldError {
  field: string;
  message: string;
}

/** The API's error body: a code and message, a 400's field errors, a 409's current version. */
export interface ApiErrorBody {
  error?: string;
  message?: string;
  errors?: FieldError[];
  currentVersion?: number;
  /** The field or header a 409 is about (`Idempotency-Key`, `id`). */
  field?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    message: string,
    readonly body: ApiErrorBody = {},
  ) {
    super(message);
  }
  get fields(): FieldError[] {
    return this.body.errors ?? [];
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

/** A fetch with the signed-in user's token; network failures and 401s become ApiErrors. */
async function send(
  method: Method,
  path: string,
  init: { body?: unknown; headers?: Record<string, string> },
) {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const token = bearerToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    throw new ApiError(0, path, `The API could not be reached (${(error as Error).message}).`);
  }
  if (response.status === 401 && signInAgain())
    throw new ApiError(401, path, 'Your session has ended; taking you to sign in again.');
  return response;
}

async function failure(response: Response, path: string): Promise<ApiError> {
  const text = await response.text();
  let payload: ApiErrorBody | undefined;
  try {
    payload = text ? (JSON.parse(text) as ApiErrorBody) : undefined;
  } catch {
    payload = undefined;
  }
  const fields = payload?.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
  const message = payload?.message ?? (text.slice(0, 200) || response.statusText);
  return new ApiError(response.status, path, fields ? `${message} (${fields})` : message, payload ?? {});
}

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await send(method, path, { body, headers });
  if (!response.ok) throw await failure(response, path);
  const text = await response.text();
  try {
    if (text) return JSON.parse(text) as T;
  } catch {
    // reported below
  }
  throw new ApiError(response.status, path, 'The API sent an empty or non-JSON reply.');
}

/** A file from the API (exports): fetched with the token, so it works signed in, with its file name. */
export async function downloadFile(path: string): Promise<{ blob: Blob; fileName: string }> {
  const response = await send('GET', path, { headers: { accept: '*/*' } });
  if (!response.ok) throw await failure(response, path);
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName =
    /filename="([^"]+)"/.exec(disposition)?.[1] ?? path.split('/').pop()?.split('?')[0] ?? 'export';
  return { blob: await response.blob(), fileName };
}

const query = (params: Record<string, string | number | boolean | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

// ---- Placements summary (GET /summary?asOf=YYYY-MM-DD) ----

export type { ProviderSpend, Summary, SummaryCell } from '../../domain/summary';

export const getSummary = (asOf: string) => request<Summary>('GET', `/summary${query({ asOf })}`);

// ---- Projections and scenarios ----

export type { StoredProjection, StoredScenario } from '../../functions/store/projections';

/** Body of POST /projections (functions/api/routes/projections.ts); every field has a server default. */
export interface ProjectionRequest {
  horizon?: number;
  draws?: number;
  seed?: number;
  /** The expected-value path: fast, no bands. */
  expected?: boolean;
  /** Rolling-origin back-test beside the naive baselines (the server runs it unless told not to). */
  backtest?: boolean;
  scenarioId?: string;
}

/** Runs the model on the stored placements and provisions; the run is synchronous and stored by id. */
export const runProjection = (body: ProjectionRequest) =>
  request<StoredProjection>('POST', '/projections', body);

export const getProjection = (id: string) =>
  request<StoredProjection>('GET', `/projections/${encodeURIComponent(id)}`);

export const createScenario = (scenario: Scenario) => request<StoredScenario>('POST', '/scenarios', scenario);
export const listScenarios = () => request<{ items: StoredScenario[] }>('GET', '/scenarios');

// ---- Finance ----

export type { Budget } from '../../domain/budget';
export type { Outturn, OutturnDsgRow } from '../../domain/outturn';
export type { BreakdownItem, SpendDimension } from '../../domain/spend';

/** GET /spend adds the query's echo to the engine's summary. */
export type Spend = Omit<SpendSummary, 'by'> & { by: SpendDimension; funder: Funder | 'all' };

/** Spend in a financial year by one dimension; `funder: 'education'` is the DSG high needs block. */
export const getSpend = (fy: string, by: SpendDimension, funder?: Funder) =>
  request<Spend>('GET', `/spend${query({ fy, by, funder })}`);

export const getBudget = (fy: string) => request<Budget>('GET', `/budgets/${encodeURIComponent(fy)}`);

export const getOutturn = (fy: string, asOf?: string) =>
  request<Outturn>('GET', `/outturn${query({ fy, asOf })}`);

export const dsgPlanXlsxUrl = (fy: string) => `/exports/dsg-plan.xlsx${query({ fy })}`;
export const dsgPlanCsvUrl = (fy: string) => `/exports/dsg-plan.csv${query({ fy })}`;

export type { Forecast, ForecastYear } from '../../domain/forecast';

/** A run of years of the DSG management plan: from a year, how many, with chosen scenarios as mitigations. */
export interface PlanQuery {
  from: string;
  years: number;
  mitigations: string[];
}
const planQuery = ({ from, years, mitigations }: PlanQuery) =>
  query({ from, years, mitigations: mitigations.length > 0 ? mitigations.join(',') : undefined });

/** The high needs forecast (GET /forecast), unmitigated and, with mitigations, mitigated. */
export const getForecast = (plan: PlanQuery) => request<Forecast>('GET', `/forecast${planQuery(plan)}`);
export const managementPlanXlsxUrl = (plan: PlanQuery) => `/exports/dsg-plan.xlsx${planQuery(plan)}`;
export const managementPlanCsvUrl = (plan: PlanQuery) => `/exports/dsg-plan.csv${planQuery(plan)}`;

// ---- Alerts ----

export type { Alert as AlertItem } from '../../domain/alerts';
export type { AlertRun, AlertRunResult } from '../../functions/alerts/run';

/** Monthly runs from `since` (YYYY-MM), newest first. */
export const getAlerts = (since: string) =>
  request<{ authority: string; since: string; runs: AlertRun[] }>('GET', `/alerts${query({ since })}`);

/** Runs a month's alerts now (planners; the local runtime's outbox publisher). */
export const runAlerts = (month: string) => request<AlertRunResult>('POST', '/alerts/runs', { month });

// ---- Who is signed in (GET /me) ----

export interface Me {
  userId: string;
  name: string;
  groups: Group[];
}

export const getMe = () => request<Me>('GET', '/me');

// ---- Placements ----

export type { Placement, PlacementEnd, PlacementInput, PlacementPatch } from '../../domain/placement';
export type { AuditEntry, FieldChange, Page } from '../../functions/store/ports';

/** The list's filters as the URL and the API both write them (domain/placement-filter.ts). */
export type PlacementQuery = Partial<Record<keyof PlacementFilter, string>>;

export const listPlacements = (filter: PlacementQuery, page: { limit: number; cursor?: string }) =>
  request<Page<Placement>>(
    'GET',
    `/placements${query({ ...filter, limit: page.limit, cursor: page.cursor })}`,
  );

export const getPlacement = (id: string) =>
  request<Placement>('GET', `/placements/${encodeURIComponent(id)}`);

export const placementHistory = (id: string) =>
  request<{ items: AuditEntry[] }>('GET', `/placements/${encodeURIComponent(id)}/history`);

/** The key makes a retried or double-clicked create one record: send the same key for the same form. */
export const createPlacement = (input: PlacementInput, idempotencyKey: string) =>
  request<Placement>('POST', '/placements', input, { 'idempotency-key': idempotencyKey });

/** A change to the version read: a 409 ApiError (with `body.currentVersion`) if it changed meanwhile. */
export const updatePlacement = (id: string, patch: PlacementPatch, version: number) =>
  request<Placement>('PATCH', `/placements/${encodeURIComponent(id)}`, patch, { 'if-match': `"${version}"` });

export const endPlacementAt = (id: string, end: PlacementEnd, version: number) =>
  request<Placement>('POST', `/placements/${encodeURIComponent(id)}/end`, end, {
    'if-match': `"${version}"`,
  });

/** The filtered list as a file (CSV or XLSX) with the same filters as the list. */
export const placementsExportPath = (filter: PlacementQuery, kind: 'csv' | 'xlsx') =>
  `/exports/placements.${kind}${query(filter)}`;

// ---- Provisions and their occupancy ----

export type { OccupancyLevel } from '../../domain/occupancy';
export type { Provision, ProvisionInput, ProvisionPatch } from '../../domain/provision';

export interface Occupancy {
  asOf: string;
  academicYear: number;
  thresholds: { occupancyWarn: number; occupancyCritical: number };
  items: {
    provisionId: string;
    name: string;
    places: number;
    occupied: number;
    /** null: children in a provision with no places (over capacity). */
    share: number | null;
    level: OccupancyLevel;
  }[];
}

export const listProvisions = () => request<{ items: Provision[] }>('GET', '/provisions');
export const getOccupancy = (asOf?: string) => request<Occupancy>('GET', `/occupancy${query({ asOf })}`);
export const createProvision = (input: ProvisionInput) => request<Provision>('POST', '/provisions', input);
export const updateProvision = (id: string, patch: ProvisionPatch, version: number) =>
  request<Provision>('PATCH', `/provisions/${encodeURIComponent(id)}`, patch, { 'if-match': `"${version}"` });

// ---- Readiness ----

export type { Readiness, ReadinessItem, ReadinessStatus } from '../../domain/readiness';

/** What the authority has loaded and what is missing, each missing item with the route that fills it. */
export const getReadiness = () => request<Readiness>('GET', '/readiness');
