// The finance forecast (GET /forecast): high needs spend for a run of financial years, with its band, priced
// draw by draw from the Monte Carlo draws of the Markov projection (forecast-pricing.ts says how a census is
// priced), against the budget, with the cumulative DSG balance, unmitigated and with scenarios applied as
// mitigations. Pure: the model's draws, the placements and the settings in, figures out.
//
// For each draw and financial year: actual spend to asOf (recorded, the same in every draw) + for every month
// after asOf, the cost of the caseload in the January census of that month's academic year in that draw, at
// the authority's unit costs with the uplift. Quantiles are taken across draws, per year; the DSG balance is
// carried draw by draw (a draw that overspends one year starts the next one lower), so its band is the band
// of the cumulative sum, not a sum of bands.
// Decision record: model/decisions/finance-forecast.md.
import { summarise } from '../model/quantiles';
import { type Budget, budgetByDsgCategory, budgetTotal } from './budget';
import { DSG_CATEGORIES, DSG_CATEGORY_LABELS, type DsgCategory, type Phase } from './codes';
import { FinancialYear, financialYearBounds, financialYearLabel, IsoDate } from './dates';
import type { FinanceSettings } from './finance-settings';
import {
  type CellPrice,
  monthsByCensus,
  priceIndex,
  type UnitCostRow,
  type UnitCosts,
} from './forecast-pricing';
import {
  apportionPennies,
  breakdownPennyDays,
  computeSpend,
  DAYS_PER_YEAR,
  type SpendPlacement,
  totalPennyDays,
} from './spend';
import * as z from './zod';

/** Years a forecast may run: a DSG management plan is this year and the next four; up to ten. */
export const MAX_FORECAST_YEARS = 10;
/** How far back `from` may start: earlier years come out as actual (zero-width bands). */
export const MAX_YEARS_BACK = 5;
export const FORECAST_FUNDERS = ['education', 'all'] as const;
export type ForecastFunder = (typeof FORECAST_FUNDERS)[number];

/** Scenario ids, comma-separated: `mitigations=id1,id2`. */
const MitigationIds = z
  .string()
  .transform((value) => value.split(',').map((id) => id.trim()))
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected scenario ids separated by commas'))
      .min(1)
      .max(10, 'at most 10 mitigations'),
  );

