// Forecasts of a set of series that add up — joiners by need (Markov mode), counts or prevalence by need ×
// setting (aggregate mode) — with bands that say what they promise. One rule for both modes:
//
// 1. The total (all components) is trended. With at least three scored one-step forecasts the candidate
//    trends are averaged, each weighted by its rolling-origin skill (inverse mean squared error); with
//    fewer, a damped trend. Each draw picks one candidate by its weight and draws its parameters (level,
//    slope) from their sampling distribution, so trend choice and fit uncertainty are both in the band.
// 2. The noise beyond the fitted trend is split: count noise the caller draws itself (Markov joiners are
//    binomial counts in the engine) is not drawn again; only what the residuals show beyond it is, as a
//    random walk (damped trend) or yearly noise (the others).
// 3. Each component is a share of the total, whose growth relative to the total is shrunk towards zero —
//    each need's growth towards the all-needs growth — by empirical Bayes (DerSimonian–Laird) across the
//    components. Shares are drawn per draw and renormalised, so components add up to the total in every
//    draw and splitting one component into several cannot narrow the total's band: the shock the total
//    carries is common to all components.
//
// Decision records: model/decisions/trend-methods.md, model/decisions/bands.md, model/decisions/joiners.md.
import type { TrendChoice } from './output';
import { createRng, normal, type Rng } from './random';
import { DEFAULT_FLAT_WINDOW, DEFAULT_PHI, type TrendMethod } from './trend';

/** Fewest scored one-step forecasts before trends are weighted by skill; below, a damped trend. */
export const MIN_SCORED_FORECASTS = 3;
/** Fewest points a back-test fit uses. */
export const MIN_FIT_POINTS = 3;
/** Horizons scored in the rolling-origin skill of each candidate. */
const SKILL_HORIZON = 3;
/**
 * Candidates, in tie-break order. The linear trend is not among them: under Poisson noise its one-step skill
 * is indistinguishable from the log-linear trend's, yet it under-forecasts growth that compounds (simulated
 * chains growing 8% a year, 10 years of history: 90%-band coverage 0.83 at 3 years with it, 0.89 without;
 * decision record trend-methods.md). It stays available as a fixed choice and as a back-test baseline.
 */
export const CANDIDATES: readonly TrendMethod[] = ['damped', 'log-linear', 'flat'];

export class ForecastInputError extends Error {}

export interface ForecastInput {
  /** History years, ascending, distinct. */
  years: readonly number[];
  /** The total's history (a rate or a count), ≥ 0. */
  total: readonly number[];
  /**
   * Variance of each total value's count noise that the caller draws itself in the projection (Markov:
   * joiners ~ Binomial, so joiners / population² per year). Omitted: the forecast carries all the noise.
   */
  drawnNoise?: readonly number[];
  /** Least variance of each total value: a count is never known better than its Poisson noise. */
  floorVariance: readonly number[];
  /** Components of the total: counts per history year, for the shares. */
  components: readonly { key: string; counts: readonly number[] }[];
  /** A fixed trend method (the user's choice) instead of weighting the candidates. */
  trend?: TrendMethod;
  /** Ceiling on the total in any draw (a guard relative to the series' own history); none when omitted. */
  guard?: number;
}

/** How the total was trended: the weight of each candidate, and why. */
export interface TotalTrend {
  method: TrendMethod;
  chosenBy: 'fixed' | 'weighted' | 'short-history';
  weights: Partial<Record<TrendMethod, number>>;
  /** One-step forecasts the weights were scored on. */
  scored: number;
  /** Residual sd of the most weighted candidate (original scale). */
  residualSd: number;
  /** Sd of the drift the draws add beyond count noise (yearly step or yearly noise), most weighted candidate. */
  driftSd: number;
  /**
   * Factor on the spread of the draws from the model's own rolling-origin errors (1 when fewer than three
   * one-step forecasts could be scored): √((4 + Σ z²) / (4 + m)) over m standardised past errors z.
   */
  spreadScale: number;
}

/** A component's share of the total and its growth relative to the total (shrunk by empirical Bayes). */
export interface ComponentGrowth {
  key: string;
  /** Share in the last history year (fitted), 0–1. */
  share: number;
  /** Yearly growth of the share before and after shrinking (0.05 = the share grows 5% a year). */
  rawGrowth: number;
  growth: number;
}

