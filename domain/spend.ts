// The spend engine: what placements cost per calendar month and financial year, split by primary need,
// setting, DSG management-plan category, location (in / out of borough) and funder. Pure: placements in,
// figures out; the API, the outturn forecast, the DSG-plan export and the alerts all use it.
//
// Convention (also in the README):
// - Daily rate = annual cost ÷ 365, in every year: a leap year's 29 February is a day like any other, so a
//   full leap financial year at £36,500 a year costs £36,600.
// - Start and end dates are inclusive: a placement from 2025-09-01 to 2026-02-28 is in place 181 days,
//   so at £36,500 a year (education only) it costs 181 × £100 = £18,100 in FY 2025-26.
// - Costs are effective-dated: each `costHistory` period applies from its `effectiveFrom` until the day
//   before the next; the first period also covers any days before its own date (as `costsOn` does).
// - Annual costs are taken to the penny; spend is accumulated exactly as integer "penny-days" (annual pence
//   × days) and divided by 365 only at the edge, so months, breakdowns and totals always agree.
//   Reported amounts are pounds to the penny, apportioned (largest remainder) so every breakdown adds up
//   to its total exactly. Exact while one query's spend stays under about £247bn (2^53 penny-days).
// Work is one pass over placements × cost periods × months touched (interval intersections on integer
// day numbers), never a loop over days.
import {
  DSG_CATEGORIES,
  DSG_CATEGORY_LABELS,
  type DsgCategory,
  dsgCategoryOf,
  FUNDERS,
  type Funder,
  NEEDS,
  type Need,
  SETTING_INFO,
  SETTINGS,
  type Setting,
} from './codes';
import { eachMonth, FinancialYear, financialYearBounds, toDayNumber } from './dates';
import type { Placement } from './placement';
import * as z from './zod';

export const DAYS_PER_YEAR = 365;

export const SPEND_DIMENSIONS = ['need', 'setting', 'dsg', 'location', 'funder', 'month'] as const;
export type SpendDimension = (typeof SPEND_DIMENSIONS)[number];

export const LOCATIONS = ['in-borough', 'out-of-borough'] as const;
export type Location = (typeof LOCATIONS)[number];
const LOCATION_LABELS: Record<Location, string> = {
  'in-borough': 'In borough',
  'out-of-borough': 'Out of borough',
};
const FUNDER_LABELS: Record<Funder, string> = {
  education: 'Education (high needs)',
  socialCare: 'Social care',
  health: 'Health',
  transport: 'Transport',
};
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What the engine reads from a placement. */
export type SpendPlacement = Pick<
  Placement,
  'primaryNeed' | 'setting' | 'inBorough' | 'startDate' | 'endDate' | 'costs' | 'costHistory'
>;

const NEED_INDEX = new Map<string, number>(NEEDS.map((need, i) => [need, i]));
const SETTING_INDEX = new Map<string, number>(SETTINGS.map((setting, i) => [setting, i]));
const N_FUNDERS = FUNDERS.length;
const N_LOCATIONS = LOCATIONS.length;
/** Need × setting × location: everything about a placement that a breakdown can split by, except time. */
const N_GROUPS = NEEDS.length * SETTINGS.length * N_LOCATIONS;
const groupIndex = (need: number, setting: number, location: number) =>
  (need * SETTINGS.length + setting) * N_LOCATIONS + location;

/**
 * Spend over an inclusive date range, in calendar months (the first and last clipped to the range), as
 * penny-days per month × need × setting × location × funder, with placement counts alongside.
 */
export interface SpendCube {
  from: string;
  to: string;
  /** Calendar months touched by the range, `YYYY-MM`, in order. */
  months: string[];
  /** Penny-days: index ((month × N_GROUPS + group) × funders + funder). */
  pennyDays: Float64Array;
  /** Placements in place on at least one day of each month, by group: index (month × N_GROUPS + group). */
  inPlace: Int32Array;
  /** Placements in place on at least one day of the range, by group. */
  inPlaceInRange: Int32Array;
  /** Placements with any spend from each funder in the range. */
  fundedBy: Int32Array;
}

export const BreakdownItem = z.object({
  key: z.string(),
  label: z.string(),
  /** Pounds, to the penny; items add up exactly to the total. */
  amount: z.number(),
  /** Placements in place at some point in the range (for a month: in that month; for a funder: with spend from it). */
  placements: z.number().int(),
});
export type BreakdownItem = z.infer<typeof BreakdownItem>;

/**
 * What `/spend` counts for a year that has started: a past year is actual; the current year is actual to
 * today, then committed (the placements recorded, on their recorded costs and end dates, to 31 March).
 */
