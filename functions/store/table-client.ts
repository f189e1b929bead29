// The one DynamoDB document client setup: undefined optional fields are dropped, never stored as NULL.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * TransactWriteItems, retried when another transaction held one of the items at the same moment
 * (TransactionConflict); the retry re-checks every condition, so a lost race then fails its condition.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

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

/** Writes items 25 at a time, `concurrency` batches in flight, retrying unprocessed items with backoff. */
export async function batchPut(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
  concurrency = 8,
): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] ?? [];
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= 10)
          throw new Error(`DynamoDB left ${pending.length} items unwritten after 10 attempts`);
        if (attempt > 0) await sleep(25 * 2 ** attempt * Math.random());
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
}