/** Query of `GET /forecast` (and of the DSG plan export). */
export const ForecastQuery = z.strictObject({
  from: FinancialYear.optional(),
  years: z.coerce
    .number()
    .int('expected a whole number of years')
    .min(1, 'must be 1 or more')
    .max(MAX_FORECAST_YEARS, `must be ${MAX_FORECAST_YEARS} or fewer`)
    .default(5),
  /** `education` (the high needs block, default) or `all` (every funder). */
  funder: z.enum(FORECAST_FUNDERS).default('education'),
  mitigations: MitigationIds.optional(),
  asOf: IsoDate.optional(),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

/**
 * Query of `/exports/dsg-plan.{csv,xlsx}`: the forecast's for the high needs block (the multi-year
 * management plan), or `fy` for one year's table from the recorded placements.
 */
export const DsgPlanQuery = ForecastQuery.omit({ funder: true }).extend({
  fy: FinancialYear.optional().describe(
    "One financial year's table (placements and spend by DSG category and age group) instead of the multi-year plan; `from`, `years` and `mitigations` then do not apply.",
  ),
});
export type DsgPlanQuery = z.infer<typeof DsgPlanQuery>;

/**
 * The first year a forecast as at `asOf` may start from, and the last it may reach: from MAX_YEARS_BACK
 * years back (actual) to MAX_FORECAST_YEARS − 1 years after the current one.
 */
export function forecastYearRange(currentYear: number): { first: number; last: number } {
  return { first: currentYear - MAX_YEARS_BACK, last: currentYear + MAX_FORECAST_YEARS - 1 };
}

const Money = z.number().finite();
export const ForecastBand = z.object({
  mean: Money,
  p05: Money,
  p25: Money,
  p50: Money,
  p75: Money,
  p95: Money,
});
export type ForecastBand = z.infer<typeof ForecastBand>;
const ShortBand = z.object({ mean: Money, p05: Money, p50: Money, p95: Money });

export const ForecastDsgRow = z.object({
  dsgCategory: z.enum(DSG_CATEGORIES),
  label: z.string(),
  actualToDate: Money,
  /** The category's share of the year's mean, applied to its median: rows add up to the year's p50. */
  forecast: Money,
  budget: Money.nullable(),
  variance: Money.nullable(),
});
export type ForecastDsgRow = z.infer<typeof ForecastDsgRow>;

const Balance = z.object({ opening: ShortBand, inYear: ShortBand, closing: ShortBand });

export const ForecastYear = z.object({
  financialYear: z.string(),
  from: z.string(),
  to: z.string(),
  /** `actual`: over by asOf; `actual-and-forecast`: under way; `forecast`: not started. */
  basis: z.enum(['actual', 'actual-and-forecast', 'forecast']),
  actualToDate: Money,
  /** Last day of the actual spend (null when the year has not started). */
  actualTo: z.string().nullable(),
  ...ForecastBand.shape,
  byDsg: z.array(ForecastDsgRow),
  /** Children in plans over the year: January censuses weighted by the year's months in each academic year. */
  placements: z.object({ ...ShortBand.shape, outOfBorough: ShortBand }).nullable(),
  budget: z
    .object({ amount: Money, source: z.enum(['budget', 'grown']), from: z.string().optional() })
    .nullable(),
  /** Forecast − budget: positive is an overspend. */
  variance: ShortBand.nullable(),
  dsgBalance: Balance.nullable(),
  /** With the chosen mitigations applied (absent without any). */
  mitigated: z
    .object({ ...ForecastBand.shape, saving: ShortBand, dsgBalance: Balance.nullable() })
    .optional(),
});
export type ForecastYear = z.infer<typeof ForecastYear>;

export const ForecastMitigation = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  capitalCost: z.number().optional(),
  /** Unmitigated − mitigated spend, draw by draw: positive is a saving. */
  savings: z.array(z.object({ financialYear: z.string(), ...ShortBand.shape })),
});
export type ForecastMitigation = z.infer<typeof ForecastMitigation>;

export const ForecastAssumptions = z.object({
  costUplift: z.object({ rate: z.number(), source: z.string() }),
  budgetGrowth: z.object({ rate: z.number(), source: z.string() }),
  openingDsgBalance: z.object({ financialYear: z.string(), amount: Money, source: z.string() }).nullable(),
  priceBase: z.string(),
  academicYears: z.string(),
  model: z.object({
    method: z.string(),
    baseCensus: z.number().int(),
    draws: z.number().int(),
    seed: z.number().int(),
    population: z.string().optional(),
  }),
  /** Mean annual cost on asOf by state setting (the cells are need × setting × phase). */
  unitCosts: z.array(
    z.object({
      setting: z.string(),
      dsgCategory: z.string(),
      placements: z.number(),
      education: Money,
      allFunders: Money,
    }),
  ),
  /** Census cells priced by a fallback (no placement in that need × setting × phase on asOf). */
  unitCostFallbacks: z.array(z.string()),
});

export const Forecast = z.object({
  asOf: z.string(),
  method: z.string(),
  /** What the figures count, in words. */
  counts: z.string(),
  funder: z.enum(FORECAST_FUNDERS),
  years: z.array(ForecastYear),
  mitigations: z.array(ForecastMitigation),
  assumptions: ForecastAssumptions,
  warnings: z.array(z.string()).optional(),
});
export type Forecast = z.infer<typeof Forecast>;

// ---- Pricing the model's draws ----------------------------------------------------------------------------

/** One January census of one Monte Carlo draw, as the model shows it (model/draws.ts). */
export interface DrawCensus {
  /** Which run of a projection with a scenario (the baseline's censuses, then the scenario's). */
  run?: 'baseline' | 'scenario';
  draw: number;
  year: number;
  forEachCell(visit: (need: string, setting: string, ncy: number, children: number) => void): void;
}

