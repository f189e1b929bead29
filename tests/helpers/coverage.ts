// Coverage of the model's bands on simulated chains (tests/helpers/simulated-chain.ts): for each replicate,
// fit on the history, project three years, and count how often the p05–p95 and p25–p75 bands of the total
// held what happened. Seeded throughout, so the figures are the same on every run.
import { describe, expect, it } from 'vitest';
import { projectMarkov } from '../../model/markov';
import { simulateChain } from './simulated-chain';

export const REPLICATES = 200;
/** Draws per projection: the model's minimum, five draws beyond each of p05 and p95. */
export const COVERAGE_DRAWS = 100;
export const FUTURE_YEARS = 3;

export interface Coverage {
  /** Share of replicates whose actual total lay in the band, at 1, 2 and 3 years ahead. */
  band90: number[];
  band50: number[];
}

export function chainCoverage(growth: number, historyYears: number, replicates = REPLICATES): Coverage {
  const hits90 = new Array<number>(FUTURE_YEARS).fill(0);
  const hits50 = new Array<number>(FUTURE_YEARS).fill(0);
  for (let r = 0; r < replicates; r++) {
    const { data, baseYear, actuals } = simulateChain({
      growth,
      historyYears,
      futureYears: FUTURE_YEARS,
      seed: 1000 + r,
    });
    const output = projectMarkov(data, {
      horizon: FUTURE_YEARS,
      draws: COVERAGE_DRAWS,
      seed: r + 1,
      breakdowns: false,
    });
    for (let h = 1; h <= FUTURE_YEARS; h++) {
      const band = output.total.find((row) => row.year === baseYear + h);
      const actual = actuals.get(baseYear + h);
      if (!band || actual === undefined) throw new Error(`no forecast or outcome for ${baseYear + h}`);
      if (band.p05 <= actual && actual <= band.p95) hits90[h - 1] = (hits90[h - 1] as number) + 1;
      if (band.p25 <= actual && actual <= band.p75) hits50[h - 1] = (hits50[h - 1] as number) + 1;
    }
  }
  return { band90: hits90.map((n) => n / replicates), band50: hits50.map((n) => n / replicates) };
}

/**
 * The coverage tests of one kind of chain (`growth` a year): 3, 5 and 10 years of history, each asserting
 * that p05–p95 holds 85–95% and p25–p75 holds 40–60% of outcomes at 1, 2 and 3 years ahead.
 */
export function describeCoverage(label: string, growth: number): void {
  describe.each([3, 5, 10])(`joiner rate ${label}, %i years of history`, (historyYears) => {
    it('p05–p95 holds 85–95% and p25–p75 holds 40–60% of outcomes at each horizon', {
      timeout: 600_000,
    }, () => {
      const { band90, band50 } = chainCoverage(growth, historyYears);
      for (const share of band90) {
        expect(share).toBeGreaterThanOrEqual(0.85);
        expect(share).toBeLessThanOrEqual(0.95);
      }
      for (const share of band50) {
        expect(share).toBeGreaterThanOrEqual(0.4);
        expect(share).toBeLessThanOrEqual(0.6);
      }
    });
  });
}
