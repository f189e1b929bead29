// Pricing the model's caseload for the finance forecast: what each child in a projected January census costs
// a year, and how census years fall into financial years. Pure.
//
// - A January census counts the children of its academic year (September–August): census Y is academic year
//   (Y−1)/Y. Financial year Y–(Y+1) (April–March) takes 5/12 of academic year (Y−1)/Y (April–August, census Y)
//   and 7/12 of academic year Y/(Y+1) (September–March, census Y+1): children change NCY, phase and often
//   setting (post-16, a new school) in September, so the split follows the academic year.
// - The rest of a year under way (after `asOf`) is counted in months too: every month after asOf's month, and
//   the remaining days of asOf's month as a fraction of it. Actual spend to asOf is counted by day (spend.ts).
// - Unit costs are the authority's recorded costs: the mean annual cost, in force on asOf, of the placements
//   in place that day with the same need, state setting (setting and in/out of borough) and phase, falling back
//   to coarser cells where a cell has none (each fallback is reported). They are at asOf's prices: financial
//   year f costs them × (1 + uplift)^(f − the year of asOf); the uplift applies each April.
// - Money is carried unrounded and rounded to the penny once, on the year's figure.
// Decision record: model/decisions/finance-forecast.md.

import { ncyAt } from '../model/snapshots';
import {
  DSG_CATEGORIES,
  type DsgCategory,
  dsgCategoryOf,
  type Phase,
  phaseOfNcy,
  SETTING_INFO,
  type Setting,
} from './codes';
import { financialYearBounds, financialYearStartOf, toDayNumber } from './dates';
import { costsOn, isActiveOn, type Placement, totalAnnualCost } from './placement';

/** A January census year's months in a financial year (twelfths of a year, fractional for a part month). */
export interface CensusMonths {
  censusYear: number;
  months: number;
}

const daysInMonth = (year: number, month1: number) => new Date(Date.UTC(year, month1, 0)).getUTCDate();

/**
 * The months of `financialYear` that come after `asOf` (all twelve when asOf is before the year, none when
 * after it), by the census of the academic year they fall in: April–August → census Y, September–March →
 * census Y + 1, for the year starting April Y.
 */
export function monthsByCensus(financialYear: string, asOf?: string): CensusMonths[] {
  const { start } = financialYearBounds(financialYear);
  const y = Number(start.slice(0, 4));
  const byCensus = new Map<number, number>([
    [y, 0],
    [y + 1, 0],
  ]);
  for (let i = 0; i < 12; i++) {
    const month1 = ((3 + i) % 12) + 1; // April … March
    const year = month1 >= 4 ? y : y + 1;
    const census = month1 >= 4 && month1 <= 8 ? y : y + 1;
    const first = `${year}-${String(month1).padStart(2, '0')}-01`;
    const days = daysInMonth(year, month1);
    let share = 1;
    if (asOf !== undefined && asOf >= first) {
      const elapsed = toDayNumber(asOf) - toDayNumber(first) + 1;
      share = elapsed >= days ? 0 : (days - elapsed) / days;
    }
    byCensus.set(census, (byCensus.get(census) as number) + share);
  }
  return [...byCensus].map(([censusYear, months]) => ({ censusYear, months }));
}

/** Price index of a financial year against the prices in force on `asOf`: (1 + uplift)^(years after). */
export function priceIndex(uplift: number, asOf: string, financialYear: string): number {
  if (!Number.isFinite(uplift) || uplift <= -1) throw new RangeError('the uplift must be a rate above −100%');
  const years = Number(financialYear.slice(0, 4)) - financialYearStartOf(asOf);
  return years <= 0 ? 1 : (1 + uplift) ** years;
}

/** `independent-special@OB` → `independent-special`; any other code is its own base. */
export const baseSettingOf = (stateSetting: string): string => stateSetting.replace(/@(IB|OB)$/, '');

const isKnownSetting = (setting: string): setting is Setting => setting in SETTING_INFO;

