// What the routes need, injected: stores (ports, with DynamoDB adapters in functions/store) and a clock.
// Each capability adds its own port here.
import type { Placement } from '../../domain/placement';
import type { Provision } from '../../domain/provision';
import type { AlertRunStore, AlertSettings, Publisher } from '../alerts/run';
import type { ImportStore } from '../imports/job';
import type { BudgetStore } from '../store/budgets';
import type { FinanceSettingsStore } from '../store/finance-settings';
import type {
  BulkCreateOutcome,
  PlacementStore,
  PopulationStore,
  ProvisionStore,
  WriteContext,
} from '../store/ports';
import type { ProjectionStore } from '../store/projections';

export interface AppDeps {
  now: () => Date;
  /** Resolves when the database answers (GET /health); rejects when it does not. */
  checkDatabase: () => Promise<void>;
  placements: PlacementStore & BulkCreate<Placement>;
  provisions: ProvisionStore & BulkCreate<Provision>;
  alertRuns: AlertRunStore;
  /** The authority's alert settings, and where a digest goes (absent where runs come only from the schedule). */
  alerting: { settings: AlertSettings; publisher?: Publisher };
  budgets: BudgetStore;
  /** Finance's assumptions: cost uplift, budget growth, opening DSG balance (defaults until set). */
  financeSettings: FinanceSettingsStore;
  /** Import jobs and their progress (bulk CSV/XLSX/SEN2 import). */
  imports: ImportStore;
  /** Scenarios and stored projection results. */
  projections: ProjectionStore;
  /** The authority's general population (ONS, one area): what joiner rates divide by. No default. */
  population: PopulationStore;
}

/**
 * Bulk create for seeding and import: each record with its 'create' audit entry, in one transaction per group
 * of records. Only records whose id is new are written; an existing record is never overwritten, and comes back
 * as not created with its stored version (and the import job that created it, if one did).
 */
export interface BulkCreate<T> {
  createMany(records: T[], context: WriteContext & { importJob?: string }): Promise<BulkCreateOutcome[]>;
}
