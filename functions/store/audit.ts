// The audit trail: one item per change, under the changed record's own partition key, written in the same
// transaction as the change so a change without its audit entry (or the reverse) cannot exist. Entries are
// append-only: every write of one is a Put conditional on the item not existing (auditPut), and the stack's IAM
// lets writers put audit items only under that condition (infra/stack.ts).
import type { AuditEntry, FieldChange } from './ports';
import type { TransactItem } from './table-client';

const AUDIT_PREFIX = 'AUDIT#';

/** Zero-padded so the sort key orders audit entries by version (oldest first). */
export const auditSortKey = (version: number): string =>
  `${AUDIT_PREFIX}${String(version).padStart(10, '0')}`;

export const entityKey = (entityType: string, id: string): string => `${entityType.toUpperCase()}#${id}`;

/**
 * The DynamoDB item for an audit entry. It has no `entityType` attribute on purpose: that would put every
 * audit entry into the byType index beside the records themselves. The kind is kept as `auditOf`.
 */
export function auditItem(entry: AuditEntry): Record<string, unknown> {
  return {
    pk: entityKey(entry.entityType, entry.entityId),
    sk: auditSortKey(entry.version),
    auditOf: entry.entityType,
    entityId: entry.entityId,
    version: entry.version,
    action: entry.action,
    at: entry.at,
    by: entry.by,
    changes: entry.changes,
    ...(entry.importJob !== undefined ? { importJob: entry.importJob } : {}),
  };
}

/** The only way an audit entry is written: a new item, never over an existing one. */
export const auditPut = (tableName: string, entry: AuditEntry): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: auditItem(entry),
    ConditionExpression: 'attribute_not_exists(pk)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

export const isAuditItem = (item: Record<string, unknown>): boolean =>
  typeof item.sk === 'string' && item.sk.startsWith(AUDIT_PREFIX);

export function fromAuditItem(item: Record<string, unknown>): AuditEntry {
  return {
    entityType: item.auditOf as string,
    entityId: item.entityId as string,
    version: item.version as number,
    action: item.action as AuditEntry['action'],
    at: item.at as string,
    by: item.by as AuditEntry['by'],
    changes: (item.changes as FieldChange[] | undefined) ?? [],
    ...(typeof item.importJob === 'string' ? { importJob: item.importJob } : {}),
  };
}

/** Bookkeeping that changes on every write and is already in the audit entry itself (version, at, by). */
const BOOKKEEPING = new Set(['version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

/** JSON with object keys sorted, so equal values always serialise alike whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** Top-level fields that differ between two versions of a record; a field absent on one side has no from/to. */
export function diff(before: object, after: object): FieldChange[] {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((f) => !BOOKKEEPING.has(f));
  return fields
    .filter((field) => canonicalJson(was[field]) !== canonicalJson(now[field]))
    .sort()
    .map((field) => ({
      field,
      ...(was[field] !== undefined ? { from: was[field] } : {}),
      ...(now[field] !== undefined ? { to: now[field] } : {}),
    }));
}
