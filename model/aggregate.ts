// Aggregate mode: project published counts (year × need, optionally × setting) when no child-level history
// exists. With a population by age the prevalence rate (count ÷ population) is trended and multiplied by
// the projected population; without, the count itself. The same rule as Markov mode's joiners
// (model/forecast.ts): the total trended (candidates weighted by skill, or damped on a short history),
// each need × setting a share of it with pooled growth, drawn together in Monte Carlo draws, so needs and
// settings add up to the total in every draw and cost comes from the same draws.
// Decision record: model/decisions/aggregate-mode.md.
import { type AgePopulationRow, ALL_NEEDS, type CountRow } from './aggregate-csv';
import { DEFAULT_INFLATION, inflationFactor } from './cost';
import type { CostRow } from './data';
import { forecastSeries, type SeriesForecast, trendChoices } from './forecast';
import type { ProjectionOutput } from './output';
import { pointSummary, summariseInPlace } from './quantiles';
import { createRng } from './random';
import type { TrendMethod } from './trend';

export interface AggregateOptions {
  horizon: number;
  /** Last census year used for fitting (default: the last year of the history). */
  baseYear?: number;
  /** A fixed trend, or `auto` (default): the candidates weighted by their back-test skill. */
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
  /** Monte Carlo draws (default 1,000) and seed (default 42). */
  draws?: number;
  seed?: number;
}

export class AggregateInputError extends Error {}

export const DEFAULT_RATE_CAP = 0.1;
export const DEFAULT_AGGREGATE_DRAWS = 1000;
const DEFAULT_SEED = 42;
/** Draws are bounded like Markov mode's: at least 100 for the band, at most 100,000. */
const MIN_DRAWS = 100;
const MAX_DRAWS = 100_000;

/**
 * Unit cost of one series: need × setting as given (setting `ALL` for a table without settings), else the
 * mean over the need's settings, else over the setting's needs, else over every row. Fallbacks reported in
 * `warnings`.
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

/** One finest series: a need, or a need in a setting, with its count in each history year. */
export interface Component {
  need: string;
  setting: string | undefined;
  counts: number[];
}

function componentsOf(rows: readonly CountRow[], years: readonly number[]): Component[] {
  const byKey = new Map<string, Component>();
  const yearIndex = new Map(years.map((year, i) => [year, i]));
  for (const row of rows) {
    const key = `${row.need}\u0000${row.setting ?? ''}`;
    let component = byKey.get(key);
    if (!component) {
      component = { need: row.need, setting: row.setting, counts: new Array<number>(years.length).fill(0) };
      byKey.set(key, component);
    }
    const i = yearIndex.get(row.year) as number;
    component.counts[i] = (component.counts[i] as number) + row.count;
  }
  // Code-point order (needs and settings are codes): localeCompare is ~100× slower at 3,000 needs.
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byKey.values()].sort((a, b) => order(a.need, b.need) || order(a.setting ?? '', b.setting ?? ''));
}

function checkOptions(options: AggregateOptions) {
  const { horizon, draws = DEFAULT_AGGREGATE_DRAWS, seed = DEFAULT_SEED } = options;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 30)
    throw new AggregateInputError('horizon must be a whole number of years from 1 to 30');
  if (!Number.isInteger(draws) || draws < MIN_DRAWS || draws > MAX_DRAWS)
    throw new AggregateInputError(
      `draws must be a whole number from ${MIN_DRAWS} (five draws beyond each of p05 and p95) to ${MAX_DRAWS}, got ${draws}`,
    );
  if (!Number.isInteger(seed)) throw new AggregateInputError(`seed must be a whole number, got ${seed}`);
}

/** The draws of aggregate mode: every component's count in every projected year of every draw. */
export interface AggregateDraws {
  baseYear: number;
  /** Projected years (after the base year). */
  years: number[];
  draws: number;
  components: Component[];
  /** Children of component k in year h of draw d: values[(d · H + h) · K + k]. */
  values: Float32Array;
  /** Years in which the prevalence ceiling bound in some draw. */
  boundYears: number[];
  forecast: SeriesForecast;
  population: ((year: number) => number) | undefined;
  warnings: string[];
}

/**
 * The component draws: the total trended on its own history (prevalence or count), each component a
 * pooled share of it (model/forecast.ts), so components add up to the total in every draw.
 */
