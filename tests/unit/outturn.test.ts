import { describe, expect, it } from 'vitest';
import { BudgetInput, budgetTotal } from '../../domain/budget';
import {
  expectedStartsFromHistory,
  expectedStartsFromJoiners,
  forecastOutturn,
  joiningPlacements,
  type OutturnPlacement,
  poissonQuantile,
  yearsEarlier,
} from '../../domain/outturn';
import type { Costs } from '../../domain/placement';

const costs = (partial: Partial<Costs>): Costs => ({
  education: 0,
  socialCare: 0,
  health: 0,
  transport: 0,
  ...partial,
});
let children = 0;
function placement(
  startDate: string,
  endDate: string | undefined,
  annual: Partial<Costs>,
  extra: Partial<OutturnPlacement> = {},
): OutturnPlacement {
  children += 1;
  return {
    childRef: `C-${children}`,
    primaryNeed: 'ASD',
    setting: 'independent-special',
    inBorough: false,
    startDate,
    endDate,
    costs: costs(annual),
    costHistory: [{ effectiveFrom: startDate, costs: costs(annual) }],
    ...extra,
  };
}

// FY 2025-26 as at 2025-09-30.
// X: from 2024-05-01, open, £36,500 (£100/day): actual 1 Apr–30 Sep 183 days = 18,300; committed 1 Oct–31 Mar 182 days = 18,200.
// Y: 2025-06-01 → 2025-11-30, £73,000 (£200/day): actual 1 Jun–30 Sep 122 days = 24,400; committed 1 Oct–30 Nov 61 days = 12,200.
// Z: recorded to start 2026-01-01, £36,500: planned 1 Jan–31 Mar 90 days = 9,000.
// Recorded: actual 42,700 + committed 30,400 + planned 9,000 = 82,100.
const recordedNow = [
  placement('2024-05-01', undefined, { education: 36_500 }),
  placement('2025-06-01', '2025-11-30', { education: 73_000 }),
  placement('2026-01-01', undefined, { education: 36_500 }),
];
// Starts in the same window (1 Oct–31 Mar) of the three previous years, all ended before FY 2025-26:
// one each → rate 1. Poisson(1) quantiles (scipy.stats.poisson.ppf): p05 0, p50 1, p95 3.
// Mean annual cost at start: education (36,500 + 73,000 + 0) / 3 = 36,500; all funders + 10,950 / 3 = 40,150.
// Window 1 Oct–31 Mar = 182 days, a start spread evenly stays (182 + 1) / 2 = 91.5 days:
// education per starter 36,500 × 91.5 / 365 = 9,150; all funders 40,150 × 91.5 / 365 = 10,065.
const historicStarters = [
  placement('2024-11-01', '2024-12-31', { education: 36_500 }),
  placement(
    '2023-12-01',
    '2024-03-31',
    { education: 73_000 },
    { setting: 'maintained-special', inBorough: true },
  ),
  placement('2022-10-10', '2023-03-31', { socialCare: 10_950 }),
];

