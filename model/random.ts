// Seeded pseudo-random numbers and the samplers the Monte Carlo engine needs. Pure and browser-usable.
//
// Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state, passes PractRand
// and BigCrush), seeded through splitmix32 so that nearby seeds give unrelated streams.

export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
}

/** splitmix32 finaliser: a well-mixed 32-bit hash of a 32-bit integer. */
function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seed derived from a seed and up to three integers, e.g. (seed, draw, year, NCY): lets every draw and every state have its
 * own stream, so a scenario run with the same seed reuses the baseline's random numbers where it can
 * (common random numbers).
 */
export function deriveSeed(seed: number, a: number, b = 0, c = 0): number {
  let h = mix32(0x2545f491 ^ mix32(seed | 0));
  h = mix32(h ^ mix32(a | 0));
  h = mix32(h ^ mix32(b | 0));
  return mix32(h ^ mix32(c | 0));
}

/** sfc32; `reseed` lets a hot loop reuse one generator for many derived streams without allocating. */
export class Sfc32 implements Rng {
  /** State words a, b, c, d in a typed array: int32 fields would be boxed as heap numbers outside ±2^30. */
  private readonly state = new Int32Array(4);
  /** Second normal deviate of the last polar pair (NaN when none is waiting). */
  spare = Number.NaN;

  constructor(seed: number) {
    this.reseed(seed);
  }

  reseed(seed: number): this {
    const state = this.state;
    state[0] = mix32(seed);
    state[1] = mix32((state[0] as number) ^ 0x6a09e667);
    state[2] = mix32((state[1] as number) ^ 0xbb67ae85);
    state[3] = 1;
    // The state words are already splitmix-hashed, so a short warm-up decorrelates derived streams.
    for (let i = 0; i < 6; i++) this.nextUint32();
    this.spare = Number.NaN;
    return this;
  }

  nextUint32(): number {
    const state = this.state;
    const a = state[0] as number;
    const b = state[1] as number;
    const c = state[2] as number;
    const d = state[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    state[3] = d + 1;
    state[0] = b ^ (b >>> 9);
    state[1] = c + (c << 3);
    state[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }
}

/** sfc32 seeded from one integer. */
export function createRng(seed: number): Sfc32 {
  return new Sfc32(seed);
}

/** Standard normal by Marsaglia's polar method; the pair's second deviate is kept for the next call. */
export function normal(rng: Rng & { spare?: number }): number {
  if (rng.spare !== undefined && !Number.isNaN(rng.spare)) {
    const value = rng.spare;
    rng.spare = Number.NaN;
    return value;
  }
  let u: number;
  let v: number;
  let r: number;
  do {
    u = 2 * rng.next() - 1;
    v = 2 * rng.next() - 1;
    r = u * u + v * v;
  } while (r >= 1 || r === 0);
  const scale = Math.sqrt((-2 * Math.log(r)) / r);
  if (rng.spare !== undefined) rng.spare = v * scale;
  return u * scale;
}

/**
 * Gamma(shape, 1) by Marsaglia & Tsang (2000), "A simple method for generating gamma variables".
 * For shape < 1 uses Gamma(shape + 1) · U^(1/shape).
 */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape))
    throw new RangeError(`gamma shape must be positive, got ${shape}`);
  if (shape < 1) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    return gamma(rng, shape + 1) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  const sum = x + y;
  // Both tiny shapes can underflow to 0; fall back to the mean rather than NaN.
  return sum > 0 ? x / sum : a / (a + b);
}

/**
 * Dirichlet(alpha) written into `out` (same length as alpha, or `count` entries from `offset`).
 * Zero alphas give zero probability (an impossible destination).
 */
export function dirichlet(
  rng: Rng,
  alpha: ArrayLike<number>,
  out: Float64Array,
  offset = 0,
  count = alpha.length,
): void {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const a = alpha[offset + i] ?? 0;
    const g = a > 0 ? gamma(rng, a) : 0;
    out[offset + i] = g;
    sum += g;
  }
  if (sum > 0) {
    for (let i = 0; i < count; i++) out[offset + i] = (out[offset + i] ?? 0) / sum;
    return;
  }
  // Every gamma underflowed (all shapes tiny): use the Dirichlet mean instead.
  let total = 0;
  for (let i = 0; i < count; i++) total += alpha[offset + i] ?? 0;
  for (let i = 0; i < count; i++) out[offset + i] = total > 0 ? (alpha[offset + i] ?? 0) / total : 0;
}

/** Mean n·p below which the binomial is sampled exactly by inversion. */
const EXACT_BINOMIAL_MEAN = 30;

/**
 * Binomial(n, p). Exact by sequential inversion of the CDF when min(np, n(1−p)) < 30 (expected cost
 * O(np)); otherwise the normal approximation N(np, np(1−p)) with continuity correction, rounded and
 * clamped to [0, n] — at a mean of 30 or more its error in any tail probability is under about 1%, far
 * below the parameter uncertainty the model carries.
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const mean = n * p;
  if (mean >= EXACT_BINOMIAL_MEAN) {
    const draw = Math.round(mean + Math.sqrt(mean * (1 - p)) * normal(rng));
    return Math.min(Math.max(draw, 0), n);
  }
  // Inversion: walk the pmf from k = 0 using P(k+1)/P(k) = (n−k)/(k+1) · p/(1−p).
  const ratio = p / (1 - p);
  let prob = (1 - p) ** n;
  let cumulative = prob;
  const u = rng.next();
  let k = 0;
  while (u > cumulative && k < n) {
    prob *= ((n - k) / (k + 1)) * ratio;
    k++;
    cumulative += prob;
    if (prob < 1e-300 && cumulative < u) break; // guard against rounding leaving u above the total mass
  }
  return k;
}

/**
 * Draw n balls from the two-colour Pólya urn `index` (weights alpha[index], beta[index]) and add them to
 * it; returns the first colour's count. The count is Beta-binomial(n, alpha, beta) — the same as drawing
 * p ~ Beta(alpha, beta) once and then Binomial(n, p) — sampled by inversion with one uniform, walking the
 * pmf from P(0) = Π_{j<n} (β + j) / (α + β + j) by P(x+1)/P(x) = (n − x)(α + x) / ((x + 1)(β + n − x − 1)).
 * O(n): meant for small n. Weights live in typed arrays so hot loops pass no boxed doubles.
 */
