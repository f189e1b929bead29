// Outturn forecast for a financial year as at a date, for the DSG high needs block (the education cost of
// placements; social care, health and transport are reported alongside as `allFunders`):
//   forecast = actual to date (1 April … asOf)
//            + committed: placements in place on asOf, from the next day to 31 March, on their recorded
//              costs (current costs continue; recorded future cost changes and planned end dates apply)
//            + planned starts: placements already recorded with a start after asOf
//            + expected new placements not yet recorded, with a p05/p50/p95 band.
// Expected new placements are children joining (a first placement; a move replaces a committed cost): by
// default the Markov model's projected joiners pro rata to the window, else (too little history for the
// model) a Poisson count whose rate is the mean number who joined in the same window of the three previous
// years. Each costs the mean annual cost at start of the recent joiners, for the mean number of days a
// start spread evenly over the window leaves before 31 March.
// Variance = forecast − budget (positive: overspend); DSG closing balance = opening + budget − forecast.
import type { Budget } from './budget';
import { budgetByDsgCategory, budgetTotal } from './budget';
import { DSG_CATEGORIES, DSG_CATEGORY_LABELS, DsgCategory, dsgCategoryOf } from './codes';
import { financialYearBounds, fromDayNumber, toDayNumber } from './dates';
import { costsOn, totalAnnualCost } from './placement';
import {
  apportionPennies,
  breakdownPennyDays,
  computeSpend,
  DAYS_PER_YEAR,
  type SpendCube,
  type SpendPlacement,
  totalPennyDays,
} from './spend';
import * as z from './zod';

/** Where the outturn's expected new placements come from: the model's joiners, or recorded history only. */
export const NEW_PLACEMENT_METHODS = ['model', 'history'] as const;
export type NewPlacementMethod = (typeof NEW_PLACEMENT_METHODS)[number];

/** A forecast's median and 90% band (5th and 95th percentiles). */
export const Band = z.object({ p05: z.number(), p50: z.number(), p95: z.number() });
export type Band = z.infer<typeof Band>;

/** Years of recorded starts the expected new placements are estimated from. */
export const HISTORY_YEARS = 3;

