// Cohort Markov projection: estimate from transition history, simulate (Monte Carlo or expected value),
// summarise roll-ups into ProjectionOutput, with capacity and a scenario-vs-baseline comparison when asked.
// Decision records: model/decisions/ (markov-priors, joiners, monte-carlo, quantiles, cost, capacity, scenarios).
import { PHASES, phaseOfNcy, SETTING_INFO, type Setting } from '../domain/codes';
import type { Provision } from '../domain/provision';
import { type CapacityPlan, capacityRows, type PlaceChange, planCapacity } from './capacity';
import {
  DEFAULT_INFLATION,
  financialYearCost,
  financialYearLabel,
  inflationFactor,
  unitCostTable,
} from './cost';
import { IN_BOROUGH, type ModelData, OUT_OF_BOROUGH } from './data';
import { type CensusView, noAdjustments, type Rollups, simulate } from './engine';
import { estimate, JOINER_GUARD_FACTOR, type MarkovModel, ModelInputError } from './estimate';
import { trendChoices } from './forecast';
import type {
  NeedPhaseYearQuantiles,
  NeedSettingPhaseYearQuantiles,
  NeedSettingYearQuantiles,
  ProjectionOutput,
  YearQuantiles,
} from './output';
import { pointSummary, summariseDraws, summariseInPlace } from './quantiles';
import { compareScenario, compileScenario, type Scenario } from './scenario';
import type { TrendMethod } from './trend';

export const DEFAULT_DRAWS = 1000;
export const DEFAULT_SEED = 42;
export const MAX_DRAWS = 100_000;
/**
 * Fewest Monte Carlo draws for the reported band: with 100, five draws lie beyond each of p05 and p95.
 * Fewer is refused; the expected-value path (`expectedOnly`) is the answer without a band.
 */
export const MIN_DRAWS = 100;
export const MAX_HORIZON = 30;

export interface MarkovOptions {
  /** Census year to project from (default: the last census in the data); earlier years back-test. */
  baseYear?: number;
  horizon: number;
  draws?: number;
  seed?: number;
  /** One pass with expected counts and posterior means: fast, no bands (all quantiles = mean). */
  expectedOnly?: boolean;
  /** Fix the trend of the total joiner rate (default: the candidates weighted by their back-test skill). */
  trend?: TrendMethod;
  /** Annual unit-cost inflation (default 3%). */
  inflation?: number;
  scenario?: Scenario;
  /**
   * Need × setting, need × phase, need × setting × phase and NCY with their bands (default true). A run
   * that reads only totals, capacity or the draws themselves (alerts, back-tests, pricing) skips them:
   * on the demo they are about a third of a 1,000-draw run.
   */
  breakdowns?: boolean;
  /** Local specialist provisions: adds capacity, shortfall and overflow to the output. */
  provisions?: Provision[];
  /** State settings that count as specialist places (default: specialist settings of domain/codes). */
  specialistSettings?: string[];
  /**
   * Sees every census of every draw (children by NCY × need × setting), from the same draws as the output's
   * bands: the baseline's, then the scenario's when there is one (draw d of both from the same random
   * numbers). model/draws.ts wraps it for pricing (`projectionDraws`).
   */
  onCensus?: (census: CensusView, run: ProjectionRun) => void;
}

/** `independent-special@OB` → `independent-special`. */
const baseSetting = (stateSetting: string) => stateSetting.replace(/@(IB|OB)$/, '');

export function isSpecialistSetting(stateSetting: string): boolean {
  const info = SETTING_INFO[baseSetting(stateSetting) as Setting] as
    | (typeof SETTING_INFO)[Setting]
    | undefined;
  return info?.specialist ?? false;
}

/** Which run of a projection a census belongs to. */
export type ProjectionRun = 'baseline' | 'scenario';

export const isOutOfBorough = (stateSetting: string) => stateSetting.endsWith(OUT_OF_BOROUGH);
export const isInBorough = (stateSetting: string) => stateSetting.endsWith(IN_BOROUGH);

function checkOptions(options: MarkovOptions) {
  const { horizon, draws = DEFAULT_DRAWS, seed = DEFAULT_SEED, inflation } = options;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) {
    throw new ModelInputError(
      `horizon must be a whole number of years from 1 to ${MAX_HORIZON}, got ${horizon}`,
    );
  }
  if (!options.expectedOnly && (!Number.isInteger(draws) || draws < MIN_DRAWS || draws > MAX_DRAWS)) {
    throw new ModelInputError(
      `draws must be a whole number from ${MIN_DRAWS} (five draws beyond each of p05 and p95) to ${MAX_DRAWS}, got ${draws}; for a point forecast without a band use the expected-value path`,
    );
  }
  if (!Number.isInteger(seed)) throw new ModelInputError(`seed must be a whole number, got ${seed}`);
  if (inflation !== undefined && !(inflation > -1 && inflation < 1)) {
    throw new ModelInputError(`inflation must be a yearly rate between −1 and 1, got ${inflation}`);
  }
}

