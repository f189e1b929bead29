// The simulation: counts per state (not per child), one January census to the next. In the Monte Carlo
// path each draw gives every state Pólya urns holding its posteriors (equivalent to one Beta / Dirichlet
// draw of its parameters per draw) and draws the counts from them (beta-binomial, Dirichlet-multinomial);
// the expected-value path pushes expected counts through posterior means in one pass.
// Roll-ups are summed inside each draw, so their quantiles are quantiles of the sum.
// Decision record: model/decisions/monte-carlo.md.
import { joinerMultipliers, type MarkovModel } from './estimate';
import {
  beta,
  binomial,
  deriveSeed,
  dirichlet,
  drawFromCumulative,
  drawFromUrn,
  gamma,
  multinomialInto,
  normal,
  poisson,
  Sfc32,
} from './random';

/** Move a share of the joiners (or movers) arriving in one setting to another, for one need and NCY range. */
export interface Redirect {
  /** Need index, or -1 for every need. */
  need: number;
  minNcy: number;
  maxNcy: number;
  from: number;
  to: number;
  share: number;
}

/** Scenario changes, resolved to indices, for each projected step t = 1 … horizon (index 0 unused). */
export interface Adjustments {
  /** Multipliers per need × setting (index need * S + setting) of P(leave), P(move) and joiner rates. */
  leaveFactor: (Float64Array | null)[];
  moveFactor: (Float64Array | null)[];
  joinerFactor: (Float64Array | null)[];
  /** closed[t][setting] = 1: nobody stays, moves or joins there from that year. */
  closed: (Uint8Array | null)[];
  joinerRedirects: Redirect[][];
  moverRedirects: Redirect[][];
}

export const noAdjustments = (steps: number): Adjustments => ({
  leaveFactor: Array(steps + 1).fill(null),
  moveFactor: Array(steps + 1).fill(null),
  joinerFactor: Array(steps + 1).fill(null),
  closed: Array(steps + 1).fill(null),
  joinerRedirects: Array.from({ length: steps + 1 }, () => []),
  moverRedirects: Array.from({ length: steps + 1 }, () => []),
});

export interface EnginePlan {
  model: MarkovModel;
  horizon: number;
  draws: number;
  seed: number;
  expectedOnly: boolean;
  /** Unit cost per need × setting for each year t = 0 … horizon, inflation included. */
  unitCost: Float64Array[];
  adjustments: Adjustments;
  /** Phase index of each NCY index, and the number of phases. */
  phaseOfNcy: Uint8Array;
  phaseCount: number;
  /** specialist[setting] = 1 for specialist settings; outOfBorough[setting] = 1 for out-of-borough ones. */
  specialist: Uint8Array;
  outOfBorough: Uint8Array;
}

/** Per-draw roll-ups; arrays are indexed [draw][year t][category] flattened, t = 0 being the base census. */
export interface Rollups {
  draws: number;
  years: number[];
  total: Float64Array;
  byNeed: Float64Array;
  bySetting: Float64Array;
  cost: Float64Array;
  joiners: Float64Array;
  outOfBorough: Float64Array;
  /** Children in specialist settings by need × phase. */
  specialist: Float64Array;
  /** Cost of the children in specialist settings by need × phase (what a capacity view re-prices). */
  specialistCost: Float64Array;
}

/** Below this many children a state's urn is drawn by beta-binomial inversion; above, by Beta then binomial. */
const URN_DIRECT_LIMIT = 32;

/** Cap on the relative year-to-year noise of a need's joiner rate (a lognormal σ). */
const MAX_JOINER_NOISE = 0.5;