export const SpendBasis = z.object({
  basis: z.enum(['actual', 'actual-and-committed']),
  /** Last day counted as actual: the year's end for a past year, today for the current one. */
  actualTo: z.string().meta({ format: 'date' }),
  /** What the figure counts, in words. */
  counts: z.string(),
});
export type SpendBasis = z.infer<typeof SpendBasis>;

/** A financial year's spend, split one way (the engine's answer). */
export const SpendSummary = z.object({
  financialYear: z.string(),
  from: z.string().meta({ format: 'date' }),
  to: z.string().meta({ format: 'date' }),
  by: z.enum(SPEND_DIMENSIONS),
  funder: z.enum([...FUNDERS, 'all']),
  total: z.number(),
  placements: z.number().int(),
  breakdown: z.array(BreakdownItem),
});
export type SpendSummary = z.infer<typeof SpendSummary>;

/** The `/spend` answer: the year's spend and what it counts. */
export const SpendAnswer = SpendSummary.extend(SpendBasis.shape).meta({ id: 'SpendSummary' });
export type SpendAnswer = z.infer<typeof SpendAnswer>;

/** `GET /spend`: one financial year (default the current one), split one way, optionally for one funder. */
export const SpendQuery = z.strictObject({
  fy: FinancialYear.optional(),
  by: z.enum(SPEND_DIMENSIONS).default('month'),
  /** Only one funder's cost (e.g. `education`, the high needs block). */
  funder: z.enum(FUNDERS).optional(),
});

/** The basis of a year's spend as at `today`; undefined for a year that has not started (see `/forecast`). */
export function spendBasis(financialYear: string, today: string): SpendBasis | undefined {
  const { start, end } = financialYearBounds(financialYear);
  if (today < start) return undefined;
  if (today >= end)
    return {
      basis: 'actual',
      actualTo: end,
      counts: `Actual: the recorded placements' cost on each day from ${start} to ${end}.`,
    };
  return {
    basis: 'actual-and-committed',
    actualTo: today,
    counts:
      `Actual from ${start} to ${today}, then committed to ${end}: the placements recorded today, on their ` +
      'recorded costs and end dates (no joiners, leavers or moves not yet recorded; /outturn and /forecast add those).',
  };
}

/** Calendar months from the one containing `from` to the one containing `to`, with their first day numbers. */
function monthsBetween(from: string, to: string): { months: string[]; starts: number[] } {
  const months: string[] = [];
  const starts: number[] = [];
  for (const { month, firstDay } of eachMonth(from, to)) {
    months.push(month);
    starts.push(firstDay);
  }
  return { months, starts };
}

/** Index of the last month starting on or before `day` (binary search; `starts` ascending). */
function monthOf(starts: number[], day: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= day) low = mid;
    else high = mid - 1;
  }
  return low;
}

const toPence = (pounds: number) => Math.round(pounds * 100);

/** Cost periods of a placement as [first day, annual pence by funder], sorted, from its history. */
function costPeriods(p: SpendPlacement): { from: number; pence: number[] }[] {
  const history = p.costHistory.length > 0 ? p.costHistory : [{ effectiveFrom: p.startDate, costs: p.costs }];
  const sorted =
    history.length > 1
      ? [...history].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
      : history;
  return sorted.map((period, i) => ({
    // The first period also covers days before its own date, as costsOn does.
    from: i === 0 ? Number.NEGATIVE_INFINITY : toDayNumber(period.effectiveFrom),
    pence: FUNDERS.map((funder) => toPence(period.costs[funder] ?? 0)),
  }));
}

