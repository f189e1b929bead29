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
  buildGuide,
  deriveSeed,
  dirichlet,
  drawFromUrn,
  drawWithGuide,
  gamma,
  multinomialInto,
  normal,
  poisson,
  Sfc32,
} from './random';
import { DEFAULT_FLAT_WINDOW } from './trend';

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

/** Cap on the yearly step of a need's joiner-rate random walk (a lognormal σ). */
const MAX_JOINER_STEP = 0.5;

/**
 * Integer layout of the state space, computed once per run so the hot loops never divide or look up by
 * name: each state's NCY row, need and setting; its roll-up cells; and its possible mover destinations in
 * compressed sparse rows (most states can reach only a few of the S settings).
 */
interface Layout {
  stateNcy: Int32Array;
  stateNeed: Int32Array;
  stateSetting: Int32Array;
  /** need × phase cell of a specialist state, −1 for others. */
  specialistCell: Int32Array;
  /** Destinations of state i: entries destStart[i] … destStart[i + 1] − 1 of destTo / destPrior. */
  destStart: Int32Array;
  destTo: Int32Array;
  destPrior: Float64Array;
}

function layoutOf(plan: EnginePlan): Layout {
  const { model, phaseOfNcy, phaseCount, specialist } = plan;
  const { space, destinationAlpha } = model;
  const N = space.needs.length;
  const S = space.settings.length;
  const count = space.stateCount;
  const stateNcy = new Int32Array(count);
  const stateNeed = new Int32Array(count);
  const stateSetting = new Int32Array(count);
  const specialistCell = new Int32Array(count);
  const destStart = new Int32Array(count + 1);
  let entries = 0;
  for (let i = 0; i < count; i++) {
    const s = i % S;
    const n = Math.floor(i / S) % N;
    const c = Math.floor(i / (N * S));
    stateNcy[i] = c;
    stateNeed[i] = n;
    stateSetting[i] = s;
    specialistCell[i] = specialist[s] === 1 ? n * phaseCount + (phaseOfNcy[c] as number) : -1;
    destStart[i] = entries;
    for (let d = 0; d < S; d++) if ((destinationAlpha[i * S + d] as number) > 0) entries++;
  }
  destStart[count] = entries;
  const destTo = new Int32Array(entries);
  const destPrior = new Float64Array(entries);
  for (let i = 0, e = 0; i < count; i++) {
    for (let d = 0; d < S; d++) {
      const alpha = destinationAlpha[i * S + d] as number;
      if (alpha <= 0) continue;
      destTo[e] = d;
      destPrior[e] = alpha;
      e++;
    }
  }
  return { stateNcy, stateNeed, stateSetting, specialistCell, destStart, destTo, destPrior };
}

