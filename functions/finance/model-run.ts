// What the finance forecast (GET /forecast) and the outturn's expected new placements (GET /outturn) share for
// one state of the records, as at one date and on one population: the January census snapshots the model runs
// on (1.8 s of CPU at 50,000 records), and the baseline run's projected joiners. Both run the Markov model with
// the same draws and seed, and the first censuses of a draw do not depend on the horizon (model/draws.ts), so
// the outturn takes the joiners of whichever run reached its year first: the two pages agree exactly, and
// whichever is asked second does not run the model for them again.
import type { ProjectedJoiners } from '../../domain/outturn';
import type { Placement } from '../../domain/placement';
import type { PopulationRow } from '../../model/data';
import { placementsToModelData, SnapshotInputError, type Snapshots } from '../../model/snapshots';
import { keyOf, PerState } from '../store/per-state';

/**
 * Monte Carlo draws and seed of the forecast, and of the outturn's joiners (the same run): p05/p95 of a yearly
 * total are stable to well under 1% at 1,000.
 */
export const MODEL_DRAWS = 1000;
export const MODEL_SEED = 42;

/** A few dates and populations per state of the records (as at today, as at a census, another area). */
const KEPT = 4;
const snapshotsByState = new PerState<Snapshots | SnapshotInputError>(KEPT);
const joinersByState = new PerState<{ lastCensus?: number; joiners?: ProjectedJoiners[] }>(KEPT);

const questionKey = (asOf: string, population: readonly PopulationRow[]) => `${asOf}|${keyOf(population)}`;

/** The model's input from the placements as at `asOf` (kept per state); SnapshotInputError when too little. */
export function modelSnapshots(
  placements: readonly Placement[],
  asOf: string,
  population: PopulationRow[],
): Snapshots {
  const result = snapshotsByState.get(placements, questionKey(asOf, population), () => {
    try {
      return placementsToModelData(placements, { asOf, population });
    } catch (error) {
      if (error instanceof SnapshotInputError) return error;
      throw error;
    }
  });
  if (result instanceof SnapshotInputError) throw result;
  return result;
}

/** Keeps the joiners of a baseline run (by census year; the run reaching furthest for this question wins). */
export function keepJoiners(
  placements: readonly Placement[],
  asOf: string,
  population: readonly PopulationRow[],
  joiners: ProjectedJoiners[],
): void {
  const lastCensus = joiners.at(-1)?.year;
  if (lastCensus === undefined) return;
  const kept = joinersByState.get(placements, questionKey(asOf, population), () => ({}));
  if ((kept.lastCensus ?? -Infinity) < lastCensus) Object.assign(kept, { lastCensus, joiners });
}

/** The joiners of a baseline run already made for this question that reached `lastCensus`, if any. */
export function keptJoiners(
  placements: readonly Placement[],
  asOf: string,
  population: readonly PopulationRow[],
  lastCensus: number,
): ProjectedJoiners[] | undefined {
  const kept = joinersByState.get(placements, questionKey(asOf, population), () => ({}));
  return kept.lastCensus !== undefined && kept.lastCensus >= lastCensus ? kept.joiners : undefined;
}
