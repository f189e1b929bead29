// Gathers what the alert rules look at, from the authority's own records: provision occupancy, the
// out-of-borough count now and a year ago, the outturn forecast against budget, and projected shortfalls.
import type { AlertFigures, OutturnFigures, ProjectedShortfall } from '../../domain/alerts';
import { Phase } from '../../domain/codes';
import { censusDate, financialYearLabel, financialYearStartOf, toDayNumber } from '../../domain/dates';
import { provisionOccupancy } from '../../domain/occupancy';
import { isActiveOn, type Placement } from '../../domain/placement';
import type { Provision } from '../../domain/provision';
import type { PopulationRow } from '../../model/data';
import { ModelInputError } from '../../model/estimate';
import { projectMarkov } from '../../model/markov';
import type { CapacityRow } from '../../model/output';
import { placementsToModelData, SnapshotInputError } from '../../model/snapshots';
import type { AppDeps } from '../api/deps';
import { outturnFor } from '../finance/expected-starts';
import { LOAD_POPULATION, storedPopulationRows } from '../store/population';
import { type Publisher, runMonthlyAlerts } from './run';

/** Enough draws for a stable 95th percentile of each need × phase, fast enough for a monthly job. */
const SHORTFALL_DRAWS = 500;
const SHORTFALL_SEED = 42;
const DAYS_PER_MONTH = 365.25 / 12;

export const yearBefore = (isoDate: string): string =>
  `${Number(isoDate.slice(0, 4)) - 1}${isoDate.slice(4) === '-02-29' ? '-02-28' : isoDate.slice(4)}`;

export function outOfBoroughCounts(placements: Placement[], asOf: string) {
  const count = (date: string) => placements.filter((p) => !p.inBorough && isActiveOn(p, date)).length;
  return { now: count(asOf), yearAgo: count(yearBefore(asOf)) };
}

/**
 * Capacity rows for the January censuses within the longest horizon, each tagged with the shortest horizon
 * (e.g. 12 or 24 months) it falls inside.
 */
export function shortfallsWithin(
  rows: CapacityRow[],
  asOf: string,
  horizonsMonths: number[],
): ProjectedShortfall[] {
  const horizons = [...horizonsMonths].sort((a, b) => a - b);
  return rows.flatMap((row) => {
    const months = (toDayNumber(censusDate(row.year)) - toDayNumber(asOf)) / DAYS_PER_MONTH;
    const withinMonths = months > 0 ? horizons.find((h) => months <= h) : undefined;
    const phase = Phase.safeParse(row.phase);
    if (withinMonths === undefined || !phase.success) return [];
    return [
      {
        need: row.need,
        phase: phase.data,
        year: row.year,
        withinMonths,
        places: row.places,
        demandP50: row.demand.p50,
        demandP95: row.demand.p95,
      },
    ];
  });
}

function projectedShortfalls(
  placements: Placement[],
  provisions: Provision[],
  population: PopulationRow[],
  asOf: string,
  horizonsMonths: number[],
): ProjectedShortfall[] {
  if (provisions.length === 0) return [];
  try {
    const { data } = placementsToModelData(placements, { asOf, population });
    const horizonYears = Math.ceil(Math.max(...horizonsMonths) / 12) + 1;
    const output = projectMarkov(data, {
      horizon: horizonYears,
      draws: SHORTFALL_DRAWS,
      seed: SHORTFALL_SEED,
      provisions,
      breakdowns: false,
    });
    return shortfallsWithin(output.capacity ?? [], asOf, horizonsMonths);
  } catch (error) {
    // Too little history to project (e.g. a new authority): the other rules still run.
    if (error instanceof SnapshotInputError || error instanceof ModelInputError) return [];
    throw error;
  }
}

async function outturnFigures(
  deps: AppDeps,
  placements: Placement[],
  population: PopulationRow[] | undefined,
  asOf: string,
): Promise<OutturnFigures | undefined> {
  const financialYear = financialYearLabel(financialYearStartOf(asOf));
  const budget = await deps.budgets.get(financialYear);
  if (!budget) return undefined;
  const outturn = outturnFor(placements, { financialYear, asOf, method: 'model', budget, population });
  if (outturn.budget === null) return undefined;
  return {
    financialYear,
    budget: outturn.budget,
    forecastP50: outturn.forecast.p50,
    forecastP95: outturn.forecast.p95,
  };
}

export async function gatherAlertFigures(
  deps: AppDeps,
  asOf: string,
  horizonsMonths: number[],
): Promise<AlertFigures> {
  const [placements, provisions, population] = await Promise.all([
    deps.placements.all(),
    deps.provisions.all(),
    storedPopulationRows(deps.population),
  ]);
  const outturn = await outturnFigures(deps, placements, population, asOf);
  return {
    occupancy: provisionOccupancy(provisions, placements, asOf),
    shortfalls: population
      ? projectedShortfalls(placements, provisions, population, asOf, horizonsMonths)
      : [],
    ...(population || provisions.length === 0
      ? {}
      : { shortfallsUnchecked: `no population stored: ${LOAD_POPULATION}` }),
    ...(outturn ? { outturn } : {}),
    outOfBorough: outOfBoroughCounts(placements, asOf),
  };
}

/** A month's alerts for the authority the deps serve, on its own records, published through `publisher`. */
export const runAuthorityAlerts = (deps: AppDeps, month: string, publisher: Publisher) =>
  runMonthlyAlerts({
    month,
    settings: deps.alerting.settings,
    gatherFigures: (asOf) => gatherAlertFigures(deps, asOf, deps.alerting.settings.shortfallHorizonsMonths),
    runs: deps.alertRuns,
    publisher,
    clock: deps.now,
  });