/** Spend of placements over an inclusive date range (`from` ≤ `to`, ISO dates). */
export function computeSpend(
  placements: readonly SpendPlacement[],
  range: { from: string; to: string },
): SpendCube {
  if (range.to < range.from)
    throw new RangeError(`spend range ends (${range.to}) before it starts (${range.from})`);
  const { months, starts } = monthsBetween(range.from, range.to);
  const rangeFrom = toDayNumber(range.from);
  const rangeTo = toDayNumber(range.to);
  const nMonths = months.length;
  const pennyDays = new Float64Array(nMonths * N_GROUPS * N_FUNDERS);
  const inPlace = new Int32Array(nMonths * N_GROUPS);
  const inPlaceInRange = new Int32Array(N_GROUPS);
  const fundedBy = new Int32Array(N_FUNDERS);
  const funded = new Array<boolean>(N_FUNDERS);

  for (const p of placements) {
    const first = Math.max(toDayNumber(p.startDate), rangeFrom);
    const last = Math.min(p.endDate === undefined ? rangeTo : toDayNumber(p.endDate), rangeTo);
    if (last < first) continue;
    const needIndex = NEED_INDEX.get(p.primaryNeed);
    const settingIndex = SETTING_INDEX.get(p.setting);
    if (needIndex === undefined || settingIndex === undefined)
      throw new RangeError(`unknown need ${p.primaryNeed} or setting ${p.setting}`);
    const group = groupIndex(needIndex, settingIndex, p.inBorough ? 0 : 1);

    inPlaceInRange[group] = (inPlaceInRange[group] as number) + 1;
    for (let m = monthOf(starts, first); m <= monthOf(starts, last); m++) {
      const cell = m * N_GROUPS + group;
      inPlace[cell] = (inPlace[cell] as number) + 1;
    }

    funded.fill(false);
    const periods = costPeriods(p);
    for (let i = 0; i < periods.length; i++) {
      const period = periods[i] as { from: number; pence: number[] };
      const next = periods[i + 1];
      const segmentFirst = Math.max(first, period.from);
      const segmentLast = Math.min(last, next === undefined ? last : next.from - 1);
      if (segmentLast < segmentFirst) continue;
      for (let f = 0; f < N_FUNDERS; f++) if ((period.pence[f] as number) > 0) funded[f] = true;
      // Intersect the segment with each month it touches.
      for (let m = monthOf(starts, segmentFirst); m < nMonths; m++) {
        const monthFirst = starts[m] as number;
        if (monthFirst > segmentLast) break;
        const monthLast = m + 1 < nMonths ? (starts[m + 1] as number) - 1 : rangeTo;
        const days = Math.min(segmentLast, monthLast) - Math.max(segmentFirst, monthFirst) + 1;
        const base = (m * N_GROUPS + group) * N_FUNDERS;
        for (let f = 0; f < N_FUNDERS; f++)
          pennyDays[base + f] = (pennyDays[base + f] as number) + days * (period.pence[f] as number);
      }
    }
    for (let f = 0; f < N_FUNDERS; f++) if (funded[f]) fundedBy[f] = (fundedBy[f] as number) + 1;
  }
  return { from: range.from, to: range.to, months, pennyDays, inPlace, inPlaceInRange, fundedBy };
}

/** Spend of placements in a financial year written `2025-26` (1 April to 31 March). */
export function computeFinancialYearSpend(placements: readonly SpendPlacement[], financialYear: string) {
  const { start, end } = financialYearBounds(financialYear);
  return computeSpend(placements, { from: start, to: end });
}

/** Pounds to the penny from penny-days: ÷ 365 days, rounded half up. */
export const poundsOf = (pennyDays: number): number => Math.round(pennyDays / DAYS_PER_YEAR) / 100;

/**
 * Rounds penny-day amounts to whole pennies so they add up exactly to the rounded total (largest
 * remainder). Returns pennies.
 */
export function apportionPennies(values: readonly number[]): number[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  const pennies = values.map((value) => Math.floor(value / DAYS_PER_YEAR));
  let missing = Math.round(total / DAYS_PER_YEAR) - pennies.reduce((sum, value) => sum + value, 0);
  const byRemainder = values
    .map((value, index) => ({ index, remainder: value % DAYS_PER_YEAR }))
    .filter((item) => item.remainder > 0)
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    pennies[index] = (pennies[index] as number) + 1;
    missing -= 1;
  }
  return pennies;
}

/** Total penny-days of the cube, optionally for one funder only. */
export function totalPennyDays(cube: SpendCube, funder?: Funder): number {
  const only = funder === undefined ? -1 : FUNDERS.indexOf(funder);
  let total = 0;
  for (let i = 0; i < cube.pennyDays.length; i++)
    if (only < 0 || i % N_FUNDERS === only) total += cube.pennyDays[i] as number;
  return total;
}

/** Total spend of the cube in pounds, optionally for one funder only. */
export const spendTotal = (cube: SpendCube, funder?: Funder): number =>
  poundsOf(totalPennyDays(cube, funder));

/** Placements in place on at least one day of the range. */
export const placementCount = (cube: SpendCube): number => cube.inPlaceInRange.reduce((sum, n) => sum + n, 0);

