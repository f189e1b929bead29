// Estimation of the cohort Markov model from transition history: the state space (NCY × need × setting,
// indexed as integers), Beta posteriors for leaving and moving pooled by NCY, Dirichlet posteriors for
// mover destinations, and joiner rates on the general population: the total trended, needs as pooled shares.
// Decision records: model/decisions/markov-priors.md, model/decisions/joiners.md.
import { type ModelData, NONSEND, type Transition } from './data';
import { forecastSeries, type SeriesForecast } from './forecast';
import type { TrendMethod } from './trend';

/** Pseudo-count of the NCY-pooled Beta prior on each state's leave / move probability. */
export const CELL_PRIOR_STRENGTH = 4;
/** Pseudo-count shrinking each NCY's pooled rate towards the all-ages rate. */
export const NCY_PRIOR_STRENGTH = 4;
/** Pseudo-count of the Dirichlet prior spread over a state's valid destinations. */
export const DESTINATION_PRIOR_STRENGTH = 2;
/**
 * Pseudo-joiners per need spread over the need's valid (NCY, setting) cells, so no valid cell has rate 0.
 * They shape where a need's joiners arrive, never how many: each need's cell rates are scaled to its
 * observed joiners (decision record joiners.md).
 */
export const JOINER_PRIOR_STRENGTH = 1;
/**
 * Guard on the projected total joiner rate, relative to the authority's own history: at most this many
 * times the highest yearly rate it has seen. Not a fixed share of any population; the output says when
 * and in how many draws it binds.
 */
export const JOINER_GUARD_FACTOR = 2;

export class ModelInputError extends Error {
  override readonly name = 'ModelInputError';
}

export interface StateSpace {
  needs: string[];
  settings: string[];
  minNcy: number;
  maxNcy: number;
  ncyCount: number;
  stateCount: number;
  /** valid[(ncyIndex * N + need) * S + setting] = 1 when the setting takes that need at that NCY. */
  valid: Uint8Array;
  /** allowedMove[from * S + to] = 1 when valid-states lets a child move from `from` to `to`. */
  allowedMove: Uint8Array;
}

export const stateIndex = (space: StateSpace, ncyIndex: number, need: number, setting: number) =>
  (ncyIndex * space.needs.length + need) * space.settings.length + setting;

export function buildStateSpace(data: ModelData): StateSpace {
  const needSet = new Set<string>();
  const settingSet = new Set<string>();
  let minNcy = Number.POSITIVE_INFINITY;
  let maxNcy = Number.NEGATIVE_INFINITY;
  const see = (setting: string, need: string, ncy: number) => {
    if (setting === NONSEND) return;
    settingSet.add(setting);
    needSet.add(need);
    minNcy = Math.min(minNcy, ncy);
    maxNcy = Math.max(maxNcy, ncy);
  };
  for (const t of data.transitions) {
    see(t.setting1, t.need1, t.ncy1);
    see(t.setting2, t.need2, t.ncy2);
  }
  for (const v of data.validStates) {
    settingSet.add(v.setting);
    for (const need of v.needs) needSet.add(need);
    minNcy = Math.min(minNcy, v.minNcy);
    maxNcy = Math.max(maxNcy, v.maxNcy);
  }
  if (needSet.size === 0 || settingSet.size === 0) {
    throw new ModelInputError(
      'no history: the data has no transitions or valid states to build a model from',
    );
  }
  const needs = [...needSet].sort();
  const settings = [...settingSet].sort();
  const N = needs.length;
  const S = settings.length;
  const ncyCount = maxNcy - minNcy + 1;
  const byName = new Map(data.validStates.map((v) => [v.setting, v]));
  const valid = new Uint8Array(ncyCount * N * S);
  const allowedMove = new Uint8Array(S * S);
  settings.forEach((setting, s) => {
    const rule = byName.get(setting);
    for (let c = 0; c < ncyCount; c++) {
      const ncy = minNcy + c;
      needs.forEach((need, n) => {
        const ok = !rule || (ncy >= rule.minNcy && ncy <= rule.maxNcy && rule.needs.includes(need));
        valid[(c * N + n) * S + s] = ok ? 1 : 0;
      });
    }
    settings.forEach((to, d) => {
      allowedMove[s * S + d] = !rule || rule.settingTransitions.includes(to) ? 1 : 0;
    });
  });
  return { needs, settings, minNcy, maxNcy, ncyCount, stateCount: ncyCount * N * S, valid, allowedMove };
}

