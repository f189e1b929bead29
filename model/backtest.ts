// Rolling-origin back-test: fit on the censuses up to year T only, forecast T+1…T+h, score against what
// happened, for every origin T from the first asked for to the last-but-one census. Scored beside two naive
// baselines (last value carried forward; straight line through the history to T) so users see what the
// model adds. Decision record: model/decisions/backtest.md.

import { type AggregateOptions, projectAggregate } from './aggregate';
import { ALL_NEEDS, type CountRow } from './aggregate-csv';
import { type ModelData, NONSEND } from './data';
import type {
  Backtest,
  BacktestPoint,
  BacktestRow,
  ProjectionOutput,
  Quantiles,
  YearQuantiles,
} from './output';
import { populationUpTo } from './population';
import { fitTrend } from './trend';

export class BacktestInputError extends Error {}

/** Observed counts: need (and `ALL` for the total) → year → count. */
export type Actuals = Map<string, Map<number, number>>;

export interface RollingOptions {
  /** First origin (default: the third census, so the first fit sees three years). */
  origin?: number;
  /** Longest horizon scored (default: from the first origin to the last census, at most 5). */
  horizon?: number;
}

/** Forecast from origin T for `horizon` years, fitted only on data up to T. */
export type Forecaster = (origin: number, horizon: number) => ProjectionOutput;

function add(actuals: Actuals, need: string, year: number, count: number): void {
  const byYear = actuals.get(need) ?? new Map<number, number>();
  byYear.set(year, (byYear.get(year) ?? 0) + count);
  actuals.set(need, byYear);
}

/** Census counts by need (and `ALL`) from aggregate rows. */
export function actualsFromCounts(rows: readonly CountRow[]): Actuals {
  const actuals: Actuals = new Map();
  for (const row of rows) {
    add(actuals, row.need, row.year, row.count);
    if (row.need !== ALL_NEEDS) add(actuals, ALL_NEEDS, row.year, row.count);
  }
  return actuals;
}

/**
 * Census counts by need (and `ALL`) from transitions: census Y is every "from" state of year Y; the last
 * census (one after the last transition year) is every "to" state of the last year.
 */
export function actualsFromTransitions(transitions: ModelData['transitions']): Actuals {
  const actuals: Actuals = new Map();
  if (transitions.length === 0) return actuals;
  const lastYear = transitions.reduce((max, t) => Math.max(max, t.calendarYear), Number.NEGATIVE_INFINITY);
  for (const t of transitions) {
    if (t.setting1 !== NONSEND) {
      add(actuals, t.need1, t.calendarYear, 1);
      add(actuals, ALL_NEEDS, t.calendarYear, 1);
    }
    if (t.calendarYear === lastYear && t.setting2 !== NONSEND) {
      add(actuals, t.need2, lastYear + 1, 1);
      add(actuals, ALL_NEEDS, lastYear + 1, 1);
    }
  }
  return actuals;
}

/** Mean absolute percentage error over points with a non-zero actual; null when there are none. */
function mape(pairs: readonly { forecast: number; actual: number }[]): number | null {
  const scored = pairs.filter((p) => p.actual > 0);
  if (scored.length === 0) return null;
  return scored.reduce((sum, p) => sum + Math.abs(p.forecast - p.actual) / p.actual, 0) / scored.length;
}

function coverage(points: readonly BacktestPoint[], low: keyof Quantiles, high: keyof Quantiles) {
  if (points.length === 0) return null;
  return (
    points.filter((p) => p.forecast[low] <= p.actual && p.actual <= p.forecast[high]).length / points.length
  );
}

/** One projection's quantiles by need (and `ALL` for the total) and year, indexed once: O(1) per lookup. */
function indexForecast(output: ProjectionOutput): Map<string, Map<number, Quantiles>> {
  const index = new Map<string, Map<number, Quantiles>>();
  const put = (need: string, { year, mean, p05, p25, p50, p75, p95 }: YearQuantiles) => {
    const byYear = index.get(need) ?? new Map<number, Quantiles>();
    byYear.set(year, { mean, p05, p25, p50, p75, p95 });
    index.set(need, byYear);
  };
  for (const row of output.total) put(ALL_NEEDS, row);
  for (const row of output.byNeed) put(row.need, row);
  return index;
}

const ZERO_FORECAST: Quantiles = { mean: 0, p05: 0, p25: 0, p50: 0, p75: 0, p95: 0 };

