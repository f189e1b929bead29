// ProjectionOutput: the stable `--json` contract of the model CLI and the body of a stored projection.
// Every projection route (Markov Monte Carlo, Markov expected value, aggregate prevalence or count trend)
// produces this one shape, so the CLI, API and dashboard read a single format.
// Conventions: years are January census years; money is £ per year at the prices of the run (after
// inflation); every number is finite (the model never emits NaN — undefined ratios are `null`).
import * as z from '../domain/zod';

const Year = z.number().int().min(1900).max(2200);
const Count = z.number().finite();
const Ratio = z.number().finite();

/** Mean and quantiles of one quantity across Monte Carlo draws (all equal on the expected-value path). */
export const Quantiles = z.object({
  mean: z.number().finite(),
  p05: z.number().finite(),
  p25: z.number().finite(),
  p50: z.number().finite(),
  p75: z.number().finite(),
  p95: z.number().finite(),
});
export type Quantiles = z.infer<typeof Quantiles>;

export const YearQuantiles = z.object({ year: Year, ...Quantiles.shape });
export type YearQuantiles = z.infer<typeof YearQuantiles>;

export const NeedYearQuantiles = z.object({ need: z.string().min(1), ...YearQuantiles.shape });
export type NeedYearQuantiles = z.infer<typeof NeedYearQuantiles>;

export const SettingYearQuantiles = z.object({ setting: z.string().min(1), ...YearQuantiles.shape });
export type SettingYearQuantiles = z.infer<typeof SettingYearQuantiles>;

/** Breakdowns planners ask for ("SEMH in independent special schools, secondary"), each with its band. */
export const NeedSettingYearQuantiles = z.object({
  need: z.string().min(1),
  setting: z.string().min(1),
  ...YearQuantiles.shape,
});
export type NeedSettingYearQuantiles = z.infer<typeof NeedSettingYearQuantiles>;

export const NeedPhaseYearQuantiles = z.object({
  need: z.string().min(1),
  phase: z.string().min(1),
  ...YearQuantiles.shape,
});
export type NeedPhaseYearQuantiles = z.infer<typeof NeedPhaseYearQuantiles>;

export const NeedSettingPhaseYearQuantiles = z.object({
  need: z.string().min(1),
  setting: z.string().min(1),
  phase: z.string().min(1),
  ...YearQuantiles.shape,
});
export type NeedSettingPhaseYearQuantiles = z.infer<typeof NeedSettingPhaseYearQuantiles>;

/** Children by national curriculum year (NCY −5 … 25). */
export const NcyYearQuantiles = z.object({ ncy: z.number().int().min(-10).max(30), ...YearQuantiles.shape });
export type NcyYearQuantiles = z.infer<typeof NcyYearQuantiles>;

/** Cost by financial year (April–March), e.g. `2025-26`, apportioned from the January censuses. */
export const FinancialYearQuantiles = z.object({
  financialYear: z.string().regex(/^\d{4}-\d{2}$/),
  ...Quantiles.shape,
});
export type FinancialYearQuantiles = z.infer<typeof FinancialYearQuantiles>;

export const PROJECTION_METHODS = [
  'markov-monte-carlo',
  'markov-expected',
  'aggregate-prevalence',
  'aggregate-count',
] as const;
export const ProjectionMethod = z.enum(PROJECTION_METHODS);
export type ProjectionMethod = z.infer<typeof ProjectionMethod>;

export const TREND_METHODS = ['flat', 'linear', 'log-linear', 'damped'] as const;
export const TrendMethodSchema = z.enum(TREND_METHODS);

/**
 * How a series was trended (model/forecast.ts). `ALL` is the total — joiner rate (Markov), prevalence or
 * count (aggregate) — and each need (× setting) a share of it whose growth is pooled towards the total's.
 */
export const TrendChoice = z.object({
  need: z.string().min(1),
  /** Aggregate mode with settings: the component is this need in this setting. */
  setting: z.string().min(1).optional(),
  /** The total's most weighted candidate (a need follows the total's trend). */
  method: TrendMethodSchema,
  /**
   * `weighted`: candidates averaged by rolling-origin skill (≥ 3 scored forecasts); `short-history`: a
   * damped trend (fewer); `fixed`: the user's choice; `pooled`: a need's share, growth shrunk to the total's.
   */
  chosenBy: z.enum(['fixed', 'weighted', 'short-history', 'pooled']),
  residualSd: z.number().finite().nonnegative(),
  /** Weight of each candidate trend in the draws (they sum to 1). */
  weights: z.partialRecord(TrendMethodSchema, z.number().min(0).max(1)).optional(),
  /** Sd of the drift beyond count noise that the draws add (a yearly step or yearly noise). */
  driftSd: z.number().finite().nonnegative().optional(),
  /** A need's share of the total in the last history year, and its yearly growth relative to the total. */
  share: z.number().min(0).max(1).optional(),
  growth: z.number().finite().optional(),
  /** The share's growth before pooling. */
  rawGrowth: z.number().finite().optional(),
  /** True when the guard (relative to the history) or a cap bound in some projected year. */
  capped: z.boolean().optional(),
});
export type TrendChoice = z.infer<typeof TrendChoice>;