/** A scenario's unit-cost change, taken at the forecast's price base (asOf's prices). */
export interface CostOverride {
  need?: string | undefined;
  setting: string;
  /** Annual cost, all funders; the education part keeps the cell's recorded share. */
  allFunders: number;
  fromYear?: number | undefined;
}

/** A scenario's place change: places added (or removed) for a need × phase from an academic year. */
export interface PlaceChange {
  need: string;
  phase: Phase;
  places: number;
  fromAcademicYear: number;
}

const D = DSG_CATEGORIES.length;

interface PricedCell {
  price: CellPrice;
  demand: Float64Array | null;
}

/**
 * Per-draw, per-census costs of one model run at asOf's prices: education and all funders by DSG category,
 * children and out-of-borough children, and specialist demand by need × phase (for place changes).
 */
export class PricedRun {
  readonly years: number;
  readonly education: Float64Array;
  readonly allFunders: Float64Array;
  readonly children: Float64Array;
  readonly outOfBorough: Float64Array;
  /** `need|phase` → specialist children per draw × census. */
  readonly demand = new Map<string, Float64Array>();
  private seen = 0;

  constructor(
    readonly unitCosts: UnitCosts,
    readonly draws: number,
    readonly baseYear: number,
    readonly horizon: number,
    private readonly overrides: readonly CostOverride[] = [],
  ) {
    this.years = horizon + 1;
    const rows = draws * this.years;
    this.education = new Float64Array(rows * D);
    this.allFunders = new Float64Array(rows * D);
    this.children = new Float64Array(rows);
    this.outOfBorough = new Float64Array(rows);
  }

  /** Takes one census of one draw (pass as the model's `visit`). */
  readonly visit = (census: DrawCensus): void => {
    const t = census.year - this.baseYear;
    if (census.draw < 0 || census.draw >= this.draws || t < 0 || t >= this.years)
      throw new RangeError(`census ${census.year} of draw ${census.draw} is outside the run`);
    const row = census.draw * this.years + t;
    const overrides = this.overrides.filter((o) => o.fromYear === undefined || census.year >= o.fromYear);
    const education = this.education;
    const allFunders = this.allFunders;
    let children = 0;
    let outOfBorough = 0;
    census.forEachCell((need, setting, ncy, count) => {
      if (count === 0) return;
      const cell = this.cellOf(need, setting, ncy);
      let { education: unitEducation, allFunders: unitAll } = cell.price;
      if (overrides.length > 0) {
        const override = overrides.find((o) => o.setting === setting && (o.need ?? need) === need);
        if (override) {
          unitEducation = unitAll > 0 ? (override.allFunders * unitEducation) / unitAll : override.allFunders;
          unitAll = override.allFunders;
        }
      }
      const at = row * D + cell.price.dsg;
      education[at] = (education[at] as number) + count * unitEducation;
      allFunders[at] = (allFunders[at] as number) + count * unitAll;
      children += count;
      if (cell.price.outOfBorough) outOfBorough += count;
      if (cell.demand) cell.demand[row] = (cell.demand[row] as number) + count;
    });
    this.children[row] = (this.children[row] as number) + children;
    this.outOfBorough[row] = (this.outOfBorough[row] as number) + outOfBorough;
    this.seen += 1;
  };

  /**
   * A census cell's price and, for a specialist cell, its need × phase demand series: looked up once per
   * need × setting × NCY (millions of cells are priced per forecast, from a few hundred distinct ones).
   */
  private readonly cells = new Map<string, Map<string, Map<number, PricedCell>>>();
  private cellOf(need: string, setting: string, ncy: number): PricedCell {
    let bySetting = this.cells.get(need);
    if (!bySetting) {
      bySetting = new Map();
      this.cells.set(need, bySetting);
    }
    let byNcy = bySetting.get(setting);
    if (!byNcy) {
      byNcy = new Map();
      bySetting.set(setting, byNcy);
    }
    let cell = byNcy.get(ncy);
    if (!cell) {
      const price = this.unitCosts.price(need, setting, ncy);
      cell = { price, demand: price.specialist ? this.demandOf(need, price.phase) : null };
      byNcy.set(ncy, cell);
    }
    return cell;
  }