/** Run `forecast` from every origin and score it against `actuals` beside the naive baselines. */
export function rollingOrigin(
  actuals: Actuals,
  forecast: Forecaster,
  options: RollingOptions = {},
): ProjectionOutput {
  const years = [...new Set([...actuals.values()].flatMap((byYear) => [...byYear.keys()]))].sort(
    (a, b) => a - b,
  );
  const first = years[0];
  const last = years.at(-1);
  if (first === undefined || last === undefined || years.length < 2)
    throw new BacktestInputError('a back-test needs at least two census years');
  const firstOrigin = options.origin ?? Math.min(first + 2, last - 1);
  if (!Number.isInteger(firstOrigin) || firstOrigin < first || firstOrigin >= last)
    throw new BacktestInputError(
      `origin must be a census year from ${first} to ${last - 1}, got ${firstOrigin}`,
    );
  const horizon = options.horizon ?? Math.min(5, last - firstOrigin);
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new BacktestInputError('horizon must be a positive whole number');

  const origins = years.filter((year) => year >= firstOrigin && year < last);
  const points: BacktestPoint[] = [];
  let firstOutput: ProjectionOutput | undefined;
  for (const origin of origins) {
    const h = Math.min(horizon, last - origin);
    const output = forecast(origin, h);
    firstOutput ??= output;
    const forecasts = indexForecast(output);
    for (const [need, byYear] of actuals) {
      const history = [...byYear]
        .filter(([year]) => year <= origin)
        .map(([year, value]) => ({ year, value }))
        .sort((a, b) => a.year - b.year);
      const lastValue = history.at(-1);
      if (!lastValue) continue;
      const line = fitTrend(history, 'linear');
      for (let year = origin + 1; year <= origin + h; year++) {
        const actual = byYear.get(year);
        const predicted = forecasts.get(need)?.get(year);
        if (actual === undefined) continue;
        points.push({
          need,
          origin,
          year,
          actual,
          // A need the model never saw by the origin is forecast as 0 (that is the model's answer).
          forecast: predicted ?? ZERO_FORECAST,
          lastValue: lastValue.value,
          linearTrend: line.predict(year),
        });
      }
    }
  }

  // Points grouped by need and horizon in one pass (filtering per need would be quadratic in the needs).
  const groups = new Map<string, BacktestPoint[][]>();
  for (const point of points) {
    const byHorizon = groups.get(point.need) ?? Array.from({ length: horizon + 1 }, () => []);
    byHorizon[point.year - point.origin]?.push(point);
    groups.set(point.need, byHorizon);
  }
  const rows: BacktestRow[] = [];
  for (const [need, byHorizon] of groups)
    for (let h = 1; h <= horizon; h++) {
      const scored = byHorizon[h] ?? [];
      if (scored.length === 0) continue;
      rows.push({
        need,
        horizon: h,
        n: scored.length,
        mape: mape(scored.map((p) => ({ forecast: p.forecast.p50, actual: p.actual }))),
        coverage50: coverage(scored, 'p25', 'p75'),
        coverage90: coverage(scored, 'p05', 'p95'),
        baselines: {
          lastValue: mape(scored.map((p) => ({ forecast: p.lastValue, actual: p.actual }))),
          linearTrend: mape(scored.map((p) => ({ forecast: p.linearTrend, actual: p.actual }))),
        },
      });
    }
  const needOrder = (need: string) => (need === ALL_NEEDS ? '' : need);
  rows.sort((a, b) => needOrder(a.need).localeCompare(needOrder(b.need)) || a.horizon - b.horizon);

  const backtest: Backtest = { origins, horizon, rows, points };
  return { ...(firstOutput as ProjectionOutput), backtest };
}

/** Draws per origin of an aggregate back-test (each origin is a full refit): enough for p05–p95. */
export const BACKTEST_DRAWS = 200;

/** Back-test aggregate mode on published counts. */
export function backtestAggregate(
  history: readonly CountRow[],
  options: RollingOptions & Omit<AggregateOptions, 'horizon' | 'baseYear'> = {},
): ProjectionOutput {
  const { origin, horizon, ...modelOptions } = options;
  return rollingOrigin(
    actualsFromCounts(history),
    (baseYear, h) =>
      projectAggregate(
        history.filter((row) => row.year <= baseYear),
        { draws: BACKTEST_DRAWS, ...modelOptions, baseYear, horizon: h },
      ),
    { ...(origin === undefined ? {} : { origin }), ...(horizon === undefined ? {} : { horizon }) },
  );
}

export interface MarkovBacktestOptions extends RollingOptions {
  /**
   * The data as known at an origin: everything the fit uses (transitions, costs, valid states, population,
   * priors) from census years up to the origin only. Default: transitions ending by the origin's census and
   * population rows up to it (costs and valid states of a witan.send set are tables without years).
   */
  dataUpTo?: (origin: number) => ModelData;
}

/** Transitions ending by the origin's census (calendarYear < T) and the population known then. */
export const witanDataUpTo = (data: ModelData) => (origin: number) => ({
  ...data,
  transitions: data.transitions.filter((t) => t.calendarYear < origin),
  population: populationUpTo(data.population, origin),
});

/**
 * Back-test a Markov projection: `project` is called with the data as known at each origin only (see
 * `dataUpTo`), so nothing after an origin can inform its forecast; actuals come from the full history.
 */
export function backtestMarkov(
  data: ModelData,
  project: (data: ModelData, baseYear: number, horizon: number) => ProjectionOutput,
  { dataUpTo = witanDataUpTo(data), ...options }: MarkovBacktestOptions = {},
): ProjectionOutput {
  const censusYears = new Set(data.transitions.map((t) => t.calendarYear));
  const first = Math.min(...censusYears);
  // A Markov fit needs a transition year before the origin: first origin is the second census at the earliest.
  const origin = options.origin ?? first + 2;
  if (origin <= first)
    throw new BacktestInputError(`a Markov back-test origin must be after ${first}, the first census`);
  return rollingOrigin(
    actualsFromTransitions(data.transitions),
    (baseYear, h) => project(dataUpTo(baseYear), baseYear, h),
    { ...options, origin },
  );
}