describe('outturn forecast', () => {
  it('actual to date + committed + planned starts, with nothing expected when no history', () => {
    const outturn = forecastOutturn({
      placements: recordedNow,
      financialYear: '2025-26',
      asOf: '2025-09-30',
    });
    expect(outturn.actualToDate).toBe(42_700);
    expect(outturn.committed).toBe(30_400);
    expect(outturn.plannedStarts).toBe(9_000);
    expect(outturn.expectedNew).toEqual({ p05: 0, p50: 0, p95: 0, placements: { p05: 0, p50: 0, p95: 0 } });
    expect(outturn.forecast).toEqual({ p05: 82_100, p50: 82_100, p95: 82_100 });
    expect(outturn.budget).toBeNull();
    expect(outturn.variance).toBeNull();
    expect(outturn.dsgBalance).toBeNull();
  });

  it('adds expected new placements with a Poisson band, variance to budget and the DSG balance', () => {
    const budget = BudgetInput.parse({
      lines: [
        { dsgCategory: 'NMISS', amount: 60_000 },
        { dsgCategory: 'MdSSA', amount: 25_000 },
      ],
      openingDsgBalance: -10_000,
    });
    const outturn = forecastOutturn({
      placements: [...recordedNow, ...historicStarters],
      financialYear: '2025-26',
      asOf: '2025-09-30',
      budget,
    });
    expect(outturn.expectedStarts.history.map((h) => h.joiners)).toEqual([1, 1, 1]);
    expect(outturn.expectedStarts.rate).toBe(1);
    expect(outturn.expectedStarts.meanDaysInYear).toBe(91.5);
    expect(outturn.expectedNew).toEqual({
      p05: 0,
      p50: 9_150,
      p95: 27_450,
      placements: { p05: 0, p50: 1, p95: 3 },
    });
    // 82,100 + 0 / 9,150 / 27,450.
    expect(outturn.forecast).toEqual({ p05: 82_100, p50: 91_250, p95: 109_550 });
    expect(outturn.allFunders.expectedNew.p50).toBe(10_065);
    expect(outturn.allFunders.forecast.p50).toBe(92_165);
    // Budget 85,000: variance −2,900 / 6,250 / 24,550.
    expect(outturn.budget).toBe(85_000);
    expect(outturn.variance).toEqual({ p05: -2_900, p50: 6_250, p95: 24_550 });
    expect(outturn.varianceShare?.p50).toBeCloseTo(6_250 / 85_000, 4);
    // Closing = −10,000 + 85,000 − forecast: the worst (p05) end at the p95 forecast.
    expect(outturn.dsgBalance).toEqual({
      opening: -10_000,
      closing: { p05: -34_550, p50: -16_250, p95: -7_100 },
    });
    // New starts split by the starters' education cost: NMISS 36,500 / 109,500 = 1/3, MdSSA 2/3 of 9,150.
    const nmiss = outturn.byDsg.find((row) => row.dsgCategory === 'NMISS');
    const mdssa = outturn.byDsg.find((row) => row.dsgCategory === 'MdSSA');
    expect(nmiss).toMatchObject({
      actualToDate: 42_700,
      committed: 30_400,
      plannedStarts: 9_000,
      expectedNew: 3_050,
    });
    expect(nmiss).toMatchObject({ forecast: 85_150, budget: 60_000, variance: 25_150 });
    expect(mdssa).toMatchObject({ expectedNew: 6_100, forecast: 6_100, budget: 25_000, variance: -18_900 });
    expect(outturn.byDsg.reduce((sum, row) => sum + row.forecast, 0)).toBe(outturn.forecast.p50);
  });

  it('after 31 March the forecast is the actual', () => {
    const outturn = forecastOutturn({
      placements: recordedNow,
      financialYear: '2025-26',
      asOf: '2026-06-30',
    });
    // X 365 days × 100 + Y 183 days (1 Jun–30 Nov) × 200 + Z 90 × 100 = 36,500 + 36,600 + 9,000.
    expect(outturn.actualToDate).toBe(82_100);
    expect(outturn.committed + outturn.plannedStarts + outturn.expectedNew.p95).toBe(0);
    expect(outturn.forecast.p50).toBe(82_100);
  });

  it('before 1 April everything is still to come', () => {
    const outturn = forecastOutturn({
      placements: recordedNow,
      financialYear: '2025-26',
      asOf: '2025-03-31',
    });
    expect(outturn.actualToDate).toBe(0);
    // X and Y in place or starting later: X committed all year 36,500; Y and Z planned 36,600 + 9,000.
    expect(outturn.committed).toBe(36_500);
    expect(outturn.plannedStarts).toBe(45_600);
  });
});

describe('expected new placements', () => {
  it('counts a start before 1 April as in place all year', () => {
    // As at 2025-01-31, window 1 Feb 2025–31 Mar 2026: 59 days before the year, 365 in it:
    // mean days in FY 2025-26 = (59 × 365 + 365 × 366 / 2) / 424 = 88,330 / 424.
    const starts = expectedStartsFromHistory([], '2025-26', '2025-01-31');
    expect(starts.meanDaysInYear).toBeCloseTo(88_330 / 424, 10);
    expect(starts.rate).toBe(0);
    expect(starts.count).toEqual({ p05: 0, p50: 0, p95: 0 });
  });

  it('has no window once the year is over', () => {
    expect(expectedStartsFromHistory([], '2025-26', '2026-03-31').window).toBeNull();
  });
});

