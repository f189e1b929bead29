// Budgets in the single table: pk `BUDGET#<financial year>`, sk `BUDGET`, listed through the byType index.
// A PUT creates or replaces the year's budget; each write and its audit entry go in one transaction, and
// the write is conditional on the version read, so two finance officers cannot silently overwrite each other.
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Budget, type BudgetInput, budgetTotal } from '../../domain/budget';
import { ConflictError } from '../api/errors';
import { auditPut, diff, entityKey, fromAuditItem, isAuditItem } from './audit';
import type { AuditEntry, WriteContext } from './ports';
import {
  cancellationReasons,
  getItem,
  isConditionFailure,
  transactWrite,
  versionedPut,
} from './table-client';

const ENTITY = 'budget';
const RECORD_SK = 'BUDGET';

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

const toItem = (budget: Budget) => ({
  ...budget,
  pk: entityKey(ENTITY, budget.financialYear),
  sk: RECORD_SK,
  entityType: ENTITY,
});

function fromItem(item: Record<string, unknown>): Budget {
  const { pk: _pk, sk: _sk, entityType: _type, ...budget } = item;
  return budget as unknown as Budget;
}

const staleVersion = (financialYear: string, currentVersion: number | undefined) =>
  new ConflictError(
    currentVersion === undefined
      ? `there is no budget for ${financialYear} yet: send it without a version to create it`
      : `the ${financialYear} budget has changed since the version you sent: it is now at version ${currentVersion}`,
    { field: 'version', ...(currentVersion === undefined ? {} : { currentVersion }) },
  );

export class DynamoBudgetStore implements BudgetStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(financialYear: string): Promise<Budget | undefined> {
    const Item = await getItem(this.db, this.tableName, {
      pk: entityKey(ENTITY, financialYear),
      sk: RECORD_SK,
    });
    return Item ? fromItem(Item) : undefined;
  }

  async put(
    financialYear: string,
    input: Omit<BudgetInput, 'version'>,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<{ budget: Budget; created: boolean }> {
    const current = await this.get(financialYear);
    if (context.expectedVersion !== undefined && current?.version !== context.expectedVersion)
      throw staleVersion(financialYear, current?.version);
    const at = context.now.toISOString();
    const next: Budget = {
      financialYear,
      lines: input.lines,
      ...(input.openingDsgBalance === undefined ? {} : { openingDsgBalance: input.openingDsgBalance }),
      ...(input.notes === undefined ? {} : { notes: input.notes }),
      total: budgetTotal(input.lines),
      version: (current?.version ?? 0) + 1,
      createdAt: current?.createdAt ?? at,
      updatedAt: at,
      createdBy: current?.createdBy ?? context.actor.name,
      updatedBy: context.actor.name,
    };
    const changes = diff(current ?? {}, next);
    if (current && changes.length === 0) return { budget: current, created: false };
    try {
      await transactWrite(this.db, [
        versionedPut(this.tableName, toItem(next), current?.version),
        auditPut(this.tableName, {
          entityType: ENTITY,
          entityId: financialYear,
          version: next.version,
          action: current ? 'put' : 'create',
          at,
          by: context.actor,
          changes,
        }),
      ]);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons?.some(isConditionFailure)) throw error;
      // Someone else wrote this year's budget between our read and our write.
      const version = reasons[0]?.Item?.version?.N;
      throw staleVersion(financialYear, version === undefined ? undefined : Number(version));
    }
    return { budget: next, created: current === undefined };
  }

  async history(financialYear: string): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
          ExpressionAttributeValues: { ':pk': entityKey(ENTITY, financialYear), ':audit': 'AUDIT#' },
          ExclusiveStartKey: startKey,
        }),
      );
      entries.push(...(page.Items ?? []).filter(isAuditItem).map(fromAuditItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }
}
