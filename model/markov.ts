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
import { noAdjustments, type Rollups, simulate } from './engine';
import { estimate, joinerMultipliers, type MarkovModel, ModelInputError } from './estimate';
import type { ProjectionOutput, YearQuantiles } from './output';
import { summariseDraws } from './quantiles';
import { compareScenario, compileScenario, type Scenario } from './scenario';
import type { TrendMethod } from './trend';

export const DEFAULT_DRAWS = 1000;
export const DEFAULT_SEED = 42;
export const MAX_DRAWS = 100_000;
export const MAX_HORIZON = 30;

export interface MarkovOptions {
  /** Census year to project from (default: the last census in the data); earlier years back-test. */
  baseYear?: number;
  horizon: number;
  draws?: number;
  seed?: number;
  /** One pass with expected counts and posterior means: fast, no bands (all quantiles = mean). */
  expectedOnly?: boolean;
  /** Fix the joiner-rate trend of every need (default: chosen per need by back-test). */
  trend?: TrendMethod;
  /** Ceiling on the total projected joiner rate per head of population (default 1%). */
  joinerRateCap?: number;
  /** Annual unit-cost inflation (default 3%). */
  inflation?: number;
  scenario?: Scenario;
  /** Local specialist provisions: adds capacity, shortfall and overflow to the output. */
  provisions?: Provision[];
  /** State settings that count as specialist places (default: specialist settings of domain/codes). */
  specialistSettings?: string[];
}

/** `independent-special@OB` → `independent-special`. */
const baseSetting = (stateSetting: string) => stateSetting.replace(/@(IB|OB)$/, '');

export function isSpecialistSetting(stateSetting: string): boolean {
  const info = SETTING_INFO[baseSetting(stateSetting) as Setting] as
    | (typeof SETTING_INFO)[Setting]
    | undefined;
  return info?.specialist ?? false;
}

export const isOutOfBorough = (stateSetting: string) => stateSetting.endsWith(OUT_OF_BOROUGH);
export const isInBorough = (stateSetting: string) => stateSetting.endsWith(IN_BOROUGH);

function checkOptions(options: MarkovOptions) {
  const { horizon, draws = DEFAULT_DRAWS, seed = DEFAULT_SEED, inflation } = options;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) {
    throw new ModelInputError(
      `horizon must be a whole number of years from 1 to ${MAX_HORIZON}, got ${horizon}`,
    );
  }
  if (!Number.isInteger(draws) || draws < 1 || draws > MAX_DRAWS) {
    throw new ModelInputError(`draws must be a whole number from 1 to ${MAX_DRAWS}, got ${draws}`);
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
    ...(options.joinerRateCap !== undefined && { joinerRateCap: options.joinerRateCap }),
  });
  const warnings = [...model.warnings];
  // The baseline is priced on the same capacity cells as the scenario (its place changes at 0 places), so
  // overflow is compared with overflow, never with the chain's out-of-borough count.
  const scenarioCells = (options.scenario?.changes ?? []).flatMap((change) =>
    change.kind === 'places'
      ? [{ need: change.need, phase: change.phase, places: 0, fromAcademicYear: change.fromAcademicYear }]
      : [],
  );
  const baseline = run(model, data, options, undefined, warnings, scenarioCells);
  const output = summariseRun(model, options, baseline, warnings);
  if (options.scenario) {
    const scenarioRun = run(model, data, options, options.scenario, warnings);
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
  const { capped } = joinerMultipliers(model, rollups.years);
  if (capped.size > 0)
    warnings.push(`joiner rates capped at ${model.joinerRateCap * 100}% of the population a year`);
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
    cost: yearSeries(rollups.cost, rollups),
    costByFinancialYear: rollups.years.slice(0, -1).map((year, t) => ({
      financialYear: financialYearLabel(year),
      ...summaryAt(fyCost, draws, T - 1, 1, t, 0),
    })),
    joiners: yearSeries(rollups.joiners, rollups),
    trends: model.joinerTrends.map((trend, n) => ({
      need: trend.need,
      method: trend.method,
      chosenBy: trend.chosenBy,
      residualSd: trend.residualSd,
      capped: capped.has(n),
    })),
  };
  if (baseline.capacity) output.capacity = capacityRows(baseline.capacity, rollups, space.needs);
  return output;
}