export function simulate(plan: EnginePlan): Rollups {
  const { model, horizon, seed, expectedOnly, unitCost, adjustments, phaseCount } = plan;
  const draws = expectedOnly ? 1 : plan.draws;
  const { space, population } = model;
  const N = space.needs.length;
  const S = space.settings.length;
  const C = space.ncyCount;
  const T = horizon + 1;
  const NS = N * S;
  const years = Array.from({ length: T }, (_, t) => model.baseYear + t);
  const { multipliers } = joinerMultipliers(model, years);
  const popAt = years.map((year) =>
    Float64Array.from({ length: C }, (_, c) => population.at(year, space.minNcy + c)),
  );
  const popTotal = popAt.map((row) => row.reduce((a, b) => a + b, 0));
  // Trend uncertainty of each need's joiner rate (decision record joiners.md), relative to its mean rate:
  // the fitted level is uncertain by σ/√(points it averages), then the rate walks by σ a year.
  const stepSd = model.joinerTrends.map((trend) =>
    trend.meanRate > 0 ? Math.min(MAX_JOINER_STEP, trend.residualSd / trend.meanRate) : 0,
  );
  const historyPoints = model.historyYears.length;
  const levelSd = model.joinerTrends.map(
    (trend, n) =>
      (stepSd[n] as number) /
      Math.sqrt(trend.method === 'flat' ? Math.min(DEFAULT_FLAT_WINDOW, historyPoints) : historyPoints),
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
  const { leaveAlpha, leaveBeta, moveAlpha, moveBeta, joinerShape, joinerExposure } = model;
  const { byNeed, bySetting, specialist: specialistByCell, specialistCost: specialistCostByCell } = out;
  const { outOfBorough } = plan;
  const { stateNcy, stateNeed, stateSetting, specialistCell, destStart, destTo, destPrior } = layoutOf(plan);
  // State counts this year and next, each with its non-empty states listed by NCY row — row c's at
  // [c · NS, c · NS + size[c]) in order of arrival — so the loops visit only those (most of
  // NCY × need × setting is empty) row by row, as the per-row random streams need.
  const counts = new Float64Array(space.stateCount);
  const next = new Float64Array(space.stateCount);
  const rowStates = new Int32Array(space.stateCount);
  const rowSize = new Int32Array(C);
  const nextRowStates = new Int32Array(space.stateCount);
  const nextRowSize = new Int32Array(C);
  const initialStates = indicesWhere(space.stateCount, (i) => (model.initial[i] as number) > 0);
  // Pólya urns per state, refilled with the posterior parameters at a state's first use in each draw.
  const leaveA = new Float64Array(space.stateCount);
  const leaveB = new Float64Array(space.stateCount);
  const moveA = new Float64Array(space.stateCount);
  const moveB = new Float64Array(space.stateCount);
  const destinationUrn = new Float64Array(destPrior.length);
  const urnStamp = new Int32Array(space.stateCount);
  const destinationStamp = new Int32Array(space.stateCount);
  // Joiner-cell rates: Gamma(shape, exposure) posteriors, drawn per draw for cells seen at least once
  // (shape ≥ 1); prior-only cells (shape < 1) sit at their mean, as do all cells on the expected path.
  // Rows (need × NCY) without a drawn cell keep their cumulative rates and guide table for the whole run.
  const joinerRate = new Float64Array(N * C * S);
  const exposureOf = (j: number) => joinerExposure[Math.floor(j / S) % C] as number;
  const drawnCells = indicesWhere(
    joinerShape.length,
    (j) => !expectedOnly && (joinerShape[j] as number) >= 1 && exposureOf(j) > 0,
  );
  for (let j = 0; j < joinerRate.length; j++) {
    const shape = joinerShape[j] as number;
    if (shape > 0 && exposureOf(j) > 0) joinerRate[j] = shape / exposureOf(j);
  }
  const drawnExposure = Float64Array.from(drawnCells, exposureOf);
  const drawnRows = Int32Array.from(new Set(Array.from(drawnCells, (j) => Math.floor(j / S))));
  // Cumulative joiner weights with their guide tables (random.ts buildGuide): by setting within each
  // need × NCY row (fixed for a draw; `cumulative` when a scenario reshapes a year) and by NCY.
  const cumulative = new Float64Array(C * S);
  const cumulativeGuide = new Int32Array(C * S);
  const rowCumulative = new Float64Array(N * C * S);
  const rowGuide = new Int32Array(N * C * S);
  const rowTotal = new Float64Array(N * C);
  const ncyCumulative = new Float64Array(C);
  const ncyGuide = new Int32Array(C);
  const rowWeight = new Float64Array(C);
  /** Per draw and need: the joiner rate's multiplicative random walk around its trend. */
  const joinerLevel = new Float64Array(N);
  const weights = new Float64Array(S);
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

  /** Cumulative rates (and guide table) of one need × NCY row of joiner cells, by setting. */
  const accumulateRow = (row: number) => {
    let running = 0;
    for (let s = 0; s < S; s++) {
      running += joinerRate[row * S + s] as number;
      rowCumulative[row * S + s] = running;
    }
    rowTotal[row] = running;
    if (!expectedOnly && running > 0) buildGuide(rowCumulative, rowGuide, row * S, S);
  };

  /** Add k children to next year's state `at`, listing the state the first time it fills. */
  const addNext = (at: number, k: number) => {
    if (k <= 0) return;
    if (next[at] === 0) {
      const c = stateNcy[at] as number;
      nextRowStates[c * NS + (nextRowSize[c] as number)] = at;
      nextRowSize[c] = (nextRowSize[c] as number) + 1;
    }
    next[at] = (next[at] as number) + k;
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

  /**
   * Movers' destinations from state i's Dirichlet urn: `weights` holds the open destinations' urn weights
   * (entries first … first + width − 1 of the state's list), total `mass`; they arrive at NCY index c, need n.
   * A few movers are drawn one by one from the urn; many draw the destination shares from the urn's
   * Dirichlet, then a multinomial by conditional binomials — the same Dirichlet-multinomial distribution.
   */
  const sampleDestinations = (
    movers: number,
    first: number,
    width: number,
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
        for (let e = 0; e < width; e++) {
          const w = weights[e] as number;
          if (w <= 0) continue;
          chosen = e;
          u -= w;
          if (u < 0) break;
        }
        weights[chosen] = (weights[chosen] as number) + 1;
        destinationUrn[first + chosen] = (destinationUrn[first + chosen] as number) + 1;
        total += 1;
        arrive(rules, 1, c, n, destTo[first + chosen] as number);
      }
      return;
    }
    dirichlet(countRng, weights, probabilities, 0, width);
    multinomialInto(countRng, movers, probabilities, 0, width, (e, drawn) => {
      destinationUrn[first + e] = (destinationUrn[first + e] as number) + drawn;
      arrive(rules, drawn, c, n, destTo[first + e] as number);
    });
  };

  /**
   * Next year becomes this year — clear this year's states, move next year's in, row by row — and record
   * census t of draw d: its roll-ups, summed as the states move in.
   */
  const advance = (d: number, t: number, joined: number) => {
    const row = d * T + t;
    const costs = unitCost[t] as Float64Array;
    let total = 0;
    let cost = 0;
    let outside = 0;
    for (let c = 0; c < C; c++) {
      for (let j = c * NS, end = j + (rowSize[c] as number); j < end; j++) counts[rowStates[j] as number] = 0;
      const size = nextRowSize[c] as number;
      for (let j = c * NS, end = j + size; j < end; j++) {
        const i = nextRowStates[j] as number;
        const k = next[i] as number;
        rowStates[j] = i;
        counts[i] = k;
        next[i] = 0;
        const n = stateNeed[i] as number;
        const s = stateSetting[i] as number;
        const spend = k * (costs[n * S + s] as number);
        total += k;
        cost += spend;
        byNeed[row * N + n] = (byNeed[row * N + n] as number) + k;
        bySetting[row * S + s] = (bySetting[row * S + s] as number) + k;
        if (outOfBorough[s] === 1) outside += k;
        const cell = specialistCell[i] as number;
        if (cell >= 0) {
          const at = row * N * phaseCount + cell;
          specialistByCell[at] = (specialistByCell[at] as number) + k;
          specialistCostByCell[at] = (specialistCostByCell[at] as number) + spend;
        }
      }
      rowSize[c] = size;
      nextRowSize[c] = 0;
    }
    out.total[row] = total;
    out.cost[row] = cost;
    out.outOfBorough[row] = outside;
    out.joiners[row] = joined;
  };

  for (let d = 0; d < draws; d++) {
    // The base census: last draw's final year makes way for it through `next`.
    for (const i of initialStates) addNext(i, model.initial[i] as number);
    advance(d, 0, model.baseJoiners);
    paramRng.reseed(deriveSeed(seed, d, -1));
    for (let k = 0; k < drawnCells.length; k++) {
      const j = drawnCells[k] as number;
      joinerRate[j] = gamma(paramRng, joinerShape[j] as number) / (drawnExposure[k] as number);
    }
    for (let n = 0; n < N; n++) {
      const sd = levelSd[n] as number;
      joinerLevel[n] = expectedOnly || sd === 0 ? 1 : lognormalMeanOne(paramRng, sd);
    }
    // Within-row cumulative joiner rates (used unless a scenario reshapes the year): NCY, then setting.
    if (d === 0) for (let row = 0; row < N * C; row++) accumulateRow(row);
    else for (const row of drawnRows) accumulateRow(row);
    for (let t = 1; t < T; t++) {
      const closed = adjustments.closed[t];
      const leaveFactor = adjustments.leaveFactor[t];
      const moveFactor = adjustments.moveFactor[t];
      const moverRules = adjustments.moverRedirects[t] ?? [];

      // Row by row, each with its own random stream per (draw, year, NCY): a scenario change then
      // desynchronises only the rows it touches. Past the last NCY everyone leaves.
      for (let c = 0; c < C - 1; c++) {
        const size = rowSize[c] as number;
        if (size === 0) continue;
        countRng.reseed(deriveSeed(seed, d, t, c));
        for (let j = c * NS; j < c * NS + size; j++) {
          const i = rowStates[j] as number;
          const k = counts[i] as number;
          const n = stateNeed[i] as number;
          const s = stateSetting[i] as number;
          if (urnStamp[i] !== d + 1) {
            // Fresh Pólya urns for this draw: the posterior of P(leave), P(move) and the destinations.
            urnStamp[i] = d + 1;
            leaveA[i] = leaveAlpha[i] as number;
            leaveB[i] = leaveBeta[i] as number;
            moveA[i] = moveAlpha[i] as number;
            moveB[i] = moveBeta[i] as number;
          }
          const factorAt = n * S + s;
          const leavers = sampleRate(
            k,
            leaveA,
            leaveB,
            i,
            leaveFactor ? (leaveFactor[factorAt] as number) : 1,
          );
          const remaining = k - leavers;
          if (remaining <= 0) continue;
          const cannotStay = (moveA[i] === 1 && moveB[i] === 0) || closed?.[s] === 1;
          let movers = cannotStay
            ? remaining
            : moveA[i] === 0
              ? 0
              : sampleRate(remaining, moveA, moveB, i, moveFactor ? (moveFactor[factorAt] as number) : 1);
          // Open destinations: this draw's urn weights without closed settings.
          const first = destStart[i] as number;
          const width = (destStart[i + 1] as number) - first;
          let mass = 0;
          if (movers > 0) {
            if (destinationStamp[i] !== d + 1) {
              destinationStamp[i] = d + 1;
              for (let e = first; e < first + width; e++) destinationUrn[e] = destPrior[e] as number;
            }
            for (let e = 0; e < width; e++) {
              const w =
                closed?.[destTo[first + e] as number] === 1 ? 0 : (destinationUrn[first + e] as number);
              weights[e] = w;
              mass += w;
            }
            if (mass === 0) movers = 0; // nowhere open to go
          }
          // Children who can neither stay nor move anywhere open leave.
          const stayers = cannotStay ? 0 : remaining - movers;
          addNext(i + NS, stayers); // same need and setting, one NCY on
          if (movers <= 0) continue;
          if (expectedOnly) {
            for (let e = 0; e < width; e++) {
              const w = weights[e] as number;
              if (w > 0) arrive(moverRules, (movers * w) / mass, c + 1, n, destTo[first + e] as number);
            }
          } else {
            sampleDestinations(movers, first, width, mass, moverRules, c + 1, n);
          }
        }
      }

      // Joiners, per need: expected arrivals at NCY c = population × Σ_s rate × trend × level; the total is
      // Binomial(population, Σ expected / population), placed by NCY, then by setting within the NCY.
      // `level` is the need's random walk around its trend (trend uncertainty, decision record joiners.md).
      // Scenario factors and closures reshape the rows; a closed setting's share goes to the row's others.
      let joined = 0;
      const joinerFactor = adjustments.joinerFactor[t];
      const joinerRules = adjustments.joinerRedirects[t] ?? [];
      const reshaped = joinerFactor !== null || closed !== null;
      const pop = popAt[t] as Float64Array;
      for (let n = 0; n < N; n++) {
        countRng.reseed(deriveSeed(seed, d, t, C + n)); // per need, so scenarios keep common numbers
        if (!expectedOnly && stepSd[n] !== 0)
          joinerLevel[n] = (joinerLevel[n] as number) * lognormalMeanOne(countRng, stepSd[n] as number);
        const level = (multipliers[t]?.[n] ?? 1) * (joinerLevel[n] as number);
        // Within-row cumulative rates (setting choice) and row weights (NCY choice) for this need.
        let within = rowCumulative;
        let withinGuide = rowGuide;
        let withinOffset = n * C * S;
        let rowWeights = rowTotal;
        let weightOffset = n * C;
        if (reshaped) {
          within = cumulative;
          withinGuide = cumulativeGuide;
          withinOffset = 0;
          rowWeights = rowWeight;
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
            if (!expectedOnly && open > 0) buildGuide(cumulative, cumulativeGuide, c * S, S);
          }
        }
        let running = 0;
        for (let c = 0; c < C; c++) {
          running += (pop[c] as number) * (rowWeights[weightOffset + c] as number) * level;
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
        // A categorical draw per joiner (NCY, then setting, each O(1) on average with a guide table) is
        // cheaper than a multinomial's O(C · S) conditional binomials at tens of joiners per need a year.
        const count = joinerCount(running, popTotal[t] as number);
        if (count > 0) buildGuide(ncyCumulative, ncyGuide, 0, C);
        for (let k = 0; k < count; k++) {
          const c = drawWithGuide(countRng, ncyCumulative, ncyGuide, 0, C);
          const x = drawWithGuide(countRng, within, withinGuide, withinOffset + c * S, S);
          if (joinerRules.length === 0) addNext((c * N + n) * S + x, 1);
          else arrive(joinerRules, 1, c, n, x);
        }
        joined += count;
      }
      advance(d, t, joined);
    }
  }
  return out;
}

/** Indices 0 … length − 1 that satisfy `keep`, as an Int32Array. */
function indicesWhere(length: number, keep: (index: number) => boolean): Int32Array {
  const kept = new Int32Array(length);
  let count = 0;
  for (let i = 0; i < length; i++) if (keep(i)) kept[count++] = i;
  return kept.slice(0, count);
}

/** exp(σZ − σ²/2): lognormal noise with mean 1. */
function lognormalMeanOne(rng: Sfc32, sd: number): number {
  return Math.exp(sd * normal(rng) - (sd * sd) / 2);
}
