// One record per key that a PUT creates or replaces (a year's budget, the finance settings, the population): the record and
// its audit entry go in one transaction, conditional on the version read, so two people cannot silently
// overwrite each other, and a lost race is reported with the version that won.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditPut, diff, entityKey, fromAuditItem, isAuditItem } from './audit';
import type { AuditEntry, WriteContext } from './ports';
import {
  cancellationReasons,
  getItem,
  isConditionFailure,
  queryAll,
  transactWrite,
  versionedPut,
} from './table-client';

/** What every such record carries besides its content. */
export interface Versioned {
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

export class VersionedRecords<T extends Versioned> {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly entity: string,
    private readonly recordSk: string,
    /** The error for a write that expected another version (`current` undefined: nothing stored yet). */
    private readonly stale: (id: string, current: number | undefined) => Error,
    /** What the audit entry compares, where a record is too big to diff field by field (default: all of it). */
    private readonly auditView: (record: T) => object = (record) => record,
  ) {}

  private key(id: string) {
    return { pk: entityKey(this.entity, id), sk: this.recordSk };
  }

  async get(id: string): Promise<T | undefined> {
    const item = await getItem(this.db, this.tableName, this.key(id));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, entityType: _type, ...record } = item;
    return record as unknown as T;
  }

  /**
   * Creates or replaces the record with `content`. With `expectedVersion`, a replace of any other version
   * (or of a record that does not exist yet) is the stale error. Identical content writes nothing.
   */
  async put(
    id: string,
    content: Omit<T, keyof Versioned>,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<{ record: T; created: boolean }> {
    const current = await this.get(id);
    if (context.expectedVersion !== undefined && current?.version !== context.expectedVersion)
      throw this.stale(id, current?.version);
    const at = context.now.toISOString();
    const next = {
      ...content,
      version: (current?.version ?? 0) + 1,
      createdAt: current?.createdAt ?? at,
      updatedAt: at,
      createdBy: current?.createdBy ?? context.actor.name,
      updatedBy: context.actor.name,
    } as T;
    if (current && diff(current, next).length === 0) return { record: current, created: false };
    try {
      await transactWrite(this.db, [
        versionedPut(
          this.tableName,
          { ...(next as Record<string, unknown>), ...this.key(id), entityType: this.entity },
          current?.version,
        ),
        auditPut(this.tableName, {
          entityType: this.entity,
          entityId: id,
          version: next.version,
          action: current ? 'put' : 'create',
          at,
          by: context.actor,
          changes: diff(current ? this.auditView(current) : {}, this.auditView(next)),
        }),
      ]);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons?.some(isConditionFailure)) throw error;
      // Someone else wrote the record between our read and our write.
      const version = reasons[0]?.Item?.version?.N;
      throw this.stale(id, version === undefined ? undefined : Number(version));
    }
    return { record: next, created: current === undefined };
  }

  /** The record's audit entries, oldest first. */
  async history(id: string): Promise<AuditEntry[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
      ExpressionAttributeValues: { ':pk': this.key(id).pk, ':audit': 'AUDIT#' },
    });
    return items.filter(isAuditItem).map(fromAuditItem);
  }
}