  private demandOf(need: string, phase: Phase): Float64Array {
    const key = `${need}|${phase}`;
    let series = this.demand.get(key);
    if (!series) {
      series = new Float64Array(this.draws * this.years);
      this.demand.set(key, series);
    }
    return series;
  }

  /** Every census of every draw must have been seen before the run is priced. */
  checkComplete(): void {
    if (this.seen !== this.draws * this.years)
      throw new RangeError(`the run showed ${this.seen} censuses, not ${this.draws} draws × ${this.years}`);
  }

  /**
   * Place changes under the capacity view (model/decisions/capacity.md): in each draw and census, the
   * specialist children of a need × phase beyond its local places overflow to out-of-borough or independent
   * places; a change of places moves children between the two, each at its mean cost on asOf.
   * `places(need, phase, census year)` gives the local places without the change.
   */
  applyPlaceChanges(
    changes: readonly PlaceChange[],
    places: (need: string, phase: Phase, censusYear: number) => number,
  ): void {
    for (const change of changes) {
      const series = this.demand.get(`${change.need}|${change.phase}`);
      if (!series) continue; // nobody of that need and phase in any draw: nothing moves
      const { local, overflow } = this.unitCosts.specialistCosts(change.need, change.phase);
      for (let t = 0; t < this.years; t++) {
        const year = this.baseYear + t;
        // Census Y is academic year (Y − 1)/Y.
        if (year - 1 < change.fromAcademicYear) continue;
        const before = places(change.need, change.phase, year);
        const after = Math.max(0, before + change.places);
        for (let d = 0; d < this.draws; d++) {
          const row = d * this.years + t;
          const demand = series[row] as number;
          // Children moved from the overflow to local places (negative: from local places to the overflow).
          const moved = Math.max(0, demand - before) - Math.max(0, demand - after);
          if (moved === 0) continue;
          this.add(this.education, row, local.dsg, moved * local.education);
          this.add(this.education, row, overflow.dsg, -moved * overflow.education);
          this.add(this.allFunders, row, local.dsg, moved * local.allFunders);
          this.add(this.allFunders, row, overflow.dsg, -moved * overflow.allFunders);
          this.outOfBorough[row] =
            (this.outOfBorough[row] as number) +
            moved * (local.outOfBoroughShare - overflow.outOfBoroughShare);
        }
      }
    }
  }

  private add(costs: Float64Array, row: number, dsg: number, amount: number): void {
    costs[row * D + dsg] = (costs[row * D + dsg] as number) + amount;
  }
}

// ---- Financial years --------------------------------------------------------------------------------------

/** One financial year's figures in every draw, before they are summarised. */
interface YearDraws {
  financialYear: string;
  basis: ForecastYear['basis'];
  actualTo: string | null;
  /** Pounds, unrounded: actual to date by DSG category (the same in every draw). */
  actualByDsg: number[];
  /** Per draw: the year's total, and its forecast part by DSG category ([draw × D + k]). */
  total: Float64Array;
  forecastByDsg: Float64Array;
  children: Float64Array | null;
  outOfBorough: Float64Array | null;
}

/** Observed January census counts (years up to the model's base census). */
export type ObservedCensus = (year: number) => { children: number; outOfBorough: number } | undefined;

/** The plan's financial years: `from` and the `years − 1` after it. */
export const planYears = (from: string, years: number): string[] =>
  Array.from({ length: years }, (_, i) => financialYearLabel(Number(from.slice(0, 4)) + i));

/** The census years the forecast of these years needs after asOf: the last is the model's horizon. */
export function lastCensusNeeded(financialYears: readonly string[]): number {
  const last = financialYears.at(-1);
  if (!last) throw new RangeError('no financial years');
  return Number(last.slice(0, 4)) + 1;
}

