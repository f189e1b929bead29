// Store ports: what domain logic and routes need from storage. The DynamoDB adapters beside this file
// implement them (and are the only code that builds keys or talks to DynamoDB); tests may use fakes.
import type { Placement, PlacementEnd, PlacementInput, PlacementPatch } from '../../domain/placement';
import type { PlacementFilter } from '../../domain/placement-filter';
import type { Provision, ProvisionInput, ProvisionPatch } from '../../domain/provision';
import type { AreaPopulation } from '../../model/population';

export type { PlacementFilter } from '../../domain/placement-filter';

/** Who made a change, as recorded in the audit trail. */
export interface Actor {
  userId: string;
  name: string;
}

export interface WriteContext {
  actor: Actor;
  now: Date;
}

/** What a bulk create did with one record, by id. */
export type BulkCreateOutcome =
  | { id: string; created: true }
  /** The id existed: nothing was written. `version` is the stored record's; `importJob` the job that created it, if any. */
  | { id: string; created: false; version: number; importJob?: string };

export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

export interface AuditEntry {
  entityType: string;
  entityId: string;
  version: number;
  action: 'create' | 'update' | 'end' | 'put' | 'delete';
  at: string;
  by: Actor;
  changes: FieldChange[];
  /** The import job that created the record (create entries of imported records only). */
  importJob?: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  cursor?: string;
}

export interface PlacementStore {
  /**
   * Creates a placement and its audit entry in one transaction. Idempotent: the same idempotency key,
   * or the same client-given id with the same body, returns the first record with `created: false`;
   * the same key or id with a different body is a ConflictError.
   */
  create(
    input: PlacementInput,
    context: WriteContext & { idempotencyKey?: string },
  ): Promise<{ placement: Placement; created: boolean }>;
  get(id: string): Promise<Placement | undefined>;
  /** Optimistic concurrency: a stale `expectedVersion` is a ConflictError; unknown id a NotFoundError. */
  update(
    id: string,
    patch: PlacementPatch,
    context: WriteContext & { expectedVersion: number },
  ): Promise<Placement>;
  end(
    id: string,
    end: PlacementEnd,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<Placement>;
  list(filter: PlacementFilter, page: { limit: number; cursor?: string }): Promise<Page<Placement>>;
  /** Every placement, active or ended: the input of summaries, spend, snapshots and projections. */
  all(): Promise<Placement[]>;
  /**
   * Folds what bulk writes left pending into the placement projection's build (placement-projection.ts), so
   * that the writer of a bulk load pays for it and the next read is a quick one.
   */
  settle(): Promise<void>;
  /**
   * Before a bulk load (an import): makes the placement projection if the table has none yet, so the load's
   * `settle` folds it and its first reader does not rebuild it from every record.
   */
  prepareBulkLoad(): Promise<void>;
  history(id: string): Promise<AuditEntry[]>;
}

export interface ProvisionStore {
  create(input: ProvisionInput, context: WriteContext): Promise<{ provision: Provision; created: boolean }>;
  get(id: string): Promise<Provision | undefined>;
  update(
    id: string,
    patch: ProvisionPatch,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<Provision>;
  all(): Promise<Provision[]>;
}

/** The authority's general population (one ONS area, ages 0–25), as stored, with its bookkeeping. */
export interface StoredPopulation extends AreaPopulation {
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

/**
 * The one population the authority's projections, alerts, outturn and witan export divide joiners by. No
 * default: `get` answers undefined until a planner stores one (`PUT /population`).
 */
export interface PopulationStore {
  get(): Promise<StoredPopulation | undefined>;
  /**
   * Stores (or replaces) the population and its audit entry in one transaction. With `expectedVersion`,
   * replacing any other version is a ConflictError. Identical content writes nothing (`changed: false`).
   */
  put(
    population: AreaPopulation,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<{ population: StoredPopulation; created: boolean }>;
  /** Its audit entries, oldest first. */
  history(): Promise<AuditEntry[]>;
}