/** General population by census year and NCY, falling back to the nearest year present (with a warning). */
export interface PopulationTable {
  at(year: number, ncy: number): number;
  /** Sum over the modelled NCYs in `year`. */
  total(year: number): number;
  /** False when the data has no population: joiners are then counts a year, with no prevalence cap. */
  known: boolean;
}

function populationTable(data: ModelData, space: StateSpace, warnings: string[]): PopulationTable {
  const byYear = new Map<number, Map<number, number>>();
  for (const row of data.population) {
    const year = byYear.get(row.calendarYear) ?? new Map<number, number>();
    year.set(row.ncy, row.population);
    byYear.set(row.calendarYear, year);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  if (years.length === 0) {
    warnings.push(
      'no general population: joiners are projected as counts per year (a population of 1 per NCY)',
    );
  }
  const warned = new Set<number>();
  const yearFor = (year: number) => {
    if (years.length === 0 || byYear.has(year)) return year;
    const nearest = years.reduce((best, y) => (Math.abs(y - year) < Math.abs(best - year) ? y : best));
    if (!warned.has(year)) {
      warned.add(year);
      warnings.push(`no population for ${year}: used ${nearest}`);
    }
    return nearest;
  };
  const at = (year: number, ncy: number) =>
    years.length === 0 ? 1 : (byYear.get(yearFor(year))?.get(ncy) ?? 0);
  return {
    at,
    known: years.length > 0,
    total: (year) => {
      let sum = 0;
      for (let c = 0; c < space.ncyCount; c++) sum += at(year, space.minNcy + c);
      return sum;
    },
  };
}

export interface EstimateOptions {
  baseYear?: number;
  /** Fix the trend of the total joiner rate instead of weighting the candidates by their skill. */
  trend?: TrendMethod;
}

export interface MarkovModel {
  space: StateSpace;
  baseYear: number;
  /** Children in each state at the base census. */
  initial: Int32Array;
  /** Joiners counted at the base census (those who joined in the year before it). */
  baseJoiners: number;
  /** Beta posterior of P(leave) per state. */
  leaveAlpha: Float64Array;
  leaveBeta: Float64Array;
  /** Beta posterior of P(move | not leaving) per state; moveAlpha = 0 where a move is impossible. */
  moveAlpha: Float64Array;
  moveBeta: Float64Array;
  /** Dirichlet posterior over destination settings, S entries per state; 0 = impossible destination. */
  destinationAlpha: Float64Array;
  /**
   * Gamma posterior shape of each joiner cell's rate, index (need * ncyCount + ncyIndex) * S + setting:
   * where a need's joiners arrive (NCY × setting). Each need's cells are scaled to its observed joiners.
   */
  joinerShape: Float64Array;
  /** Exposure (population-years) of each NCY in the history: the Gamma rate parameter. */
  joinerExposure: Float64Array;
  /** Joiners of each need over the history. */
  needJoiners: Float64Array;
  /** Population-years of all modelled ages over the history: needJoiners / this = a need's mean rate. */
  totalExposure: number;
  /**
   * The joiner rate per head of population, total and by need (model/forecast.ts): the total trended
   * (candidates weighted by skill, or damped on a short history), needs as shares whose growth is pooled.
   */
  joinerForecast: SeriesForecast;
  /** Highest total joiner rate projected in any draw: JOINER_GUARD_FACTOR × the highest in the history. */
  joinerGuard: number;
  population: PopulationTable;
  /** Census years of the fitted history (the "to" years of the transitions used). */
  historyYears: number[];
  warnings: string[];
}

export const joinerIndex = (space: StateSpace, need: number, ncyIndex: number, setting: number) =>
  (need * space.ncyCount + ncyIndex) * space.settings.length + setting;

/** Last census year in the data: the "to" census of the latest transitions. */
export function lastCensusYear(transitions: readonly Transition[]): number {
  if (transitions.length === 0) throw new ModelInputError('no history: there are no transitions');
  return transitions.reduce((max, t) => Math.max(max, t.calendarYear), Number.NEGATIVE_INFINITY) + 1;
}

function increment(counts: Float64Array | Int32Array, index: number): void {
  counts[index] = (counts[index] as number) + 1;
}

/** Posterior mean of a Beta-Binomial rate with an NCY-pooled prior: never exactly 0 or 1. */
const pooledRate = (events: number, trials: number, priorMean: number, strength: number) =>
  (events + strength * priorMean) / (trials + strength);

export function estimate(data: ModelData, options: EstimateOptions = {}): MarkovModel {
  const warnings: string[] = [];
  const space = buildStateSpace(data);
  const { needs, settings, minNcy, ncyCount, stateCount, valid, allowedMove } = space;
  const N = needs.length;
  const S = settings.length;
  const lastCensus = lastCensusYear(data.transitions);
  const baseYear = options.baseYear ?? lastCensus;
  if (baseYear > lastCensus) {
    throw new ModelInputError(`baseYear ${baseYear} is after the last census in the data (${lastCensus})`);
  }
  const needIndex = new Map(needs.map((need, i) => [need, i]));
  const settingIndex = new Map(settings.map((setting, i) => [setting, i]));
  const ncyIndexOf = (ncy: number) => ncy - minNcy;
  const stateOf = (setting: string, need: string, ncy: number) =>
    ((ncyIndexOf(ncy) * N + (needIndex.get(need) as number)) * S + (settingIndex.get(setting) as number)) | 0;

  const fitting = data.transitions.filter((t) => t.calendarYear < baseYear);
  const initial = new Int32Array(stateCount);
  let baseJoiners = 0;
  for (const t of fitting) {
    if (t.calendarYear === baseYear - 1 && t.setting1 === NONSEND) baseJoiners++;
    if (t.calendarYear === baseYear - 1 && t.setting2 !== NONSEND)
      increment(initial, stateOf(t.setting2, t.need2, t.ncy2));
  }
  if (fitting.length === 0) {
    throw new ModelInputError(
      `no history before ${baseYear}: the model needs at least one year of transitions`,
    );
  }
  if (!fitting.some((t) => t.calendarYear === baseYear - 1)) {
    throw new ModelInputError(`no transitions into the ${baseYear} census, so there is no base population`);
  }
  const historyYears = [...new Set(fitting.map((t) => t.calendarYear + 1))].sort((a, b) => a - b);
  if (historyYears.length === 1)
    warnings.push('one year of history: the joiner rate is held at its one value');

  // --- Counts ---------------------------------------------------------------------------------------
  const from = new Float64Array(stateCount);
  const left = new Float64Array(stateCount);
  const moved = new Float64Array(stateCount);
  const movedTo = new Float64Array(stateCount * S);
  const ncyFrom = new Float64Array(ncyCount);
  const ncyLeft = new Float64Array(ncyCount);
  const ncyMoved = new Float64Array(ncyCount);
  const ncyMovedTo = new Float64Array(ncyCount * S);
  const movedToAll = new Float64Array(S);
  const joined = new Float64Array(N * ncyCount * S);
  const joinedByYear = new Map<number, Float64Array>();
  for (const t of fitting) {
    if (t.setting1 === NONSEND) {
      const n = needIndex.get(t.need2) as number;
      increment(joined, joinerIndex(space, n, ncyIndexOf(t.ncy2), settingIndex.get(t.setting2) as number));
      const year = joinedByYear.get(t.calendarYear + 1) ?? new Float64Array(N);
      increment(year, n);
      joinedByYear.set(t.calendarYear + 1, year);
      continue;
    }
    const i = stateOf(t.setting1, t.need1, t.ncy1);
    const c = ncyIndexOf(t.ncy1);
    increment(from, i);
    increment(ncyFrom, c);
    if (t.setting2 === NONSEND) {
      increment(left, i);
      increment(ncyLeft, c);
    } else if (t.setting2 !== t.setting1) {
      // The chain keeps a child's need (as witan.send does); a change of setting is a move.
      const d = settingIndex.get(t.setting2) as number;
      increment(moved, i);
      increment(movedTo, i * S + d);
      increment(ncyMoved, c);
      increment(ncyMovedTo, c * S + d);
      increment(movedToAll, d);
    }
  }

  // --- Leavers and movers: Beta posteriors with NCY-pooled priors ------------------------------------
  const sum = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);
  const allFrom = sum(ncyFrom);
  const allLeave = (sum(ncyLeft) + 1) / (allFrom + 2);
  const allMove = (sum(ncyMoved) + 1) / (allFrom - sum(ncyLeft) + 2);
  const allDestTotal = sum(movedToAll) + S;
  const leaveAlpha = new Float64Array(stateCount);
  const leaveBeta = new Float64Array(stateCount);
  const moveAlpha = new Float64Array(stateCount);
  const moveBeta = new Float64Array(stateCount);
  const destinationAlpha = new Float64Array(stateCount * S);
  const prior = new Float64Array(S);
  for (let c = 0; c < ncyCount; c++) {
    const ncyLeave = pooledRate(ncyLeft[c] as number, ncyFrom[c] as number, allLeave, NCY_PRIOR_STRENGTH);
    const stayingAtNcy = (ncyFrom[c] as number) - (ncyLeft[c] as number);
    const ncyMove = pooledRate(ncyMoved[c] as number, stayingAtNcy, allMove, NCY_PRIOR_STRENGTH);
    const lastYear = c === ncyCount - 1;
    for (let n = 0; n < N; n++) {
      for (let s = 0; s < S; s++) {
        const i = (c * N + n) * S + s;
        const trials = from[i] as number;
        const leavers = left[i] as number;
        leaveAlpha[i] = leavers + CELL_PRIOR_STRENGTH * ncyLeave;
        leaveBeta[i] = trials - leavers + CELL_PRIOR_STRENGTH * (1 - ncyLeave);
        if (lastYear) continue; // ageing past the last NCY: everyone leaves (handled by the engine)
        // Destinations: settings valid next year for this need and allowed from here, plus any observed.
        let priorTotal = 0;
        for (let d = 0; d < S; d++) {
          const possible = d !== s && allowedMove[s * S + d] === 1 && valid[((c + 1) * N + n) * S + d] === 1;
          const weight = possible
            ? (ncyMovedTo[c * S + d] as number) +
              (NCY_PRIOR_STRENGTH * ((movedToAll[d] as number) + 1)) / allDestTotal
            : 0;
          prior[d] = weight;
          priorTotal += weight;
        }
        let destinationTotal = 0;
        for (let d = 0; d < S; d++) {
          const alpha =
            (movedTo[i * S + d] as number) +
            (priorTotal > 0 ? (DESTINATION_PRIOR_STRENGTH * (prior[d] as number)) / priorTotal : 0);
          destinationAlpha[i * S + d] = alpha;
          destinationTotal += alpha;
        }
        const stayers = trials - leavers - (moved[i] as number);
        const canStay = valid[((c + 1) * N + n) * S + s] === 1 || stayers > 0;
        if (destinationTotal === 0) {
          moveAlpha[i] = 0; // nowhere to go: stay (or, if staying is impossible too, leave — see engine)
          moveBeta[i] = canStay ? 1 : 0;
        } else if (!canStay) {
          moveAlpha[i] = 1; // must move: the setting does not take this need at the next NCY
          moveBeta[i] = 0;
        } else {
          moveAlpha[i] = (moved[i] as number) + CELL_PRIOR_STRENGTH * ncyMove;
          moveBeta[i] = stayers + CELL_PRIOR_STRENGTH * (1 - ncyMove);
        }
      }
    }
  }

  // --- Joiners: Gamma-Poisson rates on the general population ----------------------------------------
  const population = populationTable(data, space, warnings);
  const joinerExposure = new Float64Array(ncyCount);
  for (const year of historyYears) {
    for (let c = 0; c < ncyCount; c++)
      joinerExposure[c] = (joinerExposure[c] as number) + population.at(year, minNcy + c);
  }
  const pooledJoined = new Float64Array(ncyCount * S);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < ncyCount; c++) {
      for (let s = 0; s < S; s++) {
        pooledJoined[c * S + s] =
          (pooledJoined[c * S + s] as number) + (joined[joinerIndex(space, n, c, s)] as number);
      }
    }
  }
  const joinerShape = new Float64Array(N * ncyCount * S);
  for (let n = 0; n < N; n++) {
    // Spread JOINER_PRIOR_STRENGTH pseudo-joiners over the need's valid cells in proportion to where
    // joiners of every need arrived (plus a little everywhere valid).
    let weightTotal = 0;
    for (let c = 0; c < ncyCount; c++) {
      if ((joinerExposure[c] as number) <= 0) continue;
      for (let s = 0; s < S; s++) {
        if (valid[(c * N + n) * S + s] === 1) weightTotal += (pooledJoined[c * S + s] as number) + 0.01;
      }
    }
    for (let c = 0; c < ncyCount; c++) {
      for (let s = 0; s < S; s++) {
        const j = joinerIndex(space, n, c, s);
        if ((joinerExposure[c] as number) <= 0) {
          if ((joined[j] as number) > 0) {
            warnings.push(`joiners at NCY ${minNcy + c} but no population there: their rate is taken as 0`);
          }
          continue;
        }
        const priorWeight =
          valid[(c * N + n) * S + s] === 1 && weightTotal > 0
            ? (JOINER_PRIOR_STRENGTH * ((pooledJoined[c * S + s] as number) + 0.01)) / weightTotal
            : 0;
        joinerShape[j] = (joined[j] as number) + priorWeight;
      }
    }
  }

  // --- Joiner rates: the total trended, needs as pooled shares (model/forecast.ts) ----------------------
  const yearTotals = historyYears.map((year) => population.total(year));
  const yearJoiners = historyYears.map((year) => {
    const byNeed = joinedByYear.get(year);
    return byNeed ? byNeed.reduce((a, b) => a + b, 0) : 0;
  });
  const totalRate = yearJoiners.map((count, t) =>
    (yearTotals[t] as number) > 0 ? count / (yearTotals[t] as number) : 0,
  );
  // Joiners are binomial counts on the population, drawn again in the projection: var(rate) ≈ count / pop².
  const countNoise = yearJoiners.map((count, t) =>
    (yearTotals[t] as number) > 0 ? count / (yearTotals[t] as number) ** 2 : 0,
  );
  const joinerForecast = forecastSeries({
    years: historyYears,
    total: totalRate,
    drawnNoise: countNoise,
    floorVariance: countNoise,
    components: needs.map((need, n) => ({
      key: need,
      counts: historyYears.map((year) => joinedByYear.get(year)?.[n] ?? 0),
    })),
    ...(options.trend ? { trend: options.trend } : {}),
    guard: JOINER_GUARD_FACTOR * Math.max(...totalRate),
  });
  const needJoiners = Float64Array.from(needs, (_, n) =>
    historyYears.reduce((acc, year) => acc + (joinedByYear.get(year)?.[n] ?? 0), 0),
  );

  return {
    space,
    baseYear,
    initial,
    baseJoiners,
    leaveAlpha,
    leaveBeta,
    moveAlpha,
    moveBeta,
    destinationAlpha,
    joinerShape,
    joinerExposure,
    needJoiners,
    totalExposure: yearTotals.reduce((a, b) => a + b, 0),
    joinerForecast,
    joinerGuard: JOINER_GUARD_FACTOR * Math.max(...totalRate),
    population,
    historyYears,
    warnings,
  };
}