export function drawFromUrn(
  rng: Rng,
  n: number,
  alpha: Float64Array,
  beta: Float64Array,
  index: number,
): number {
  if (n <= 0) return 0;
  const a = alpha[index] as number;
  const b = beta[index] as number;
  // P(0) as one ratio of two products (one division, not n); far past n = 32 the products could overflow.
  let numerator = 1;
  let denominator = 1;
  for (let j = 0; j < n; j++) {
    numerator *= b + j;
    denominator *= a + b + j;
  }
  let prob = numerator / denominator;
  if (!Number.isFinite(denominator) || !(numerator > 0)) {
    prob = 1;
    for (let j = 0; j < n; j++) prob *= (b + j) / (a + b + j);
  }
  let cumulative = prob;
  const u = rng.next();
  let x = 0;
  while (u > cumulative && x < n) {
    prob *= ((n - x) * (a + x)) / ((x + 1) * (b + n - x - 1));
    x++;
    cumulative += prob;
  }
  alpha[index] = a + x;
  beta[index] = b + n - x;
  return x;
}

/**
 * Guide table (Chen & Asau's cutpoint method) for categorical draws from cumulative weights
 * cumulative[offset … offset+length) (non-decreasing; the last is the total): guide[offset + j] is the first
 * category whose cumulative weight passes j/length of the total. Built in O(length).
 */
export function buildGuide(
  cumulative: Float64Array,
  guide: Int32Array,
  offset: number,
  length: number,
): void {
  const total = cumulative[offset + length - 1] as number;
  let i = 0;
  for (let j = 0; j < length; j++) {
    const threshold = (j * total) / length;
    while (i < length - 1 && (cumulative[offset + i] as number) <= threshold) i++;
    guide[offset + j] = i;
  }
}

/**
 * Index of the category a uniform draw falls in — the first whose cumulative weight is above u · total —
 * starting from its guide-table slot and scanning forward: about two comparisons a draw on average,
 * against log2(length) hard-to-predict branches for a binary search.
 */
export function drawWithGuide(
  rng: Rng,
  cumulative: Float64Array,
  guide: Int32Array,
  offset: number,
  length: number,
): number {
  const scaled = rng.next() * length;
  const u = (scaled / length) * (cumulative[offset + length - 1] as number);
  let i = guide[offset + Math.floor(scaled)] as number;
  while (i < length - 1 && (cumulative[offset + i] as number) <= u) i++;
  return i;
}

/**
 * Multinomial(n, probs) over `count` categories from `offset`, reporting each non-zero category count to
 * `visit`. Probabilities need not be normalised. Small n: n categorical draws by a linear scan (cheap when
 * a handful of children are spread); otherwise conditional binomials, Binomial(remaining, p_i / mass left).
 */
export function multinomialInto(
  rng: Rng,
  n: number,
  probs: ArrayLike<number>,
  offset: number,
  count: number,
  visit: (category: number, drawn: number) => void,
): void {
  if (n <= 0) return;
  let mass = 0;
  for (let i = 0; i < count; i++) mass += probs[offset + i] ?? 0;
  if (!(mass > 0)) throw new RangeError('multinomial needs at least one positive probability');
  if (n <= 8) {
    for (let k = 0; k < n; k++) {
      let u = rng.next() * mass;
      let chosen = -1;
      for (let i = 0; i < count; i++) {
        const p = probs[offset + i] ?? 0;
        if (p <= 0) continue;
        chosen = i;
        u -= p;
        if (u < 0) break;
      }
      visit(chosen, 1);
    }
    return;
  }
  let remaining = n;
  for (let i = 0; i < count && remaining > 0; i++) {
    const p = probs[offset + i] ?? 0;
    if (p <= 0) continue;
    const drawn = p >= mass * (1 - 1e-12) ? remaining : binomial(rng, remaining, p / mass);
    if (drawn > 0) visit(i, drawn);
    remaining -= drawn;
    mass -= p;
  }
}

/** Multinomial(n, probs) as a new Int32Array of counts. */
export function multinomial(rng: Rng, n: number, probs: ArrayLike<number>): Int32Array {
  const counts = new Int32Array(probs.length);
  multinomialInto(rng, n, probs, 0, probs.length, (category, drawn) => {
    counts[category] = (counts[category] ?? 0) + drawn;
  });
  return counts;
}

/**
 * Poisson(mean): exact by Knuth's multiplication method below a mean of 30, normal approximation with
 * continuity correction (rounded, at least 0) above, as for the binomial.
 */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean >= EXACT_BINOMIAL_MEAN) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let product = rng.next();
  while (product > limit) {
    k++;
    product *= rng.next();
  }
  return k;
}