interface GroupKeys {
  need: Need;
  setting: Setting;
  dsg: DsgCategory;
  location: Location;
}
const GROUP_KEYS: GroupKeys[] = Array.from({ length: N_GROUPS }, (_, group) => {
  const location = LOCATIONS[group % N_LOCATIONS] as Location;
  const setting = SETTINGS[Math.floor(group / N_LOCATIONS) % SETTINGS.length] as Setting;
  const need = NEEDS[Math.floor(group / (N_LOCATIONS * SETTINGS.length))] as Need;
  return { need, setting, dsg: dsgCategoryOf(setting), location };
});

type GroupDimension = 'need' | 'setting' | 'dsg' | 'location';
const KEYS_OF: Record<GroupDimension, readonly { key: string; label: string }[]> = {
  need: NEEDS.map((need) => ({ key: need, label: need })),
  setting: SETTINGS.map((setting) => ({ key: setting, label: SETTING_INFO[setting].label })),
  dsg: DSG_CATEGORIES.map((dsg) => ({ key: dsg, label: DSG_CATEGORY_LABELS[dsg] })),
  location: LOCATIONS.map((location) => ({ key: location, label: LOCATION_LABELS[location] })),
};

/** Unrounded penny-days and placement counts per key of a dimension, keys in their canonical order. */
export function breakdownPennyDays(
  cube: SpendCube,
  by: SpendDimension,
  funder?: Funder,
): { key: string; label: string; pennyDays: number; placements: number }[] {
  const funderIndex = funder === undefined ? -1 : FUNDERS.indexOf(funder);
  const nMonths = cube.months.length;
  if (by === 'month')
    return cube.months.map((month, m) => {
      let pennyDays = 0;
      let placements = 0;
      for (let g = 0; g < N_GROUPS; g++) {
        placements += cube.inPlace[m * N_GROUPS + g] as number;
        const base = (m * N_GROUPS + g) * N_FUNDERS;
        for (let f = 0; f < N_FUNDERS; f++)
          if (funderIndex < 0 || f === funderIndex) pennyDays += cube.pennyDays[base + f] as number;
      }
      const monthIndex = Number(month.slice(5, 7)) - 1;
      return { key: month, label: `${MONTH_NAMES[monthIndex]} ${month.slice(0, 4)}`, pennyDays, placements };
    });
  if (by === 'funder')
    return FUNDERS.map((name, f) => {
      let pennyDays = 0;
      if (funderIndex < 0 || f === funderIndex)
        for (let i = f; i < cube.pennyDays.length; i += N_FUNDERS) pennyDays += cube.pennyDays[i] as number;
      return { key: name, label: FUNDER_LABELS[name], pennyDays, placements: cube.fundedBy[f] as number };
    });
  const keys = KEYS_OF[by];
  const position = new Map(keys.map(({ key }, i) => [key, i]));
  const pennyDays = new Array<number>(keys.length).fill(0);
  const placements = new Array<number>(keys.length).fill(0);
  for (let g = 0; g < N_GROUPS; g++) {
    const k = position.get(GROUP_KEYS[g]?.[by] as string) as number;
    placements[k] = (placements[k] as number) + (cube.inPlaceInRange[g] as number);
    for (let m = 0; m < nMonths; m++) {
      const base = (m * N_GROUPS + g) * N_FUNDERS;
      for (let f = 0; f < N_FUNDERS; f++)
        if (funderIndex < 0 || f === funderIndex)
          pennyDays[k] = (pennyDays[k] as number) + (cube.pennyDays[base + f] as number);
    }
  }
  return keys.map(({ key, label }, i) => ({
    key,
    label,
    pennyDays: pennyDays[i] as number,
    placements: placements[i] as number,
  }));
}

/** Breakdown in pounds to the penny, adding up exactly to `spendTotal(cube, funder)`. */
export function spendBreakdown(cube: SpendCube, by: SpendDimension, funder?: Funder): BreakdownItem[] {
  const rows = breakdownPennyDays(cube, by, funder);
  const pennies = apportionPennies(rows.map((row) => row.pennyDays));
  return rows.map((row, i) => ({
    key: row.key,
    label: row.label,
    amount: (pennies[i] as number) / 100,
    placements: row.placements,
  }));
}

/** Total and one breakdown over a financial year, for all funders or one. */
export function financialYearSpendSummary(
  placements: readonly SpendPlacement[],
  financialYear: string,
  by: SpendDimension = 'month',
  funder?: Funder,
): SpendSummary {
  const cube = computeFinancialYearSpend(placements, financialYear);
  return {
    financialYear,
    from: cube.from,
    to: cube.to,
    by,
    funder: funder ?? 'all',
    total: spendTotal(cube, funder),
    placements: placementCount(cube),
    breakdown: spendBreakdown(cube, by, funder),
  };
}