export function simulate(plan: EnginePlan): Rollups {
  const { model, horizon, seed, expectedOnly, unitCost, adjustments, phaseOfNcy, phaseCount } = plan;
  const draws = expectedOnly ? 1 : plan.draws;
  const { space, population } = model;
  const N = space.needs.length;
  const S = space.settings.length;
  const C = space.ncyCount;
  const T = horizon + 1;
  const years = Array.from({ length: T }, (_, t) => model.baseYear + t);
  const { multipliers } = joinerMultipliers(model, years);
  const popAt = years.map((year) =>
    Float64Array.from({ length: C }, (_, c) => population.at(year, space.minNcy + c)),
  );
  const popTotal = popAt.map((row) => row.reduce((a, b) => a + b, 0));
  const noiseSd = model.joinerTrends.map((trend) =>
    trend.meanRate > 0 ? Math.min(MAX_JOINER_NOISE, trend.residualSd / trend.meanRate) : 0,
  );

  const out: Rollups = {
    draws,
    years,
    total: new Float64Array(draws * T),
    byNeed: new Float64Array(draws * T * N),
    bySetting: new Float64Array(draws * T * S),
    cost: new Float64Array(draws * T),
    joiners: new Float64Array(draws * T),
    outOfBorough: new Float64Array(draws * T),
    specialist: new Float64Array(draws * T * N * phaseCount),
    specialistCost: new Float64Array(draws * T * N * phaseCount),
  };

  // Hot-loop locals (property loads hoisted out of the loops).
  const { leaveAlpha, leaveBeta, moveAlpha, moveBeta, destinationAlpha, joinerShape, joinerExposure } = model;
  const { byNeed, bySetting, specialist: specialistByCell, specialistCost: specialistCostByCell } = out;
  const { specialist, outOfBorough } = plan;
  // State counts this year and next, each with the list of its non-empty states (the loops visit only
  // those: most of NCY × need × setting is empty).
  const NS = N * S;
  const counts = new Float64Array(space.stateCount);
  const next = new Float64Array(space.stateCount);
  const occupied = new Int32Array(space.stateCount);
  let occupiedCount = 0;
  const nextOccupied = new Int32Array(space.stateCount);
  let nextCount = 0;
  const byRow = new Int32Array(space.stateCount);
  const rowStarts = new Int32Array(C + 1);
  const initialOccupied = Int32Array.from(model.initial.keys()).filter(
    (i) => (model.initial[i] as number) > 0,
  );
  // Pólya urns per state, refilled with the posterior parameters at a state's first use in each draw.
  const leaveA = new Float64Array(space.stateCount);
  const leaveB = new Float64Array(space.stateCount);
  const moveA = new Float64Array(space.stateCount);
  const moveB = new Float64Array(space.stateCount);
  const destinationUrn = new Float64Array(space.stateCount * S);
  const urnStamp = new Int32Array(space.stateCount);
  const destinationStamp = new Int32Array(space.stateCount);
  const joinerRate = new Float64Array(N * C * S);
  const cumulative = new Float64Array(C * S);
  const rowCumulative = new Float64Array(N * C * S);
  const rowTotal = new Float64Array(N * C);
  const ncyCumulative = new Float64Array(C);
  const rowWeight = new Float64Array(C);
  const destination = new Float64Array(S);
  const probabilities = new Float64Array(S);
  const paramRng = new Sfc32(0);
  const countRng = new Sfc32(0);
  // Binomial on the population, as witan.send; its Poisson limit when there is no real population.
  const joinerCount = (expected: number, people: number) =>
    people >= 1 && expected <= 0.1 * people
      ? binomial(countRng, Math.round(people), expected / people)
      : poisson(countRng, expected);

  /**
   * How many of k children have an event whose probability has a Beta(a[i], b[i]) posterior, drawn from
   * the state's urn (beta-binomial; the urn keeps this draw's outcomes, so over the years it is the same
   * as one Beta draw of the probability per Monte Carlo draw). A scenario factor scales a fresh Beta draw
   * instead and leaves the urn as it was. Expected mode: k × posterior mean × factor.
   */
  const sampleRate = (k: number, a: Float64Array, b: Float64Array, i: number, factor: number): number => {
    const alpha = a[i] as number;
    if (expectedOnly) return k * Math.min(1, (alpha / (alpha + (b[i] as number))) * factor);
    if (factor !== 1)
      return binomial(countRng, k, Math.min(1, beta(countRng, alpha, b[i] as number) * factor));
    if (k < URN_DIRECT_LIMIT) return drawFromUrn(countRng, k, a, b, i);
    const events = binomial(countRng, k, beta(countRng, alpha, b[i] as number));
    a[i] = alpha + events;
    b[i] = (b[i] as number) + k - events;
    return events;
  };

  /**
   * Movers' destinations from state i's Dirichlet urn (over `destination`, the open weights, total `mass`),
   * arriving at NCY index c, need n.
   */
  const sampleDestinations = (
    movers: number,
    i: number,
    mass: number,
    rules: Redirect[],
    c: number,
    n: number,
  ) => {
    if (movers < URN_DIRECT_LIMIT) {
      let total = mass;
      for (let j = 0; j < movers; j++) {
        let u = countRng.next() * total;
        let chosen = -1;
        for (let x = 0; x < S; x++) {
          const w = destination[x] as number;
          if (w <= 0) continue;
          chosen = x;
          u -= w;
          if (u < 0) break;
        }
        destination[chosen] = (destination[chosen] as number) + 1;
        destinationUrn[i * S + chosen] = (destinationUrn[i * S + chosen] as number) + 1;
        total += 1;
        arrive(rules, 1, c, n, chosen);
      }
      return;
    }
    dirichlet(countRng, destination, probabilities);
    multinomialInto(countRng, movers, probabilities, 0, S, (x, drawn) => {
      destinationUrn[i * S + x] = (destinationUrn[i * S + x] as number) + drawn;
      arrive(rules, drawn, c, n, x);
    });
  };

  /** Add k children to next year's state `at`, listing the state the first time it fills. */
  const addNext = (at: number, k: number) => {
    if (k <= 0) return;
    if (next[at] === 0) nextOccupied[nextCount++] = at;
    next[at] = (next[at] as number) + k;
  };

  const record = (d: number, t: number, joined: number) => {
    const row = d * T + t;
    const costs = unitCost[t] as Float64Array;
    let total = 0;
    let cost = 0;
    let outside = 0;
    for (let j = 0; j < occupiedCount; j++) {
      const i = occupied[j] as number;
      const k = counts[i] as number;
      const c = Math.floor(i / NS);
      const n = Math.floor((i - c * NS) / S);
      const s = i - c * NS - n * S;
      const spend = k * (costs[n * S + s] as number);
      total += k;
      cost += spend;
      byNeed[row * N + n] = (byNeed[row * N + n] as number) + k;
      bySetting[row * S + s] = (bySetting[row * S + s] as number) + k;
      if (outOfBorough[s] === 1) outside += k;
      if (specialist[s] === 1) {
        const at = (row * N + n) * phaseCount + (phaseOfNcy[c] as number);
        specialistByCell[at] = (specialistByCell[at] as number) + k;
        specialistCostByCell[at] = (specialistCostByCell[at] as number) + spend;
      }
    }
    out.total[row] = total;
    out.cost[row] = cost;
    out.outOfBorough[row] = outside;
    out.joiners[row] = joined;
  };

  /**
   * Add k arrivals to `next` at NCY index c, need n, setting s — after moving a share of them elsewhere as
   * the year's redirect rules say (fractionally in expected mode).
   */
  const arrive = (rules: Redirect[], k: number, c: number, n: number, s: number) => {
    const base = (c * N + n) * S;
    let remaining = k;
    if (rules.length > 0) {
      const ncy = space.minNcy + c;
      for (const rule of rules) {
        if (
          rule.from !== s ||
          (rule.need !== -1 && rule.need !== n) ||
          ncy < rule.minNcy ||
          ncy > rule.maxNcy
        )
          continue;
        const moved = expectedOnly ? remaining * rule.share : binomial(countRng, remaining, rule.share);
        addNext(base + rule.to, moved);
        remaining -= moved;
      }
    }
    addNext(base + s, remaining);
  };

  for (let d = 0; d < draws; d++) {
    for (let j = 0; j < occupiedCount; j++) counts[occupied[j] as number] = 0;
    occupied.set(initialOccupied);
    occupiedCount = initialOccupied.length;
    for (const i of initialOccupied) counts[i] = model.initial[i] as number;
    record(d, 0, model.baseJoiners);
    // Joiner-cell rates: Gamma(shape, exposure) posteriors; prior-only cells (shape < 1) at their mean.
    paramRng.reseed(deriveSeed(seed, d, -1));
    for (let n = 0, j = 0; n < N; n++) {
      for (let c = 0; c < C; c++) {
        const exposure = joinerExposure[c] as number;
        for (let s = 0; s < S; s++, j++) {
          const shape = joinerShape[j] as number;
          joinerRate[j] =
            shape <= 0 || exposure <= 0
              ? 0
              : (expectedOnly || shape < 1 ? shape : gamma(paramRng, shape)) / exposure;
        }
      }
    }
    // Within-row cumulative joiner rates (used unless a scenario reshapes the year): NCY, then setting.
    for (let row = 0; row < N * C; row++) {
      let running = 0;
      for (let s = 0; s < S; s++) {
        running += joinerRate[row * S + s] as number;
        rowCumulative[row * S + s] = running;
      }
      rowTotal[row] = running;
    }
    for (let t = 1; t < T; t++) {
      const closed = adjustments.closed[t];
      const leaveFactor = adjustments.leaveFactor[t];
      const moveFactor = adjustments.moveFactor[t];
      const moverRules = adjustments.moverRedirects[t] ?? [];

      // Group the non-empty states by NCY row (counting sort), for the per-row random streams.
      rowStarts.fill(0);
      for (let j = 0; j < occupiedCount; j++) {
        const after = Math.floor((occupied[j] as number) / NS) + 1;
        rowStarts[after] = (rowStarts[after] as number) + 1;
      }
      for (let c = 0; c < C; c++) rowStarts[c + 1] = (rowStarts[c + 1] as number) + (rowStarts[c] as number);
      for (let j = 0; j < occupiedCount; j++) {
        const i = occupied[j] as number;
        const c = Math.floor(i / NS);
        byRow[rowStarts[c] as number] = i;
        rowStarts[c] = (rowStarts[c] as number) + 1;
      }
      occupied.set(byRow.subarray(0, occupiedCount));
      let row = -1;
      for (let j = 0; j < occupiedCount; j++) {
        const i = occupied[j] as number;
        const k = counts[i] as number;
        const c = Math.floor(i / NS);
        if (c !== row) {
          // One stream per (draw, year, NCY): a scenario change desynchronises only the rows it touches.
          countRng.reseed(deriveSeed(seed, d, t, c));
          row = c;
        }
        if (c === C - 1) continue; // ageing past the last NCY: everyone leaves
        const n = Math.floor((i - c * NS) / S);
        const s = i - c * NS - n * S;
        if (urnStamp[i] !== d + 1) {
          // Fresh Pólya urns for this draw: the posterior of P(leave), P(move) and the destinations.
          urnStamp[i] = d + 1;
          leaveA[i] = leaveAlpha[i] as number;
          leaveB[i] = leaveBeta[i] as number;
          moveA[i] = moveAlpha[i] as number;
          moveB[i] = moveBeta[i] as number;
        }
        const factorAt = n * S + s;
        const leavers = sampleRate(k, leaveA, leaveB, i, leaveFactor ? (leaveFactor[factorAt] as number) : 1);
        const remaining = k - leavers;
        if (remaining <= 0) continue;
        const cannotStay = (moveA[i] === 1 && moveB[i] === 0) || closed?.[s] === 1;
        let movers = cannotStay
          ? remaining
          : moveA[i] === 0
            ? 0
            : sampleRate(remaining, moveA, moveB, i, moveFactor ? (moveFactor[factorAt] as number) : 1);
        // Open destinations: this draw's urn weights without closed settings.
        let mass = 0;
        if (movers > 0) {
          if (destinationStamp[i] !== d + 1) {
            destinationStamp[i] = d + 1;
            for (let x = i * S; x < i * S + S; x++) destinationUrn[x] = destinationAlpha[x] as number;
          }
          for (let x = 0; x < S; x++) {
            const w = closed?.[x] === 1 ? 0 : (destinationUrn[i * S + x] as number);
            destination[x] = w;
            mass += w;
          }
          if (mass === 0) movers = 0; // nowhere open to go
        }
        // Children who can neither stay nor move anywhere open leave.
        const stayers = cannotStay ? 0 : remaining - movers;
        addNext(i + NS, stayers); // same need and setting, one NCY on
        if (movers <= 0) continue;
        if (expectedOnly) {
          for (let x = 0; x < S; x++) {
            const w = destination[x] as number;
            if (w > 0) arrive(moverRules, (movers * w) / mass, c + 1, n, x);
          }
        } else {
          sampleDestinations(movers, i, mass, moverRules, c + 1, n);
        }
      }

      // Joiners, per need: expected arrivals at NCY c = population × Σ_s rate × trend × noise; the total is
      // Binomial(population, Σ expected / population), placed by NCY, then by setting within the NCY.
      // Scenario factors and closures reshape the rows; a closed setting's share goes to the row's others.
      let joined = 0;
      const joinerFactor = adjustments.joinerFactor[t];
      const joinerRules = adjustments.joinerRedirects[t] ?? [];
      const reshaped = joinerFactor !== null || closed !== null;
      const pop = popAt[t] as Float64Array;
      for (let n = 0; n < N; n++) {
        countRng.reseed(deriveSeed(seed, d, t, C + n)); // per need, so scenarios keep common numbers
        const noise = expectedOnly || noiseSd[n] === 0 ? 1 : lognormalMeanOne(countRng, noiseSd[n] as number);
        const level = (multipliers[t]?.[n] ?? 1) * noise;
        // Within-row cumulative rates (setting choice) and row weights (NCY choice) for this need.
        let within = rowCumulative;
        let withinOffset = n * C * S;
        let weights = rowTotal;
        let weightOffset = n * C;
        if (reshaped) {
          within = cumulative;
          withinOffset = 0;
          weights = rowWeight;
          weightOffset = 0;
          for (let c = 0; c < C; c++) {
            let open = 0;
            let shut = 0;
            for (let x = 0; x < S; x++) {
              const rate =
                (joinerRate[(n * C + c) * S + x] as number) *
                (joinerFactor ? (joinerFactor[n * S + x] as number) : 1);
              if (closed?.[x] === 1) shut += rate;
              else open += rate;
              cumulative[c * S + x] = open;
            }
            rowWeight[c] = open > 0 ? open + shut : 0;
          }
        }
        let running = 0;
        for (let c = 0; c < C; c++) {
          running += (pop[c] as number) * (weights[weightOffset + c] as number) * level;
          ncyCumulative[c] = running;
        }
        if (running <= 0) continue;
        if (expectedOnly) {
          for (let c = 0; c < C; c++) {
            const expected = (ncyCumulative[c] as number) - (c > 0 ? (ncyCumulative[c - 1] as number) : 0);
            const rowStart = withinOffset + c * S;
            const open = within[rowStart + S - 1] as number;
            if (expected <= 0 || open <= 0) continue;
            for (let x = 0; x < S; x++) {
              const share =
                ((within[rowStart + x] as number) - (x > 0 ? (within[rowStart + x - 1] as number) : 0)) /
                open;
              if (share > 0) arrive(joinerRules, expected * share, c, n, x);
            }
          }
          joined += running;
          continue;
        }
        const count = joinerCount(running, popTotal[t] as number);
        for (let k = 0; k < count; k++) {
          const c = drawFromCumulative(countRng, ncyCumulative, 0, C);
          const rowStart = withinOffset + c * S;
          const x = drawFromCumulative(countRng, within, rowStart, S);
          arrive(joinerRules, 1, c, n, x);
        }
        joined += count;
      }
      // Next year becomes this year: clear this year's states, move next year's in.
      for (let j = 0; j < occupiedCount; j++) counts[occupied[j] as number] = 0;
      for (let j = 0; j < nextCount; j++) {
        const i = nextOccupied[j] as number;
        counts[i] = next[i] as number;
        next[i] = 0;
      }
      occupied.set(nextOccupied.subarray(0, nextCount));
      occupiedCount = nextCount;
      nextCount = 0;
      record(d, t, joined);
    }
  }
  return out;
}

/** exp(σZ − σ²/2): lognormal noise with mean 1. */
function lognormalMeanOne(rng: Sfc32, sd: number): number {
  return Math.exp(sd * normal(rng) - (sd * sd) / 2);
}
