// The finance forecast's pricing (domain/forecast-pricing.ts) and its years, bands, budgets, balances and
// mitigations (domain/forecast.ts), on hand-made model draws.
import { describe, expect, it } from 'vitest';
import { forecastSpend, planYears, yearBudgets } from '../../domain/forecast';
import { monthsByCensus, priceIndex, UnitCosts } from '../../domain/forecast-pricing';
import type { Placement } from '../../domain/placement';
import { summarise } from '../../domain/summary';
import { type Cell, input, randomWalkDraws, runOf, settings } from '../helpers/forecast';
import { education, storedPlacement } from '../helpers/placement';

describe('months by census', () => {
  it('splits a financial year 5/12 : 7/12 between the academic years (censuses Y and Y + 1)', () => {
    expect(monthsByCensus('2027-28')).toEqual([
      { censusYear: 2027, months: 5 },
      { censusYear: 2028, months: 7 },
    ]);
  });

  it('counts only what is left after asOf: whole months, and the rest of asOf’s month by its days', () => {
    expect(monthsByCensus('2026-27', '2026-11-30')).toEqual([
      { censusYear: 2026, months: 0 },
      { censusYear: 2027, months: 4 },
    ]);
    // 15 June: 15 of June's 30 days are left, then July and August (census 2026), September–March (2027).
    expect(monthsByCensus('2026-27', '2026-06-15')).toEqual([
      { censusYear: 2026, months: 2.5 },
      { censusYear: 2027, months: 7 },
    ]);
    expect(monthsByCensus('2026-27', '2027-03-31').every((m) => m.months === 0)).toBe(true);
    expect(monthsByCensus('2026-27', '2026-03-31')).toEqual(monthsByCensus('2026-27'));
  });

  it('uplifts each April after the year of asOf', () => {
    expect(priceIndex(0.03, '2026-11-30', '2026-27')).toBe(1);
    expect(priceIndex(0.03, '2027-03-31', '2027-28')).toBeCloseTo(1.03, 12);
    expect(priceIndex(0.03, '2026-11-30', '2028-29')).toBeCloseTo(1.0609, 12);
    expect(priceIndex(0.03, '2026-11-30', '2025-26')).toBe(1);
    expect(() => priceIndex(-1, '2026-11-30', '2027-28')).toThrow(RangeError);
  });
});

