// Summaries of Monte Carlo draws: mean and the 5/25/50/75/95th percentiles.
import { quantileSorted } from 'simple-statistics';

export interface Summary {
  mean: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/**
 * Mean and percentiles of a sample, percentiles by linear interpolation between order statistics —
 * R's default `quantile(x, type = 7)` (numpy's 'linear'), as simple-statistics' quantileSorted computes.
 * Throws on an empty sample or a non-finite value, so a NaN never reaches an output.
 */
export function summarise(draws: ArrayLike<number>): Summary {
  const n = draws.length;
  if (n === 0) throw new RangeError('summarise needs at least one draw');
  const sorted = Float64Array.from(draws).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const value = sorted[i] as number;
    if (!Number.isFinite(value)) throw new RangeError(`summarise got a non-finite draw: ${value}`);
    sum += value;
  }
  const values = sorted as unknown as number[];
  return {
    mean: sum / n,
    p05: quantileSorted(values, 0.05),
    p25: quantileSorted(values, 0.25),
    p50: quantileSorted(values, 0.5),
    p75: quantileSorted(values, 0.75),
    p95: quantileSorted(values, 0.95),
  };
}

/**
 * Summary of one quantity across `draws` Monte Carlo draws, `valueAt(d)` giving draw d's value; a single
 * draw (the expected-value path) is a point.
 */
export function summariseDraws(draws: number, valueAt: (draw: number) => number): Summary {
  if (draws === 1) return pointSummary(valueAt(0));
  const sample = new Float64Array(draws);
  for (let d = 0; d < draws; d++) sample[d] = valueAt(d);
  return summarise(sample);
}

/** A summary for a value known exactly (history, or the expected-value path): every band equals it. */
export function pointSummary(value: number): Summary {
  if (!Number.isFinite(value)) throw new RangeError(`pointSummary got a non-finite value: ${value}`);
  return { mean: value, p05: value, p25: value, p50: value, p75: value, p95: value };
}
