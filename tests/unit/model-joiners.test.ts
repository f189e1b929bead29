// Joiners: one trend for the total, needs as pooled shares (decision record joiners.md).
import { describe, expect, it } from 'vitest';
import { estimate } from '../../model/estimate';
import { projectMarkov } from '../../model/markov';
import { simulateChain } from '../helpers/simulated-chain';

const chain = (historyYears: number, subNeeds = 1) =>
  simulateChain({ growth: 0.05, historyYears, futureYears: 0, seed: 77, subNeeds });

describe('joiner trends', () => {
  it('never chooses a trend on fewer than three scored forecasts: damped below, weighted from six years', () => {
    for (const [years, chosenBy] of [
      [3, 'short-history'],
      [5, 'short-history'],
      [6, 'weighted'],
      [10, 'weighted'],
    ] as const) {
      const { total } = estimate(chain(years).data).joinerForecast;
      expect(total.chosenBy).toBe(chosenBy);
      if (chosenBy === 'short-history') expect(total.weights).toEqual({ damped: 1 });
      else expect(Object.keys(total.weights).sort()).toEqual(['damped', 'flat', 'log-linear']);
    }
  });

  it('shrinks each need’s growth towards the total’s', () => {
    const { components, growthSpread } = estimate(chain(5, 7).data).joinerForecast;
    expect(components).toHaveLength(21);
    // Every need grows with the total in this chain: the spread is small and each growth is pulled in.
    for (const need of components)
      expect(Math.abs(need.growth)).toBeLessThanOrEqual(Math.abs(need.rawGrowth));
    expect(growthSpread).toBeLessThan(0.05);
    const shares = components.reduce((sum, need) => sum + need.share, 0);
    expect(shares).toBeCloseTo(1, 1);
  });

  it('splitting the same children into 21 needs cannot narrow the total band', () => {
    const width = (subNeeds: number) => {
      const { data } = chain(5, subNeeds);
      const output = projectMarkov(data, { horizon: 5, draws: 1000, seed: 3 });
      const last = output.total.at(-1);
      return { width: (last?.p95 ?? 0) - (last?.p05 ?? 0), mean: last?.mean ?? 0 };
    };
    const three = width(1);
    const split = width(7);
    expect(split.mean / three.mean).toBeGreaterThan(0.97);
    expect(split.mean / three.mean).toBeLessThan(1.03);
    expect(split.width / three.width).toBeGreaterThan(0.9);
    expect(split.width / three.width).toBeLessThan(1.15);
  });
});
