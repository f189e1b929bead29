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
  if (draws.length === 0) throw new RangeError('summarise needs at least one draw');
  return summariseInPlace(Float64Array.from(draws));
}

/** Reused counts of a counting sort. */
let histogram = new Int32Array(0);

/**
 * Sorts a sample in place. Draws of children are whole numbers in a narrow range, which a counting sort
 * orders in O(n + range) — several times faster than a comparison sort of a thousand draws; anything else
 * takes the typed array's own sort. Both give the same order, so the quantiles are the same.
 */
function sortInPlace(sample: Float64Array): Float64Array {
  const n = sample.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const value = sample[i] as number;
    if (!Number.isInteger(value)) return sample.sort();
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const range = max - min + 1;
  if (range > 4 * n) return sample.sort();
  if (histogram.length < range) histogram = new Int32Array(Math.max(range, 2 * histogram.length));
  histogram.fill(0, 0, range);
  for (let i = 0; i < n; i++)
    histogram[(sample[i] as number) - min] = (histogram[(sample[i] as number) - min] as number) + 1;
  for (let v = 0, i = 0; v < range; v++)
    for (let k = histogram[v] as number; k > 0; k--) sample[i++] = min + v;
  return sample;
}

/** The summary of a sample, sorting it in place (the caller's array is reordered, never copied). */
export function summariseInPlace(sample: Float64Array): Summary {
  if (sample.length === 0) throw new RangeError('summarise needs at least one draw');
  const sorted = sortInPlace(sample);
  const n = sorted.length;
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
  return summariseInPlace(sample);
}

/** A summary for a value known exactly (history, or the expected-value path): every band equals it. */
export function pointSummary(value: number): Summary {
  if (!Number.isFinite(value)) throw new RangeError(`pointSummary got a non-finite value: ${value}`);
  return { mean: value, p05: value, p25: value, p50: value, p75: value, p95: value };
}
