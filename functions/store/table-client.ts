// The one DynamoDB document client setup: undefined optional fields are dropped, never stored as NULL.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** One item by its key, read strongly consistent (a write just made is always seen). */
export async function getItem(
  db: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return Item;
}

/** Every item a query matches, following LastEvaluatedKey page by page. */
export async function queryAll(
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every item of one kind, through the byType index (oldest change first unless `newestFirst`). */
export const queryByType = (
  db: DynamoDBDocumentClient,
  tableName: string,
  entityType: string,
  newestFirst = false,
): Promise<Record<string, unknown>[]> =>
  queryAll(db, {
    TableName: tableName,
    IndexName: 'byType',
    KeyConditionExpression: 'entityType = :type',
    ExpressionAttributeValues: { ':type': entityType },
    ...(newestFirst ? { ScanIndexForward: false } : {}),
  });

/** The transaction was cancelled; `reasons[i]` says why item `i` failed (Code 'None' when it did not). */
export interface CancellationReason {
  Code?: string;
  /** Raw attribute values of the item as it was, when asked for with ReturnValuesOnConditionCheckFailure. */
  Item?: Record<string, { S?: string; N?: string }>;
}

export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  const candidate = error as { name?: string; CancellationReasons?: CancellationReason[] };
  return candidate.name === 'TransactionCanceledException'
    ? (candidate.CancellationReasons ?? [])
    : undefined;
}

export const isConditionFailure = (reason: CancellationReason | undefined): boolean =>
  reason?.Code === 'ConditionalCheckFailed';

/** A single conditional write (PutItem, UpdateItem, DeleteItem) whose condition did not hold. */
export const isConditionalCheckFailed = (error: unknown): boolean =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * TransactWriteItems, retried when another transaction held one of the items at the same moment
 * (TransactionConflict); the retry re-checks every condition, so a lost race then fails its condition.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A Put that creates the item, or replaces the version read (`currentVersion`): conditional, so a write made
 * in between fails instead of being overwritten, and the failure returns the item as it is now.
 */
export const versionedPut = (
  tableName: string,
  item: Record<string, unknown>,
  currentVersion: number | undefined,
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: item,
    ...(currentVersion === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': currentVersion },
        }),
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

export async function transactWrite(
  db: DynamoDBDocumentClient,
  items: TransactItem[],
  attempts = 5,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const reasons = cancellationReasons(error);
      const conflicted = reasons?.some((reason) => reason.Code === 'TransactionConflict') ?? false;
      const conditionFailed = reasons?.some(isConditionFailure) ?? false;
      if (!conflicted || conditionFailed || attempt >= attempts) throw error;
      await sleep(10 * 2 ** attempt * Math.random());
    }
  }
}

/** What a bulk create did with one record: written, or refused because one of its items already existed. */
export type CreateOutcome =
  | { created: true }
  | {
      created: false;
      /** Each of the record's items as stored before (raw attribute values), where its condition failed. */
      existing: (CancellationReason['Item'] | undefined)[];
    };

/** TransactWriteItems takes at most 100 actions. */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * Writes many records, each a few items that must all be new (every Put carries `attribute_not_exists(pk)`,
 * so nothing stored is ever overwritten): records go in groups of one transaction each, `concurrency` groups at
 * a time. A group whose transaction is cancelled because some records exist writes the others again without
 * them; those come back with what was stored (ReturnValuesOnConditionCheckFailure). A record's items are
 * always written together or not at all. Every group settles before an error is reported.
 */
export async function createEach(
  db: DynamoDBDocumentClient,
  records: TransactItem[][],
  concurrency = 8,
): Promise<CreateOutcome[]> {
  const outcomes: CreateOutcome[] = new Array(records.length);
  const size = Math.max(1, ...records.map((items) => items.length));
  const perGroup = Math.max(1, Math.floor(MAX_TRANSACTION_ITEMS / size));
  const groups: number[][] = [];
  for (let i = 0; i < records.length; i += perGroup)
    groups.push(Array.from({ length: Math.min(perGroup, records.length - i) }, (_, j) => i + j));

  const writeGroup = async (group: number[]) => {
    let pending = group;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const items = pending.flatMap((index) => records[index] ?? []);
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        for (const index of pending) outcomes[index] = { created: true };
        return;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        let offset = 0;
        const retry: number[] = [];
        for (const index of pending) {
          const own = reasons.slice(offset, offset + (records[index]?.length ?? 0));
          offset += own.length;
          if (own.some(isConditionFailure))
            outcomes[index] = {
              created: false,
              existing: own.map((reason) => (isConditionFailure(reason) ? reason.Item : undefined)),
            };
          else retry.push(index);
        }
        const unexpected = reasons.find(
          (reason) => !['None', 'ConditionalCheckFailed', 'TransactionConflict'].includes(reason.Code ?? ''),
        );
        if (unexpected) throw error;
        // Only conflicts with other transactions (no record refused): back off before writing again.
        if (retry.length === pending.length) {
          if (attempt >= 8) throw error;
          await sleep(10 * 2 ** attempt * Math.random());
        }
        pending = retry;
      }
    }
  };

  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < groups.length)
      await writeGroup(groups[next++] ?? []).catch((error: unknown) => {
        failed = true;
        throw error;
      });
  };
  const results = await Promise.allSettled(
    Array.from({ length: Math.min(concurrency, groups.length) }, worker),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  return outcomes;
}

/** Network failures that mean the database did not answer at all. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** Answers that mean the database is there but cannot serve now (after the SDK's own retries). */
const UNAVAILABLE = new Set([
  'AbortError',
  'TimeoutError',
  'ServiceUnavailable',
  'InternalServerError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

/** Whether an error from the DynamoDB client means "the database is unavailable now", not a bug or bad data. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: string; name?: string };
  return (code !== undefined && UNREACHABLE.has(code)) || (name !== undefined && UNAVAILABLE.has(name));
}

/** Reads one key that never exists: answers when the database does, within `timeoutMs`. */
export async function checkDatabase(
  db: DynamoDBDocumentClient,
  tableName: string,
  timeoutMs = 2000,
): Promise<void> {
  await db.send(new GetCommand({ TableName: tableName, Key: { pk: 'HEALTH', sk: 'HEALTH' } }), {
    abortSignal: AbortSignal.timeout(timeoutMs),
  });
}
