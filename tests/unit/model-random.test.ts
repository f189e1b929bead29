import { describe, expect, it } from 'vitest';
import { pointSummary, summarise } from '../../model/quantiles';
import {
  beta,
  binomial,
  buildGuide,
  createRng,
  deriveSeed,
  dirichlet,
  drawFromUrn,
  drawWithGuide,
  gamma,
  multinomial,
  normal,
  poisson,
} from '../../model/random';

const N = 40_000;
function moments(sample: (i: number) => number) {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < N; i++) {
    const x = sample(i);
    sum += x;
    squares += x * x;
  }
  const mean = sum / N;
  return { mean, variance: squares / N - mean * mean };
}
/** |observed − expected| within 5 standard errors of the mean. */
const closeMean = (observed: number, mean: number, variance: number) =>
  expect(Math.abs(observed - mean)).toBeLessThan(5 * Math.sqrt(variance / N));

describe('sfc32 generator', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('gives uniform draws with mean 1/2 and variance 1/12', () => {
    const rng = createRng(1);
    const { mean, variance } = moments(() => rng.next());
    closeMean(mean, 0.5, 1 / 12);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('derives distinct seeds from tuples', () => {
    expect(deriveSeed(1, 2, 3)).not.toBe(deriveSeed(1, 3, 2));
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
  });
});

describe('samplers match their moments', () => {
  it('normal: mean 0, variance 1', () => {
    const rng = createRng(2);
    const { mean, variance } = moments(() => normal(rng));
    closeMean(mean, 0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });

  it.each([0.3, 1, 2.5, 40])('gamma(%s): mean = variance = shape', (shape) => {
    const rng = createRng(3);
    const { mean, variance } = moments(() => gamma(rng, shape));
    closeMean(mean, shape, shape);
    expect(variance / shape).toBeCloseTo(1, 1);
  });

  it('gamma rejects a non-positive shape', () => {
    expect(() => gamma(createRng(1), 0)).toThrow(RangeError);
  });

  it('beta(2, 5): mean 2/7, variance 10/392', () => {
    // Var = ab / ((a+b)^2 (a+b+1)) = 10 / (49 · 8) = 0.025510
    const rng = createRng(4);
    const { mean, variance } = moments(() => beta(rng, 2, 5));
    closeMean(mean, 2 / 7, 10 / 392);
    expect(variance).toBeCloseTo(10 / 392, 3);
  });

  it.each([
    [20, 0.3],
    [7, 0.9],
    [1000, 0.4],
  ])('binomial(%s, %s): mean np, variance np(1−p)', (n, p) => {
    const rng = createRng(5);
    const { mean, variance } = moments(() => binomial(rng, n, p));
    closeMean(mean, n * p, n * p * (1 - p));
    expect(variance / (n * p * (1 - p))).toBeCloseTo(1, 1);
  });

  it('Pólya urn draw of 12 from (2, 3) is beta-binomial: mean n·a/(a+b), mean n·a/(a+b), variance n·a·b·(a+b+n) / ((a+b)²(a+b+1))', () => {
    // mean = 12 · 2/5 = 4.8; variance = 12 · 6 · 17 / (25 · 6) = 8.16
    const rng = createRng(11);
    const alpha = new Float64Array(1);
    const beta = new Float64Array(1);
    const { mean, variance } = moments(() => {
      alpha[0] = 2;
      beta[0] = 3;
      return drawFromUrn(rng, 12, alpha, beta, 0);
    });
    closeMean(mean, 4.8, 8.16);
    expect(variance / 8.16).toBeCloseTo(1, 1);
    // The urn keeps what was drawn: weights grow by the counts of each colour.
    expect((alpha[0] as number) + (beta[0] as number)).toBe(17);
    expect(drawFromUrn(rng, 0, alpha, beta, 0)).toBe(0);
  });

  it('binomial edge cases: n = 0, p = 0, p = 1', () => {
    const rng = createRng(6);
    expect(binomial(rng, 0, 0.5)).toBe(0);
    expect(binomial(rng, 10, 0)).toBe(0);
    expect(binomial(rng, 10, 1)).toBe(10);
  });

  it.each([3, 80])('poisson(%s): mean = variance', (mean) => {
    const rng = createRng(7);
    const m = moments(() => poisson(rng, mean));
    closeMean(m.mean, mean, mean);
    expect(m.variance / mean).toBeCloseTo(1, 1);
  });

  it('dirichlet sums to 1, has mean alpha / sum, and gives 0 to a zero alpha', () => {
    const rng = createRng(8);
    const alpha = [1, 2, 0, 7];
    const out = new Float64Array(4);
    const sums = [0, 0, 0, 0];
    for (let i = 0; i < N; i++) {
      dirichlet(rng, alpha, out);
      expect(Math.abs(out.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      out.forEach((x, k) => {
        sums[k] = (sums[k] ?? 0) + x;
      });
    }
    expect(sums[2]).toBe(0);
    expect((sums[0] ?? 0) / N).toBeCloseTo(0.1, 2);
    expect((sums[3] ?? 0) / N).toBeCloseTo(0.7, 2);
  });

  it.each([5, 500])('multinomial(%s) keeps the total and the proportions', (n) => {
    const rng = createRng(9);
    const totals = [0, 0, 0];
    for (let i = 0; i < 2000; i++) {
      const counts = multinomial(rng, n, [0.2, 0.5, 0.3]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
      counts.forEach((c, k) => {
        totals[k] = (totals[k] ?? 0) + c;
      });
    }
    expect((totals[1] ?? 0) / (2000 * n)).toBeCloseTo(0.5, 1);
  });
});

describe('drawWithGuide', () => {
  it('picks categories in proportion to their weights, never an empty one', () => {
    const rng = createRng(10);
    // Two tables side by side: weights 1, 0, 3 (offset 0) and 0, 0, 2, 2 (offset 3).
    const cumulative = Float64Array.from([1, 1, 4, 0, 0, 2, 4]);
    const guide = new Int32Array(cumulative.length);
    buildGuide(cumulative, guide, 0, 3);
    buildGuide(cumulative, guide, 3, 4);
    expect(Array.from(guide)).toEqual([0, 2, 2, 2, 2, 3, 3]);
    const counts = [0, 0, 0];
    const second = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) {
      const k = drawWithGuide(rng, cumulative, guide, 0, 3);
      counts[k] = (counts[k] ?? 0) + 1;
      const j = drawWithGuide(rng, cumulative, guide, 3, 4);
      second[j] = (second[j] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[2] ?? 0) / 20_000).toBeCloseTo(0.75, 1);
    expect([second[0], second[1]]).toEqual([0, 0]);
    expect((second[2] ?? 0) / 20_000).toBeCloseTo(0.5, 1);
  });
});

describe('summaries of draws', () => {
  it('match R quantile(type = 7)', () => {
    // R: quantile(1:10, c(.05, .25, .5, .75, .95)) → 1.45 3.25 5.50 7.75 9.55; mean 5.5
    expect(summarise([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({
      mean: 5.5,
      p05: expect.closeTo(1.45, 10),
      p25: 3.25,
      p50: 5.5,
      p75: 7.75,
      p95: expect.closeTo(9.55, 10),
    });
    // R: quantile(c(3,1,4,1,5,9,2,6), c(.05,.25,.5,.75,.95)) → 1.00 1.75 3.50 5.25 7.95; mean 3.875
    const s = summarise([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(s.mean).toBe(3.875);
    expect([s.p05, s.p25, s.p50, s.p75, s.p95].map((x) => Number(x.toFixed(10)))).toEqual([
      1, 1.75, 3.5, 5.25, 7.95,
    ]);
  });

  it('of one draw or a constant sample are that value', () => {
    expect(summarise([7])).toEqual(pointSummary(7));
    expect(summarise([2, 2, 2])).toEqual(pointSummary(2));
  });

  it('refuse empty or non-finite samples rather than return NaN', () => {
    expect(() => summarise([])).toThrow(RangeError);
    expect(() => summarise([1, Number.NaN])).toThrow(RangeError);
    expect(() => pointSummary(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
