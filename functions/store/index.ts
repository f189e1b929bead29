// The factory for every DynamoDB adapter: one document client, one table. Each capability adds its adapter.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AlertThresholds } from '../../domain/alerts';
import type { AppDeps } from '../api/deps';
import { DynamoAlertRunStore } from './alert-runs';
import { DynamoBudgetStore } from './budgets';
import { type CursorKeySource, processCursorKey, rememberedKey } from './cursor';
import { DynamoFinanceSettingsStore } from './finance-settings';
import { DynamoImportStore } from './imports';
import { DynamoPlacementStore } from './placements';
import { DynamoPopulationStore } from './population';
import { DynamoProjectionStore } from './projections';
import { DynamoProvisionStore } from './provisions';
import { checkDatabase, createDocumentClient } from './table-client';

export interface StoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** The clock (tests pin it); defaults to the real time. */
  now?: () => Date;
  /** Alert settings and publisher; by default a local authority with the default thresholds and no publisher. */
  alerting?: AppDeps['alerting'];
  /**
   * The key pagination cursors are signed with, the same for every instance that may get a cursor back; by
   * default random bytes of this process (tests, benchmarks).
   */
  cursorKey?: CursorKeySource;
}

/** Made only when no settings are given (tests, benchmarks): a deployed function passes the authority's. */
const localAlerting = (): AppDeps['alerting'] => ({
  settings: {
    authority: 'local',
    authorityName: 'Local authority',
    thresholds: AlertThresholds.parse({}),
    dashboardUrl: 'http://localhost:3000/',
    shortfallHorizonsMonths: [12, 24],
  },
});

export function createStores({
  client,
  tableName,
  now = () => new Date(),
  alerting = localAlerting(),
  cursorKey = processCursorKey(),
}: StoreOptions): AppDeps {
  const db = createDocumentClient(client);
  return {
    now,
    checkDatabase: () => checkDatabase(db, tableName),
    placements: new DynamoPlacementStore(db, tableName, now, { cursorKey: rememberedKey(cursorKey) }),
    provisions: new DynamoProvisionStore(db, tableName),
    alertRuns: new DynamoAlertRunStore(db, tableName),
    budgets: new DynamoBudgetStore(db, tableName),
    financeSettings: new DynamoFinanceSettingsStore(db, tableName),
    imports: new DynamoImportStore(db, tableName, now),
    projections: new DynamoProjectionStore(db, tableName),
    population: new DynamoPopulationStore(db, tableName),
    alerting,
  };
}