/** Smallest k with P(X ≤ k) ≥ p for X ~ Poisson(λ); a normal approximation above λ = 500 (exp(−λ) underflows). */
export function poissonQuantile(lambda: number, p: number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError('lambda must be a finite number ≥ 0');
  if (!(p > 0 && p < 1)) throw new RangeError('p must be in (0, 1)');
  if (lambda === 0) return 0;
  if (lambda > 500) {
    const z = inverseStandardNormal(p);
    return Math.max(0, Math.ceil(lambda + z * Math.sqrt(lambda) - 0.5));
  }
  let k = 0;
  let probability = Math.exp(-lambda);
  let cumulative = probability;
  while (cumulative < p) {
    k += 1;
    probability *= lambda / k;
    cumulative += probability;
  }
  return k;
}

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
function inverseStandardNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628274631,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const tail = (q: number) =>
    (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/** The same calendar date `years` earlier (29 February becomes 28 February). */
export function yearsEarlier(isoDate: string, years: number): string {
  const year = Number(isoDate.slice(0, 4)) - years;
  const monthDay = isoDate.slice(4);
  const candidate = `${year}${monthDay}`;
  return fromDayNumber(toDayNumber(candidate)).slice(4) === monthDay ? candidate : `${year}-02-28`;
}

/** What the expected-new-placements estimate reads from a placement: the child, to tell joiners from moves. */
export type OutturnPlacement = SpendPlacement & { childRef: string };

const DateRange = z.object({ from: z.string(), to: z.string() });

export const ExpectedStarts = z.object({
  source: z.enum(NEW_PLACEMENT_METHODS),
  method: z.string(),
  /** Window in which new placements would start: the day after asOf to 31 March. */
  window: DateRange.nullable(),
  /** Children joining (a first placement, not a move) in the same window of each earlier year, latest first. */
  history: z.array(DateRange.extend({ joiners: z.number().int() })),
  /** Expected joiners in the window (the Poisson rate, or the model's mean). */
  rate: z.number(),
  count: Band,
  /** Mean annual cost at start of the recent joiners (£): education and all funders. */
  unitCost: z.object({ education: z.number(), allFunders: z.number() }),
  /** Mean days in the financial year of a placement starting in the window. */
  meanDaysInYear: z.number(),
  /** Share of the joiners' education cost by DSG category (counts when none had any cost). */
  dsgMix: z.record(DsgCategory, z.number()),
  /** Why a fallback was taken, when one was. */
  warnings: z.array(z.string()).optional(),
});
export type ExpectedStarts = z.infer<typeof ExpectedStarts>;

const EMPTY_MIX = Object.fromEntries(DSG_CATEGORIES.map((dsg) => [dsg, 0])) as Record<DsgCategory, number>;

/**
 * Placements that brought a child in: no placement of the same child was in place the day before it
 * started. A move between settings is not a joiner: its cost replaces the one committed for the old place.
 */
export function joiningPlacements<T extends OutturnPlacement>(placements: readonly T[]): T[] {
  const byChild = new Map<string, T[]>();
  for (const p of placements) {
    const list = byChild.get(p.childRef);
    if (list) list.push(p);
    else byChild.set(p.childRef, [p]);
  }
  return placements.filter((p) => {
    const dayBefore = fromDayNumber(toDayNumber(p.startDate) - 1);
    return !(byChild.get(p.childRef) ?? []).some(
      (other) =>
        other !== p &&
        other.startDate <= dayBefore &&
        (other.endDate === undefined || other.endDate >= dayBefore),
    );
  });
}

interface JoinerProfile {
  window: { from: string; to: string } | null;
  history: ExpectedStarts['history'];
  unitCost: ExpectedStarts['unitCost'];
  meanDaysInYear: number;
  dsgMix: Record<DsgCategory, number>;
}

/** The start window, the joiners in the same window of earlier years, and what they cost at start. */
function joinerProfile(
  placements: readonly OutturnPlacement[],
  financialYear: string,
  asOf: string,
): JoinerProfile {
  const { start: fyStart, end: fyEnd } = financialYearBounds(financialYear);
  const windowFrom = fromDayNumber(toDayNumber(asOf) + 1);
  if (windowFrom > fyEnd)
    return {
      window: null,
      history: [],
      unitCost: { education: 0, allFunders: 0 },
      meanDaysInYear: 0,
      dsgMix: EMPTY_MIX,
    };

  const windows = Array.from({ length: HISTORY_YEARS }, (_, i) => ({
    from: yearsEarlier(windowFrom, i + 1),
    to: yearsEarlier(fyEnd, i + 1),
  }));
  const joiners = joiningPlacements(placements);
  const byWindow = windows.map((window) =>
    joiners.filter((p) => p.startDate >= window.from && p.startDate <= window.to),
  );
  const all = byWindow.flat();

  let education = 0;
  let allFunders = 0;
  const mixPounds = { ...EMPTY_MIX };
  const mixCount = { ...EMPTY_MIX };
  for (const p of all) {
    const costs = costsOn(p, p.startDate);
    education += costs.education;
    allFunders += totalAnnualCost(costs);
    const dsg = dsgCategoryOf(p.setting);
    mixPounds[dsg] += costs.education;
    mixCount[dsg] += 1;
  }
  const weights = education > 0 ? mixPounds : mixCount;
  const weightTotal = Object.values(weights).reduce((sum, w) => sum + w, 0);
  const dsgMix = Object.fromEntries(
    DSG_CATEGORIES.map((dsg) => [dsg, weightTotal > 0 ? weights[dsg] / weightTotal : 0]),
  ) as Record<DsgCategory, number>;

  // Starts spread evenly over the window's R days; one before 1 April is in place all F days of the year,
  // one on day s of the year stays to 31 March: mean days = (P·F + L(L+1)/2) / R.
  const from = toDayNumber(windowFrom);
  const to = toDayNumber(fyEnd);
  const yearFirst = toDayNumber(fyStart);
  const windowDays = to - from + 1;
  const beforeYear = Math.max(0, yearFirst - from);
  const inYear = windowDays - beforeYear;
  const yearDays = to - yearFirst + 1;

  return {
    window: { from: windowFrom, to: fyEnd },
    history: windows.map((window, i) => ({ ...window, joiners: byWindow[i]?.length ?? 0 })),
    unitCost: {
      education: all.length > 0 ? education / all.length : 0,
      allFunders: all.length > 0 ? allFunders / all.length : 0,
    },
    meanDaysInYear: (beforeYear * yearDays + (inYear * (inYear + 1)) / 2) / windowDays,
    dsgMix,
  };
}

const windowDaysOf = (window: { from: string; to: string } | null) =>
  window ? toDayNumber(window.to) - toDayNumber(window.from) + 1 : 0;

/**
 * Expected new placements from recorded history: the number of children joining in the window is Poisson,
 * its rate the mean number who joined in the same window of each of the three previous years.
 */
export function expectedStartsFromHistory(
  placements: readonly OutturnPlacement[],
  financialYear: string,
  asOf: string,
): ExpectedStarts {
  const profile = joinerProfile(placements, financialYear, asOf);
  const rate = profile.history.reduce((sum, h) => sum + h.joiners, 0) / HISTORY_YEARS;
  return {
    source: 'history',
    method: `joiners in the window: Poisson, rate = mean joiners in the same window of the ${HISTORY_YEARS} previous years`,
    ...profile,
    rate,
    count: {
      p05: poissonQuantile(rate, 0.05),
      p50: poissonQuantile(rate, 0.5),
      p95: poissonQuantile(rate, 0.95),
    },
  };
}

/** Annual joiners projected by the model, census year by census year (ProjectionOutput `joiners`). */
export interface ProjectedJoiners {
  year: number;
  mean: number;
  p05: number;
  p50: number;
  p95: number;
}

/**
 * Expected new placements from the model's projected joiners: those of the census year in which the window
 * ends (year Y counts the children who joined since the January census of Y − 1), pro rata to the window's
 * length, with the model's own band. Unit cost and DSG mix come from the recent joiners, as for history.
 */
export function expectedStartsFromJoiners(
  joiners: readonly ProjectedJoiners[],
  placements: readonly OutturnPlacement[],
  financialYear: string,
  asOf: string,
): ExpectedStarts {
  const profile = joinerProfile(placements, financialYear, asOf);
  const end = profile.window?.to ?? financialYearBounds(financialYear).end;
  const censusYear =
    end >= `${end.slice(0, 4)}-01-15` ? Number(end.slice(0, 4)) + 1 : Number(end.slice(0, 4));
  const year = joiners.find((row) => row.year === censusYear) ?? joiners.at(-1);
  if (!year) throw new RangeError('the projection has no joiners');
  const share = windowDaysOf(profile.window) / DAYS_PER_YEAR;
  const scaled = (value: number) => Math.round(value * share * 100) / 100;
  return {
    source: 'model',
    method: `joiners projected by the Markov model for census year ${year.year}, × ${windowDaysOf(profile.window)} / 365 days`,
    ...profile,
    rate: scaled(year.mean),
    count: { p05: scaled(year.p05), p50: scaled(year.p50), p95: scaled(year.p95) },
  };
}

export const OutturnDsgRow = z.object({
  dsgCategory: DsgCategory,
  label: z.string(),
  budget: z.number().nullable(),
  actualToDate: z.number(),
  committed: z.number(),
  plannedStarts: z.number(),
  expectedNew: z.number(),
  forecast: z.number(),
  variance: z.number().nullable(),
});
export type OutturnDsgRow = z.infer<typeof OutturnDsgRow>;

/** The `/outturn` answer. */
export const Outturn = z
  .object({
    financialYear: z.string(),
    asOf: z.string().meta({ format: 'date' }),
    scope: z.string(),
    actualToDate: z.number(),
    committed: z.number(),
    plannedStarts: z.number(),
    expectedNew: Band.extend({ placements: Band }),
    forecast: Band,
    allFunders: z.object({
      actualToDate: z.number(),
      committed: z.number(),
      plannedStarts: z.number(),
      expectedNew: Band,
      forecast: Band,
    }),
    budget: z.number().nullable(),
    /** forecast − budget: positive is an overspend. */
    variance: Band.nullable(),
    /** variance ÷ budget. */
    varianceShare: Band.nullable(),
    /** Cumulative DSG balance: opening (1 April) + budget − forecast; its p05 is the low (worst) end. */
    dsgBalance: z.object({ opening: z.number(), closing: Band }).nullable(),
    byDsg: z.array(OutturnDsgRow),
    expectedStarts: ExpectedStarts,
  })
  .meta({ id: 'Outturn' });
export type Outturn = z.infer<typeof Outturn>;

const earlierOf = (a: string, b: string) => (a.localeCompare(b) <= 0 ? a : b);
const laterOf = (a: string, b: string) => (a.localeCompare(b) >= 0 ? a : b);
const pounds = (value: number) => Math.round(value * 100) / 100;
const PENNY_DAYS_PER_POUND = 100 * DAYS_PER_YEAR;

export function forecastOutturn(input: {
  placements: readonly OutturnPlacement[];
  financialYear: string;
  asOf: string;
  budget?: Pick<Budget, 'lines' | 'openingDsgBalance'> | undefined;
  /** Expected new placements (e.g. from the model's joiners); default: from recorded history. */
  expectedStarts?: ExpectedStarts;
}): Outturn {
  const { placements, financialYear, asOf, budget } = input;
  const { start: fyStart, end: fyEnd } = financialYearBounds(financialYear);
  const windowFrom = fromDayNumber(toDayNumber(asOf) + 1);
  const spendOver = (subset: readonly SpendPlacement[], from: string, to: string): SpendCube | null =>
    from <= to ? computeSpend(subset, { from, to }) : null;

  const actual = spendOver(placements, fyStart, earlierOf(asOf, fyEnd));
  const remainingFrom = laterOf(windowFrom, fyStart);
  const inPlace = placements.filter((p) => p.startDate <= asOf);
  const planned = placements.filter((p) => p.startDate > asOf);
  const committed = spendOver(inPlace, remainingFrom, fyEnd);
  const plannedStarts = spendOver(planned, remainingFrom, fyEnd);
  const starts = input.expectedStarts ?? expectedStartsFromHistory(placements, financialYear, asOf);

  const pennyDays = (cube: SpendCube | null, funder?: 'education') =>
    cube ? totalPennyDays(cube, funder) : 0;
  const newCost = (count: number, unit: number) => (count * unit * starts.meanDaysInYear) / DAYS_PER_YEAR;
  const bandOf = (unit: number): Band => ({
    p05: pounds(newCost(starts.count.p05, unit)),
    p50: pounds(newCost(starts.count.p50, unit)),
    p95: pounds(newCost(starts.count.p95, unit)),
  });

  const recorded = (funder?: 'education') =>
    pennyDays(actual, funder) + pennyDays(committed, funder) + pennyDays(plannedStarts, funder);
  const toPounds = (value: number) => Math.round(value / DAYS_PER_YEAR) / 100;
  const forecastBand = (recordedPennyDays: number, unit: number): Band => ({
    p05: toPounds(recordedPennyDays + newCost(starts.count.p05, unit) * PENNY_DAYS_PER_POUND),
    p50: toPounds(recordedPennyDays + newCost(starts.count.p50, unit) * PENNY_DAYS_PER_POUND),
    p95: toPounds(recordedPennyDays + newCost(starts.count.p95, unit) * PENNY_DAYS_PER_POUND),
  });
  const bandOfRecorded = forecastBand(recorded('education'), starts.unitCost.education);

  // By DSG category (p50), apportioned to the penny so the rows add up to the forecast.
  const byCategory = (cube: SpendCube | null) =>
    cube
      ? breakdownPennyDays(cube, 'dsg', 'education').map((row) => row.pennyDays)
      : DSG_CATEGORIES.map(() => 0);
  const actualRows = byCategory(actual);
  const committedRows = byCategory(committed);
  const plannedRows = byCategory(plannedStarts);
  const newP50 = newCost(starts.count.p50, starts.unitCost.education) * PENNY_DAYS_PER_POUND;
  const newRows = DSG_CATEGORIES.map((dsg) => newP50 * starts.dsgMix[dsg]);
  const asPounds = (values: number[]) => apportionPennies(values).map((pennies) => pennies / 100);
  const forecastRows = asPounds(
    DSG_CATEGORIES.map(
      (_, i) =>
        (actualRows[i] as number) +
        (committedRows[i] as number) +
        (plannedRows[i] as number) +
        (newRows[i] as number),
    ),
  );
  const [actualPounds, committedPounds, plannedPounds, newPounds] = [
    actualRows,
    committedRows,
    plannedRows,
    newRows,
  ].map(asPounds) as [number[], number[], number[], number[]];
  // The p50 is the sum of its rows, so the table by DSG category always adds up to it.
  const forecast = { ...bandOfRecorded, p50: pounds(forecastRows.reduce((sum, value) => sum + value, 0)) };
  const budgetLines = budget ? budgetByDsgCategory(budget.lines) : undefined;

  const budgetAmount = budget ? budgetTotal(budget.lines) : null;
  const variance =
    budgetAmount === null
      ? null
      : {
          p05: pounds(forecast.p05 - budgetAmount),
          p50: pounds(forecast.p50 - budgetAmount),
          p95: pounds(forecast.p95 - budgetAmount),
        };
  const share = (value: number) => (budgetAmount ? Number((value / budgetAmount).toFixed(4)) : 0);
  const opening = budget?.openingDsgBalance;

  return {
    financialYear,
    asOf,
    scope: 'DSG high needs block: the education cost of placements',
    actualToDate: toPounds(pennyDays(actual, 'education')),
    committed: toPounds(pennyDays(committed, 'education')),
    plannedStarts: toPounds(pennyDays(plannedStarts, 'education')),
    expectedNew: { ...bandOf(starts.unitCost.education), placements: starts.count },
    forecast,
    allFunders: {
      actualToDate: toPounds(pennyDays(actual)),
      committed: toPounds(pennyDays(committed)),
      plannedStarts: toPounds(pennyDays(plannedStarts)),
      expectedNew: bandOf(starts.unitCost.allFunders),
      forecast: forecastBand(recorded(), starts.unitCost.allFunders),
    },
    budget: budgetAmount,
    variance,
    varianceShare: variance && {
      p05: share(variance.p05),
      p50: share(variance.p50),
      p95: share(variance.p95),
    },
    dsgBalance:
      opening === undefined || budgetAmount === null
        ? null
        : {
            opening,
            closing: {
              p05: pounds(opening + budgetAmount - forecast.p95),
              p50: pounds(opening + budgetAmount - forecast.p50),
              p95: pounds(opening + budgetAmount - forecast.p05),
            },
          },
    byDsg: DSG_CATEGORIES.map((dsgCategory, i) => {
      const lineBudget = budgetLines ? (budgetLines.get(dsgCategory) ?? 0) : null;
      const rowForecast = forecastRows[i] as number;
      return {
        dsgCategory,
        label: DSG_CATEGORY_LABELS[dsgCategory],
        budget: lineBudget,
        actualToDate: actualPounds[i] as number,
        committed: committedPounds[i] as number,
        plannedStarts: plannedPounds[i] as number,
        expectedNew: newPounds[i] as number,
        forecast: rowForecast,
        variance: lineBudget === null ? null : pounds(rowForecast - lineBudget),
      };
    }),
    expectedStarts: starts,
  };
}
