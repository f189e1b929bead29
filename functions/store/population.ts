// The authority's general population in the single table: pk `POPULATION#current`, sk `POPULATION` (one per
// authority: each authority has its own stack and table). A PUT replaces it; the write and its audit entry
// go in one transaction, conditional on the version read, so two planners cannot silently overwrite each
// other. The audit entry records what changed in a planner's words (area, source, years, totals by year),
// not 676 single-age cells.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PopulationRow } from '../../model/data';
import { type AreaPopulation, populationRows, populationTotals } from '../../model/population';
import { ConflictError } from '../api/errors';
import { auditPut, diff, entityKey, fromAuditItem, isAuditItem } from './audit';
import type { AuditEntry, PopulationStore, StoredPopulation, WriteContext } from './ports';
import {
  cancellationReasons,
  getItem,
  isConditionFailure,
  queryAll,
  transactWrite,
  versionedPut,
} from './table-client';

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

const ENTITY = 'population';
const ID = 'current';
const RECORD_SK = 'POPULATION';
const KEY = { pk: entityKey(ENTITY, ID), sk: RECORD_SK };

function fromItem(item: Record<string, unknown>): StoredPopulation {
  const { pk: _pk, sk: _sk, entityType: _type, ...population } = item;
  return population as unknown as StoredPopulation;
}

/** The fields an audit entry compares: who the figures describe and what they add up to. */
const auditView = (population: AreaPopulation) => ({
  areaCode: population.areaCode,
  areaName: population.areaName,
  source: population.source,
  totals: populationTotals(population),
});

const staleVersion = (currentVersion: number | undefined) =>
  new ConflictError(
    currentVersion === undefined
      ? 'there is no population yet: send it without a version to create it'
      : `the population has changed since the version you sent: it is now at version ${currentVersion}`,
    { field: 'version', ...(currentVersion === undefined ? {} : { currentVersion }) },
  );

export class DynamoPopulationStore implements PopulationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(): Promise<StoredPopulation | undefined> {
    const item = await getItem(this.db, this.tableName, KEY);
    return item ? fromItem(item) : undefined;
  }

  async put(
    population: AreaPopulation,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<{ population: StoredPopulation; created: boolean; changed: boolean }> {
    const current = await this.get();
    if (context.expectedVersion !== undefined && current?.version !== context.expectedVersion)
      throw staleVersion(current?.version);
    const {
      version: _v,
      createdAt: _c,
      updatedAt: _u,
      createdBy: _cb,
      updatedBy: _ub,
      ...currentData
    } = current ?? ({} as StoredPopulation);
    if (current && diff(currentData, population).length === 0)
      return { population: current, created: false, changed: false };
    const at = context.now.toISOString();
    const next: StoredPopulation = {
      ...population,
      version: (current?.version ?? 0) + 1,
      createdAt: current?.createdAt ?? at,
      updatedAt: at,
      createdBy: current?.createdBy ?? context.actor.name,
      updatedBy: context.actor.name,
    };
    try {
      await transactWrite(this.db, [
        versionedPut(this.tableName, { ...next, ...KEY, entityType: ENTITY }, current?.version),
        auditPut(this.tableName, {
          entityType: ENTITY,
          entityId: ID,
          version: next.version,
          action: current ? 'put' : 'create',
          at,
          by: context.actor,
          changes: diff(current ? auditView(current) : {}, auditView(next)),
        }),
      ]);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons?.some(isConditionFailure)) throw error;
      // Another planner stored a population between our read and our write.
      const version = reasons[0]?.Item?.version?.N;
      throw staleVersion(version === undefined ? undefined : Number(version));
    }
    return { population: next, created: current === undefined, changed: true };
  }

  async history(): Promise<AuditEntry[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
      ExpressionAttributeValues: { ':pk': KEY.pk, ':audit': 'AUDIT#' },
    });
    return items.filter(isAuditItem).map(fromAuditItem);
  }
}
