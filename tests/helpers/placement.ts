// Stored placements for tests. One for pure-function tests: a maintained special school place from 2019-09-01 at £20,000 a
// year (education), NCY 3, with its cost history starting on its start date; `fields` override any of it.
import { type Placement, PlacementInput } from '../../domain/placement';
import { buildPlacement } from '../../domain/placement-build';

export const education = (amount: number) => ({ education: amount, socialCare: 0, health: 0, transport: 0 });

export function storedPlacement(id: string, fields: Partial<Placement> = {}): Placement {
  const costs = fields.costs ?? education(20_000);
  return {
    id,
    childRef: `child-${id}`,
    primaryNeed: 'ASD',
    setting: 'maintained-special',
    residential: false,
    inBorough: true,
    lookedAfter: false,
    ncy: 3,
    startDate: '2019-09-01',
    costs,
    costHistory: [{ effectiveFrom: fields.startDate ?? '2019-09-01', costs }],
    version: 1,
    createdAt: '2019-09-01T00:00:00Z',
    updatedAt: '2019-09-01T00:00:00Z',
    createdBy: 'test',
    updatedBy: 'test',
    ...fields,
  };
}

/**
 * A small authority for the projection tests: `count` children starting each September over `startYears`
 * years from 2019, ASD and SEMH, in-borough maintained special or out-of-borough independent (one in four),
 * one in five ending two years later.
 */
export function authorityPlacements(count: number, startYears: number): Placement[] {
  const actor = { userId: 'u-seed', name: 'seed' };
  return Array.from({ length: count }, (_, i) => {
    const startYear = 2019 + (i % startYears);
    const outOfBorough = i % 4 === 0;
    const input = PlacementInput.parse({
      childRef: `C-${String(i).padStart(5, '0')}`,
      primaryNeed: i % 3 === 0 ? 'SEMH' : 'ASD',
      setting: outOfBorough ? 'independent-special' : 'maintained-special',
      residential: false,
      inBorough: !outOfBorough,
      ...(outOfBorough ? { hostLaCode: '391' } : {}),
      lookedAfter: false,
      ncy: 1 + (i % 9),
      startDate: `${startYear}-09-01`,
      ...(i % 5 === 0 ? { endDate: `${startYear + 2}-07-20`, endReason: 'plan-ceased-other' } : {}),
      costs: { education: outOfBorough ? 60_000 : 22_000, socialCare: 0, health: 0, transport: 0 },
    });
    return buildPlacement(input, { id: `p-${i}`, now: new Date('2025-12-01T00:00:00Z'), actor });
  });
}
