// Expected new placements for the outturn forecast: the Markov model's projected joiners when the recorded
// placements can support a model (at least two January censuses of history), else the recorded joiners of
// the three previous years (domain/outturn.ts), with the reason kept in `warnings`. The joiners are those of
// the finance forecast's own baseline run (same draws and seed, shared through model-run.ts), so the outturn
// and the forecast's first year agree, and a page asking for both runs the model's draws once.

import type { Budget } from '../../domain/budget';
import { censusDate, financialYearBounds } from '../../domain/dates';
import {
  type ExpectedStarts,
  expectedStartsFromHistory,
  expectedStartsFromJoiners,
  forecastOutturn,
  type NewPlacementMethod,
  type Outturn,
} from '../../domain/outturn';
import type { Placement } from '../../domain/placement';
import type { PopulationRow } from '../../model/data';
import { ModelInputError } from '../../model/estimate';
import { MAX_HORIZON, projectMarkov } from '../../model/markov';
import { SnapshotInputError } from '../../model/snapshots';
import { keyOf, PerState } from '../store/per-state';
import { LOAD_POPULATION } from '../store/population';
import { keepJoiners, keptJoiners, MODEL_DRAWS, MODEL_SEED, modelSnapshots } from './model-run';

export { NEW_PLACEMENT_METHODS, type NewPlacementMethod } from '../../domain/outturn';

const lastCensusYearOn = (date: string) => {
  const year = Number(date.slice(0, 4));
  return date >= censusDate(year) ? year : year - 1;
};

/** Results per state of the records: a repeated outturn (the dashboard, the alerts) is answered from memory. */
const computed = new PerState<ExpectedStarts>(8);

/**
 * Expected starts in `financialYear`. The model needs the authority's population (`population`, the stored
 * one); without it the recorded history is used and the warning says what to load.
 */
export function expectedStarts(
  placements: readonly Placement[],
  financialYear: string,
  asOf: string,
  method: NewPlacementMethod,
  population: PopulationRow[] | undefined,
): ExpectedStarts {
  const key = `${financialYear}|${asOf}|${method}|${population ? keyOf(population) : 'none'}`;
  return computed.get(placements, key, () =>
    computeExpectedStarts(placements, financialYear, asOf, method, population),
  );
}

const outturns = new PerState<Outturn>(8);

/** The outturn forecast (domain/outturn.ts) with the expected starts above, kept per state of the records. */
export function outturnFor(
  placements: readonly Placement[],
  question: {
    financialYear: string;
    asOf: string;
    method: NewPlacementMethod;
    budget: Budget | undefined;
    population: PopulationRow[] | undefined;
  },
): Outturn {
  const { financialYear, asOf, method, budget, population } = question;
  const key = `${financialYear}|${asOf}|${method}|${keyOf(budget)}|${population ? keyOf(population) : 'none'}`;
  return outturns.get(placements, key, () =>
    forecastOutturn({
      placements,
      financialYear,
      asOf,
      budget,
      expectedStarts: expectedStarts(placements, financialYear, asOf, method, population),
    }),
  );
}

function computeExpectedStarts(
  placements: readonly Placement[],
  financialYear: string,
  asOf: string,
  method: NewPlacementMethod,
  population: PopulationRow[] | undefined,
): ExpectedStarts {
  const history = () => expectedStartsFromHistory(placements, financialYear, asOf);
  const { end } = financialYearBounds(financialYear);
  if (method === 'history' || asOf >= end) return history();
  // Project to the first census after 31 March: its year's joiners are those arriving by then.
  const horizon = lastCensusYearOn(end) + 1 - lastCensusYearOn(asOf);
  if (horizon > MAX_HORIZON)
    return {
      ...history(),
      warnings: [`model not used: ${financialYear} is more than ${MAX_HORIZON} years ahead`],
    };
  if (!population)
    return { ...history(), warnings: [`model not used: no population stored: ${LOAD_POPULATION}`] };
  const modelJoiners = () => {
    const { data } = modelSnapshots(placements, asOf, population);
    const projection = projectMarkov(data, {
      horizon,
      draws: MODEL_DRAWS,
      seed: MODEL_SEED,
      breakdowns: false,
    });
    const joiners = projection.joiners ?? [];
    keepJoiners(placements, asOf, population, joiners);
    return joiners;
  };
  try {
    const joiners = keptJoiners(placements, asOf, population, lastCensusYearOn(end) + 1) ?? modelJoiners();
    return expectedStartsFromJoiners(joiners, placements, financialYear, asOf);
  } catch (error) {
    if (!(error instanceof SnapshotInputError || error instanceof ModelInputError)) throw error;
    return { ...history(), warnings: [`model not used: ${error.message}`] };
  }
}
