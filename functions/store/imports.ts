// Import jobs in the single table: item pk `IMPORT#<id>`, sk `JOB` (entityType `import` on the byType index),
// and a pointer pk `IMPORTFILE#<sha256>`, sk `JOB` naming the latest job of a file, so running the same file
// again finds its unfinished job. Progress moves only by a write conditional on the progress it started from.
// Both expire JOB_TTL_DAYS after the job last moved (`expiresAt`, the table's TTL attribute); DynamoDB deletes
// expired items lazily, and DynamoDB Local never does, so reads treat an expired job as gone.
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../api/errors';
import { type BatchOutcome, type ImportJob, type ImportStore, withBatch } from '../imports/job';
import { entityKey } from './audit';
import { getItem } from './table-client';

const ENTITY = 'import';
const JOB_SK = 'JOB';
const jobKey = (id: string) => ({ pk: entityKey(ENTITY, id), sk: JOB_SK });
const fileKey = (fingerprint: string) => ({ pk: `IMPORTFILE#${fingerprint}`, sk: JOB_SK });
/** The placements store's record key (functions/store/placements.ts): read here only to find existing ids. */
const placementKey = (id: string) => ({ pk: entityKey('placement', id), sk: 'PLACEMENT' });

/** How long a job (and its rejects) is kept after it last moved: long enough to resume, no longer. */
export const JOB_TTL_DAYS = 30;
const expiresAtOf = (at: string) => Math.floor(Date.parse(at) / 1000) + JOB_TTL_DAYS * 24 * 60 * 60;
const isExpired = (item: Record<string, unknown>, now: Date) =>
  typeof item.expiresAt === 'number' && item.expiresAt <= now.getTime() / 1000;

const toItem = (job: ImportJob) => ({
  ...jobKey(job.id),
  entityType: ENTITY,
  ...job,
  expiresAt: expiresAtOf(job.updatedAt),
});

function fromItem(item: Record<string, unknown>): ImportJob {
  const { pk: _pk, sk: _sk, entityType: _type, expiresAt: _expiresAt, ...job } = item;
  return job as unknown as ImportJob;
}

const isConditionFailure = (error: unknown) =>
  ['ConditionalCheckFailedException', 'TransactionCanceledException'].includes(
    (error as { name?: string }).name ?? '',
  );

export class DynamoImportStore implements ImportStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(job: ImportJob): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: toItem(job),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: { ...fileKey(job.fingerprint), jobId: job.id, expiresAt: expiresAtOf(job.updatedAt) },
            },
          },
        ],
      }),
    );
  }

  async get(id: string): Promise<ImportJob | undefined> {
    const Item = await getItem(this.db, this.tableName, jobKey(id));
    return Item && !isExpired(Item, this.now()) ? fromItem(Item) : undefined;
  }

  async findUnfinished(fingerprint: string): Promise<ImportJob | undefined> {
    const Item = await getItem(this.db, this.tableName, fileKey(fingerprint));
    const job = Item && !isExpired(Item, this.now()) ? await this.get(Item.jobId as string) : undefined;
    return job && job.status !== 'completed' ? job : undefined;
  }

  async recordBatch(job: ImportJob, to: number, outcome: BatchOutcome, now: Date): Promise<ImportJob> {
    return this.replace(job, { ...withBatch(job, to, outcome, now), status: 'running' });
  }

  async markInFlight(job: ImportJob, ids: string[], now: Date): Promise<ImportJob> {
    return this.replace(job, { ...job, status: 'running', inFlight: ids, updatedAt: now.toISOString() });
  }

  /** Writes `next` over `job` if no other run moved the job's progress meanwhile. */
  private async replace(job: ImportJob, next: ImportJob): Promise<ImportJob> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(next),
          ConditionExpression: 'progress = :from',
          ExpressionAttributeValues: { ':from': job.progress },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error))
        throw new ConflictError(`import ${job.id} moved on meanwhile: another run of it is in progress`);
      throw error;
    }
    return next;
  }

  async finish(id: string, status: 'completed' | 'failed', now: Date, error?: string): Promise<ImportJob> {
    const job = await this.get(id);
    if (!job) throw new NotFoundError('import', id);
    const { error: _previous, ...rest } = job;
    const next: ImportJob = {
      ...rest,
      status,
      updatedAt: now.toISOString(),
      ...(error !== undefined ? { error: error.slice(0, 500) } : {}),
    };
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: toItem(next),
        ConditionExpression: 'progress = :progress',
        ExpressionAttributeValues: { ':progress': job.progress },
      }),
    );
    return next;
  }

  async existingPlacements(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
    await Promise.all(
      chunks.map(async (chunk) => {
        let keys: Record<string, unknown>[] | undefined = chunk.map(placementKey);
        for (let attempt = 0; keys && keys.length > 0; attempt++) {
          if (attempt >= 10) throw new Error('DynamoDB left keys unread after 10 attempts');
          if (attempt > 0)
            await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt * Math.random()));
          const result: BatchGetCommandOutput = await this.db.send(
            new BatchGetCommand({
              RequestItems: {
                [this.tableName]: {
                  Keys: keys,
                  ProjectionExpression: 'id',
                  ConsistentRead: true,
                },
              },
            }),
          );
          for (const item of result.Responses?.[this.tableName] ?? []) found.add(item.id as string);
          keys = result.UnprocessedKeys?.[this.tableName]?.Keys;
        }
      }),
    );
    return found;
  }
}