describe('a hand-worked case, to the penny', () => {
  // C-1: SEMH, maintained special school in borough, NCY 10 in 2025/26 → NCY 11 in 2026/27 → NCY 12 in 2027/28,
  // when (in the model's draw) the child moves on to an FE college: a post-16 transition on 1 September 2027.
  // Recorded cost: £24,820.00 from 1 September 2025, £25,937.50 from 1 April 2026 (a fee review).
  // C-2: SEMH, FE college in borough from 1 September 2026 (NCY 12), £13,125.40: the FE unit cost on asOf.
  // As at 30 November 2026, uplift 3% a year.
  //
  // Unit costs on 2026-11-30 (the costs in force that day): SEMH maintained special @IB secondary £25,937.50;
  // SEMH FE @IB post-16 £13,125.40.
  //
  // FY 2026-27, under way:
  //   actual 1 April – 30 November (spend engine, by day): C-1 244 days × 25,937.50 = 6,328,750.00;
  //     C-2 1 September – 30 November 91 days × 13,125.40 = 1,194,411.40; (6,328,750.00 + 1,194,411.40) / 365
  //     = 20,611.40 (20,611.4010959);
  //   December – March: 4 months of academic year 2026/27 (census 2027), index 1:
  //     (25,937.50 + 13,125.40) × 4/12 = 13,020.9666667;
  //   year = 20,611.4010959 + 13,020.9666667 = 33,632.3677626 → £33,632.37.
  // FY 2027-28, index 1.03:
  //   April – August 2027, 5/12 of census 2027 (C-1 special NCY 11, C-2 FE NCY 12):
  //     (25,937.50 + 13,125.40) × 1.03 × 5/12 = 40,234.787 × 5/12 = 16,764.4945833;
  //   September 2027 – March 2028, 7/12 of census 2028 (C-1 FE NCY 12 after the transition, C-2 FE NCY 13):
  //     (13,125.40 + 13,125.40) × 1.03 × 7/12 = 27,038.324 × 7/12 = 15,772.3556667;
  //   year = 32,536.8502500 → £32,536.85.
  //   C-1 alone: 25,937.50 × 1.03 × 5/12 + 13,125.40 × 1.03 × 7/12 = 11,131.5104167 + 7,886.1778333
  //   = £19,017.69.
  const c1 = storedPlacement('c1', {
    childRef: 'C-1',
    primaryNeed: 'SEMH',
    ncy: 10,
    startDate: '2025-09-01',
    costs: education(25_937.5),
    costHistory: [
      { effectiveFrom: '2025-09-01', costs: education(24_820) },
      { effectiveFrom: '2026-04-01', costs: education(25_937.5) },
    ],
  });
  const c2 = storedPlacement('c2', {
    childRef: 'C-2',
    primaryNeed: 'SEMH',
    setting: 'further-education',
    ncy: 12,
    startDate: '2026-09-01',
    costs: education(13_125.4),
  });
  const placements: Placement[] = [c1, c2];
  const unitCosts = new UnitCosts(placements, '2026-11-30');
  const path = (withC2: boolean): Cell[][] => [
    [['SEMH', 'maintained-special@IB', 10, 1]],
    [
      ['SEMH', 'maintained-special@IB', 11, 1],
      ...(withC2 ? ([['SEMH', 'further-education@IB', 12, 1]] as Cell[]) : []),
    ],
    [
      ['SEMH', 'further-education@IB', 12, 1],
      ...(withC2 ? ([['SEMH', 'further-education@IB', 13, 1]] as Cell[]) : []),
    ],
  ];

  it('prices the year under way and the next one exactly as worked by hand', () => {
    const forecast = forecastSpend(input({ placements, baseline: runOf(unitCosts, 2026, [path(true)]) }));
    const [first, second] = forecast.years;
    expect(first).toMatchObject({
      financialYear: '2026-27',
      basis: 'actual-and-forecast',
      actualTo: '2026-11-30',
      actualToDate: 20_611.4,
      p50: 33_632.37,
      mean: 33_632.37,
    });
    expect(second).toMatchObject({
      financialYear: '2027-28',
      basis: 'forecast',
      actualTo: null,
      p50: 32_536.85,
    });
    // The DSG rows add up to the p50: FY 2027-28 MdSSA 11,131.51 (C-1 in special school April–August) and
    // P16FE 5,632.98 + 15,772.36 = 21,405.34; 11,131.51 + 21,405.34 = 32,536.85.
    expect(second?.byDsg.find((row) => row.dsgCategory === 'MdSSA')?.forecast).toBe(11_131.51);
    expect(second?.byDsg.reduce((sum, row) => sum + row.forecast, 0)).toBeCloseTo(32_536.85, 6);
  });

  it('C-1 alone crosses the financial year and the post-16 transition with the uplift: £19,017.69', () => {
    const alone = path(false);
    const forecast = forecastSpend(
      input({ placements, baseline: runOf(unitCosts, 2026, [alone]), financialYears: ['2027-28'] }),
    );
    expect(forecast.years[0]?.p50).toBe(19_017.69);
  });
});

describe('unit costs', () => {
  // Each started this September, so its recorded NCY is its NCY on the day.
  const startDate = '2026-09-01';
  const placements = [
    storedPlacement('a', { startDate, primaryNeed: 'ASD', ncy: 3, costs: education(20_000) }),
    storedPlacement('b', { startDate, primaryNeed: 'ASD', ncy: 4, costs: education(22_000) }),
    storedPlacement('c', { startDate, primaryNeed: 'SEMH', ncy: 8, costs: education(30_000) }),
    storedPlacement('d', {
      startDate,
      setting: 'independent-special',
      inBorough: false,
      ncy: 9,
      costs: education(60_000),
    }),
    storedPlacement('ended', { endDate: '2020-07-31', costs: education(99_000) }),
  ];
  const unit = new UnitCosts(placements, '2026-11-30');

  it('is the mean cost in force on the day of the placements in the same need, setting and phase', () => {
    expect(unit.placements).toBe(4);
    expect(unit.price('ASD', 'maintained-special@IB', 5).education).toBe(21_000);
    expect(unit.price('SEMH', 'maintained-special@IB', 9)).toMatchObject({ education: 30_000, dsg: 2 });
  });

  it('falls back to coarser cells, and says where', () => {
    // No SEMH primary in special school: the setting's primary children (both ASD).
    expect(unit.price('SEMH', 'maintained-special@IB', 2).education).toBe(21_000);
    // No post-16 in special school at all: the setting over every phase.
    expect(unit.price('MLD', 'maintained-special@IB', 13).education).toBeCloseTo(24_000, 9);
    // A setting nobody is in: every placement.
    expect(unit.price('ASD', 'hospital@IB', 5).education).toBe(33_000);
    expect([...unit.fallbacks.values()]).toEqual([
      'setting and phase (mean over needs)',
      'setting (mean over needs and phases)',
      'every placement (no placement in this setting)',
    ]);
  });

  it("agrees with the overview's annualised cost: the caseload on the day at that day's unit costs", () => {
    // GET /summary annualises the placements in place on a date at the costs in force that day; priced at
    // the unit costs of the same day, the same children cost the same, to the penny.
    const onDay = placements.filter((p) => p.endDate === undefined);
    const priced = onDay.reduce(
      (sum, p) =>
        sum +
        unit.price(p.primaryNeed, `${p.setting}@${p.inBorough ? 'IB' : 'OB'}`, p.ncy as number).allFunders,
      0,
    );
    expect(priced).toBe(summarise(placements, '2026-11-30').total.annualCost);
  });
});

