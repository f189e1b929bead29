// Aggregate mode: project published counts (year × need, optionally × setting) when no child-level history
// exists. With a population by age: prevalence rate (count ÷ population) trended, × projected population;
// without: the count itself trended. Bands from trend residuals widening with the horizon.
// Decision record: model/decisions/aggregate-mode.md.
import { type AgePopulationRow, ALL_NEEDS, type CountRow } from './aggregate-csv';
import { DEFAULT_INFLATION, inflationFactor } from './cost';
import type { CostRow } from './data';
import type { ProjectionOutput, Quantiles, TrendChoice } from './output';
import { chooseTrend, type FittedTrend, fitTrend, type TrendMethod, type TrendPoint } from './trend';

export interface AggregateOptions {
  horizon: number;
  /** Last census year used for fitting (default: the last year of the history). */
  baseYear?: number;
  /** A fixed trend, or `auto` (default) to choose per series by rolling-origin back-test. */
  trend?: TrendMethod | 'auto';
  population?: AgePopulationRow[];
  /** Ages of the population the counts relate to (default 0–25, the SEND age range). */
  ages?: { min: number; max: number };
  /** Ceiling of a projected prevalence rate (default 0.1: 10% of the population, ~3× England's 2025 rate). */
  rateCap?: number;
  /** Unit costs by need (× setting) at base-year prices; without them `cost` is empty. */
  unitCosts?: readonly CostRow[];
  /** Annual unit-cost inflation (default 3%, as in Markov mode). */
  inflation?: number;
}

export class AggregateInputError extends Error {}

export const DEFAULT_RATE_CAP = 0.1;
// Standard normal quantiles, R qnorm(0.95) and qnorm(0.75) to double precision (simple-statistics' probit
// is a ~1e-3 approximation).
const Z95 = 1.6448536269514722;
const Z75 = 0.6744897501960817;
const Z = { p05: -Z95, p25: -Z75, p75: Z75, p95: Z95 };

/**
 * Normal band around a point forecast of a count h years ahead: sd = max(residual sd, √point) × √h —
 * errors accumulate like a random walk, and a count is never known better than its Poisson noise (so a
 * short or perfectly regular history still gets a band) — truncated at 0 because counts are non-negative.
 */
export function band(point: number, residualSd: number, h: number): Quantiles {
  return normalBand(point, forecastSd(point, residualSd, h));
}

const forecastSd = (point: number, residualSd: number, h: number) =>
  Math.max(residualSd, Math.sqrt(point)) * Math.sqrt(Math.max(0, h));

/** Normal quantiles around `point` with standard deviation `sd`, truncated at 0. */
export function normalBand(point: number, sd: number): Quantiles {
  const at = (z: number) => Math.max(0, point + z * sd);
  return { mean: point, p05: at(Z.p05), p25: at(Z.p25), p50: point, p75: at(Z.p75), p95: at(Z.p95) };
}

interface Forecast {
  year: number;
  point: number;
  sd: number;
}

const toQuantiles = ({ year, point, sd }: Forecast) => ({ year, ...normalBand(point, sd) });

/**
 * Unit cost of one series: need × setting as given (setting `ALL` for a table without settings), else the mean over the need's settings, else over the
 * setting's needs, else over every row (`ALL` takes that overall mean). Fallbacks reported in `warnings`.
 */
function unitCostOf(costs: readonly CostRow[], warnings: string[]) {
  const mean = (rows: readonly CostRow[]) => rows.reduce((sum, row) => sum + row.cost, 0) / rows.length;
  return (need: string, setting: string | undefined): number => {
    // A table without settings matches cost rows written with setting ALL.
    const exact = costs.find((c) => c.need === need && c.setting === (setting ?? ALL_NEEDS));
    if (exact) return exact.cost;
    for (const [rows, how] of [
      [costs.filter((c) => c.need === need), `the mean over ${need}'s settings`],
      [costs.filter((c) => c.setting === setting), `the mean over ${setting}'s needs`],
      [costs, 'the mean of all unit costs'],
    ] as const) {
      if (rows.length === 0) continue;
      warnings.push(`no unit cost for ${need}${setting === undefined ? '' : ` in ${setting}`}: used ${how}`);
      return mean(rows);
    }
    return 0;
  };
}