interface Run {
  rollups: Rollups;
  capacity: CapacityPlan | null;
}

/** Summary of draw values `rollup[(d * T + t) * width + k]` at (t, k). */
const summaryAt = (rollup: Float64Array, draws: number, T: number, width: number, t: number, k: number) =>
  summariseDraws(draws, (d) => rollup[(d * T + t) * width + k] as number);

function yearSeries(rollup: Float64Array, rollups: Rollups): YearQuantiles[] {
  const T = rollups.years.length;
  return rollups.years.map((year, t) => ({ year, ...summaryAt(rollup, rollups.draws, T, 1, t, 0) }));
}

export function projectMarkov(data: ModelData, options: MarkovOptions): ProjectionOutput {
  checkOptions(options);
  const model = estimate(data, {
    ...(options.baseYear !== undefined && { baseYear: options.baseYear }),
    ...(options.trend !== undefined && { trend: options.trend }),
  });
  const warnings = [...model.warnings];
  // The baseline is priced on the same capacity cells as the scenario (its place changes at 0 places), so
  // overflow is compared with overflow, never with the chain's out-of-borough count.
  const scenarioCells = (options.scenario?.changes ?? []).flatMap((change) =>
    change.kind === 'places'
      ? [{ need: change.need, phase: change.phase, places: 0, fromAcademicYear: change.fromAcademicYear }]
      : [],
  );
  const { onCensus } = options;
  const baseline = run(
    model,
    data,
    options,
    undefined,
    warnings,
    scenarioCells,
    onCensus && ((census) => onCensus(census, 'baseline')),
  );
  const output = summariseRun(model, options, baseline, warnings);
  if (options.scenario) {
    const scenarioRun = run(
      model,
      data,
      options,
      options.scenario,
      warnings,
      [],
      onCensus && ((census) => onCensus(census, 'scenario')),
    );
    output.scenario = compareScenario(options.scenario, model, baseline, scenarioRun);
  }
  if (warnings.length > 0) output.warnings = [...new Set(warnings)];
  return output;
}

function run(
  model: MarkovModel,
  data: ModelData,
  options: MarkovOptions,
  scenario: Scenario | undefined,
  warnings: string[],
  neutralPlaceChanges: PlaceChange[] = [],
  onCensus?: (census: CensusView) => void,
): Run {
  const { space } = model;
  const horizon = options.horizon;
  const years = Array.from({ length: horizon + 1 }, (_, t) => model.baseYear + t);
  const baseCosts = unitCostTable(space, data.costs, scenario ? [] : warnings);
  const compiled = scenario ? compileScenario(scenario, model, years, baseCosts) : null;
  const inflation = compiled?.inflation ?? options.inflation ?? DEFAULT_INFLATION;
  const unitCost = years.map((year, t) => {
    const table = compiled?.unitCost[t] ?? baseCosts;
    const factor = inflationFactor(inflation, model.baseYear, year);
    return table.map((cost) => cost * factor);
  });
  const specialistNames = options.specialistSettings ? new Set(options.specialistSettings) : null;
  const specialist = Uint8Array.from(space.settings, (s) =>
    (specialistNames ? specialistNames.has(s) : isSpecialistSetting(s)) ? 1 : 0,
  );
  const rollups = simulate({
    model,
    horizon,
    draws: options.draws ?? DEFAULT_DRAWS,
    seed: options.seed ?? DEFAULT_SEED,
    expectedOnly: options.expectedOnly ?? false,
    unitCost,
    adjustments: compiled?.adjustments ?? noAdjustments(horizon),
    phaseOfNcy: Uint8Array.from({ length: space.ncyCount }, (_, c) =>
      PHASES.indexOf(phaseOfNcy(space.minNcy + c)),
    ),
    phaseCount: PHASES.length,
    specialist,
    outOfBorough: Uint8Array.from(space.settings, (s) => (isOutOfBorough(s) ? 1 : 0)),
    ...(onCensus ? { onCensus } : {}),
  });
  const provisions = options.provisions ?? [];
  const placeChanges = compiled?.placeChanges ?? neutralPlaceChanges;
  const capacity =
    provisions.length > 0 || placeChanges.length > 0
      ? planCapacity(model, rollups, provisions, placeChanges, unitCost, specialist)
      : null;
  return { rollups, capacity };
}

