// The finance settings in the single table: one item, pk `FINANCE#settings`, sk `SETTINGS` (each authority
// has its own stack and table). Stored rather than in the per-authority config: finance changes them in the
// year without a deployment, and every change is audited beside the budgets it goes with.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FinanceSettingsInput, StoredFinanceSettings } from '../../domain/finance-settings';
import { ConflictError } from '../api/errors';
import type { AuditEntry, WriteContext } from './ports';
import { VersionedRecords } from './versioned-record';

const ID = 'settings';

export interface FinanceSettingsStore {
  /** What finance stored; undefined while every setting is its default. */
  get(): Promise<StoredFinanceSettings | undefined>;
  /** Replaces the settings (a setting left out goes back to its default); a stale `expectedVersion` is a 409. */
  put(
    input: Omit<FinanceSettingsInput, 'version'>,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<{ settings: StoredFinanceSettings; created: boolean }>;
  history(): Promise<AuditEntry[]>;
}

const staleVersion = (_id: string, currentVersion: number | undefined) =>
  new ConflictError(
    currentVersion === undefined
      ? 'no finance settings are stored yet: send them without a version to create them'
      : `the finance settings have changed since the version you sent: they are now at version ${currentVersion}`,
    { field: 'version', ...(currentVersion === undefined ? {} : { currentVersion }) },
  );

export class DynamoFinanceSettingsStore implements FinanceSettingsStore {
  private readonly records: VersionedRecords<StoredFinanceSettings>;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.records = new VersionedRecords(db, tableName, 'finance', 'SETTINGS', staleVersion);
  }

  get(): Promise<StoredFinanceSettings | undefined> {
    return this.records.get(ID);
  }

  async put(
    input: Omit<FinanceSettingsInput, 'version'>,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<{ settings: StoredFinanceSettings; created: boolean }> {
    const { record, created } = await this.records.put(ID, input, context);
    return { settings: record, created };
  }

  history(): Promise<AuditEntry[]> {
    return this.records.history(ID);
  }
}