describe('years, bands, budgets and the DSG balance', () => {
  const placements = [storedPlacement('a', { startDate: '2019-09-01', costs: education(20_000) })];
  const unitCosts = new UnitCosts(placements, '2026-11-30');
  const baseline = runOf(unitCosts, 2026, randomWalkDraws(400, 6));
  const years = planYears('2026-27', 5);

  it('gives consecutive years, ordered quantiles, widening bands and rising spend', () => {
    const forecast = forecastSpend(input({ placements, baseline, financialYears: years }));
    expect(forecast.years.map((y) => y.financialYear)).toEqual(years);
    let width = -1;
    let previous = 0;
    for (const year of forecast.years) {
      expect(year.p05).toBeLessThanOrEqual(year.p50);
      expect(year.p50).toBeLessThanOrEqual(year.p95);
      expect(year.p95 - year.p05).toBeGreaterThan(width);
      expect(year.p50).toBeGreaterThan(previous);
      width = year.p95 - year.p05;
      previous = year.p50;
    }
  });

  it('grows the last stored budget by the budget growth, and carries the balance draw by draw', () => {
    const budgets = new Map([
      [
        '2026-27',
        { lines: [{ dsgCategory: 'MdSSA' as const, amount: 2_000_000 }], openingDsgBalance: -500_000 },
      ],
    ]);
    const forecast = forecastSpend(
      input({
        placements,
        baseline,
        financialYears: years,
        budgets,
        settings: settings({ costUplift: { rate: 0.03 }, budgetGrowth: { rate: 0.02 } }),
      }),
    );
    const [first, second] = forecast.years;
    expect(first?.budget).toEqual({ amount: 2_000_000, source: 'budget' });
    expect(second?.budget).toEqual({ amount: 2_040_000, source: 'grown', from: '2026-27' });
    expect(first?.dsgBalance?.opening.p50).toBe(-500_000);
    // Year one has no uncertainty beyond the draws of census 2027; the closing balance is opening + budget − spend.
    expect(first?.dsgBalance?.closing.mean).toBeCloseTo(-500_000 + 2_000_000 - (first?.mean ?? 0), 1);
    // Carried: each year's opening is the last year's closing.
    forecast.years.slice(1).forEach((year, i) => {
      expect(year.dsgBalance?.opening).toEqual(forecast.years[i]?.dsgBalance?.closing);
    });
    expect(forecast.assumptions.openingDsgBalance).toMatchObject({
      amount: -500_000,
      financialYear: '2026-27',
    });
  });

  it('carries a balance set in the settings for an earlier year forward through that year', () => {
    const budgets = new Map([
      ['2025-26', { lines: [{ dsgCategory: 'MdSSA' as const, amount: 1_900_000 }] }],
      ['2026-27', { lines: [{ dsgCategory: 'MdSSA' as const, amount: 2_000_000 }] }],
    ]);
    const forecast = forecastSpend(
      input({
        placements,
        baseline,
        budgets,
        settings: settings({ openingDsgBalance: { financialYear: '2025-26', amount: -100_000 } }),
      }),
    );
    // 2025-26 is over: actual £20,000; closing = −100,000 + 1,900,000 − 20,000.
    expect(forecast.years[0]?.dsgBalance?.opening.p50).toBe(1_780_000);
    expect(forecast.years[0]?.financialYear).toBe('2026-27');
  });

  it('says so when there is no opening balance or no budget, and gives no balance', () => {
    const forecast = forecastSpend(input({ placements, baseline }));
    expect(forecast.years[0]?.dsgBalance).toBeNull();
    expect(forecast.years[0]?.budget).toBeNull();
    expect(forecast.warnings?.join(' ')).toMatch(/no DSG balance brought forward into 2026-27/);
  });

  it('for every funder: no budget and no balance (the budget is the high needs block only)', () => {
    const budgets = new Map([
      ['2026-27', { lines: [{ dsgCategory: 'MdSSA' as const, amount: 1 }], openingDsgBalance: 0 }],
    ]);
    const forecast = forecastSpend(input({ placements, baseline, budgets, funder: 'all' }));
    expect(forecast.years[0]?.budget).toBeNull();
    expect(forecast.years[0]?.dsgBalance).toBeNull();
  });

  it('yearBudgets: nothing before the first stored budget', () => {
    expect(yearBudgets(['2025-26', '2026-27'], new Map([['2026-27', { lines: [] }]]), 0.1)[0]).toBeNull();
  });
});

