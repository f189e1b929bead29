import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUNDERS, NEEDS, SETTINGS } from '../../domain/codes';
import { fromDayNumber, toDayNumber } from '../../domain/dates';
import { type Costs, costsOn, isActiveOn } from '../../domain/placement';
import {
  apportionPennies,
  breakdownPennyDays,
  computeFinancialYearSpend,
  computeSpend,
  financialYearSpendSummary,
  SPEND_DIMENSIONS,
  type SpendPlacement,
  spendBreakdown,
  spendTotal,
  totalPennyDays,
} from '../../domain/spend';

const costs = (partial: Partial<Costs>): Costs => ({
  education: 0,
  socialCare: 0,
  health: 0,
  transport: 0,
  ...partial,
});

function placement(
  startDate: string,
  endDate: string | undefined,
  annual: Partial<Costs>,
  extra: Partial<SpendPlacement> = {},
): SpendPlacement {
  return {
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

const amounts = (items: { key: string; amount: number }[]) =>
  Object.fromEntries(items.filter((i) => i.amount !== 0).map((i) => [i.key, i.amount]));

describe('spend convention: annual ÷ 365 per day, dates inclusive', () => {
  it('the issue example: 2025-09-01 → 2026-02-28 at £36,500 education costs £18,100 in FY 2025-26', () => {
    // Sep 30 + Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 = 181 days × £100 = £18,100.
    const summary = financialYearSpendSummary(
      [placement('2025-09-01', '2026-02-28', { education: 36_500 })],
      '2025-26',
    );
    expect(summary.total).toBe(18_100);
    expect(summary.breakdown).toHaveLength(12);
    expect(amounts(summary.breakdown)).toEqual({
      '2025-09': 3000,
      '2025-10': 3100,
      '2025-11': 3000,
      '2025-12': 3100,
      '2026-01': 3100,
      '2026-02': 2800,
    });
  });

  it('mid-month start and end, two funders', () => {
    // 2025-04-16 → 2025-06-10; education £73,000 = £200/day, social care £3,650 = £10/day.
    // April 16–30 = 15 days: 3,000 + 150; May 31 days: 6,200 + 310; June 1–10 = 10 days: 2,000 + 100.
    // Education 11,200, social care 560, total 11,760.
    const cube = computeFinancialYearSpend(
      [placement('2025-04-16', '2025-06-10', { education: 73_000, socialCare: 3_650 })],
      '2025-26',
    );
    expect(spendTotal(cube)).toBe(11_760);
    expect(amounts(spendBreakdown(cube, 'month'))).toEqual({
      '2025-04': 3150,
      '2025-05': 6510,
      '2025-06': 2100,
    });
    expect(amounts(spendBreakdown(cube, 'funder'))).toEqual({ education: 11_200, socialCare: 560 });
    expect(spendTotal(cube, 'education')).toBe(11_200);
  });

  it('a one-day placement costs one day', () => {
    // £36,500 / 365 = £100.
    expect(
      spendTotal(
        computeFinancialYearSpend([placement('2025-07-04', '2025-07-04', { health: 36_500 })], '2025-26'),
      ),
    ).toBe(100);
  });

  it('applies a cost change from its effective date, on a placement open past 31 March', () => {
    // Started 2025-01-01, still open; £36,500 (£100/day) then £43,800 (£120/day) from 2025-10-01.
    // FY 2025-26: 1 Apr–30 Sep = 183 days × 100 = 18,300; 1 Oct–31 Mar = 182 days × 120 = 21,840 → 40,140.
    // September: 30 × 100 = 3,000; October: 31 × 120 = 3,720.
    const p = placement('2025-01-01', undefined, { education: 36_500 });
    p.costHistory.push({ effectiveFrom: '2025-10-01', costs: costs({ education: 43_800 }) });
    const cube = computeFinancialYearSpend([p], '2025-26');
    expect(spendTotal(cube)).toBe(40_140);
    const months = amounts(spendBreakdown(cube, 'month'));
    expect(months['2025-09']).toBe(3000);
    expect(months['2025-10']).toBe(3720);
    expect(months['2026-03']).toBe(3720);
  });

  it('a cost change in the middle of a month splits that month', () => {
    // £36,500 to 2025-06-14, then £73,000 from 2025-06-15: June = 14 × 100 + 16 × 200 = 4,600.
    const p = placement('2025-06-01', '2025-06-30', { education: 36_500 });
    p.costHistory.push({ effectiveFrom: '2025-06-15', costs: costs({ education: 73_000 }) });
    expect(spendTotal(computeFinancialYearSpend([p], '2025-26'))).toBe(4600);
  });

  it('splits a placement open across 31 March between the two financial years', () => {
    // 2026-01-10 → 2026-06-30 at £7,300 (£20/day): FY 2025-26 Jan 10–31 (22) + Feb (28) + Mar (31) = 81 days → 1,620;
    // FY 2026-27 Apr (30) + May (31) + Jun (30) = 91 days → 1,820.
    const p = placement('2026-01-10', '2026-06-30', { transport: 7_300 });
    expect(spendTotal(computeFinancialYearSpend([p], '2025-26'))).toBe(1620);
    expect(spendTotal(computeFinancialYearSpend([p], '2026-27'))).toBe(1820);
  });

  it('charges 366 days in a leap financial year (FY 2023-24 has 29 February 2024)', () => {
    // A full year at £36,500: 366 × £100 = £36,600; February 2024: 29 × £100 = £2,900.
    const cube = computeFinancialYearSpend(
      [placement('2020-01-01', undefined, { education: 36_500 })],
      '2023-24',
    );
    expect(spendTotal(cube)).toBe(36_600);
    expect(amounts(spendBreakdown(cube, 'month'))['2024-02']).toBe(2900);
  });

  it('ignores placements outside the year, ended before it or starting after it', () => {
    const cube = computeFinancialYearSpend(
      [
        placement('2024-01-01', '2025-03-31', { education: 50_000 }),
        placement('2026-04-01', undefined, { education: 50_000 }),
      ],
      '2025-26',
    );
    expect(spendTotal(cube)).toBe(0);
    expect(spendBreakdown(cube, 'need').every((item) => item.placements === 0)).toBe(true);
  });

  it('rounds pennies so a breakdown adds up to its total (largest remainder)', () => {
    // £1.83 a year = 183p: one day = 183/365 = 0.501p. Three one-day placements with different needs:
    // each rounds to 1p on its own (3p) but the total is 549/365 = 1.504p → 2p; the items become 1p, 1p, 0p.
    const oneDay = (need: SpendPlacement['primaryNeed']) =>
      placement('2025-05-05', '2025-05-05', { education: 1.83 }, { primaryNeed: need });
    const cube = computeFinancialYearSpend([oneDay('ASD'), oneDay('SEMH'), oneDay('MLD')], '2025-26');
    expect(spendTotal(cube)).toBe(0.02);
    const byNeed = spendBreakdown(cube, 'need');
    expect(byNeed.reduce((sum, item) => sum + Math.round(item.amount * 100), 0)).toBe(2);
    expect(apportionPennies([183, 183, 183])).toEqual([1, 1, 0]);
  });
});

describe('breakdowns', () => {
  const placements = [
    placement('2025-04-01', '2025-04-30', { education: 36_500, socialCare: 36_500 }, { primaryNeed: 'SEMH' }),
    placement(
      '2025-04-01',
      '2025-04-10',
      { education: 36_500 },
      { setting: 'maintained-special', inBorough: true },
    ),
    placement(
      '2025-04-01',
      '2025-04-10',
      { education: 36_500 },
      { setting: 'special-academy', inBorough: true },
    ),
  ];
  const cube = computeFinancialYearSpend(placements, '2025-26');

  it('by DSG category merges settings of one category', () => {
    // SEMH ISS: 30 days × (100 + 100) = 6,000 → NMISS; two 10-day maintained/academy at 100/day → MdSSA 2,000.
    const byDsg = spendBreakdown(cube, 'dsg');
    expect(amounts(byDsg)).toEqual({ NMISS: 6000, MdSSA: 2000 });
    expect(byDsg.find((item) => item.key === 'MdSSA')?.placements).toBe(2);
    expect(byDsg.map((item) => item.key)).toEqual([
      'MmSoA',
      'RPSEN',
      'MdSSA',
      'NMISS',
      'HspAP',
      'P16FE',
      'OTHER',
    ]);
  });

  it('by location, need, setting and funder', () => {
    expect(amounts(spendBreakdown(cube, 'location'))).toEqual({ 'in-borough': 2000, 'out-of-borough': 6000 });
    expect(amounts(spendBreakdown(cube, 'need'))).toEqual({ ASD: 2000, SEMH: 6000 });
    expect(amounts(spendBreakdown(cube, 'setting'))).toEqual({
      'maintained-special': 1000,
      'special-academy': 1000,
      'independent-special': 6000,
    });
    const byFunder = spendBreakdown(cube, 'funder');
    expect(amounts(byFunder)).toEqual({ education: 5000, socialCare: 3000 });
    expect(byFunder.find((item) => item.key === 'socialCare')?.placements).toBe(1);
  });

  it('a funder-only breakdown adds up to that funder total', () => {
    expect(amounts(spendBreakdown(cube, 'dsg', 'education'))).toEqual({ NMISS: 3000, MdSSA: 2000 });
  });
});

// Reference: the convention applied literally, one day at a time, with the domain's own costsOn/isActiveOn.
function perDayPennyDays(placements: SpendPlacement[], from: string, to: string): number {
  let total = 0;
  for (let day = toDayNumber(from); day <= toDayNumber(to); day++) {
    const date = fromDayNumber(day);
    for (const p of placements)
      if (isActiveOn(p, date)) {
        const c = costsOn(p, date);
        total += FUNDERS.reduce((sum, f) => sum + Math.round(c[f] * 100), 0);
      }
  }
  return total;
}

const dayIn = (from: string, to: string) =>
  fc.integer({ min: toDayNumber(from), max: toDayNumber(to) }).map(fromDayNumber);
const annualCosts = fc.record({
  education: fc.integer({ min: 0, max: 30_000_000 }).map((p) => p / 100),
  socialCare: fc.integer({ min: 0, max: 5_000_000 }).map((p) => p / 100),
  health: fc.constantFrom(0, 1234.56),
  transport: fc.integer({ min: 0, max: 1_000_000 }).map((p) => p / 100),
});
const arbitraryPlacement: fc.Arbitrary<SpendPlacement> = fc
  .record({
    primaryNeed: fc.constantFrom(...NEEDS),
    setting: fc.constantFrom(...SETTINGS),
    inBorough: fc.boolean(),
    startDate: dayIn('2022-01-01', '2027-06-30'),
    lengthDays: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
    changes: fc.array(fc.record({ afterDays: fc.integer({ min: 1, max: 900 }), costs: annualCosts }), {
      maxLength: 3,
    }),
    first: annualCosts,
  })
  .map(({ startDate, lengthDays, changes, first, ...rest }) => {
    const start = toDayNumber(startDate);
    const history = [
      { effectiveFrom: startDate, costs: first },
      ...changes.map((change) => ({
        effectiveFrom: fromDayNumber(start + change.afterDays),
        costs: change.costs,
      })),
    ].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    return {
      ...rest,
      startDate,
      endDate: lengthDays === undefined ? undefined : fromDayNumber(start + lengthDays),
      costs: first,
      costHistory: history,
    };
  });
const financialYear = fc
  .integer({ min: 2022, max: 2027 })
  .map((y) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`);

describe('properties', () => {
  it('the sum over months = the sum over any breakdown = the total, exactly, and the rounded pennies foot', () => {
    fc.assert(
      fc.property(fc.array(arbitraryPlacement, { maxLength: 25 }), financialYear, (placements, fy) => {
        const cube = computeFinancialYearSpend(placements, fy);
        const total = totalPennyDays(cube);
        const totalPennies = Math.round(spendTotal(cube) * 100);
        for (const by of SPEND_DIMENSIONS) {
          expect(breakdownPennyDays(cube, by).reduce((sum, row) => sum + row.pennyDays, 0)).toBe(total);
          const items = spendBreakdown(cube, by);
          expect(items.reduce((sum, item) => sum + Math.round(item.amount * 100), 0)).toBe(totalPennies);
        }
        expect(breakdownPennyDays(cube, 'month')).toHaveLength(12);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with a literal day-by-day reading of the convention', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryPlacement, { maxLength: 6 }),
        dayIn('2023-01-01', '2026-12-31'),
        fc.integer({ min: 0, max: 500 }),
        (placements, from, length) => {
          const to = fromDayNumber(toDayNumber(from) + length);
          expect(totalPennyDays(computeSpend(placements, { from, to }))).toBe(
            perDayPennyDays(placements, from, to),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('spend over a range = the sum of spend over its parts', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryPlacement, { maxLength: 15 }),
        dayIn('2023-01-01', '2026-12-31'),
        (placements, cut) => {
          const whole = totalPennyDays(computeSpend(placements, { from: '2022-06-01', to: '2027-03-31' }));
          const left = totalPennyDays(computeSpend(placements, { from: '2022-06-01', to: cut }));
          const right = totalPennyDays(
            computeSpend(placements, { from: fromDayNumber(toDayNumber(cut) + 1), to: '2027-03-31' }),
          );
          expect(left + right).toBe(whole);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('preconditions', () => {
  it('rejects a range that ends before it starts', () => {
    expect(() => computeSpend([], { from: '2025-05-01', to: '2025-04-30' })).toThrow(/before it starts/);
  });
  it('an empty list spends nothing, with all twelve months listed', () => {
    const summary = financialYearSpendSummary([], '2025-26', 'month');
    expect(summary.total).toBe(0);
    expect(summary.breakdown.map((item) => item.key)[0]).toBe('2025-04');
    expect(summary.breakdown.map((item) => item.key)[11]).toBe('2026-03');
  });
});
