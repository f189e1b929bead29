import { describe, expect, it } from 'vitest';
import type { Placement } from '../../domain/placement';
import { summarise } from '../../domain/summary';

let next = 0;
function placement(overrides: Partial<Placement> & { annual?: number }): Placement {
  const { annual = 10_000, ...rest } = overrides;
  const costs = { education: annual, socialCare: 0, health: 0, transport: 0 };
  next += 1;
  return {
    id: `p-${next}`,
    childRef: `C-${next}`,
    primaryNeed: 'ASD',
    setting: 'maintained-special',
    residential: false,
    inBorough: true,
    lookedAfter: false,
    ncy: 6,
    startDate: '2024-09-01',
    costs,
    costHistory: [{ effectiveFrom: rest.startDate ?? '2024-09-01', costs }],
    version: 1,
    createdAt: '2024-09-01T00:00:00.000Z',
    updatedAt: '2024-09-01T00:00:00.000Z',
    createdBy: 'test',
    updatedBy: 'test',
    ...rest,
  };
}

const oob = (overrides: Partial<Placement> & { annual?: number }) =>
  placement({ inBorough: false, hostLaCode: '808', setting: 'independent-special', ...overrides });

describe('summarise', () => {
  // Hand-worked: on 2026-01-15 six placements are active (the ended and the future one are not).
  // In borough: ASD maintained-special 2 × £20,000 = £40,000; SEMH mainstream £8,000.
  // Out of borough: ASD ISS at URN 100001 £60,000 + £70,000 (same URN, two names) = £130,000;
  // SEMH ISS at "Far School" (no URN) £90,000, looked after. Looked after out of borough: 2 of 3.
  const placements = [
    placement({ annual: 20_000 }),
    placement({ annual: 20_000 }),
    placement({ primaryNeed: 'SEMH', setting: 'mainstream', annual: 8_000 }),
    oob({ providerUrn: '100001', providerName: 'Hill House', annual: 60_000, lookedAfter: true }),
    oob({ providerUrn: '100001', providerName: 'Hill House School', annual: 70_000 }),
    oob({ primaryNeed: 'SEMH', providerName: 'Far School', annual: 90_000, lookedAfter: true }),
    oob({ annual: 500_000, endDate: '2025-12-31', endReason: 'moved-setting' }),
    placement({ annual: 1_000_000, startDate: '2026-02-01' }),
  ];
  const summary = summarise(placements, '2026-01-15');

  it('counts and costs the active placements by need × setting × borough', () => {
    expect(summary.total).toEqual({ count: 6, annualCost: 268_000 }); // 40,000 + 8,000 + 130,000 + 90,000
    expect(summary.cells).toEqual([
      { primaryNeed: 'ASD', setting: 'independent-special', inBorough: false, count: 2, annualCost: 130_000 },
      { primaryNeed: 'SEMH', setting: 'independent-special', inBorough: false, count: 1, annualCost: 90_000 },
      { primaryNeed: 'ASD', setting: 'maintained-special', inBorough: true, count: 2, annualCost: 40_000 },
      { primaryNeed: 'SEMH', setting: 'mainstream', inBorough: true, count: 1, annualCost: 8_000 },
    ]);
  });

  it('gives the looked-after share of out-of-borough placements', () => {
    expect(summary.outOfBorough).toEqual({
      count: 3,
      annualCost: 220_000,
      lookedAfter: 2,
      lookedAfterShare: 2 / 3,
    });
  });

  it('ranks out-of-borough providers by spend, one per URN, by name when there is no URN', () => {
    expect(summary.topOutOfBoroughProviders).toEqual([
      { providerUrn: '100001', providerName: 'Hill House', count: 2, annualCost: 130_000 },
      { providerName: 'Far School', count: 1, annualCost: 90_000 },
    ]);
    expect(summarise(placements, '2026-01-15', 1).topOutOfBoroughProviders).toHaveLength(1);
  });

  it('uses the costs in force on the date', () => {
    const changed = placement({ annual: 10_000 });
    changed.costHistory.push({
      effectiveFrom: '2025-04-01',
      costs: { education: 12_000, socialCare: 3_000, health: 0, transport: 500 },
    });
    expect(summarise([changed], '2025-03-31').total.annualCost).toBe(10_000);
    expect(summarise([changed], '2025-04-01').total.annualCost).toBe(15_500);
  });

  it('has no share (not NaN) when nobody is out of borough, and is empty for no placements', () => {
    const empty = summarise([], '2026-01-15');
    expect(empty).toEqual({
      asOf: '2026-01-15',
      total: { count: 0, annualCost: 0 },
      cells: [],
      outOfBorough: { count: 0, annualCost: 0, lookedAfter: 0, lookedAfterShare: null },
      topOutOfBoroughProviders: [],
    });
  });

  it('keeps pence exact over many additions', () => {
    const many = Array.from({ length: 10 }, () => placement({ annual: 0.1 }));
    expect(summarise(many, '2026-01-15').total.annualCost).toBe(1);
  });
});
