// The simulation: counts per state (not per child), one January census to the next. In the Monte Carlo
// path each draw gives every state Pólya urns holding its posteriors (equivalent to one Beta / Dirichlet
// draw of its parameters per draw) and draws the counts from them (beta-binomial, Dirichlet-multinomial);
// the expected-value path pushes expected counts through posterior means in one pass.
//
// A draw, step by step (`simulate`): `startDraw` (the base census, this draw's joiner parameters and
// joiner-rate path), then for each projected year `leaveAndMove` (leavers, movers and their destinations,
// stayers, NCY by NCY), `join` (joiners by need, placed by NCY then setting) and `recordCensus` (next year
// becomes this year; the census is rolled up by need × setting × phase and NCY, and shown to `onCensus`).
// Every other roll-up (total, need, setting, cost, specialist, out of borough) is summed from those cells
// of the same draw afterwards (`rollUp`), so they add up in every draw by construction.
// Decision record: model/decisions/monte-carlo.md.
import type { MarkovModel, StateSpace } from './estimate';
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

/**
 * One projected January census of one draw, as the simulation holds it: children by NCY × need × setting.
 * The object is reused from census to census: read it inside the callback, do not keep it.
 */
export interface CensusView {
  /** Draw index, 0 … draws − 1 (0 only, on the expected-value path). */
  readonly draw: number;
  /** Census year, and its index t (0 = the base census). */
  readonly year: number;
  readonly t: number;
  readonly space: StateSpace;
  /** Every non-empty state: NCY, need and setting indices into `space`, and the children in it. */
  forEachState(visit: (ncy: number, need: number, setting: number, children: number) => void): void;
}

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
  /** Sees every census of every draw (the base census included), in order. */
  onCensus?: (census: CensusView) => void;
}

/** Per-draw roll-ups; arrays are indexed [draw][year t][category] flattened, t = 0 being the base census. */
export interface Rollups {
  draws: number;
  years: number[];
  /** Children by need × setting × phase: index ((d · T + t) · N + n) · S · P + s · P + p. */
  cells: Float32Array;
  /** The need × setting × phase cells (n · S · P + s · P + p) that hold a child in some draw and year. */
  occupiedCells: Int32Array;
  /** Children by NCY: index (d · T + t) · C + c. */
  byNcy: Float64Array;
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
  /** Draws in which the joiner guard bound, by year t. */
  guardBound: Int32Array;
}

/** Below this many children a state's urn is drawn by beta-binomial inversion; above, by Beta then binomial. */
const URN_DIRECT_LIMIT = 32;

/**
 * Integer layout of the state space, computed once per run so the hot loops never divide or look up by
 * name: each state's NCY row, need and setting; and its possible mover destinations in compressed sparse
 * rows (most states can reach only a few of the S settings).
 */
interface Layout {
  stateNcy: Int32Array;
  stateNeed: Int32Array;
  stateSetting: Int32Array;
  /** Destinations of state i: entries destStart[i] … destStart[i + 1] − 1 of destTo / destPrior. */
  destStart: Int32Array;
  destTo: Int32Array;
  destPrior: Float64Array;
}