function yearDraws(
  financialYear: string,
  input: {
    placements: readonly SpendPlacement[];
    asOf: string;
    funder: ForecastFunder;
    uplift: number;
    run: PricedRun;
    observed: ObservedCensus;
  },
): YearDraws {
  const { placements, asOf, funder, uplift, run, observed } = input;
  const { start, end } = financialYearBounds(financialYear);
  const basis = asOf >= end ? 'actual' : asOf >= start ? 'actual-and-forecast' : 'forecast';
  const actualTo = basis === 'forecast' ? null : asOf >= end ? end : asOf;
  const cube = actualTo ? computeSpend(placements, { from: start, to: actualTo }) : null;
  const funderOf = funder === 'education' ? 'education' : undefined;
  const actualByDsg = cube
    ? breakdownPennyDays(cube, 'dsg', funderOf).map((row) => row.pennyDays / (100 * DAYS_PER_YEAR))
    : DSG_CATEGORIES.map(() => 0);
  const actual = cube ? totalPennyDays(cube, funderOf) / (100 * DAYS_PER_YEAR) : 0;

  const draws = run.draws;
  const total = new Float64Array(draws).fill(actual);
  const forecastByDsg = new Float64Array(draws * D);
  const costs = funder === 'education' ? run.education : run.allFunders;
  const index = priceIndex(uplift, asOf, financialYear);
  for (const { censusYear, months } of monthsByCensus(financialYear, asOf)) {
    if (months === 0) continue;
    const t = censusYear - run.baseYear;
    if (t < 0 || t >= run.years)
      throw new RangeError(`the run does not reach census ${censusYear} (base ${run.baseYear})`);
    const weight = (months / 12) * index;
    for (let d = 0; d < draws; d++) {
      const row = (d * run.years + t) * D;
      for (let k = 0; k < D; k++) {
        const value = (costs[row + k] as number) * weight;
        forecastByDsg[d * D + k] = (forecastByDsg[d * D + k] as number) + value;
        total[d] = (total[d] as number) + value;
      }
    }
  }

  // Children over the whole year: each academic year's census weighted by its months in the year.
  let children: Float64Array | null = new Float64Array(draws);
  let outOfBorough: Float64Array | null = new Float64Array(draws);
  for (const { censusYear, months } of monthsByCensus(financialYear)) {
    const t = censusYear - run.baseYear;
    const weight = months / 12;
    const seen = t <= 0 ? observed(censusYear) : undefined;
    if (t <= 0 && !seen) {
      children = null;
      outOfBorough = null;
      break;
    }
    for (let d = 0; d < draws; d++) {
      const row = d * run.years + t;
      const count = seen ? seen.children : (run.children[row] as number);
      const out = seen ? seen.outOfBorough : (run.outOfBorough[row] as number);
      if (children && outOfBorough) {
        children[d] = (children[d] as number) + count * weight;
        outOfBorough[d] = (outOfBorough[d] as number) + out * weight;
      }
    }
  }
  return { financialYear, basis, actualTo, actualByDsg, total, forecastByDsg, children, outOfBorough };
}

const pounds = (value: number) => Math.round(value * 100) / 100;
const round = (band: ReturnType<typeof summarise>): ForecastBand => ({
  mean: pounds(band.mean),
  p05: pounds(band.p05),
  p25: pounds(band.p25),
  p50: pounds(band.p50),
  p75: pounds(band.p75),
  p95: pounds(band.p95),
});
const short = ({ mean, p05, p50, p95 }: ForecastBand) => ({ mean, p05, p50, p95 });
const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const countBand = (values: Float64Array) => {
  const band = summarise(values);
  return {
    mean: oneDecimal(band.mean),
    p05: oneDecimal(band.p05),
    p50: oneDecimal(band.p50),
    p95: oneDecimal(band.p95),
  };
};

/** The year's budget: the stored one, or the latest stored before it grown by the budget growth. */
export interface YearBudget {
  amount: number;
  byDsg: Map<DsgCategory, number>;
  source: 'budget' | 'grown';
  from?: string;
}