export function aggregateDraws(history: readonly CountRow[], options: AggregateOptions): AggregateDraws {
  checkOptions(options);
  const { horizon, trend = 'auto', ages = { min: 0, max: 25 }, rateCap = DEFAULT_RATE_CAP } = options;
  const draws = options.draws ?? DEFAULT_AGGREGATE_DRAWS;
  if (history.length === 0) throw new AggregateInputError('no history: give at least one year of counts');
  const baseYear =
    options.baseYear ?? history.reduce((max, r) => Math.max(max, r.year), Number.NEGATIVE_INFINITY);
  const used = history.filter((r) => r.year <= baseYear);
  if (used.length === 0) throw new AggregateInputError(`no counts in or before the base year ${baseYear}`);
  if (!used.some((r) => r.year === baseYear))
    throw new AggregateInputError(`no counts for the base year ${baseYear}`);

  const warnings: string[] = [];
  const population = options.population
    ? populationLookup(populationByYear(options.population, ages), warnings)
    : undefined;
  const historyYears = [...new Set(used.map((r) => r.year))].sort((a, b) => a - b);
  if (population)
    for (const year of historyYears)
      if (population(year) <= 0)
        throw new AggregateInputError(`population for ${year} is 0: no prevalence rate`);
  const years = Array.from({ length: horizon }, (_, i) => baseYear + 1 + i);
  const scale = (year: number) => (population ? population(year) : 1);

  // The total is trended on the prevalence rate (or the count); the floor is a count's Poisson noise.
  const components = componentsOf(used, historyYears);
  const counts = historyYears.map((_, t) => components.reduce((sum, c) => sum + (c.counts[t] as number), 0));
  const forecast = forecastSeries({
    years: historyYears,
    total: counts.map((count, t) => count / scale(historyYears[t] as number)),
    floorVariance: counts.map((count, t) => count / scale(historyYears[t] as number) ** 2),
    components: components.map((c) => ({
      key: c.setting === undefined ? c.need : `${c.need} in ${c.setting}`,
      counts: c.counts,
    })),
    ...(trend === 'auto' ? {} : { trend }),
    ...(population ? { guard: rateCap } : {}),
  });

  const K = components.length;
  const H = years.length;
  const values = new Float32Array(draws * H * K);
  const buffer = new Float64Array(H * K);
  const bound = new Uint8Array(H);
  const rng = createRng(options.seed ?? DEFAULT_SEED);
  for (let d = 0; d < draws; d++) {
    forecast.sample(rng, years, buffer, bound);
    if (population)
      for (let h = 0; h < H; h++) {
        const people = population(years[h] as number);
        for (let k = 0; k < K; k++) buffer[h * K + k] = (buffer[h * K + k] as number) * people;
      }
    values.set(buffer, d * H * K);
  }
  if (history.some((r) => r.year > baseYear))
    warnings.push(`counts after the base year ${baseYear} were ignored`);
  const boundYears = years.filter((_, h) => bound[h] === 1);
  if (boundYears.length > 0)
    warnings.push(`the prevalence ceiling (${rateCap * 100}% of the population) bound from ${boundYears[0]}`);
  return { baseYear, years, draws, components, values, boundYears, forecast, population, warnings };
}

/** Project the counts: every roll-up summed from the same component draws. */
export function projectAggregate(history: readonly CountRow[], options: AggregateOptions): ProjectionOutput {
  const run = aggregateDraws(history, options);
  const { baseYear, years, draws, components, values, warnings } = run;
  const K = components.length;
  const H = years.length;
  const sample = new Float64Array(draws);
  /** The band of Σ members (× weight, e.g. unit cost) in each year, summed draw by draw. */
  const seriesOf = (members: number[], weight?: (k: number, h: number) => number) => {
    const base = members.reduce(
      (sum, k) => sum + (components[k]?.counts.at(-1) ?? 0) * (weight ? weight(k, -1) : 1),
      0,
    );
    return [
      { year: baseYear, ...pointSummary(base) },
      ...years.map((year, h) => {
        sample.fill(0);
        for (const k of members) {
          const w = weight ? weight(k, h) : 1;
          for (let d = 0; d < draws; d++)
            sample[d] = (sample[d] as number) + (values[(d * H + h) * K + k] as number) * w;
        }
        return { year, ...summariseInPlace(sample) };
      }),
    ];
  };
  const indices = components.map((_, k) => k);
  const groupBy = (keyOf: (c: Component) => string) => {
    const groups = new Map<string, number[]>();
    components.forEach((c, k) => {
      const members = groups.get(keyOf(c));
      if (members) members.push(k);
      else groups.set(keyOf(c), [k]);
    });
    return [...groups];
  };
  const hasSetting = components.some((c) => c.setting !== undefined);
  const onlyTotals = components.every((c) => c.need === ALL_NEEDS);
  const byNeed = groupBy((c) => c.need).flatMap(([need, members]) =>
    seriesOf(members).map((row) => ({ need, ...row })),
  );
  const total = onlyTotals ? byNeed.map(({ need: _need, ...row }) => row) : seriesOf(indices);
  const bySetting = hasSetting
    ? groupBy((c) => c.setting ?? 'unknown').flatMap(([setting, members]) =>
        seriesOf(members).map((row) => ({ setting, ...row })),
      )
    : [];
  let cost: ProjectionOutput['cost'] = [];
  if (options.unitCosts) {
    const unitCost = unitCostOf(options.unitCosts, warnings);
    const prices = components.map((c) => unitCost(c.need, c.setting));
    const inflation = options.inflation ?? DEFAULT_INFLATION;
    cost = seriesOf(
      indices,
      (k, h) =>
        (prices[k] as number) * inflationFactor(inflation, baseYear, h < 0 ? baseYear : (years[h] as number)),
    );
  }

  return {
    baseYear,
    method: run.population ? 'aggregate-prevalence' : 'aggregate-count',
    horizon: H,
    draws,
    seed: options.seed ?? DEFAULT_SEED,
    total,
    byNeed,
    bySetting,
    ...(hasSetting
      ? {
          byNeedSetting: components.flatMap((c, k) =>
            seriesOf([k]).map((row) => ({ need: c.need, setting: c.setting ?? 'unknown', ...row })),
          ),
        }
      : {}),
    cost,
    trends:
      components.length === 1 && components[0]?.need === ALL_NEEDS && components[0]?.setting === undefined
        ? trendChoices(run.forecast, () => ({ need: ALL_NEEDS }), run.boundYears.length > 0).slice(0, 1)
        : trendChoices(
            run.forecast,
            (k) => {
              const { need = '', setting } = components[k] ?? {};
              return setting === undefined ? { need } : { need, setting };
            },
            run.boundYears.length > 0,
          ),
    ...(warnings.length > 0 ? { warnings: [...new Set(warnings)] } : {}),
  };
}
