// Simulated authorities whose truth is known, for the coverage tests of the model's bands: children move
// between January censuses by fixed probabilities, and joiners arrive at a rate that grows, holds or
// shrinks by a fixed share a year (binomial counts on a fixed population). The model sees the first
// `historyYears` years of transitions; what happened next is the outcome its bands must hold.
import type { ModelData, PopulationRow, Transition } from '../../model/data';
import { binomial, createRng, type Rng } from '../../model/random';

export interface ChainSpec {
  /** Yearly growth of every need's joiner rate: 0.08 growing, 0 flat, −0.06 shrinking. */
  growth: number;
  /** Years of transitions the model sees (joiner observations): 3, 5 or 10. */
  historyYears: number;
  /** Years after the history whose censuses are the outcomes. */
  futureYears: number;
  seed: number;
  /**
   * Split each need into this many sub-needs (ASD-0, ASD-1, …), a child's for life, drawn from a stream of
   * its own: the same children, moves and totals, only labelled finer.
   */
  subNeeds?: number;
}

const NCYS = Array.from({ length: 12 }, (_, i) => i); // NCY 0–11
const NEEDS = ['ASD', 'SEMH', 'SLCN'] as const;
const SETTINGS = ['mainstream', 'special', 'independent'] as const;
/** Share of joiners by need, and the setting a joiner of each need starts in. */
const NEED_SHARE = [0.45, 0.3, 0.25];
const JOIN_SETTING = [
  [0.6, 0.3, 0.1],
  [0.5, 0.25, 0.25],
  [0.85, 0.15, 0],
];
/** Population of each NCY; joiners per head at the start (about 190 a year in all). */
const POPULATION = 3000;
const START_RATE = 0.0053;
/** Leaving by NCY (everyone leaves after NCY 11), and moving on (mainstream → special → independent). */
const leaveProbability = (ncy: number) => (ncy >= 10 ? 0.2 : 0.05);
const MOVE = [0.06, 0.03, 0];
const FIRST_YEAR = 2010;

interface Child {
  need: number;
  setting: number;
  ncy: number;
  sub: number;
}

function pick(rng: Rng, weights: readonly number[]): number {
  let u = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** The chain's data up to the end of the history, and the actual census totals after it. */
export function simulateChain(spec: ChainSpec): {
  data: ModelData;
  baseYear: number;
  actuals: Map<number, number>;
} {
  const rng = createRng(spec.seed);
  const labels = createRng(spec.seed + 7_919);
  const subNeeds = spec.subNeeds ?? 1;
  const needOf = (child: Child) =>
    subNeeds === 1 ? (NEEDS[child.need] as string) : `${NEEDS[child.need]}-${child.sub}`;
  // A settled start: ten years of the chain at the starting rate before anything is recorded.
  let children: Child[] = [];
  const transitions: Transition[] = [];
  const actuals = new Map<number, number>();
  const years = 10 + spec.historyYears + spec.futureYears;
  for (let step = 0; step < years; step++) {
    const calendarYear = FIRST_YEAR - 10 + step;
    const recorded = step >= 10 && step < 10 + spec.historyYears;
    const rate = START_RATE * (1 + spec.growth) ** Math.max(0, step - 10);
    const next: Child[] = [];
    for (const child of children) {
      const from = { setting1: SETTINGS[child.setting] as string, need1: needOf(child), ncy1: child.ncy };
      if (child.ncy >= 11 || rng.next() < leaveProbability(child.ncy)) {
        if (recorded)
          transitions.push({
            calendarYear,
            ...from,
            setting2: 'NONSEND',
            need2: 'NONSEND',
            ncy2: child.ncy + 1,
          });
        continue;
      }
      const moved = rng.next() < (MOVE[child.setting] as number);
      const stayed = { ...child, setting: child.setting + (moved ? 1 : 0), ncy: child.ncy + 1 };
      next.push(stayed);
      if (recorded)
        transitions.push({
          calendarYear,
          ...from,
          setting2: SETTINGS[stayed.setting] as string,
          need2: needOf(stayed),
          ncy2: stayed.ncy,
        });
    }
    for (const ncy of NCYS) {
      const joiners = binomial(rng, POPULATION, rate);
      for (let j = 0; j < joiners; j++) {
        const need = pick(rng, NEED_SHARE);
        const joiner = {
          need,
          setting: pick(rng, JOIN_SETTING[need] as number[]),
          ncy,
          sub: Math.floor(labels.next() * subNeeds),
        };
        next.push(joiner);
        if (recorded)
          transitions.push({
            calendarYear,
            setting1: 'NONSEND',
            need1: 'NONSEND',
            ncy1: ncy - 1,
            setting2: SETTINGS[joiner.setting] as string,
            need2: needOf(joiner),
            ncy2: ncy,
          });
      }
    }
    children = next;
    if (step >= 10 + spec.historyYears) actuals.set(calendarYear + 1, children.length);
  }
  const population: PopulationRow[] = [];
  for (let year = FIRST_YEAR; year <= FIRST_YEAR + years; year++)
    for (const ncy of NCYS) population.push({ calendarYear: year, ncy, population: POPULATION });
  return {
    data: { transitions, population, costs: [], validStates: [] },
    baseYear: FIRST_YEAR + spec.historyYears,
    actuals,
  };
}
