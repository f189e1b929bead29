// The dashboard's one door to the API: every path, query and field name it relies on is here, typed, so a
// contract change is one edit. Errors carry the API's own message, which the views show as they are.

import type { Budget } from '../../domain/budget';
import type { Funder } from '../../domain/codes';
import type { Outturn } from '../../domain/outturn';
import type { SpendDimension, SpendSummary } from '../../domain/spend';
import type { Summary } from '../../domain/summary';
import type { AlertRun, AlertRunResult } from '../../functions/alerts/run';
import type { StoredProjection, StoredScenario } from '../../functions/store/projections';
import type { Scenario } from '../../model/scenario';
import { bearerToken, signInAgain } from './auth';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = bearerToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiError(0, path, `The API could not be reached (${(error as Error).message}).`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (response.status === 401 && signInAgain())
    throw new ApiError(401, path, 'Your session has ended; taking you to sign in again.');
  if (!response.ok) {
    const payload = json as { message?: string; errors?: { field: string; message: string }[] } | undefined;
    const fields = payload?.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    const message = payload?.message ?? (text.slice(0, 200) || response.statusText);
    throw new ApiError(response.status, path, fields ? `${message} (${fields})` : message);
  }
  if (json === undefined)
    throw new ApiError(response.status, path, 'The API sent an empty or non-JSON reply.');
  return json as T;
}

const query = (params: Record<string, string | number | undefined>): string => {
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

// ---- Alerts ----

export type { Alert as AlertItem } from '../../domain/alerts';
export type { AlertRun, AlertRunResult } from '../../functions/alerts/run';

/** Monthly runs from `since` (YYYY-MM), newest first. */
export const getAlerts = (since: string) =>
  request<{ authority: string; since: string; runs: AlertRun[] }>('GET', `/alerts${query({ since })}`);

/** Runs a month's alerts now (planners; the local runtime's outbox publisher). */
export const runAlerts = (month: string) => request<AlertRunResult>('POST', '/alerts/runs', { month });
