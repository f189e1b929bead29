import { describe, expect, it } from 'vitest';
import { ageAtFinancialYearStart, ageGroupOf, type DsgPlanPlacement, dsgPlan } from '../../domain/dsg-plan';
import type { Costs } from '../../domain/placement';

const costs = (education: number): Costs => ({ education, socialCare: 1000, health: 0, transport: 0 });
const placement = (extra: Partial<DsgPlanPlacement>): DsgPlanPlacement => ({
  primaryNeed: 'ASD',
  setting: 'maintained-special',
  inBorough: true,
  startDate: '2024-09-01',
  costs: costs(36_500),
  costHistory: [{ effectiveFrom: '2024-09-01', costs: costs(36_500) }],
  ...extra,
});

describe('age on 1 April at the start of the financial year', () => {
  it.each([
    // Born March 2015: 10 on 1 April 2025. Born April 2015: birthday after 1 April, still 9.
    ['2015-03', 10],
    ['2015-04', 9],
    ['2015-12', 9],
  ])('born %s → %i in FY 2025-26', (birthMonth, age) => {
    expect(ageAtFinancialYearStart(placement({ birthMonth }), '2025-26')).toBe(age);
  });

  it('without a birth month: NCY at the start carried forward, + 5', () => {
    // NCY 3 in 2022/23 (start 2022-09-05) → NCY 5 in 2024/25, the academic year of 1 April 2025 → 10.
    expect(ageAtFinancialYearStart(placement({ ncy: 3, startDate: '2022-09-05' }), '2025-26')).toBe(10);
    expect(ageAtFinancialYearStart(placement({}), '2025-26')).toBeUndefined();
  });

  it.each([
    [-1, 'under-5'],
    [4, 'under-5'],
    [5, '5-10'],
    [10, '5-10'],
    [11, '11-15'],
    [15, '11-15'],
    [16, '16-19'],
    [19, '16-19'],
    [20, '20-25'],
    [25, '20-25'],
    [26, '20-25'],
  ])('age %i → %s', (age, group) => {
    expect(ageGroupOf(age)).toBe(group);
  });
});

describe('dsgPlan', () => {
  it('puts each placement in its category and age group, education cost only, with totals that add up', () => {
    // Three one-day placements at £1.83 a year (0.501p a day each): the cells are apportioned so that
    // their total is 549/365 = 1.504p → 2p; plus a full year at £36,500 for the 16–19 NMISS one.
    const oneDay = (extra: Partial<DsgPlanPlacement>) =>
      placement({
        startDate: '2025-05-05',
        endDate: '2025-05-05',
        costs: costs(1.83),
        costHistory: [{ effectiveFrom: '2025-05-05', costs: costs(1.83) }],
        ...extra,
      });
    const plan = dsgPlan(
      [
        oneDay({ birthMonth: '2021-01' }),
        oneDay({ birthMonth: '2015-01' }),
        oneDay({ birthMonth: '2010-01', setting: 'resourced-provision' }),
        placement({ birthMonth: '2008-01', setting: 'independent-special', inBorough: false }),
        placement({ startDate: '2025-06-01' }),
      ],
      '2025-26',
    );
    expect(plan.unknownAge).toBe(1);
    const nmiss = plan.rows.find((row) => row.dsgCategory === 'NMISS');
    expect(nmiss?.byAge['16-19']).toEqual({ placements: 1, spend: 36_500 });
    expect(plan.totals.total.placements).toBe(4);
    expect(plan.totals.total.spend).toBe(36_500.02);
    const cells = plan.rows.flatMap((row) => Object.values(row.byAge));
    expect(cells.reduce((sum, cell) => sum + Math.round(cell.spend * 100), 0)).toBe(3_650_002);
    for (const row of plan.rows)
      expect(Math.round(row.total.spend * 100)).toBe(
        Object.values(row.byAge).reduce((sum, cell) => sum + Math.round(cell.spend * 100), 0),
      );
  });
});
