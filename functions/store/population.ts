// The authority's general population in the single table, one versioned record (versioned-record.ts: a PUT
// replaces it with its audit entry in one transaction, conditional on the version read). The audit entry
// records what changed in a planner's words (area, source, totals by year), not 676 single-age cells.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PopulationRow } from '../../model/data';
import { type AreaPopulation, populationRows, populationTotals } from '../../model/population';
import { ConflictError } from '../api/errors';
import type { AuditEntry, PopulationStore, StoredPopulation, WriteContext } from './ports';
import { VersionedRecords } from './versioned-record';

/** What to do when no population is stored: the words of every 409, alert and warning that needs one. */
export const LOAD_POPULATION =
  "load your area's ONS population projection first: PUT /population with the ONS subnational population " +
  'projection CSV for your area (e.g. `npm run -s population -- put data/ons-population/' +
  'ons-snpp2022-population-0-25-four-authorities.csv --area E08000023`)';

/** The stored population as model rows, or undefined when none is stored. */
export async function storedPopulationRows(store: PopulationStore): Promise<PopulationRow[] | undefined> {
  const stored = await store.get();
  return stored ? populationRows(stored) : undefined;
}

/** The fields an audit entry compares: who the figures describe and what they add up to. */
const auditView = (population: AreaPopulation) => ({
  areaCode: population.areaCode,
  areaName: population.areaName,
  source: population.source,
  totals: populationTotals(population),
});

const staleVersion = (_id: string, currentVersion: number | undefined) =>
  new ConflictError(
    currentVersion === undefined
      ? 'there is no population yet: send it without a version to create it'
      : `the population has changed since the version you sent: it is now at version ${currentVersion}`,
    { field: 'version', ...(currentVersion === undefined ? {} : { currentVersion }) },
  );

/** One per authority (each authority has its own stack and table). */
const ID = 'current';

export class DynamoPopulationStore implements PopulationStore {
  private readonly records: VersionedRecords<StoredPopulation>;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.records = new VersionedRecords<StoredPopulation>(
      db,
      tableName,
      'population',
      'POPULATION',
      staleVersion,
      auditView,
    );
  }

  get(): Promise<StoredPopulation | undefined> {
    return this.records.get(ID);
  }

  async put(
    population: AreaPopulation,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<{ population: StoredPopulation; created: boolean }> {
    const { record, created } = await this.records.put(ID, population, context);
    return { population: record, created };
  }

  history(): Promise<AuditEntry[]> {
    return this.records.history(ID);
  }
}
