// Point trends for one yearly series (a joiner rate, a prevalence rate or a count): flat, linear,
// log-linear and damped; the back-test's linear baseline. Forecasts with bands combine them in forecast.ts.
// Decision record: model/decisions/trend-methods.md. Predictions are clamped to [0, cap] because every
// series the model trends is a count or a rate; no function here returns NaN.
import { linearRegression, mean } from 'simple-statistics';
import type { TREND_METHODS } from './output';

export type TrendMethod = (typeof TREND_METHODS)[number];

export interface TrendPoint {
  year: number;
  value: number;
}

export interface TrendOptions {
  /** Upper bound of every prediction (e.g. a plausible prevalence ceiling). */
  cap?: number;
  /** Number of latest points the flat trend averages (default 3). */
  window?: number;
  /** Damping factor of the damped trend, 0 < phi < 1 (default 0.9). */
  phi?: number;
}

export interface FittedTrend {
  /** The method actually used (a one-point series is always `flat`). */
  method: TrendMethod;
  predict(year: number): number;
  /** Standard deviation of in-sample residuals (df-corrected; 0 when there are no degrees of freedom). */
  residualSd: number;
  /** Last year of the fitted series: horizons count from here. */
  lastYear: number;
}

export const DEFAULT_FLAT_WINDOW = 3;
/** Gardner & McKenzie's damping; 0.9 sits mid-range of the 0.8–0.98 used by Hyndman's `forecast::ets`. */
export const DEFAULT_PHI = 0.9;

export class TrendError extends Error {}

function checkPoints(points: readonly TrendPoint[]): TrendPoint[] {
  if (points.length === 0) throw new TrendError('cannot fit a trend to an empty series');
  const sorted = [...points].sort((a, b) => a.year - b.year);
  sorted.forEach((point, index) => {
    if (!Number.isFinite(point.year) || !Number.isFinite(point.value))
      throw new TrendError(`point ${index}: year and value must be finite numbers`);
    if (point.value < 0) throw new TrendError(`point ${index} (${point.year}): value must not be negative`);
    if (index > 0 && sorted[index - 1]?.year === point.year)
      throw new TrendError(`year ${point.year} appears twice`);
  });
  return sorted;
}

function residualSd(points: readonly TrendPoint[], fitted: (year: number) => number, parameters: number) {
  const degreesOfFreedom = points.length - parameters;
  if (degreesOfFreedom <= 0) return 0;
  const sumOfSquares = points.reduce((sum, p) => sum + (p.value - fitted(p.year)) ** 2, 0);
  return Math.sqrt(sumOfSquares / degreesOfFreedom);
}

/** OLS line; simple-statistics gives m = NaN for one point, so callers pass at least two distinct years. */
function ols(points: readonly TrendPoint[]): { slope: number; intercept: number } {
  const { m, b } = linearRegression(points.map((p) => [p.year, p.value]));
  return { slope: m, intercept: b };
}

function clampTo(cap: number | undefined): (value: number) => number {
  // Explosive log-linear growth can overflow to Infinity far ahead: keep the largest finite number instead.
  return (value) => Math.min(cap ?? Number.MAX_VALUE, Math.max(0, value));
}

/**
 * Fit `method` to a yearly series. Preconditions: at least one point, finite non-negative values,
 * distinct years. A single point gives a flat trend with residualSd 0 whatever the method.
 */
export function fitTrend(
  points: readonly TrendPoint[],
  method: TrendMethod,
  options: TrendOptions = {},
): FittedTrend {
  const series = checkPoints(points);
  const { cap, window = DEFAULT_FLAT_WINDOW, phi = DEFAULT_PHI } = options;
  if (cap !== undefined && !(cap >= 0)) throw new TrendError('cap must be a non-negative number');
  if (!Number.isInteger(window) || window < 1) throw new TrendError('window must be a positive integer');
  if (!(phi > 0 && phi < 1)) throw new TrendError('phi must lie strictly between 0 and 1');
  const clamp = clampTo(cap);
  const lastYear = series[series.length - 1]?.year ?? 0;
  const effective: TrendMethod = series.length === 1 ? 'flat' : method;

  switch (effective) {
    case 'flat': {
      const level = mean(series.slice(-window).map((p) => p.value));
      return {
        method: 'flat',
        predict: () => clamp(level),
        residualSd: residualSd(series.slice(-window), () => level, 1),
        lastYear,
      };
    }
    case 'linear': {
      const { slope, intercept } = ols(series);
      const line = (year: number) => intercept + slope * year;
      return {
        method,
        predict: (year) => clamp(line(year)),
        residualSd: residualSd(series, line, 2),
        lastYear,
      };
    }
    case 'log-linear': {
      // ln(0) is undefined: shift by half the smallest positive value (all-zero series stay at 0).
      const positives = series.map((p) => p.value).filter((v) => v > 0);
      if (positives.length === 0) return { method, predict: () => 0, residualSd: 0, lastYear };
      const halfSmallest = Math.max(Math.min(...positives) / 2, Number.MIN_VALUE);
      const shift = series.some((p) => p.value === 0) ? halfSmallest : 0;
      const { slope, intercept } = ols(
        series.map((p) => ({ year: p.year, value: Math.log(p.value + shift) })),
      );
      const curve = (year: number) => Math.exp(intercept + slope * year) - shift;
      return {
        method,
        predict: (year) => clamp(curve(year)),
        residualSd: residualSd(series, curve, 2),
        lastYear,
      };
    }
    case 'damped': {
      // Holt's damped trend with the level at the last observation (α = 1) and the OLS slope (Gardner &
      // McKenzie 1985): ŷ(T + h) = y_T + slope · Σ_{i=1..h} phi^i = y_T + slope · phi (1 − phi^h) / (1 − phi).
      // Residuals are its one-step-ahead errors y_t − (y_{t−1} + slope · phi); one parameter (the slope).
      const { slope, intercept } = ols(series);
      const level = series[series.length - 1]?.value ?? 0;
      const damped = (year: number) => {
        const h = year - lastYear;
        return h <= 0 ? intercept + slope * year : level + (slope * phi * (1 - phi ** h)) / (1 - phi);
      };
      const oneStep = series.slice(1).map((p, i) => p.value - ((series[i]?.value ?? 0) + slope * phi));
      const df = oneStep.length - 1;
      return {
        method,
        predict: (year) => clamp(damped(year)),
        residualSd: df > 0 ? Math.sqrt(oneStep.reduce((sum, e) => sum + e * e, 0) / df) : 0,
        lastYear,
      };
    }
  }
}