describe('mitigations', () => {
  const placements = [
    storedPlacement('a', { startDate: '2026-09-01', primaryNeed: 'ASD', ncy: 8, costs: education(25_000) }),
    storedPlacement('b', {
      startDate: '2026-09-01',
      primaryNeed: 'ASD',
      ncy: 8,
      setting: 'independent-special',
      inBorough: false,
      costs: education(65_000),
    }),
  ];
  const unitCosts = new UnitCosts(placements, '2026-11-30');
  const census = (local: number, independent: number): Cell[] => [
    ['ASD', 'maintained-special@IB', 8, local],
    ['ASD', 'independent-special@OB', 8, independent],
  ];
  const draws = (shift: number): Cell[][][] =>
    Array.from({ length: 200 }, (_, d) => [
      census(30, 10),
      census(30 + (d % 5), 12 + shift),
      census(31, 14 + shift),
    ]);

  it('prices a scenario run like the baseline: the saving is the difference, draw by draw', () => {
    const baseline = runOf(unitCosts, 2026, draws(0));
    // The scenario keeps two independent placements a year fewer (a redirect, say).
    const scenario = runOf(unitCosts, 2026, draws(-2));
    const forecast = forecastSpend(
      input({
        placements,
        baseline,
        mitigations: [{ id: 's1', name: 'Fewer independent places', run: scenario }],
      }),
    );
    const [first, second] = forecast.years;
    // 2026-27: 4 months of census 2027 with 2 × £65,000 fewer: 130,000 × 4/12 = 43,333.33 in every draw.
    expect(forecast.mitigations[0]?.savings[0]).toMatchObject({
      financialYear: '2026-27',
      p05: 43_333.33,
      p95: 43_333.33,
    });
    // 2027-28: 130,000 × 1.03 = 133,900 a year.
    expect(forecast.mitigations[0]?.savings[1]?.p50).toBe(133_900);
    expect(first?.mitigated?.p50).toBeCloseTo((first?.p50 ?? 0) - 43_333.33, 1);
    expect(second?.mitigated?.saving.p50).toBe(133_900);
  });

  it('places added: children beyond local places move from the overflow to local places', () => {
    const baseline = runOf(unitCosts, 2026, draws(0));
    const scenario = runOf(unitCosts, 2026, draws(0));
    // 35 local places for ASD secondary; 10 more from academic year 2027/28 (census 2028).
    scenario.applyPlaceChanges(
      [{ need: 'ASD', phase: 'secondary', places: 10, fromAcademicYear: 2027 }],
      () => 35,
    );
    const forecast = forecastSpend(
      input({ placements, baseline, mitigations: [{ id: 'p', name: '10 ASD places', run: scenario }] }),
    );
    // Census 2028: demand 31 + 14 = 45 specialist children, 35 places: overflow 10, all of which the 10 new
    // places take, each saving 65,000 − 25,000 = 40,000: 400,000 a year at 2026-27 prices. FY 2027-28 takes
    // 7/12 of census 2028 at index 1.03: 400,000 × 1.03 × 7/12 = 240,333.33. Census 2027 (academic year
    // 2026/27) is before the change: FY 2026-27 saves nothing.
    expect(forecast.mitigations[0]?.savings.map((s) => s.p50)).toEqual([0, 240_333.33]);
  });
});
