// A stored placement for pure-function tests: a maintained special school place from 2019-09-01 at £20,000 a
// year (education), NCY 3, with its cost history starting on its start date; `fields` override any of it.
import type { Placement } from '../../domain/placement';

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