function layoutOf(model: MarkovModel): Layout {
  const { space, destinationAlpha } = model;
  const N = space.needs.length;
  const S = space.settings.length;
  const count = space.stateCount;
  const stateNcy = new Int32Array(count);
  const stateNeed = new Int32Array(count);
  const stateSetting = new Int32Array(count);
  const destStart = new Int32Array(count + 1);
  let entries = 0;
  for (let i = 0; i < count; i++) {
    stateSetting[i] = i % S;
    stateNeed[i] = Math.floor(i / S) % N;
    stateNcy[i] = Math.floor(i / (N * S));
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
  return { stateNcy, stateNeed, stateSetting, destStart, destTo, destPrior };
}

/** Runs every draw of the plan and returns its roll-ups. */
export function simulate(plan: EnginePlan): Rollups {
  const run = new Simulation(plan);
  for (let d = 0; d < run.draws; d++) {
    run.startDraw(d);
    for (let t = 1; t < run.years.length; t++) {
      run.leaveAndMove(d, t);
      run.recordCensus(d, t, run.join(d, t));
    }
  }
  return rollUp(plan, run.years, run.draws, run.cells, run.byNcy, run.joiners, run.guardBound);
}

/** The state of one run: buffers reused draw after draw, and the steps of a draw. */
class Simulation {
  readonly draws: number;
  readonly years: number[];
  readonly cells: Float32Array;
  readonly byNcy: Float64Array;
  readonly joiners: Float64Array;
  readonly guardBound: Int32Array;

  private readonly plan: EnginePlan;
  private readonly model: MarkovModel;
  private readonly N: number;
  private readonly S: number;
  private readonly C: number;
  private readonly layout: Layout;
  private readonly expectedOnly: boolean;
  /** State counts this year and next, with their non-empty states listed per NCY row (row c at c · N · S). */
  private readonly counts: Float64Array;
  private readonly next: Float64Array;
  private readonly rowStates: Int32Array;
  private readonly rowSize: Int32Array;
  private readonly nextRowStates: Int32Array;
  private readonly nextRowSize: Int32Array;
  private readonly initialStates: Int32Array;
  /** Pólya urns per state, refilled with the posterior parameters at a state's first use in each draw. */
  private readonly leaveA: Float64Array;
  private readonly leaveB: Float64Array;
  private readonly moveA: Float64Array;
  private readonly moveB: Float64Array;
  private readonly destinationUrn: Float64Array;
  private readonly urnStamp: Int32Array;
  private readonly destinationStamp: Int32Array;
  private readonly weights: Float64Array;
  private readonly probabilities: Float64Array;
  /**
   * Joiner cells (need × NCY × setting): rate per head of the NCY's population, this draw's Gamma draws
   * scaled so each need's cells add up to its observed joiners; cumulative by setting within each
   * need × NCY row with a guide table (random.ts buildGuide); scratch rows when a scenario reshapes a year.
   */
  private readonly joinerRate: Float64Array;
  /** Each cell's posterior mean rate before scaling (shape ÷ exposure). */
  private readonly meanCellRate: Float64Array;
  private readonly drawnCells: Int32Array;
  private readonly rescaledNeeds: Int32Array;
  private readonly rowCumulative: Float64Array;
  private readonly rowGuide: Int32Array;
  private readonly rowTotal: Float64Array;
  private readonly cumulative: Float64Array;
  private readonly cumulativeGuide: Int32Array;
  private readonly rowWeight: Float64Array;
  private readonly ncyCumulative: Float64Array;
  private readonly ncyGuide: Int32Array;
  /** Population by NCY and in all, for each year t. */
  private readonly popAt: Float64Array[];
  private readonly popTotal: number[];
  /** This draw's joiner rate of each need per head of population, [(t − 1) · N + n], and its mean rate. */
  private readonly joinerPath: Float64Array;
  private readonly meanRate: Float64Array;
  private readonly pathBound: Uint8Array;
  private readonly paramRng = new Sfc32(0);
  private readonly countRng = new Sfc32(0);
  private readonly census: CensusView & { draw: number; year: number; t: number };

  constructor(plan: EnginePlan) {
    const { model, horizon } = plan;
    const { space } = model;
    this.plan = plan;
    this.model = model;
    this.expectedOnly = plan.expectedOnly;
    this.draws = plan.expectedOnly ? 1 : plan.draws;
    const N = space.needs.length;
    const S = space.settings.length;
    const C = space.ncyCount;
    const T = horizon + 1;
    const P = plan.phaseCount;
    this.N = N;
    this.S = S;
    this.C = C;
    this.years = Array.from({ length: T }, (_, t) => model.baseYear + t);
    this.cells = new Float32Array(this.draws * T * N * S * P);
    this.byNcy = new Float64Array(this.draws * T * C);
    this.joiners = new Float64Array(this.draws * T);
    this.guardBound = new Int32Array(T);
    this.layout = layoutOf(model);
    const states = space.stateCount;
    this.counts = new Float64Array(states);
    this.next = new Float64Array(states);
    this.rowStates = new Int32Array(states);
    this.rowSize = new Int32Array(C);
    this.nextRowStates = new Int32Array(states);
    this.nextRowSize = new Int32Array(C);
    this.initialStates = indicesWhere(states, (i) => (model.initial[i] as number) > 0);
    this.leaveA = new Float64Array(states);
    this.leaveB = new Float64Array(states);
    this.moveA = new Float64Array(states);
    this.moveB = new Float64Array(states);
    this.destinationUrn = new Float64Array(this.layout.destPrior.length);
    this.urnStamp = new Int32Array(states);
    this.destinationStamp = new Int32Array(states);
    this.weights = new Float64Array(S);
    this.probabilities = new Float64Array(S);

    const { joinerShape, joinerExposure } = model;
    const exposureOf = (j: number) => joinerExposure[Math.floor(j / S) % C] as number;
    this.joinerRate = new Float64Array(N * C * S);
    this.meanCellRate = new Float64Array(N * C * S);
    // Cells seen at least once get a Gamma draw per draw; prior-only cells sit at their mean.
    this.drawnCells = indicesWhere(
      joinerShape.length,
      (j) => !plan.expectedOnly && (joinerShape[j] as number) >= 1 && exposureOf(j) > 0,
    );
    this.rescaledNeeds = Int32Array.from(
      new Set(Array.from(this.drawnCells, (j) => Math.floor(j / (C * S)))),
    );
    this.rowCumulative = new Float64Array(N * C * S);
    this.rowGuide = new Int32Array(N * C * S);
    this.rowTotal = new Float64Array(N * C);
    this.cumulative = new Float64Array(C * S);
    this.cumulativeGuide = new Int32Array(C * S);
    this.rowWeight = new Float64Array(C);
    this.ncyCumulative = new Float64Array(C);
    this.ncyGuide = new Int32Array(C);
    this.popAt = this.years.map((year) =>
      Float64Array.from({ length: C }, (_, c) => model.population.at(year, space.minNcy + c)),
    );
    this.popTotal = this.popAt.map((row) => row.reduce((a, b) => a + b, 0));
    this.joinerPath = new Float64Array(horizon * N);
    this.meanRate = Float64Array.from(model.needJoiners, (count) =>
      model.totalExposure > 0 ? count / model.totalExposure : 0,
    );
    this.pathBound = new Uint8Array(horizon);
    // Mean cell rates, scaled per need to its observed joiners: the expected path's, and the start of each draw's.
    for (let j = 0; j < joinerShape.length; j++) {
      const shape = joinerShape[j] as number;
      if (shape > 0 && exposureOf(j) > 0) this.meanCellRate[j] = shape / exposureOf(j);
    }
    this.joinerRate.set(this.meanCellRate);
    for (let n = 0; n < N; n++) this.scaleNeedCells(n);
    if (plan.expectedOnly) {
      this.joinerPath.set(model.joinerForecast.expected(this.years.slice(1), this.pathBound));
      this.pathBound.forEach((bound, h) => {
        this.guardBound[h + 1] = bound;
      });
    }
    const run = this;
    this.census = {
      draw: 0,
      year: model.baseYear,
      t: 0,
      space,
      forEachState(visit) {
        const { stateNcy, stateNeed, stateSetting } = run.layout;
        for (let c = 0; c < C; c++)
          for (let j = c * N * S, end = j + (run.rowSize[c] as number); j < end; j++) {
            const i = run.rowStates[j] as number;
            visit(
              stateNcy[i] as number,
              stateNeed[i] as number,
              stateSetting[i] as number,
              run.counts[i] as number,
            );
          }
      },
    };
  }

  /**
   * A new draw: the base census, then this draw's parameters — each joiner cell's rate (Gamma posterior,
   * scaled so the need's cells keep its observed joiners) and the joiner-rate path of every need (the
   * trended total times the pooled shares, model/forecast.ts). The urns refill lazily (stamps).
   */
  startDraw(d: number): void {
    const { model } = this;
    for (const i of this.initialStates) this.addNext(i, model.initial[i] as number);
    this.recordCensus(d, 0, model.baseJoiners);
    if (this.expectedOnly) {
      if (d === 0) for (let row = 0; row < this.N * this.C; row++) this.accumulateRow(row);
      return;
    }
    const rng = this.paramRng;
    rng.reseed(deriveSeed(this.plan.seed, d, -1));
    const { joinerShape, joinerExposure } = model;
    const S = this.S;
    const C = this.C;
    for (const n of this.rescaledNeeds)
      this.joinerRate.set(this.meanCellRate.subarray(n * C * S, (n + 1) * C * S), n * C * S);
    for (const j of this.drawnCells)
      this.joinerRate[j] =
        gamma(rng, joinerShape[j] as number) / (joinerExposure[Math.floor(j / S) % C] as number);
    for (const n of this.rescaledNeeds) this.scaleNeedCells(n);
    if (d === 0) for (let row = 0; row < this.N * C; row++) this.accumulateRow(row);
    else for (const n of this.rescaledNeeds) for (let c = 0; c < C; c++) this.accumulateRow(n * C + c);
    this.pathBound.fill(0);
    model.joinerForecast.sample(rng, this.years.slice(1), this.joinerPath, this.pathBound);
    for (let h = 0; h < this.pathBound.length; h++)
      if (this.pathBound[h] === 1) this.guardBound[h + 1] = (this.guardBound[h + 1] as number) + 1;
  }

  /**
   * Leavers, movers (and where they go) and stayers of census t − 1, NCY row by row, each row with its own
   * random stream per (draw, year, NCY) so a scenario change desynchronises only the rows it touches.
   * Everyone leaves past the last NCY.
   */
  leaveAndMove(d: number, t: number): void {
    const { adjustments, seed } = this.plan;
    const closed = adjustments.closed[t];
    const leaveFactor = adjustments.leaveFactor[t];
    const moveFactor = adjustments.moveFactor[t];
    const moverRules = adjustments.moverRedirects[t] ?? [];
    const { leaveAlpha, leaveBeta, moveAlpha, moveBeta } = this.model;
    const { stateNeed, stateSetting, destStart, destTo, destPrior } = this.layout;
    const { counts, rowStates, rowSize, leaveA, leaveB, moveA, moveB, urnStamp, weights } = this;
    const { destinationUrn, destinationStamp, expectedOnly } = this;
    const S = this.S;
    const NS = this.N * S;
    for (let c = 0; c < this.C - 1; c++) {
      const size = rowSize[c] as number;
      if (size === 0) continue;
      this.countRng.reseed(deriveSeed(seed, d, t, c));
      for (let j = c * NS; j < c * NS + size; j++) {
        const i = rowStates[j] as number;
        const k = counts[i] as number;
        const n = stateNeed[i] as number;
        const s = stateSetting[i] as number;
        if (urnStamp[i] !== d + 1) {
          // Fresh Pólya urns for this draw: the posterior of P(leave) and P(move).
          urnStamp[i] = d + 1;
          leaveA[i] = leaveAlpha[i] as number;
          leaveB[i] = leaveBeta[i] as number;
          moveA[i] = moveAlpha[i] as number;
          moveB[i] = moveBeta[i] as number;
        }
        const factorAt = n * S + s;
        const leavers = this.sampleRate(
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
            : this.sampleRate(remaining, moveA, moveB, i, moveFactor ? (moveFactor[factorAt] as number) : 1);
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
            const w = closed?.[destTo[first + e] as number] === 1 ? 0 : (destinationUrn[first + e] as number);
            weights[e] = w;
            mass += w;
          }
          if (mass === 0) movers = 0; // nowhere open to go
        }
        // Children who can neither stay nor move anywhere open leave.
        this.addNext(i + NS, cannotStay ? 0 : remaining - movers); // same need and setting, one NCY on
        if (movers <= 0) continue;
        if (expectedOnly) {
          for (let e = 0; e < width; e++) {
            const w = weights[e] as number;
            if (w > 0) this.arrive(moverRules, (movers * w) / mass, c + 1, n, destTo[first + e] as number);
          }
        } else this.sampleDestinations(movers, first, width, mass, moverRules, c + 1, n);
      }
    }
  }

  /**
   * Joiners of year t, need by need (each with its own random stream, so scenarios keep common random
   * numbers): expected arrivals at NCY c = population × Σ_s cell rate × (this draw's rate of the need ÷
   * its mean rate); the need's count is Binomial(population, expected ÷ population), placed by NCY, then by
   * setting within the NCY. Scenario factors and closures reshape the rows; a closed setting's share goes
   * to the row's others. Returns the joiners counted.
   */
  join(d: number, t: number): number {
    const { adjustments, seed } = this.plan;
    const { N, S, C, expectedOnly, joinerRate, rowCumulative, rowGuide, rowTotal } = this;
    const { cumulative, cumulativeGuide, rowWeight, ncyCumulative, ncyGuide, countRng } = this;
    const closed = adjustments.closed[t];
    const joinerFactor = adjustments.joinerFactor[t];
    const rules = adjustments.joinerRedirects[t] ?? [];
    const reshaped = joinerFactor !== null || closed !== null;
    const pop = this.popAt[t] as Float64Array;
    let joined = 0;
    for (let n = 0; n < N; n++) {
      countRng.reseed(deriveSeed(seed, d, t, C + n));
      const meanRate = this.meanRate[n] as number;
      if (meanRate <= 0) continue;
      const level = (this.joinerPath[(t - 1) * N + n] as number) / meanRate;
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
              ((within[rowStart + x] as number) - (x > 0 ? (within[rowStart + x - 1] as number) : 0)) / open;
            if (share > 0) this.arrive(rules, expected * share, c, n, x);
          }
        }
        joined += running;
        continue;
      }
      // A categorical draw per joiner (NCY, then setting, each O(1) on average with a guide table) is
      // cheaper than a multinomial's O(C · S) conditional binomials at tens of joiners per need a year.
      const people = this.popTotal[t] as number;
      // Binomial on the population, as witan.send; its Poisson limit when there is no real population.
      const count =
        people >= 1 && running <= 0.1 * people
          ? binomial(countRng, Math.round(people), running / people)
          : poisson(countRng, running);
      if (count > 0) buildGuide(ncyCumulative, ncyGuide, 0, C);
      for (let k = 0; k < count; k++) {
        const c = drawWithGuide(countRng, ncyCumulative, ncyGuide, 0, C);
        const x = drawWithGuide(countRng, within, withinGuide, withinOffset + c * S, S);
        if (rules.length === 0) this.addNext((c * N + n) * S + x, 1);
        else this.arrive(rules, 1, c, n, x);
      }
      joined += count;
    }
    return joined;
  }

  /**
   * Census t of draw d: next year becomes this year (this year's states cleared, next year's moved in, row
   * by row), rolled up by need × setting × phase and by NCY as the states move in, and shown to `onCensus`.
   */
  recordCensus(d: number, t: number, joined: number): void {
    const { N, S, C, counts, next, rowStates, rowSize, nextRowStates, nextRowSize, cells, byNcy } = this;
    const { stateNeed, stateSetting } = this.layout;
    const { phaseOfNcy, phaseCount: P } = this.plan;
    const NS = N * S;
    const row = d * this.years.length + t;
    for (let c = 0; c < C; c++) {
      for (let j = c * NS, end = j + (rowSize[c] as number); j < end; j++) counts[rowStates[j] as number] = 0;
      const size = nextRowSize[c] as number;
      const phase = phaseOfNcy[c] as number;
      let atNcy = 0;
      for (let j = c * NS, end = j + size; j < end; j++) {
        const i = nextRowStates[j] as number;
        const k = next[i] as number;
        rowStates[j] = i;
        counts[i] = k;
        next[i] = 0;
        atNcy += k;
        const cell = ((row * N + (stateNeed[i] as number)) * S + (stateSetting[i] as number)) * P + phase;
        cells[cell] = (cells[cell] as number) + k;
      }
      byNcy[row * C + c] = atNcy;
      rowSize[c] = size;
      nextRowSize[c] = 0;
    }
    this.joiners[row] = joined;
    if (this.plan.onCensus) {
      this.census.draw = d;
      this.census.t = t;
      this.census.year = this.years[t] as number;
      this.plan.onCensus(this.census);
    }
  }

  /**
   * How many of k children have an event whose probability has a Beta(a[i], b[i]) posterior, drawn from
   * the state's urn (beta-binomial; the urn keeps this draw's outcomes, so over the years it is the same
   * as one Beta draw of the probability per Monte Carlo draw). A scenario factor scales a fresh Beta draw
   * instead and leaves the urn as it was. Expected mode: k × posterior mean × factor.
   */
  private sampleRate(k: number, a: Float64Array, b: Float64Array, i: number, factor: number): number {
    const alpha = a[i] as number;
    const rng = this.countRng;
    if (this.expectedOnly) return k * Math.min(1, (alpha / (alpha + (b[i] as number))) * factor);
    if (factor !== 1) return binomial(rng, k, Math.min(1, beta(rng, alpha, b[i] as number) * factor));
    if (k < URN_DIRECT_LIMIT) return drawFromUrn(rng, k, a, b, i);
    const events = binomial(rng, k, beta(rng, alpha, b[i] as number));
    a[i] = alpha + events;
    b[i] = (b[i] as number) + k - events;
    return events;
  }

  /** Scale need n's cell rates so that Σ exposure × rate = its observed joiners (no prior inflation). */
  private scaleNeedCells(n: number): void {
    const { S, C, joinerRate } = this;
    const exposure = this.model.joinerExposure;
    let implied = 0;
    for (let c = 0; c < C; c++)
      for (let x = 0; x < S; x++)
        implied += (exposure[c] as number) * (joinerRate[(n * C + c) * S + x] as number);
    const factor = implied > 0 ? (this.model.needJoiners[n] as number) / implied : 0;
    for (let j = n * C * S; j < (n + 1) * C * S; j++) joinerRate[j] = (joinerRate[j] as number) * factor;
  }

  /** Cumulative rates (and guide table) of one need × NCY row of joiner cells, by setting. */
  private accumulateRow(row: number): void {
    const { S, joinerRate, rowCumulative } = this;
    let running = 0;
    for (let s = 0; s < S; s++) {
      running += joinerRate[row * S + s] as number;
      rowCumulative[row * S + s] = running;
    }
    this.rowTotal[row] = running;
    if (!this.expectedOnly && running > 0) buildGuide(rowCumulative, this.rowGuide, row * S, S);
  }

  /** Add k children to next year's state `at`, listing the state the first time it fills. */
  private addNext(at: number, k: number): void {
    if (k <= 0) return;
    const { next } = this;
    if (next[at] === 0) {
      const c = this.layout.stateNcy[at] as number;
      this.nextRowStates[c * this.N * this.S + (this.nextRowSize[c] as number)] = at;
      this.nextRowSize[c] = (this.nextRowSize[c] as number) + 1;
    }
    next[at] = (next[at] as number) + k;
  }

  /**
   * Add k arrivals to `next` at NCY index c, need n, setting s — after moving a share of them elsewhere as
   * the year's redirect rules say (fractionally in expected mode).
   */
  private arrive(rules: Redirect[], k: number, c: number, n: number, s: number): void {
    const base = (c * this.N + n) * this.S;
    let remaining = k;
    if (rules.length > 0) {
      const ncy = this.model.space.minNcy + c;
      for (const rule of rules) {
        if (
          rule.from !== s ||
          (rule.need !== -1 && rule.need !== n) ||
          ncy < rule.minNcy ||
          ncy > rule.maxNcy
        )
          continue;
        const moved = this.expectedOnly
          ? remaining * rule.share
          : binomial(this.countRng, remaining, rule.share);
        this.addNext(base + rule.to, moved);
        remaining -= moved;
      }
    }
    this.addNext(base + s, remaining);
  }

  /**
   * Movers' destinations from state i's Dirichlet urn: `weights` holds the open destinations' urn weights
   * (entries first … first + width − 1 of the state's list), total `mass`; they arrive at NCY index c, need n.
   * A few movers are drawn one by one from the urn; many draw the destination shares from the urn's
   * Dirichlet, then a multinomial by conditional binomials — the same Dirichlet-multinomial distribution.
   */
  private sampleDestinations(
    movers: number,
    first: number,
    width: number,
    mass: number,
    rules: Redirect[],
    c: number,
    n: number,
  ): void {
    const { weights, destinationUrn, countRng } = this;
    const { destTo } = this.layout;
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
        this.arrive(rules, 1, c, n, destTo[first + chosen] as number);
      }
      return;
    }
    dirichlet(countRng, weights, this.probabilities, 0, width);
    multinomialInto(countRng, movers, this.probabilities, 0, width, (e, drawn) => {
      destinationUrn[first + e] = (destinationUrn[first + e] as number) + drawn;
      this.arrive(rules, drawn, c, n, destTo[first + e] as number);
    });
  }
}