interface Series {
  key: string;
  points: TrendPoint[];
}

/** Sum counts into one series per key (need, setting or total) over the history years. */
function seriesBy(rows: readonly CountRow[], keyOf: (row: CountRow) => string): Series[] {
  const sums = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const key = keyOf(row);
    const byYear = sums.get(key) ?? new Map<number, number>();
    byYear.set(row.year, (byYear.get(row.year) ?? 0) + row.count);
    sums.set(key, byYear);
  }
  return [...sums].map(([key, byYear]) => ({
    key,
    points: [...byYear].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year),
  }));
}

/** Population of the counted ages in each year. */
function populationByYear(rows: readonly AgePopulationRow[], ages: { min: number; max: number }) {
  const totals = new Map<number, number>();
  for (const row of rows)
    if (row.age >= ages.min && row.age <= ages.max)
      totals.set(row.year, (totals.get(row.year) ?? 0) + row.population);
  return totals;
}

/**
 * Population for a year: the year itself, else the nearest year available (a flat back- or forward-cast,
 * reported in `warnings`).
 */
function populationLookup(totals: Map<number, number>, warnings: string[]) {
  const years = [...totals.keys()].sort((a, b) => a - b);
  if (years.length === 0) throw new AggregateInputError('the population has no rows for the counted ages');
  const warned = new Set<number>();
  return (year: number): number => {
    const exact = totals.get(year);
    if (exact !== undefined) return exact;
    const nearest = years.reduce((best, y) => (Math.abs(y - year) < Math.abs(best - year) ? y : best));
    if (!warned.has(year)) {
      warned.add(year);
      warnings.push(`no population for ${year}: used ${nearest}'s`);
    }
    return totals.get(nearest) ?? 0;
  };
}

/**
 * Candidates in tie-break order. Damped first: when a series is too short to back-test it follows the
 * recent growth but flattens — between "previous rates" (flat), which has under-forecast SEND growth again
 * and again, and an unbounded line.
 */
export const AUTO_ORDER: readonly TrendMethod[] = ['damped', 'linear', 'log-linear', 'flat'];

function fitSeries(points: TrendPoint[], trend: TrendMethod | 'auto', horizon: number, cap?: number) {
  const options = cap === undefined ? {} : { cap };
  if (trend !== 'auto') return { fitted: fitTrend(points, trend, options), chosenBy: 'fixed' as const };
  const choice = chooseTrend(points, AUTO_ORDER, horizon, options);
  return { fitted: choice.fitted, chosenBy: choice.chosenBy };
}