export function yearBudgets(
  financialYears: readonly string[],
  stored: ReadonlyMap<string, Pick<Budget, 'lines'> | undefined>,
  growth: number,
): (YearBudget | null)[] {
  let latest: { year: string; total: number; byDsg: Map<DsgCategory, number> } | undefined;
  return financialYears.map((financialYear) => {
    const budget = stored.get(financialYear);
    if (budget) {
      latest = {
        year: financialYear,
        total: budgetTotal(budget.lines),
        byDsg: budgetByDsgCategory(budget.lines),
      };
      return { amount: latest.total, byDsg: latest.byDsg, source: 'budget' };
    }
    if (!latest) return null;
    const factor = (1 + growth) ** (Number(financialYear.slice(0, 4)) - Number(latest.year.slice(0, 4)));
    return {
      amount: pounds(latest.total * factor),
      byDsg: new Map([...latest.byDsg].map(([category, amount]) => [category, pounds(amount * factor)])),
      source: 'grown',
      from: latest.year,
    };
  });
}

/** A mitigation: a planners' scenario, its run priced like the baseline (paired draw by draw). */
export interface MitigationRun {
  id: string;
  name: string;
  description?: string | undefined;
  capitalCost?: number | undefined;
  run: PricedRun;
  /** The scenario's own cost inflation, when it sets one: the uplift of its run. */
  uplift?: number | undefined;
}

export interface ForecastInput {
  placements: readonly SpendPlacement[];
  asOf: string;
  /** The years to report, consecutive. */
  financialYears: readonly string[];
  funder: ForecastFunder;
  settings: FinanceSettings;
  /** Stored budgets by year (undefined: none), for the reported years and any before them back to the opening. */
  budgets: ReadonlyMap<string, Pick<Budget, 'lines' | 'openingDsgBalance'> | undefined>;
  baseline: PricedRun;
  observed: ObservedCensus;
  mitigations?: readonly MitigationRun[];
  model: { method: string; draws: number; seed: number; population?: string | undefined };
  warnings?: readonly string[];
}

/** Where the plan's DSG balance starts, and from which year it is carried (possibly before the first reported). */
function openingBalance(input: ForecastInput): {
  opening: { financialYear: string; amount: number; source: string } | null;
  warning?: string;
} {
  const first = input.financialYears[0] as string;
  const setting = input.settings.openingDsgBalance;
  const fromBudget = input.budgets.get(first)?.openingDsgBalance;
  if (setting && setting.financialYear === first)
    return {
      opening: {
        financialYear: first,
        amount: setting.amount,
        source: setting.source ?? 'finance settings (openingDsgBalance)',
      },
    };
  if (fromBudget !== undefined)
    return {
      opening: {
        financialYear: first,
        amount: fromBudget,
        source: `the ${first} budget (openingDsgBalance)`,
      },
    };
  if (
    setting &&
    setting.financialYear < first &&
    Number(first.slice(0, 4)) - Number(setting.financialYear.slice(0, 4)) <= MAX_YEARS_BACK
  )
    return {
      opening: {
        financialYear: setting.financialYear,
        amount: setting.amount,
        source: `${setting.source ?? 'finance settings (openingDsgBalance)'}, carried forward to ${first}`,
      },
    };
  return {
    opening: null,
    warning: `no DSG balance brought forward into ${first}: set openingDsgBalance in the finance settings (PUT /finance/settings) or in the ${first} budget`,
  };
}

/**
 * One year of the DSG balance, draw by draw: opening (carried in), in-year (budget − spend) and closing.
 * A year without a budget ends the chain: no balance for it or after it.
 */
function carry<K extends string>(
  state: Record<K, Float64Array | null>,
  key: K,
  spend: Float64Array,
  budget: YearBudget | null,
): z.infer<typeof Balance> | null {
  const balance = state[key];
  if (!balance) return null;
  if (!budget) {
    state[key] = null;
    return null;
  }
  const opening = short(round(summarise(balance)));
  const inYear = Float64Array.from(spend, (value) => budget.amount - value);
  for (let d = 0; d < balance.length; d++) balance[d] = (balance[d] as number) + (inYear[d] as number);
  return { opening, inYear: short(round(summarise(inYear))), closing: short(round(summarise(balance))) };
}