describe('joiners', () => {
  it('a move between settings is not a joiner; a return after a gap is', () => {
    const first = placement('2024-09-01', '2025-01-31', { education: 1 }, { childRef: 'K' });
    const move = placement('2025-02-01', '2025-06-30', { education: 1 }, { childRef: 'K' });
    const overlap = placement('2025-06-30', '2025-08-31', { education: 1 }, { childRef: 'K' });
    const back = placement('2025-10-01', undefined, { education: 1 }, { childRef: 'K' });
    const other = placement('2025-02-01', undefined, { education: 1 });
    expect(joiningPlacements([first, move, overlap, back, other])).toEqual([first, back, other]);
  });

  it("takes the model's joiners pro rata to the window, for the census year the window ends in", () => {
    // Window 1 Oct 2025–31 Mar 2026 = 182 days, ending after the January 2026 census: census year 2027.
    // 200 joiners a year × 182 / 365 = 99.73; p05 150 → 74.79; p95 260 → 129.64.
    const joiners = [
      { year: 2026, mean: 100, p05: 100, p50: 100, p95: 100 },
      { year: 2027, mean: 200, p05: 150, p50: 198, p95: 260 },
    ];
    const starts = expectedStartsFromJoiners(joiners, historicStarters, '2025-26', '2025-09-30');
    expect(starts.source).toBe('model');
    expect(starts.rate).toBe(99.73);
    expect(starts.count).toEqual({ p05: 74.79, p50: 98.73, p95: 129.64 });
    // Unit cost from the recent joiners, as for history: 36,500.
    expect(starts.unitCost.education).toBe(36_500);
    const outturn = forecastOutturn({
      placements: [...recordedNow, ...historicStarters],
      financialYear: '2025-26',
      asOf: '2025-09-30',
      expectedStarts: starts,
    });
    // 98.73 × 36,500 × 91.5 / 365 = 903,379.50; + recorded 82,100.
    expect(outturn.expectedNew.p50).toBe(903_379.5);
    expect(outturn.forecast.p50).toBe(985_479.5);
  });
});

describe('poissonQuantile', () => {
  it.each([
    // scipy.stats.poisson.ppf(p, λ)
    [1, 0.05, 0],
    [1, 0.5, 1],
    [1, 0.95, 3],
    [10, 0.05, 5],
    [10, 0.5, 10],
    [10, 0.95, 15],
    [0.2, 0.95, 1],
    // normal approximation above λ = 500; scipy gives 948 and 1052
    [1000, 0.05, 948],
    [1000, 0.95, 1052],
  ])('λ=%d p=%d → %d', (lambda, p, expected) => {
    expect(poissonQuantile(lambda, p)).toBe(expected);
  });
  it('is 0 for a zero rate and rejects nonsense', () => {
    expect(poissonQuantile(0, 0.95)).toBe(0);
    expect(() => poissonQuantile(-1, 0.5)).toThrow(RangeError);
    expect(() => poissonQuantile(1, 1)).toThrow(RangeError);
  });
});

describe('budgets', () => {
  it('rejects duplicate lines and negative amounts, naming the line', () => {
    const result = BudgetInput.safeParse({
      lines: [
        { dsgCategory: 'NMISS', amount: 1 },
        { dsgCategory: 'NMISS', amount: 2 },
        { dsgCategory: 'MdSSA', need: 'ASD', amount: -5 },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['lines.1', 'lines.2.amount']));
  });
  it('allows a category line and need lines side by side, which add up', () => {
    const input = BudgetInput.parse({
      lines: [
        { dsgCategory: 'NMISS', amount: 1000.1 },
        { dsgCategory: 'NMISS', need: 'ASD', amount: 2000.2 },
      ],
    });
    expect(budgetTotal(input.lines)).toBe(3000.3);
  });
  it('shifts dates by whole years, 29 February to 28 February', () => {
    expect(yearsEarlier('2024-02-29', 1)).toBe('2023-02-28');
    expect(yearsEarlier('2025-10-01', 3)).toBe('2022-10-01');
  });
});
