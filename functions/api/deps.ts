// What the routes need, injected: stores (ports, with DynamoDB adapters in functions/store) and a clock.
// Each capability adds its own port here.
import type { Placement } from '../../domain/placement';
import type { Provision } from '../../domain/provision';
import type { AlertRunStore, AlertSettings, Publisher } from '../alerts/run';
import type { ImportStore } from '../imports/job';
import type { BudgetStore } from '../store/budgets';
import type { PlacementStore, ProvisionStore, WriteContext } from '../store/ports';
import type { ProjectionStore } from '../store/projections';

export interface AppDeps {
  now: () => Date;
  placements: PlacementStore & BulkPut<Placement>;
  provisions: ProvisionStore & BulkPut<Provision>;
  alertRuns: AlertRunStore;
  /** The authority's alert settings, and where a digest goes (absent where runs come only from the schedule). */
  alerting: { settings: AlertSettings; publisher?: Publisher };
  budgets: BudgetStore;
  /** Import jobs and their progress (bulk CSV/XLSX/SEN2 import). */
  imports: ImportStore;
  /** Scenarios and stored projection results. */
  projections: ProjectionStore;
}

/** Batched writes for seeding and bulk import, each record with its 'create' audit entry. */
export interface BulkPut<T> {
  putMany(records: T[], context: WriteContext): Promise<void>;
}