/** DSG management-plan category of a state setting; witan's anonymised codes count as OTHER. */
export function dsgOfStateSetting(stateSetting: string): DsgCategory {
  const base = baseSettingOf(stateSetting);
  return isKnownSetting(base) ? dsgCategoryOf(base) : 'OTHER';
}

/**
 * Where a specialist child beyond local places goes: out of borough, or an independent / non-maintained
 * special school (the capacity view's overflow, model/decisions/capacity.md).
 */
export const isOverflowSetting = (stateSetting: string): boolean =>
  stateSetting.endsWith('@OB') || /^(independent-special|non-maintained-special)/.test(stateSetting);

export const isSpecialistStateSetting = (stateSetting: string): boolean => {
  const base = baseSettingOf(stateSetting);
  return isKnownSetting(base) && SETTING_INFO[base].specialist;
};

/** What one child in one census cell costs a year at asOf's prices, and where the child counts. */
export interface CellPrice {
  education: number;
  allFunders: number;
  /** Index into DSG_CATEGORIES. */
  dsg: number;
  outOfBorough: boolean;
  specialist: boolean;
  phase: Phase;
}

interface Sum {
  n: number;
  education: number;
  allFunders: number;
}

const add = (map: Map<string, Sum>, key: string, education: number, allFunders: number) => {
  const sum = map.get(key) ?? { n: 0, education: 0, allFunders: 0 };
  sum.n += 1;
  sum.education += education;
  sum.allFunders += allFunders;
  map.set(key, sum);
};

const FALLBACKS = [
  'need, setting and phase',
  'setting and phase (mean over needs)',
  'need and setting (mean over phases)',
  'setting (mean over needs and phases)',
  'every placement (no placement in this setting)',
] as const;

/** One side of the capacity view: what a specialist child costs there and where the cost counts. */
export interface SpecialistSide {
  education: number;
  allFunders: number;
  /** Index into DSG_CATEGORIES. */
  dsg: number;
  outOfBoroughShare: number;
}
export interface SpecialistCosts {
  local: SpecialistSide;
  overflow: SpecialistSide;
}

/** One row of the unit cost table in the assumptions: a state setting's mean cost on asOf. */
export interface UnitCostRow {
  setting: string;
  dsgCategory: DsgCategory;
  placements: number;
  education: number;
  allFunders: number;
}

/**
 * The authority's unit costs on a date: placements in place that day, each at the annual cost in force
 * (education, and all funders), averaged by need × state setting × phase with fallbacks.
 */
export class UnitCosts {
  private readonly sums = new Map<string, Sum>();
  private readonly memo = new Map<string, CellPrice>();
  /** Cells priced by a fallback, by the fallback used: `SEMH special@OB post-19 → setting and phase …`. */
  readonly fallbacks = new Map<string, string>();
  readonly placements: number;

  constructor(
    placements: readonly Pick<
      Placement,
      | 'primaryNeed'
      | 'setting'
      | 'inBorough'
      | 'startDate'
      | 'endDate'
      | 'costs'
      | 'costHistory'
      | 'ncy'
      | 'birthMonth'
    >[],
    readonly date: string,
  ) {
    let count = 0;
    for (const p of placements) {
      if (!isActiveOn(p, date)) continue;
      const costs = costsOn(p, date);
      const setting = `${p.setting}@${p.inBorough ? 'IB' : 'OB'}`;
      const phase = phaseOfNcy(ncyAt(p, date));
      const education = costs.education;
      const all = totalAnnualCost(costs);
      for (const key of [
        `${p.primaryNeed}|${setting}|${phase}`,
        `*|${setting}|${phase}`,
        `${p.primaryNeed}|${setting}|*`,
        `*|${setting}|*`,
        '*|*|*',
      ])
        add(this.sums, key, education, all);
      count += 1;
    }
    this.placements = count;
  }

