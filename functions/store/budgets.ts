// Budgets in the single table: pk `BUDGET#<financial year>`, sk `BUDGET`, listed through the byType index.
// A PUT creates or replaces the year's budget; each write and its audit entry go in one transaction, and
// the write is conditional on the version read, so two finance officers cannot silently overwrite each other.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Budget, type BudgetInput, budgetTotal } from '../../domain/budget';
import { ConflictError } from '../api/errors';
import type { AuditEntry, WriteContext } from './ports';
import { VersionedRecords } from './versioned-record';

export interface BudgetStore {
  get(financialYear: string): Promise<Budget | undefined>;
  /**
   * Creates or replaces a year's budget. With `expectedVersion`, a replace of any other version (or of a
   * budget that does not exist yet) is a ConflictError. Unchanged content writes nothing.
   */
  put(
    financialYear: string,
    input: Omit<BudgetInput, 'version'>,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<{ budget: Budget; created: boolean }>;
  /** The year's audit entries, oldest first. */
  history(financialYear: string): Promise<AuditEntry[]>;
}

const staleVersion = (financialYear: string, currentVersion: number | undefined) =>
  new ConflictError(
    currentVersion === undefined
      ? `there is no budget for ${financialYear} yet: send it without a version to create it`
      : `the ${financialYear} budget has changed since the version you sent: it is now at version ${currentVersion}`,
    { field: 'version', ...(currentVersion === undefined ? {} : { currentVersion }) },
  );

export class DynamoBudgetStore implements BudgetStore {
  private readonly records: VersionedRecords<Budget>;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.records = new VersionedRecords(db, tableName, 'budget', 'BUDGET', staleVersion);
  }

  get(financialYear: string): Promise<Budget | undefined> {
    return this.records.get(financialYear);
  }

  async put(
    financialYear: string,
    input: Omit<BudgetInput, 'version'>,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<{ budget: Budget; created: boolean }> {
    const { record, created } = await this.records.put(
      financialYear,
      {
        financialYear,
        lines: input.lines,
        ...(input.openingDsgBalance === undefined ? {} : { openingDsgBalance: input.openingDsgBalance }),
        ...(input.notes === undefined ? {} : { notes: input.notes }),
        total: budgetTotal(input.lines),
      },
      context,
    );
    return { budget: record, created };
  }

  history(financialYear: string): Promise<AuditEntry[]> {
    return this.records.history(financialYear);
  }
}
