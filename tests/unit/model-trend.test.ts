import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitTrend, TrendError } from '../../model/trend';

// Hand-worked series: x̄ = 2017, ȳ = 14, Sxy = 19, Sxx = 10 → slope 1.9, fitted 10.2 … 17.8.
// Residuals −0.2, −0.1, 1, −0.9, 0.2 → SS 1.9, σ̂ = √(1.9/3) = 0.7958224 (R: summary(lm(y ~ x))$sigma).
const series = [
  { year: 2015, value: 10 },
  { year: 2016, value: 12 },
  { year: 2017, value: 15 },
  { year: 2018, value: 15 },
  { year: 2019, value: 18 },
];

describe('fitTrend', () => {
  it('fits an OLS line (reference: R lm)', () => {
    const trend = fitTrend(series, 'linear');
    expect(trend.predict(2020)).toBeCloseTo(19.7, 10);
    expect(trend.predict(2017)).toBeCloseTo(14, 10);
    expect(trend.residualSd).toBeCloseTo(0.7958224, 6);
    expect(trend.lastYear).toBe(2019);
  });

  it('flat is the mean of the last window points', () => {
    // mean(15, 15, 18) = 16; residuals −1, −1, 2 → √(6/2) = 1.7320508
    const trend = fitTrend(series, 'flat');
    expect(trend.predict(2030)).toBe(16);
    expect(trend.residualSd).toBeCloseTo(Math.sqrt(3), 10);
    expect(fitTrend(series, 'flat', { window: 5 }).predict(2030)).toBe(14);
  });

  it('damps the slope by phi per year from the last observation', () => {
    // level y_T = 18, slope 1.9; h=1: 18 + 1.9·0.9 = 19.71; h=2: 18 + 1.9·(0.9 + 0.81) = 21.249
    const trend = fitTrend(series, 'damped');
    expect(trend.predict(2020)).toBeCloseTo(19.71, 10);
    expect(trend.predict(2021)).toBeCloseTo(21.249, 10);
    // limit: 18 + 1.9 · 0.9 / 0.1 = 35.1
    expect(trend.predict(2200)).toBeCloseTo(35.1, 6);
    // one-step errors 0.29, 1.29, −1.71, 1.29 → SS 6.3364, df 3 → √2.1121333 = 1.4533180
    expect(trend.residualSd).toBeCloseTo(1.453318, 6);
    expect(fitTrend(series, 'damped', { phi: 0.5 }).predict(2020)).toBeCloseTo(18 + 0.95, 10);
  });

  it('fits log-linear growth exactly on a doubling series', () => {
    const doubling = [1, 2, 4, 8].map((value, i) => ({ year: 2015 + i, value }));
    const trend = fitTrend(doubling, 'log-linear');
    expect(trend.predict(2019)).toBeCloseTo(16, 8);
    expect(trend.residualSd).toBeCloseTo(0, 8);
  });

  it('log-linear shifts zeros by half the smallest positive value', () => {
    // ln(0+1), ln(2+1), ln(4+1): slope ln5/2, mean ln15/3 → ŷ(2018) = 5·15^(1/3) − 1 = 11.33106
    const withZero = [0, 2, 4].map((value, i) => ({ year: 2015 + i, value }));
    expect(fitTrend(withZero, 'log-linear').predict(2018)).toBeCloseTo(5 * 15 ** (1 / 3) - 1, 8);
    const zeros = [0, 0, 0].map((value, i) => ({ year: 2015 + i, value }));
    expect(fitTrend(zeros, 'log-linear').predict(2020)).toBe(0);
  });

  it('one point is flat with residualSd 0, whatever the method', () => {
    for (const method of ['flat', 'linear', 'log-linear', 'damped'] as const) {
      const trend = fitTrend([{ year: 2020, value: 7 }], method);
      expect(trend.method).toBe('flat');
      expect(trend.predict(2025)).toBe(7);
      expect(trend.residualSd).toBe(0);
    }
  });

  it('a constant series has slope 0 and no residual', () => {
    const constant = [5, 5, 5, 5].map((value, i) => ({ year: 2015 + i, value }));
    for (const method of ['flat', 'linear', 'log-linear', 'damped'] as const) {
      const trend = fitTrend(constant, method);
      expect(trend.predict(2030)).toBeCloseTo(5, 10);
      expect(trend.residualSd).toBeCloseTo(0, 10);
    }
  });

  it('clamps predictions to [0, cap]', () => {
    const falling = [10, 6, 2].map((value, i) => ({ year: 2015 + i, value }));
    expect(fitTrend(falling, 'linear').predict(2020)).toBe(0);
    expect(fitTrend(series, 'linear', { cap: 19 }).predict(2020)).toBe(19);
  });

  it('checks preconditions', () => {
    expect(() => fitTrend([], 'linear')).toThrow(TrendError);
    expect(() => fitTrend([{ year: 2015, value: -1 }], 'flat')).toThrow(/negative/);
    expect(() => fitTrend([{ year: 2015, value: Number.NaN }], 'flat')).toThrow(/finite/);
    expect(() => fitTrend(series.concat({ year: 2015, value: 1 }), 'flat')).toThrow(/twice/);
    expect(() => fitTrend(series, 'damped', { phi: 1 })).toThrow(/phi/);
  });

  it('never returns NaN', () => {
    const method = fc.constantFrom('flat', 'linear', 'log-linear', 'damped' as const);
    const values = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(values, method, fc.integer({ min: -5, max: 30 }), (vals, m, ahead) => {
        const trend = fitTrend(
          vals.map((value, i) => ({ year: 2010 + i, value })),
          m,
        );
        const prediction = trend.predict(2010 + vals.length + ahead);
        return Number.isFinite(prediction) && prediction >= 0 && Number.isFinite(trend.residualSd);
      }),
    );
  });
});
