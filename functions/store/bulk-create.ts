// Bulk create, shared by the placement and provision stores (demo seeding and imports): each record and its
// 'create' audit entry in one transaction, only where the id is new, so a bulk write never overwrites a record
// someone changed. A refused record comes back with its stored version and the import that created it.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditPut, auditSortKey } from './audit';
import type { AuditEntry, BulkCreateOutcome } from './ports';
import { createEach, getItem } from './table-client';

export async function createWithAudit<T extends { id: string }>(
  db: DynamoDBDocumentClient,
  tableName: string,
  records: T[],
  items: { record: (value: T) => Record<string, unknown>; entry: (value: T) => AuditEntry },
): Promise<BulkCreateOutcome[]> {
  const outcomes = await createEach(
    db,
    records.map((value) => [
      {
        Put: {
          TableName: tableName,
          Item: items.record(value),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      auditPut(tableName, items.entry(value)),
    ]),
  );
  return Promise.all(
    outcomes.map(async (outcome, i): Promise<BulkCreateOutcome> => {
      const value = records[i] as T;
      if (outcome.created) return { id: value.id, created: true };
      const [record, firstEntry] = outcome.existing;
      const pk = items.record(value).pk as string;
      if (!record) throw new Error(`${pk} has audit entries but no record`);
      // Where the transaction reported only the record's condition, the 'create' entry is read.
      const importJob = firstEntry
        ? firstEntry.importJob?.S
        : ((await getItem(db, tableName, { pk, sk: auditSortKey(1) }))?.importJob as string | undefined);
      return {
        id: value.id,
        created: false,
        version: Number(record.version?.N),
        ...(importJob !== undefined ? { importJob } : {}),
      };
    }),
  );
}