/**
 * Specialist demand against local capacity for one need × phase × year. `demand` is children wanting a
 * local specialist place; `overflow` the children beyond local places who go independent / out of borough,
 * `overflowCost` their cost at those settings' unit cost.
 */
export const CapacityRow = z.object({
  need: z.string().min(1),
  phase: z.string().min(1),
  year: Year,
  places: Count.nonnegative(),
  demand: Quantiles,
  /** max(0, demand − places) at the demand median and 95th percentile. */
  shortfall: z.object({ p50: Count.nonnegative(), p95: Count.nonnegative() }),
  /** Median demand ÷ places; null when there are no places. */
  utilisation: Ratio.nullable(),
  overflow: Quantiles,
  overflowCost: Quantiles,
});
export type CapacityRow = z.infer<typeof CapacityRow>;

/** Mean absolute percentage error as a fraction (0.12 = 12%); null when every actual is 0. */
const Mape = Ratio.nonnegative().nullable();

/**
 * Rolling-origin back-test error for one need (or `ALL`) at one forecast horizon, across origins:
 * `coverage50` / `coverage90` are the shares of actuals inside p25–p75 / p05–p95.
 */
export const BacktestRow = z.object({
  need: z.string().min(1),
  horizon: z.number().int().positive(),
  /** Number of (origin, year) forecasts scored. */
  n: z.number().int().nonnegative(),
  mape: Mape,
  coverage50: Ratio.min(0).max(1).nullable(),
  coverage90: Ratio.min(0).max(1).nullable(),
  baselines: z.object({ lastValue: Mape, linearTrend: Mape }),
});
export type BacktestRow = z.infer<typeof BacktestRow>;

/** One scored forecast: what the model and the baselines said for `year` from `origin`, and the actual. */
export const BacktestPoint = z.object({
  need: z.string().min(1),
  origin: Year,
  year: Year,
  actual: Count,
  forecast: Quantiles,
  lastValue: Count,
  linearTrend: Count,
});
export type BacktestPoint = z.infer<typeof BacktestPoint>;

export const Backtest = z.object({
  /** Census years the model was fitted up to (data after an origin is never seen by its fit). */
  origins: z.array(Year).min(1),
  horizon: z.number().int().positive(),
  rows: z.array(BacktestRow),
  points: z.array(BacktestPoint),
});
export type Backtest = z.infer<typeof Backtest>;

/** Scenario against baseline for one year; demand and costs are means across draws. */
export const ScenarioRow = z.object({
  year: Year,
  specialistDemand: z.object({ baseline: Count, scenario: Count }),
  localPlaces: z.object({ baseline: Count, scenario: Count }),
  outOfBoroughAvoided: Count,
  cost: z.object({ baseline: Count, scenario: Count }),
  /** baseline cost − scenario cost (positive = the scenario saves money). */
  saving: Count,
  cumulativeSaving: Count,
});
export type ScenarioRow = z.infer<typeof ScenarioRow>;

export const ScenarioComparison = z.object({
  name: z.string(),
  capitalCost: Count.nonnegative().optional(),
  rows: z.array(ScenarioRow),
  /** First year the cumulative saving covers the capital cost (or turns positive); null if never in range. */
  breakEvenYear: Year.nullable(),
});
export type ScenarioComparison = z.infer<typeof ScenarioComparison>;

/** The general population joiners were divided by: the authority's ONS area, or a witan.send population.csv. */
export const PopulationUsed = z.object({
  areaCode: z.string().optional(),
  areaName: z.string().optional(),
  source: z.string().min(1),
});
export type PopulationUsed = z.infer<typeof PopulationUsed>;

export const ProjectionOutput = z
  .object({
    /** Census year of the last observed state; projections start at baseYear + 1. */
    baseYear: Year,
    method: ProjectionMethod,
    horizon: z.number().int().nonnegative().optional(),
    draws: z.number().int().positive().optional(),
    seed: z.number().int().optional(),
    /** Observed base-year values are included as the first year of each series (all quantiles equal). */
    total: z.array(YearQuantiles),
    byNeed: z.array(NeedYearQuantiles),
    bySetting: z.array(SettingYearQuantiles),
    /** Need × setting, need × phase, need × setting × phase and NCY, from the same draws (non-empty cells). */
    byNeedSetting: z.array(NeedSettingYearQuantiles).optional(),
    byNeedPhase: z.array(NeedPhaseYearQuantiles).optional(),
    byNeedSettingPhase: z.array(NeedSettingPhaseYearQuantiles).optional(),
    byNcy: z.array(NcyYearQuantiles).optional(),
    cost: z.array(YearQuantiles),
    costByFinancialYear: z.array(FinancialYearQuantiles).optional(),
    joiners: z.array(YearQuantiles).optional(),
    trends: z.array(TrendChoice).optional(),
    capacity: z.array(CapacityRow).optional(),
    backtest: Backtest.optional(),
    scenario: ScenarioComparison.optional(),
    /** The population the joiner rates (Markov) or prevalence rates (aggregate) were based on. */
    population: PopulationUsed.optional(),
    /** Documented fallbacks taken on degenerate input (e.g. one year of history → flat trend). */
    warnings: z.array(z.string()).optional(),
  })
  .meta({ id: 'ProjectionOutput' });
export type ProjectionOutput = z.infer<typeof ProjectionOutput>;
