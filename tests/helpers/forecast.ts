// Hand-made model draws for the finance forecast's tests: literal censuses priced like the model's.
import { effectiveFinanceSettings, type StoredFinanceSettings } from '../../domain/finance-settings';
import { type DrawCensus, type ForecastInput, PricedRun } from '../../domain/forecast';
import type { UnitCosts } from '../../domain/forecast-pricing';

export type Cell = [need: string, setting: string, ncy: number, children: number];

/** A run from literal censuses: `censuses[draw][t]` is census baseYear + t of that draw. */
export function runOf(unitCosts: UnitCosts, baseYear: number, censuses: Cell[][][]): PricedRun {
  const priced = new PricedRun(unitCosts, censuses.length, baseYear, (censuses[0]?.length ?? 1) - 1);
  for (const [d, draw] of censuses.entries())
    for (const [t, cells] of draw.entries())
      priced.visit({
        draw: d,
        year: baseYear + t,
        forEachCell: (visit) => {
          for (const [need, setting, ncy, children] of cells) visit(need, setting, ncy, children);
        },
      } satisfies DrawCensus);
  priced.checkComplete();
  return priced;
}

export const settings = (stored: Partial<StoredFinanceSettings> = {}) =>
  effectiveFinanceSettings({
    version: 1,
    createdAt: '',
    updatedAt: '',
    createdBy: 't',
    updatedBy: 't',
    ...stored,
  });

export const input = (overrides: Partial<ForecastInput> & Pick<ForecastInput, 'baseline' | 'placements'>) =>
  ({
    asOf: '2026-11-30',
    financialYears: ['2026-27', '2027-28'],
    funder: 'education',
    settings: settings({ costUplift: { rate: 0.03 } }),
    budgets: new Map(),
    observed: () => undefined,
    model: { method: 'test', draws: overrides.baseline.draws, seed: 1 },
    ...overrides,
  }) satisfies ForecastInput;

/** Draws whose caseload drifts by a random walk: the band must widen with the horizon. */
export function randomWalkDraws(draws: number, years: number): Cell[][][] {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  return Array.from({ length: draws }, () => {
    let level = 100;
    return Array.from({ length: years + 1 }, (_, t) => {
      if (t > 0) level = Math.max(0, Math.round(level * (1.02 + (random() - 0.5) * 0.1)));
      return [['ASD', 'maintained-special@IB', 5, level] as Cell];
    });
  });
}