  /** Mean annual costs of a census cell's children at this date's prices. */
  price(need: string, stateSetting: string, ncy: number): CellPrice {
    const memoKey = `${need}|${stateSetting}|${ncy}`;
    const known = this.memo.get(memoKey);
    if (known) return known;
    const phase = phaseOfNcy(ncy);
    const keys = [
      `${need}|${stateSetting}|${phase}`,
      `*|${stateSetting}|${phase}`,
      `${need}|${stateSetting}|*`,
      `*|${stateSetting}|*`,
      '*|*|*',
    ];
    let level = keys.findIndex((key) => this.sums.has(key));
    const sum = level < 0 ? undefined : this.sums.get(keys[level] as string);
    if (level < 0) level = keys.length - 1;
    if (level > 0) this.fallbacks.set(`${need} ${stateSetting} ${phase}`, FALLBACKS[level] as string);
    const price: CellPrice = {
      education: sum ? sum.education / sum.n : 0,
      allFunders: sum ? sum.allFunders / sum.n : 0,
      dsg: DSG_CATEGORIES.indexOf(dsgOfStateSetting(stateSetting)),
      outOfBorough: stateSetting.endsWith('@OB'),
      specialist: isSpecialistStateSetting(stateSetting),
      phase,
    };
    this.memo.set(memoKey, price);
    return price;
  }

  /**
   * A specialist child of `need` in `phase` placed locally and placed beyond local places (out of borough or
   * independent): mean annual costs on this date, the DSG category most of each side's children are in, and
   * the share of the overflow that is out of borough. Each side falls back to the phase over all needs, then
   * to every phase, then to the other side (so the premium is 0 rather than undefined).
   */
  specialistCosts(need: string, phase: Phase): SpecialistCosts {
    const side = (overflow: boolean, needKey: string, phaseKey: string) => {
      let n = 0;
      let education = 0;
      let allFunders = 0;
      let outOfBorough = 0;
      const byDsg = new Map<DsgCategory, number>();
      for (const [key, sum] of this.sums) {
        const [keyNeed, setting, keyPhase] = key.split('|') as [string, string, string];
        if (keyNeed !== needKey || keyPhase !== phaseKey || setting === '*') continue;
        if (!isSpecialistStateSetting(setting) || isOverflowSetting(setting) !== overflow) continue;
        n += sum.n;
        education += sum.education;
        allFunders += sum.allFunders;
        if (setting.endsWith('@OB')) outOfBorough += sum.n;
        const dsg = dsgOfStateSetting(setting);
        byDsg.set(dsg, (byDsg.get(dsg) ?? 0) + sum.n);
      }
      if (n === 0) return undefined;
      const dsg = [...byDsg].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'OTHER';
      return {
        education: education / n,
        allFunders: allFunders / n,
        dsg: DSG_CATEGORIES.indexOf(dsg),
        outOfBoroughShare: outOfBorough / n,
      };
    };
    const pick = (overflow: boolean) =>
      side(overflow, need, phase) ?? side(overflow, '*', phase) ?? side(overflow, '*', '*');
    const none = { education: 0, allFunders: 0, dsg: DSG_CATEGORIES.indexOf('OTHER'), outOfBoroughShare: 0 };
    const local = pick(false);
    const overflow = pick(true);
    return { local: local ?? overflow ?? none, overflow: overflow ?? local ?? none };
  }

  /** Mean cost by state setting, for the assumptions: what each setting's children cost on this date. */
  rows(): UnitCostRow[] {
    return [...this.sums]
      .filter(([key]) => key.startsWith('*|') && key.endsWith('|*') && key !== '*|*|*')
      .map(([key, sum]) => {
        const setting = key.slice(2, -2);
        return {
          setting,
          dsgCategory: dsgOfStateSetting(setting),
          placements: sum.n,
          education: Math.round((sum.education / sum.n) * 100) / 100,
          allFunders: Math.round((sum.allFunders / sum.n) * 100) / 100,
        };
      })
      .sort((a, b) => a.setting.localeCompare(b.setting));
  }
}