export interface SeriesForecast {
  total: TotalTrend;
  components: ComponentGrowth[];
  /** Spread of the components' true growths (τ, empirical Bayes). */
  growthSpread: number;
  /** Point forecast at `years` (each after the history), [year index × components + k]; `bound` as below. */
  expected(years: readonly number[], bound?: Uint8Array): Float64Array;
  /**
   * One draw at `years` into `out` ([year index × components + k]); `bound[h]` is set to 1 where the
   * guard bound. Components add up to the draw's total in every year.
   */
  sample(rng: Rng, years: readonly number[], out: Float64Array, bound?: Uint8Array): void;
}

// --- Candidate fits with their parameter uncertainty ---------------------------------------------------

interface Fit {
  method: TrendMethod;
  /** Point forecast at a year. */
  point(year: number): number;
  /** A draw of the expected path at the forecast years, drift included. */
  draw(rng: Rng, years: readonly number[], out: Float64Array): void;
  residualSd: number;
  driftSd: number;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const meanOf = (values: readonly number[]) => (values.length > 0 ? sum(values) / values.length : 0);

interface Series {
  x: number[];
  y: number[];
  /** Count noise drawn later (0 when the forecast carries it all). */
  drawn: number[];
  floor: number[];
  /** True when the caller draws count noise itself: the drift is only what exceeds it. */
  callerDrawsNoise: boolean;
}

/** OLS through centred years: slope, mean, residual sum of squares. */
function ols(x: readonly number[], y: readonly number[]) {
  const xBar = meanOf(x);
  const yBar = meanOf(y);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    sxx += ((x[i] as number) - xBar) ** 2;
    sxy += ((x[i] as number) - xBar) * ((y[i] as number) - yBar);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  let rss = 0;
  for (let i = 0; i < x.length; i++)
    rss += ((y[i] as number) - yBar - slope * ((x[i] as number) - xBar)) ** 2;
  return { xBar, yBar, sxx, slope, rss };
}

/**
 * Pseudo degrees of freedom of "no drift beyond count noise": an excess seen in k residual degrees of
 * freedom counts k / (k + 4) of itself (the Beta priors of markov-priors.md use 4 pseudo-children too).
 * A residual variance from 1–3 degrees of freedom is mostly chance; taken at face value it put count
 * noise into the bands a second time (decision record bands.md).
 */
export const EXCESS_PRIOR_DF = 4;

/**
 * From a residual sum of squares on `df` degrees of freedom: the residual sd (0 without degrees of
 * freedom), the noise variance behind the parameters' uncertainty, and the drift the draws add. When the
 * caller draws count noise itself: the count noise plus the excess the residuals show beyond it (shrunk),
 * and only that excess as drift. Otherwise the residual variance (at least the floor) is both.
 */
function noiseSplit(
  rss: number,
  df: number,
  floor: number,
  expectedNoise: number,
  callerDrawsNoise: boolean,
) {
  const residual = df > 0 ? rss / df : Number.NaN;
  const residualSd = df > 0 ? Math.sqrt(residual) : 0;
  if (!callerDrawsNoise) {
    const observed = Number.isNaN(residual) ? floor : Math.max(residual, floor);
    return { residualSd, observed, drift: observed };
  }
  const excess = df > 0 ? (Math.max(0, residual - expectedNoise) * df) / (df + EXCESS_PRIOR_DF) : 0;
  return { residualSd, observed: floor + excess, drift: excess };
}

/** `noiseSplit` of residuals on the series' own scale, with its mean floor and mean drawn noise. */
const seriesNoise = (s: Series, rss: number, df: number) =>
  noiseSplit(rss, df, meanOf(s.floor), meanOf(s.drawn), s.callerDrawsNoise);

/** Σ_{i=1..h} φ^i: what a damped trend adds in h years per unit of slope. */
export const dampedSum = (h: number, phi = DEFAULT_PHI) => (h <= 0 ? 0 : (phi * (1 - phi ** h)) / (1 - phi));

function fitLinear(s: Series): Fit {
  const n = s.x.length;
  const { xBar, yBar, sxx, slope, rss } = ols(s.x, s.y);
  const { residualSd, observed, drift } = seriesNoise(s, rss, n - 2);
  const slopeSd = sxx > 0 ? Math.sqrt(observed / sxx) : 0;
  const levelSd = Math.sqrt(observed / n);
  const driftSd = Math.sqrt(drift);
  return {
    method: 'linear',
    point: (year) => Math.max(0, yBar + slope * (year - xBar)),
    draw(rng, years, out) {
      const a = yBar + levelSd * normal(rng);
      const b = slope + slopeSd * normal(rng);
      years.forEach((year, h) => {
        out[h] = a + b * (year - xBar) + driftSd * normal(rng);
      });
    },
    residualSd,
    driftSd,
  };
}

function fitLogLinear(s: Series): Fit {
  const n = s.x.length;
  const positives = s.y.filter((v) => v > 0);
  if (positives.length === 0) return { ...fitFlat(s), method: 'log-linear' };
  // ln(0) is undefined: shift by half the smallest positive value when a zero is present.
  const shift = s.y.some((v) => v === 0) ? Math.min(...positives) / 2 : 0;
  const z = s.y.map((v) => Math.log(v + shift));
  const { xBar, yBar, sxx, slope, rss } = ols(s.x, z);
  // Noise on the log scale: var(ln y) ≈ var(y) / y².
  const onLogScale = (values: number[]) =>
    meanOf(values.map((v, i) => v / ((s.y[i] as number) + shift) ** 2));
  const observedZ = noiseSplit(
    rss,
    n - 2,
    onLogScale(s.floor),
    onLogScale(s.drawn),
    s.callerDrawsNoise,
  ).observed;
  const curve = (year: number) => Math.exp(yBar + slope * (year - xBar)) - shift;
  // Drift and residual sd on the original scale, so bands and the other candidates compare.
  const rssOriginal = sum(s.y.map((v, i) => (v - curve(s.x[i] as number)) ** 2));
  const { residualSd, drift } = seriesNoise(s, rssOriginal, n - 2);
  const slopeSd = sxx > 0 ? Math.sqrt(observedZ / sxx) : 0;
  const levelSd = Math.sqrt(observedZ / n);
  const driftSd = Math.sqrt(drift);
  return {
    method: 'log-linear',
    point: (year) => Math.max(0, curve(year)),
    draw(rng, years, out) {
      const a = yBar + levelSd * normal(rng);
      const b = slope + slopeSd * normal(rng);
      years.forEach((year, h) => {
        out[h] = Math.exp(Math.min(700, a + b * (year - xBar))) - shift + driftSd * normal(rng);
      });
    },
    residualSd,
    driftSd,
  };
}

function fitFlat(s: Series): Fit {
  const window = Math.min(DEFAULT_FLAT_WINDOW, s.y.length);
  const recent = s.y.slice(-window);
  const level = meanOf(recent);
  const rss = sum(recent.map((v) => (v - level) ** 2));
  const { residualSd, observed, drift } = noiseSplit(
    rss,
    window - 1,
    meanOf(s.floor.slice(-window)),
    meanOf(s.drawn.slice(-window)),
    s.callerDrawsNoise,
  );
  const levelSd = Math.sqrt(observed / window);
  const driftSd = Math.sqrt(drift);
  return {
    method: 'flat',
    point: () => Math.max(0, level),
    draw(rng, years, out) {
      const a = level + levelSd * normal(rng);
      for (let h = 0; h < years.length; h++) out[h] = a + driftSd * normal(rng);
    },
    residualSd,
    driftSd,
  };
}

/**
 * Holt's damped trend with the level at the last observation (α = 1) and the OLS slope, φ = 0.9:
 * ŷ(T + h) = y_T + b·Σφ^i. The level is uncertain only by the count noise drawn later (the observation
 * is the level otherwise); the slope by its OLS sampling error; the drift is a random walk whose step is
 * the one-step errors' variance beyond what count noise explains (differences of two noisy years: 2v).
 */
function fitDamped(s: Series): Fit {
  const n = s.x.length;
  const { xBar, sxx, slope, rss } = ols(s.x, s.y);
  const lastX = s.x[n - 1] as number;
  const level = s.y[n - 1] as number;
  const lineNoise = seriesNoise(s, rss, n - 2);
  let oneStep = 0;
  for (let i = 1; i < n; i++)
    oneStep += ((s.y[i] as number) - ((s.y[i - 1] as number) + slope * DEFAULT_PHI)) ** 2;
  // Count noise drawn later touches both years of a one-step error (2v); a plain floor applies once.
  const oneStepFloor = (s.callerDrawsNoise ? 2 : 1) * meanOf(s.floor);
  const { residualSd, drift } = noiseSplit(
    oneStep,
    n - 2,
    oneStepFloor,
    2 * meanOf(s.drawn),
    s.callerDrawsNoise,
  );
  const slopeVar = sxx > 0 ? lineNoise.observed / sxx : 0;
  const levelVar = s.drawn[n - 1] as number;
  // ℓ = y_T also enters the slope: cov(ℓ, b) = var(y_T)·(x_T − x̄)/Sxx.
  const cov = sxx > 0 ? (levelVar * (lastX - xBar)) / sxx : 0;
  const levelSd = Math.sqrt(levelVar);
  const conditionalSlopeSd = Math.sqrt(Math.max(0, slopeVar - (levelVar > 0 ? cov ** 2 / levelVar : 0)));
  const driftSd = Math.sqrt(drift);
  return {
    method: 'damped',
    point: (year) => Math.max(0, level + slope * dampedSum(year - lastX)),
    draw(rng, years, out) {
      const zLevel = normal(rng);
      const l = level + levelSd * zLevel;
      const b = slope + (levelVar > 0 ? (cov / levelSd) * zLevel : 0) + conditionalSlopeSd * normal(rng);
      let walk = 0;
      let previous = lastX;
      years.forEach((year, h) => {
        for (; previous < year; previous++) walk += driftSd * normal(rng);
        out[h] = l + b * dampedSum(year - lastX) + walk;
      });
    },
    residualSd,
    driftSd,
  };
}

const FITTERS: Record<TrendMethod, (s: Series) => Fit> = {
  damped: fitDamped,
  linear: fitLinear,
  'log-linear': fitLogLinear,
  flat: fitFlat,
};

const slice = (s: Series, end: number): Series => ({
  x: s.x.slice(0, end),
  y: s.y.slice(0, end),
  drawn: s.drawn.slice(0, end),
  floor: s.floor.slice(0, end),
  callerDrawsNoise: s.callerDrawsNoise,
});

/** Mean squared rolling-origin error of each candidate over horizons 1…SKILL_HORIZON. */
function skill(s: Series): { mse: Map<TrendMethod, number>; scored: number } {
  const n = s.x.length;
  const mse = new Map<TrendMethod, number>();
  for (const method of CANDIDATES) {
    let total = 0;
    let count = 0;
    for (let origin = MIN_FIT_POINTS; origin < n; origin++) {
      const fit = FITTERS[method](slice(s, origin));
      for (let j = origin; j < Math.min(n, origin + SKILL_HORIZON); j++) {
        total += (fit.point(s.x[j] as number) - (s.y[j] as number)) ** 2;
        count++;
      }
    }
    if (count > 0) mse.set(method, total / count);
  }
  return { mse, scored: Math.max(0, n - MIN_FIT_POINTS) };
}

function totalTrend(
  s: Series,
  fixed: TrendMethod | undefined,
): { fits: Fit[]; weights: number[]; trend: TotalTrend } {
  const describe = (fits: Fit[], weights: number[], chosenBy: TotalTrend['chosenBy'], scored: number) => {
    const top = fits[weights.indexOf(Math.max(...weights))] as Fit;
    return {
      fits,
      weights,
      trend: {
        method: top.method,
        chosenBy,
        weights: Object.fromEntries(fits.map((fit, i) => [fit.method, weights[i] as number])),
        scored,
        residualSd: top.residualSd,
        driftSd: top.driftSd,
        spreadScale: 1,
      },
    };
  };
  if (s.x.length === 1) return describe([fitFlat(s)], [1], fixed ? 'fixed' : 'short-history', 0);
  if (fixed) return describe([FITTERS[fixed](s)], [1], 'fixed', 0);
  const { mse, scored } = skill(s);
  if (scored < MIN_SCORED_FORECASTS) return describe([fitDamped(s)], [1], 'short-history', scored);
  // Inverse-MSE weights (Bates & Granger 1969); a perfect candidate (MSE 0) takes all the weight.
  const best = Math.min(...mse.values());
  const fits = CANDIDATES.filter((m) => mse.has(m)).map((m) => FITTERS[m](s));
  const raw = fits.map((fit) =>
    best === 0 ? (mse.get(fit.method) === 0 ? 1 : 0) : best / (mse.get(fit.method) as number),
  );
  const norm = sum(raw);
  return describe(
    fits,
    raw.map((w) => w / norm),
    'weighted',
    scored,
  );
}

/** Draws behind the rolling-origin calibration of the spread, and their fixed seed (reproducible). */
const CALIBRATION_DRAWS = 200;
const CALIBRATION_SEED = 20_260_115;
/** Pseudo standardised errors of size 1 the spread scale starts from (as EXCESS_PRIOR_DF). */
const CALIBRATION_PRIOR = 4;

/**
 * How much wider (or narrower) the draws must be to match the model's own rolling-origin errors: at each
 * origin with enough points, the model is refitted on the points up to it and drawn; each later point
 * (1–3 years ahead) gives z = (actual − mean of draws) / sd, the sd including the count noise of the
 * observation. The scale is √((4 + Σ z²) / (4 + m)): a calibrated model's z² average 1; a model that missed
 * by more than its band said (a change of trend, say) widens its band by as much.
 */
function spreadScale(s: Series, fixed: TrendMethod | undefined, scored: number): number {
  if (scored < MIN_SCORED_FORECASTS) return 1;
  const rng = createRng(CALIBRATION_SEED);
  const n = s.x.length;
  let sumZ2 = 0;
  let m = 0;
  for (let origin = MIN_FIT_POINTS; origin < n; origin++) {
    const past = slice(s, origin);
    const { fits, weights } = totalTrend(past, fixed);
    const years = s.x.slice(origin, Math.min(n, origin + SKILL_HORIZON));
    const path = new Float64Array(years.length);
    const sum = new Float64Array(years.length);
    const sumSquares = new Float64Array(years.length);
    for (let d = 0; d < CALIBRATION_DRAWS; d++) {
      pickFit(fits, weights, rng).draw(rng, years, path);
      for (let h = 0; h < years.length; h++) {
        sum[h] = (sum[h] as number) + (path[h] as number);
        sumSquares[h] = (sumSquares[h] as number) + (path[h] as number) ** 2;
      }
    }
    years.forEach((_, h) => {
      const mean = (sum[h] as number) / CALIBRATION_DRAWS;
      const variance =
        Math.max(0, (sumSquares[h] as number) / CALIBRATION_DRAWS - mean ** 2) +
        (s.drawn[origin + h] as number);
      if (variance <= 0) return;
      sumZ2 += ((s.y[origin + h] as number) - mean) ** 2 / variance;
      m++;
    });
  }
  return Math.sqrt((CALIBRATION_PRIOR + sumZ2) / (CALIBRATION_PRIOR + m));
}

/** One candidate drawn by its weight. */
function pickFit(fits: readonly Fit[], weights: readonly number[], rng: Rng): Fit {
  let u = rng.next();
  for (let i = 0; i < fits.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return fits[i] as Fit;
  }
  return fits[fits.length - 1] as Fit;
}

// --- Shares -----------------------------------------------------------------------------------------------

interface ShareModel {
  growth: ComponentGrowth[];
  spread: number;
  /** Log share at the last history year, its sd; growth mean and sd (posterior). */
  logLevel: Float64Array;
  logLevelSd: Float64Array;
  growthMean: Float64Array;
  growthSd: Float64Array;
  present: Uint8Array;
}

/**
 * Shares of each component and their yearly growth relative to the total: weighted least squares of the
 * share on the year (weights = the year's total count), standard errors from binomial share noise, and
 * growths shrunk towards 0 with the between-component variance τ² estimated by DerSimonian–Laird.
 */
function shareModel(years: readonly number[], components: ForecastInput['components']): ShareModel {
  const K = components.length;
  const T = years.length;
  const totals = years.map((_, t) => sum(components.map((c) => c.counts[t] ?? 0)));
  const all = sum(totals);
  const tBar =
    all > 0 ? sum(years.map((year, t) => year * (totals[t] as number))) / all : (years[T - 1] ?? 0);
  const syy = sum(years.map((year, t) => (totals[t] as number) * (year - tBar) ** 2));
  const lastYear = years[T - 1] as number;
  const raw = components.map((component) => {
    const count = sum(component.counts);
    const share = all > 0 ? count / all : 0;
    if (share <= 0 || share >= 1 || syy <= 0) return { share, growth: 0, se2: Number.POSITIVE_INFINITY };
    let numerator = 0;
    years.forEach((year, t) => {
      const total = totals[t] as number;
      if (total > 0) numerator += total * (year - tBar) * ((component.counts[t] ?? 0) / total - share);
    });
    return { share, growth: numerator / (share * syy), se2: (1 - share) / (share * syy) };
  });
  const finite = raw.filter((r) => Number.isFinite(r.se2));
  let tau2 = 0;
  if (finite.length >= 2) {
    const w = finite.map((r) => 1 / r.se2);
    const sw = sum(w);
    const gBar = sum(finite.map((r, i) => (w[i] as number) * r.growth)) / sw;
    const q = sum(finite.map((r, i) => (w[i] as number) * (r.growth - gBar) ** 2));
    tau2 = Math.max(0, (q - (finite.length - 1)) / (sw - sum(w.map((x) => x * x)) / sw));
  }
  const model: ShareModel = {
    growth: [],
    spread: Math.sqrt(tau2),
    logLevel: new Float64Array(K),
    logLevelSd: new Float64Array(K),
    growthMean: new Float64Array(K),
    growthSd: new Float64Array(K),
    present: new Uint8Array(K),
  };
  raw.forEach((r, k) => {
    const shrink = Number.isFinite(r.se2) ? tau2 / (tau2 + r.se2) : 0;
    const growth = r.growth * shrink;
    if (r.share > 0) {
      model.present[k] = 1;
      model.logLevel[k] = Math.log(r.share) + growth * (lastYear - tBar);
      model.logLevelSd[k] = r.share < 1 && all > 0 ? Math.sqrt((1 - r.share) / (r.share * all)) : 0;
      model.growthMean[k] = growth;
      model.growthSd[k] = Number.isFinite(r.se2) ? Math.sqrt(r.se2 * shrink) : 0;
    }
    model.growth.push({
      key: components[k]?.key ?? String(k),
      share: r.share > 0 ? Math.exp(model.logLevel[k] as number) : 0,
      rawGrowth: r.growth,
      growth,
    });
  });
  return model;
}

// --- The forecast --------------------------------------------------------------------------------------------

function checkInput(input: ForecastInput): void {
  const { years, total, floorVariance, components } = input;
  const n = years.length;
  if (n === 0) throw new ForecastInputError('no history to forecast from');
  if (total.length !== n || floorVariance.length !== n || (input.drawnNoise && input.drawnNoise.length !== n))
    throw new ForecastInputError('every history series needs one value per history year');
  years.forEach((year, i) => {
    if (!Number.isInteger(year) || (i > 0 && year <= (years[i - 1] as number)))
      throw new ForecastInputError('history years must be whole, ascending and distinct');
    if (!((total[i] as number) >= 0) || !Number.isFinite(total[i]))
      throw new ForecastInputError(`the total for ${year} must be a number ≥ 0`);
  });
  if (components.length === 0) throw new ForecastInputError('give at least one component');
  for (const component of components)
    if (component.counts.length !== n || component.counts.some((c) => !(c >= 0) || !Number.isFinite(c)))
      throw new ForecastInputError(`component ${component.key}: one count ≥ 0 per history year`);
}

export function forecastSeries(input: ForecastInput): SeriesForecast {
  checkInput(input);
  const n = input.years.length;
  const series: Series = {
    x: [...input.years],
    y: [...input.total],
    drawn: input.drawnNoise ? [...input.drawnNoise] : new Array<number>(n).fill(0),
    floor: [...input.floorVariance],
    callerDrawsNoise: input.drawnNoise !== undefined,
  };
  const { fits, weights, trend } = totalTrend(series, input.trend);
  trend.spreadScale = spreadScale(series, input.trend, trend.scored);
  const scale = trend.spreadScale;
  const shares = shareModel(input.years, input.components);
  const K = input.components.length;
  const lastYear = input.years[n - 1] as number;
  const guard = input.guard ?? Number.POSITIVE_INFINITY;
  let path = new Float64Array(0);
  let share = new Float64Array(0);
  let damping: number[] = [];
  let point = new Float64Array(0);
  let prepared = '';
  /** Working space, damping factors and the point path for `years`, kept while the years stay the same. */
  const prepare = (years: readonly number[]) => {
    const key = years.join(',');
    if (key === prepared) return;
    if (years.some((year) => year <= lastYear))
      throw new ForecastInputError('forecast years must come after the history');
    prepared = key;
    if (path.length !== years.length) {
      path = new Float64Array(years.length);
      share = new Float64Array(years.length * K);
    }
    damping = years.map((year) => dampedSum(year - lastYear));
    point = Float64Array.from(years, (year) =>
      sum(fits.map((fit, i) => (weights[i] as number) * fit.point(year))),
    );
  };

  /** Share paths, renormalised each year so the components add up to the total. */
  const fillShares = (rng: Rng | null) => {
    const H = path.length;
    for (let k = 0; k < K; k++) {
      if (shares.present[k] !== 1) {
        for (let h = 0; h < H; h++) share[h * K + k] = 0;
        continue;
      }
      const level =
        (shares.logLevel[k] as number) + (rng ? (shares.logLevelSd[k] as number) * normal(rng) : 0);
      const growth =
        (shares.growthMean[k] as number) + (rng ? (shares.growthSd[k] as number) * normal(rng) : 0);
      for (let h = 0; h < H; h++)
        share[h * K + k] = Math.exp(Math.min(700, level + growth * (damping[h] as number)));
    }
    for (let h = 0; h < H; h++) {
      let norm = 0;
      for (let k = 0; k < K; k++) norm += share[h * K + k] as number;
      if (norm > 0) for (let k = 0; k < K; k++) share[h * K + k] = (share[h * K + k] as number) / norm;
    }
  };
  const combine = (out: Float64Array, bound?: Uint8Array) => {
    for (let h = 0; h < path.length; h++) {
      let value = Math.max(0, path[h] as number);
      if (value > guard) {
        value = guard;
        if (bound) bound[h] = 1;
      }
      for (let k = 0; k < K; k++) out[h * K + k] = value * (share[h * K + k] as number);
    }
  };

  return {
    total: trend,
    components: shares.growth,
    growthSpread: shares.spread,
    expected(years, bound) {
      prepare(years);
      path.set(point);
      fillShares(null);
      const out = new Float64Array(years.length * K);
      combine(out, bound);
      return out;
    },
    sample(rng, years, out, bound) {
      prepare(years);
      // Shares first: they take a fixed number of draws from `rng`, and the path then draws year by year,
      // so a draw's first years are the same whatever the horizon (a 5-year forecast is the start of a 10).
      fillShares(rng);
      pickFit(fits, weights, rng).draw(rng, years, path);
      // The spread around the point forecast, scaled to the model's own past errors.
      if (scale !== 1)
        for (let h = 0; h < path.length; h++)
          path[h] = (point[h] as number) + scale * ((path[h] as number) - (point[h] as number));
      combine(out, bound);
    },
  };
}

/**
 * The output's `trends`: the total (`ALL`) with its candidates' weights, then each component's pooled share;
 * `name(k)` labels component k (a need, or a need in a setting).
 */
export function trendChoices(
  forecast: SeriesForecast,
  name: (k: number) => { need: string; setting?: string },
  capped: boolean,
): TrendChoice[] {
  const { total } = forecast;
  return [
    {
      need: 'ALL',
      method: total.method,
      chosenBy: total.chosenBy,
      residualSd: total.residualSd,
      weights: total.weights,
      driftSd: total.driftSd,
      capped,
    },
    ...forecast.components.map((component, k) => ({
      ...name(k),
      method: total.method,
      chosenBy: 'pooled' as const,
      residualSd: 0,
      share: component.share,
      growth: component.growth,
      rawGrowth: component.rawGrowth,
    })),
  ];
}