/**
 * Every other roll-up of each draw, summed from its need × setting × phase cells: total, by need, by
 * setting, cost (cells × unit cost), out of borough, and specialist children and cost by need × phase.
 */
function rollUp(
  plan: EnginePlan,
  years: number[],
  draws: number,
  cells: Float32Array,
  byNcy: Float64Array,
  joiners: Float64Array,
  guardBound: Int32Array,
): Rollups {
  const { model, unitCost, specialist, outOfBorough, phaseCount: P } = plan;
  const N = model.space.needs.length;
  const S = model.space.settings.length;
  const T = years.length;
  const cellCount = N * S * P;
  const occupied = new Uint8Array(cellCount);
  for (let row = 0; row < draws * T; row++)
    for (let cell = 0; cell < cellCount; cell++)
      if ((cells[row * cellCount + cell] as number) > 0) occupied[cell] = 1;
  const occupiedCells = indicesWhere(cellCount, (cell) => occupied[cell] === 1);
  const out: Rollups = {
    draws,
    years,
    cells,
    occupiedCells,
    byNcy,
    total: new Float64Array(draws * T),
    byNeed: new Float64Array(draws * T * N),
    bySetting: new Float64Array(draws * T * S),
    cost: new Float64Array(draws * T),
    joiners,
    outOfBorough: new Float64Array(draws * T),
    specialist: new Float64Array(draws * T * N * P),
    specialistCost: new Float64Array(draws * T * N * P),
    guardBound,
  };
  // Each occupied cell's need, setting and phase, looked up once.
  const cellNeed = Int32Array.from(occupiedCells, (cell) => Math.floor(cell / (S * P)));
  const cellSetting = Int32Array.from(occupiedCells, (cell) => Math.floor(cell / P) % S);
  const cellPhase = Int32Array.from(occupiedCells, (cell) => cell % P);
  for (let row = 0; row < draws * T; row++) {
    const costs = unitCost[row % T] as Float64Array;
    let total = 0;
    let cost = 0;
    let outside = 0;
    for (let j = 0; j < occupiedCells.length; j++) {
      const k = cells[row * cellCount + (occupiedCells[j] as number)] as number;
      if (k === 0) continue;
      const n = cellNeed[j] as number;
      const s = cellSetting[j] as number;
      const spend = k * (costs[n * S + s] as number);
      total += k;
      cost += spend;
      out.byNeed[row * N + n] = (out.byNeed[row * N + n] as number) + k;
      out.bySetting[row * S + s] = (out.bySetting[row * S + s] as number) + k;
      if (outOfBorough[s] === 1) outside += k;
      if (specialist[s] === 1) {
        const at = (row * N + n) * P + (cellPhase[j] as number);
        out.specialist[at] = (out.specialist[at] as number) + k;
        out.specialistCost[at] = (out.specialistCost[at] as number) + spend;
      }
    }
    out.total[row] = total;
    out.cost[row] = cost;
    out.outOfBorough[row] = outside;
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
