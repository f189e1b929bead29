// Expected new placements for the outturn forecast: the Markov model's projected joiners when the recorded
// placements can support a model (at least two January censuses of history), else the recorded joiners of
// the three previous years (domain/outturn.ts), with the reason kept in `warnings`.
import { createHash } from 'node:crypto';
import { censusDate, financialYearBounds } from '../../domain/dates';
import {
  type ExpectedStarts,
  expectedStartsFromHistory,
  expectedStartsFromJoiners,
  type NewPlacementMethod,
} from '../../domain/outturn';
import type { Placement } from '../../domain/placement';
import type { PopulationRow } from '../../model/data';
import { ModelInputError } from '../../model/estimate';
import { MAX_HORIZON, projectMarkov } from '../../model/markov';
import { placementsToModelData, SnapshotInputError } from '../../model/snapshots';
import { LOAD_POPULATION } from '../store/population';

export { NEW_PLACEMENT_METHODS, type NewPlacementMethod } from '../../domain/outturn';

/** Monte Carlo draws for the joiners band: enough for stable p05/p95 of one series, fast enough for a GET. */
const MODEL_DRAWS = 200;
const MODEL_SEED = 42;

const lastCensusYearOn = (date: string) => {
  const year = Number(date.slice(0, 4));
  return date >= censusDate(year) ? year : year - 1;
};

/**
 * Results by placements array: the store gives the same array for as long as no placement changes, so a
 * repeated outturn (the dashboard, the alerts) runs the model once per state of the records and population.
 */
const computed = new WeakMap<readonly Placement[], Map<string, ExpectedStarts>>();

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
  const byQuery = computed.get(placements) ?? new Map<string, ExpectedStarts>();
  computed.set(placements, byQuery);
  const populationKey = population
    ? createHash('sha256').update(JSON.stringify(population)).digest('hex')
    : 'none';
  const key = `${financialYear}|${asOf}|${method}|${populationKey}`;
  const known = byQuery.get(key);
  if (known) return known;
  const result = computeExpectedStarts(placements, financialYear, asOf, method, population);
  byQuery.set(key, result);
  return result;
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
  try {
    const { data } = placementsToModelData(placements, { asOf, population });
    const projection = projectMarkov(data, {
      horizon,
      draws: MODEL_DRAWS,
      seed: MODEL_SEED,
      breakdowns: false,
    });
    return expectedStartsFromJoiners(projection.joiners ?? [], placements, financialYear, asOf);
  } catch (error) {
    if (!(error instanceof SnapshotInputError || error instanceof ModelInputError)) throw error;
    return { ...history(), warnings: [`model not used: ${error.message}`] };
  }
}