/** Project every series; each roll-up (total, need, setting) is fitted as its own series. */
export function projectAggregate(history: readonly CountRow[], options: AggregateOptions): ProjectionOutput {
  const { horizon, trend = 'auto', ages = { min: 0, max: 25 }, rateCap = DEFAULT_RATE_CAP } = options;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 30)
    throw new AggregateInputError('horizon must be a whole number of years from 1 to 30');
  if (history.length === 0) throw new AggregateInputError('no history: give at least one year of counts');
  const baseYear = options.baseYear ?? Math.max(...history.map((r) => r.year));
  const used = history.filter((r) => r.year <= baseYear);
  if (used.length === 0) throw new AggregateInputError(`no counts in or before the base year ${baseYear}`);
  if (!used.some((r) => r.year === baseYear))
    throw new AggregateInputError(`no counts for the base year ${baseYear}`);

  const warnings: string[] = [];
  const population = options.population
    ? populationLookup(populationByYear(options.population, ages), warnings)
    : undefined;
  if (population)
    for (const year of new Set(used.map((r) => r.year)))
      if (population(year) <= 0)
        throw new AggregateInputError(`population for ${year} is 0: no prevalence rate`);

  const years = Array.from({ length: horizon }, (_, i) => baseYear + 1 + i);
  const trends: TrendChoice[] = [];

  const forecast = (series: Series, recordTrend: boolean): Forecast[] => {
    const points = population
      ? series.points.map((p) => ({ year: p.year, value: p.value / population(p.year) }))
      : series.points;
    const { fitted, chosenBy } = fitSeries(points, trend, horizon, population ? rateCap : undefined);
    if (recordTrend) trends.push(trendChoice(series.key, fitted, chosenBy, points, years));
    const scale = (year: number) => (population ? population(year) : 1);
    const base = series.points.find((p) => p.year === baseYear)?.value ?? 0;
    return [
      { year: baseYear, point: base, sd: 0 },
      ...years.map((year) => {
        const point = fitted.predict(year) * scale(year);
        return { year, point, sd: forecastSd(point, fitted.residualSd * scale(year), year - baseYear) };
      }),
    ];
  };
  const project = (series: Series, recordTrend: boolean) => forecast(series, recordTrend).map(toQuantiles);

  const hasSetting = used.some((r) => r.setting !== undefined);
  const byNeed = seriesBy(used, (r) => r.need).flatMap((s) =>
    project(s, true).map((q) => ({ need: s.key, ...q })),
  );
  const onlyTotals = used.every((r) => r.need === ALL_NEEDS);
  const total = onlyTotals
    ? byNeed.map(({ need: _need, ...q }) => q)
    : project(seriesBy(used, () => ALL_NEEDS)[0] as Series, true);
  const bySetting = hasSetting
    ? seriesBy(used, (r) => r.setting ?? 'unknown').flatMap((s) =>
        project(s, false).map((q) => ({ setting: s.key, ...q })),
      )
    : [];
  const cost = options.unitCosts
    ? costSeries(
        seriesBy(used, (r) => `${r.need}\u0000${r.setting ?? ''}`).map((series) => {
          const [need = '', setting = ''] = series.key.split('\u0000');
          return {
            unitCost: unitCostOf(options.unitCosts ?? [], warnings)(need, setting || undefined),
            forecasts: forecast(series, false),
          };
        }),
        (year) => inflationFactor(options.inflation ?? DEFAULT_INFLATION, baseYear, year),
      )
    : [];
  if (history.some((r) => r.year > baseYear))
    warnings.push(`counts after the base year ${baseYear} were ignored`);
  if (trends.some((t) => t.residualSd === 0))
    warnings.push(
      'some series are too short or too regular for residuals: their bands are Poisson noise only',
    );

  return {
    baseYear,
    method: population ? 'aggregate-prevalence' : 'aggregate-count',
    horizon,
    total,
    byNeed,
    bySetting,
    cost,
    trends,
    ...(warnings.length > 0 ? { warnings: [...new Set(warnings)] } : {}),
  };
}

/**
 * Cost by year: Σ unit cost × count over the finest series (need, or need × setting), inflated; the
 * series' errors taken as independent, so sd = √Σ (unit cost · sd)².
 */
function costSeries(
  parts: { unitCost: number; forecasts: Forecast[] }[],
  inflation: (year: number) => number,
) {
  const years = parts[0]?.forecasts.map((f) => f.year) ?? [];
  return years.map((year, t) => {
    let point = 0;
    let variance = 0;
    for (const { unitCost, forecasts } of parts) {
      const f = forecasts[t] as Forecast;
      point += unitCost * f.point;
      variance += (unitCost * f.sd) ** 2;
    }
    return toQuantiles({ year, point: point * inflation(year), sd: Math.sqrt(variance) * inflation(year) });
  });
}

function trendChoice(
  need: string,
  fitted: FittedTrend,
  chosenBy: TrendChoice['chosenBy'],
  points: TrendPoint[],
  years: number[],
): TrendChoice {
  const unclamped = fitTrend(points, fitted.method);
  const capped = years.some((year) => fitted.predict(year) < unclamped.predict(year));
  return { need, method: fitted.method, chosenBy, residualSd: fitted.residualSd, capped };
}