/** The forecast of `input.financialYears`. */
export function forecastSpend(input: ForecastInput): Forecast {
  const { asOf, funder, settings, financialYears, baseline } = input;
  const uplift = settings.costUplift.rate;
  const warnings = [...(input.warnings ?? [])];
  const highNeeds = funder === 'education';
  const { opening, warning } = highNeeds ? openingBalance(input) : { opening: null };
  if (warning) warnings.push(warning);

  // Years from the opening balance's year (if earlier) to the last reported: the balance is carried through.
  const firstReported = financialYears[0] as string;
  const carryFrom = opening && opening.financialYear < firstReported ? opening.financialYear : firstReported;
  const allYears = planYears(
    carryFrom,
    Number(financialYears.at(-1)?.slice(0, 4)) - Number(carryFrom.slice(0, 4)) + 1,
  );
  const reported = new Set(financialYears);
  const yearInput = { placements: input.placements, asOf, funder, observed: input.observed };
  const base = allYears.map((fy) => yearDraws(fy, { ...yearInput, uplift, run: baseline }));
  const runs = (input.mitigations ?? []).map((mitigation) => ({
    mitigation,
    years: allYears.map((fy) =>
      yearDraws(fy, { ...yearInput, uplift: mitigation.uplift ?? uplift, run: mitigation.run }),
    ),
  }));
  const budgets = highNeeds
    ? yearBudgets(allYears, input.budgets, settings.budgetGrowth.rate)
    : allYears.map(() => null);
  if (highNeeds && budgets.some((b, i) => b === null && reported.has(allYears[i] as string)))
    warnings.push(
      'no budget for some years and none stored before them to grow from: PUT /budgets/{financialYear} sets one',
    );

  const draws = baseline.draws;
  // The balance carried draw by draw; null once a year without a budget breaks the chain.
  const carried = { unmitigated: opening ? new Float64Array(draws).fill(opening.amount) : null };
  const carriedMitigated = {
    balance: opening && runs.length > 0 ? new Float64Array(draws).fill(opening.amount) : null,
  };
  const years: ForecastYear[] = [];
  const savingsByMitigation = runs.map(() => [] as ForecastMitigation['savings']);

  allYears.forEach((financialYear, y) => {
    const year = base[y] as YearDraws;
    const budget = budgets[y] ?? null;
    // Savings draw by draw; mitigated spend = unmitigated − every saving.
    const mitigated = runs.length > 0 ? Float64Array.from(year.total) : null;
    runs.forEach(({ years: scenarioYears }, m) => {
      const scenario = (scenarioYears[y] as YearDraws).total;
      const saving = Float64Array.from(year.total, (value, d) => value - (scenario[d] as number));
      if (mitigated)
        for (let d = 0; d < draws; d++) mitigated[d] = (mitigated[d] as number) - (saving[d] as number);
      if (reported.has(financialYear))
        savingsByMitigation[m]?.push({ financialYear, ...short(round(summarise(saving))) });
    });
    const dsgBalance = carry(carried, 'unmitigated', year.total, budget);
    const mitigatedDsgBalance = mitigated ? carry(carriedMitigated, 'balance', mitigated, budget) : null;
    if (!reported.has(financialYear)) return;

    const band = round(summarise(year.total));
    years.push({
      financialYear,
      ...financialYearBoundsOf(financialYear),
      basis: year.basis,
      actualToDate: pounds(year.actualByDsg.reduce((sum, value) => sum + value, 0)),
      actualTo: year.actualTo,
      ...band,
      byDsg: dsgRows(year, band.p50, budget),
      placements:
        year.children && year.outOfBorough
          ? { ...countBand(year.children), outOfBorough: countBand(year.outOfBorough) }
          : null,
      budget: budget
        ? { amount: budget.amount, source: budget.source, ...(budget.from ? { from: budget.from } : {}) }
        : null,
      variance: budget
        ? {
            mean: pounds(band.mean - budget.amount),
            p05: pounds(band.p05 - budget.amount),
            p50: pounds(band.p50 - budget.amount),
            p95: pounds(band.p95 - budget.amount),
          }
        : null,
      dsgBalance,
      ...(mitigated
        ? {
            mitigated: {
              ...round(summarise(mitigated)),
              saving: short(
                round(summarise(Float64Array.from(year.total, (v, d) => v - (mitigated[d] as number)))),
              ),
              dsgBalance: mitigatedDsgBalance,
            },
          }
        : {}),
    });
  });

  const assumptions = {
    costUplift: { rate: uplift, source: settings.costUplift.source },
    budgetGrowth: { rate: settings.budgetGrowth.rate, source: settings.budgetGrowth.source },
    openingDsgBalance: opening,
    priceBase: `costs in force on ${asOf} (financial year ${financialYearLabel(Number(asOf.slice(0, 4)) - (asOf.slice(5, 7) < '04' ? 1 : 0))} prices), uplifted each April by the cost uplift`,
    academicYears:
      'a January census counts the children of its academic year (September–August); financial year Y–(Y+1) takes 5/12 of census Y (April–August) and 7/12 of census Y+1 (September–March)',
    model: {
      method: input.model.method,
      baseCensus: baseline.baseYear,
      draws: input.model.draws,
      seed: input.model.seed,
      ...(input.model.population ? { population: input.model.population } : {}),
    },
    unitCosts: baseline.unitCosts.rows() satisfies UnitCostRow[],
    unitCostFallbacks: [...baseline.unitCosts.fallbacks].map(([cell, level]) => `${cell}: ${level}`).sort(),
  };
  return {
    asOf,
    method:
      `Markov projection of the caseload (${input.model.draws} Monte Carlo draws from the census of January ${baseline.baseYear}: ` +
      'joiners, leavers, moves between settings, ageing through NCYs and post-16 transitions), each draw priced at the ' +
      "authority's recorded unit costs by need, setting and phase with the annual cost uplift; actual spend to date as recorded",
    counts: highNeeds
      ? 'DSG high needs block: the education cost of placements (actual to asOf, then projected demand priced at recorded costs, overflow to independent and out-of-borough settings at their cost)'
      : 'Every funder (education, social care, health, transport): actual to asOf, then projected demand priced at recorded costs',
    funder,
    years,
    mitigations: runs.map(({ mitigation }, m) => ({
      id: mitigation.id,
      name: mitigation.name,
      ...(mitigation.description ? { description: mitigation.description } : {}),
      ...(mitigation.capitalCost !== undefined ? { capitalCost: mitigation.capitalCost } : {}),
      savings: savingsByMitigation[m] ?? [],
    })),
    assumptions,
    ...(warnings.length > 0 ? { warnings: [...new Set(warnings)] } : {}),
  };
}