function summariseRun(model: MarkovModel, options: MarkovOptions, baseline: Run, warnings: string[]) {
  const { rollups } = baseline;
  const { space } = model;
  const N = space.needs.length;
  const S = space.settings.length;
  const T = rollups.years.length;
  const draws = rollups.draws;
  const fyCost = new Float64Array(draws * (T - 1));
  for (let d = 0; d < draws; d++) {
    for (let t = 0; t < T - 1; t++) {
      fyCost[d * (T - 1) + t] = financialYearCost(
        rollups.cost[d * T + t] as number,
        rollups.cost[d * T + t + 1] as number,
      );
    }
  }
  const guardBound = rollups.years.flatMap((year, t) =>
    (rollups.guardBound[t] as number) > 0 ? [year] : [],
  );
  if (guardBound.length > 0) {
    const most = Math.max(...rollups.guardBound);
    warnings.push(
      `the joiner guard (${JOINER_GUARD_FACTOR}× the highest joiner rate in the history) bound from ${guardBound[0]}, in up to ${most} of ${draws} draws a year`,
    );
  }
  const output: ProjectionOutput = {
    baseYear: model.baseYear,
    method: options.expectedOnly ? 'markov-expected' : 'markov-monte-carlo',
    horizon: options.horizon,
    draws,
    seed: options.seed ?? DEFAULT_SEED,
    total: yearSeries(rollups.total, rollups),
    byNeed: space.needs.flatMap((need, n) =>
      rollups.years.map((year, t) => ({ need, year, ...summaryAt(rollups.byNeed, draws, T, N, t, n) })),
    ),
    bySetting: space.settings.flatMap((setting, s) =>
      rollups.years.map((year, t) => ({ setting, year, ...summaryAt(rollups.bySetting, draws, T, S, t, s) })),
    ),
    ...(options.breakdowns === false ? {} : breakdowns(model, rollups)),
    cost: yearSeries(rollups.cost, rollups),
    costByFinancialYear: rollups.years.slice(0, -1).map((year, t) => ({
      financialYear: financialYearLabel(year),
      ...summaryAt(fyCost, draws, T - 1, 1, t, 0),
    })),
    joiners: yearSeries(rollups.joiners, rollups),
    trends: trendChoices(
      model.joinerForecast,
      (n) => ({ need: space.needs[n] as string }),
      guardBound.length > 0,
    ),
  };
  if (baseline.capacity) output.capacity = capacityRows(baseline.capacity, rollups, space.needs);
  return output;
}

/**
 * Need × setting, need × phase, need × setting × phase and NCY, each summed inside every draw from the
 * engine's cells: only the cells with children in some draw and year.
 */
function breakdowns(model: MarkovModel, rollups: Rollups) {
  const { needs, settings, minNcy, ncyCount: C } = model.space;
  const N = needs.length;
  const S = settings.length;
  const P = PHASES.length;
  const T = rollups.years.length;
  const { draws, cells } = rollups;
  const SP = S * P;
  const occupied = new Uint8Array(N * SP);
  for (const cell of rollups.occupiedCells) occupied[cell] = 1;
  const sample = new Float64Array(draws);
  /** The band in each year of the sum of `members` (need × setting × phase cells), draw by draw. */
  const series = (members: number[]) =>
    rollups.years.map((year, t) => {
      for (let d = 0; d < draws; d++) {
        const base = (d * T + t) * N * SP;
        let sum = 0;
        for (const cell of members) sum += cells[base + cell] as number;
        sample[d] = sum;
      }
      return { year, ...(draws === 1 ? pointSummary(sample[0] as number) : summariseInPlace(sample)) };
    });
  const byNeedSettingPhase: NeedSettingPhaseYearQuantiles[] = [];
  const byNeedSetting: NeedSettingYearQuantiles[] = [];
  const byNeedPhase: NeedPhaseYearQuantiles[] = [];
  for (let n = 0; n < N; n++) {
    const need = needs[n] as string;
    for (let s = 0; s < S; s++) {
      const setting = settings[s] as string;
      const members = PHASES.map((_, p) => n * SP + s * P + p).filter((cell) => occupied[cell] === 1);
      if (members.length === 0) continue;
      byNeedSetting.push(...series(members).map((row) => ({ need, setting, ...row })));
      for (const cell of members)
        byNeedSettingPhase.push(
          ...series([cell]).map((row) => ({ need, setting, phase: PHASES[cell % P] as string, ...row })),
        );
    }
    PHASES.forEach((phase, p) => {
      const members = settings.map((_, s) => n * SP + s * P + p).filter((cell) => occupied[cell] === 1);
      if (members.length > 0) byNeedPhase.push(...series(members).map((row) => ({ need, phase, ...row })));
    });
  }
  const byNcy = Array.from({ length: C }, (_, c) => c).flatMap((c) => {
    let any = false;
    for (let row = 0; row < draws * T && !any; row++) any = (rollups.byNcy[row * C + c] as number) > 0;
    return any
      ? rollups.years.map((year, t) => ({
          ncy: minNcy + c,
          year,
          ...summariseDraws(draws, (d) => rollups.byNcy[(d * T + t) * C + c] as number),
        }))
      : [];
  });
  return { byNeedSetting, byNeedPhase, byNeedSettingPhase, byNcy };
}