const financialYearBoundsOf = (financialYear: string) => {
  const { start, end } = financialYearBounds(financialYear);
  return { from: start, to: end };
};

/** Rows by DSG category that add up to the year's p50 exactly: actual + each category's share of the forecast. */
function dsgRows(year: YearDraws, p50: number, budget: YearBudget | null): ForecastDsgRow[] {
  const draws = year.total.length;
  const actual = year.actualByDsg.reduce((sum, value) => sum + value, 0);
  const meanForecast = DSG_CATEGORIES.map((_, k) => {
    let sum = 0;
    for (let d = 0; d < draws; d++) sum += year.forecastByDsg[d * D + k] as number;
    return sum / draws;
  });
  const forecastTotal = meanForecast.reduce((sum, value) => sum + value, 0);
  // The median's forecast part, shared by the categories' mean shares.
  const part = p50 - actual;
  const rows = DSG_CATEGORIES.map(
    (_, k) =>
      (year.actualByDsg[k] as number) +
      (forecastTotal > 0 ? (part * (meanForecast[k] as number)) / forecastTotal : 0),
  );
  const pennies = apportionPennies(rows.map((value) => value * 100 * DAYS_PER_YEAR));
  const actualPennies = apportionPennies(year.actualByDsg.map((value) => value * 100 * DAYS_PER_YEAR));
  return DSG_CATEGORIES.map((dsgCategory, k) => {
    const forecast = (pennies[k] as number) / 100;
    const lineBudget = budget ? (budget.byDsg.get(dsgCategory) ?? 0) : null;
    return {
      dsgCategory,
      label: DSG_CATEGORY_LABELS[dsgCategory],
      actualToDate: (actualPennies[k] as number) / 100,
      forecast,
      budget: lineBudget,
      variance: lineBudget === null ? null : pounds(forecast - lineBudget),
    };
  });
}
