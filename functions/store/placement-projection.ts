// The placement projection: every placement, current, in a compact form that a read gets in a few item reads
// instead of one item per record (docs/architecture.md, "Reads at scale"). Items, all in two partitions:
// - head    pk `PROJECTION#placement`, sk `HEAD`: which build is current (buildId, chunk count, record count);
// - chunks  pk `PROJECTION#placement`, sk `CHUNK#<buildId>#<n>`: the build's records, encoded (placement-codec);
// - changes pk `PROJECTION#placement#changes`, sk `<ISO time>#<uuid>`: the records one write stored, encoded.
// Every write appends a change item: in the same transaction as a create, an edit or an end, after the records for
// a bulk write (a bulk write cut short is written again by its resumed import, change included). A change is a
// new item, so concurrent writes never contend for it. A read takes the current build (kept decoded in memory
// between requests while it stays current) and lays every change over it, the highest version of each record
// winning. When the changes hold more than `compactAfter` records, the reader folds them into a new build,
// commits it by a conditional write of the head, and deletes exactly the changes it folded: a change committed
// meanwhile is not among them and stays. A reader that finds the head moved while it read starts again.
import { randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Placement } from '../../domain/placement';
import { CODEC_VERSION, decodePlacements, encodePlacements } from './placement-codec';
import { getItem, isConditionalCheckFailed, queryAll } from './table-client';

export const PROJECTION_PK = 'PROJECTION#placement';
export const CHANGES_PK = 'PROJECTION#placement#changes';
const HEAD_SK = 'HEAD';
const CHUNK_PREFIX = 'CHUNK#';
/** Bytes of encoded records per item: DynamoDB's item limit is 400 KB. */
const CHUNK_BYTES = 350_000;
/** Records per change item: a bulk write of more is several change items. */
const RECORDS_PER_CHANGE = 2_000;
/** Changed records a read lays over the build before it folds them into a new one. */
export const COMPACT_AFTER = 2_000;
const ATTEMPTS = 5;

interface Head {
  buildId: string;
  chunks: number;
  records: number;
  codec: number;
  builtAt: string;
  /** The build before this one: its chunks are kept for readers still on it, and deleted at the next build. */
  previous?: { buildId: string; chunks: number };
}

interface Change {
  sk: string;
  records: Placement[];
}

const chunkSk = (buildId: string, n: number) => `${CHUNK_PREFIX}${buildId}#${String(n).padStart(5, '0')}`;

/** Whether `candidate` is a later state of a record than `current`: a higher version, or the later write of it. */
const supersedes = (candidate: Placement, current: Placement | undefined) =>
  current === undefined || candidate.version >= current.version;

export interface ProjectionOptions {
  /** Reads every stored placement record, for a rebuild. */
  readRecords: () => Promise<Placement[]>;
  compactAfter?: number;
}

export class PlacementProjection {
  /** The decoded current build, kept between requests: a warm function reads only the head and the changes. */
  private cached: { buildId: string; records: Map<string, Placement> } | undefined;
  /** The last answer and the state it was for: the same state gives the same (frozen) array, so work derived
   * from it can be kept per array (e.g. the outturn's model run, functions/finance/expected-starts.ts). */
  private answer: { state: string; placements: Placement[] } | undefined;
  private readonly compactAfter: number;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: ProjectionOptions,
  ) {
    this.compactAfter = options.compactAfter ?? COMPACT_AFTER;
  }

  /** The change items for records a write stores: one per RECORDS_PER_CHANGE records. */
  changeItems(records: readonly Placement[]): Record<string, unknown>[] {
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < records.length; i += RECORDS_PER_CHANGE)
      items.push({
        pk: CHANGES_PK,
        sk: `${new Date().toISOString()}#${randomUUID()}`,
        data: encodePlacements(records.slice(i, i + RECORDS_PER_CHANGE)),
      });
    return items;
  }

  /** Appends change items for records already written (bulk writes). */
  async recordChanges(records: readonly Placement[]): Promise<void> {
    if (records.length === 0) return;
    await Promise.all(
      this.changeItems(records).map((Item) =>
        this.db.send(new PutCommand({ TableName: this.tableName, Item })),
      ),
    );
  }

  /**
   * Every placement, current; the array is shared by every read of the same state and must not be changed.
   * One read at a time per process: callers that arrive while a read runs share the next one, which starts
   * after it (so it sees every write they finished before asking). Without this, readers arriving together
   * under a stream of writes each folded the changes at once, moving the head under one another until they
   * gave up (under 150 creates/s, 90 of the 32 clients' lists failed).
   */
  all(): Promise<Placement[]> {
    if (this.queued) return this.queued;
    const next: Promise<Placement[]> = this.running
      .catch(() => undefined)
      .then(() => {
        if (this.queued === next) this.queued = undefined;
        return this.read();
      });
    this.queued = next;
    this.running = next;
    return next;
  }

  private queued: Promise<Placement[]> | undefined;
  private running: Promise<unknown> = Promise.resolve();

  private async read(): Promise<Placement[]> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const head = await this.head();
      if (head === undefined || head.codec !== CODEC_VERSION) {
        await this.rebuildOver(head);
        continue;
      }
      const base = await this.build(head);
      if (base === undefined) continue; // superseded and deleted while we read it
      const changes = await this.changes();
      // The head must not have moved while the changes were read: a new build deletes the changes it folded.
      if ((await this.head())?.buildId !== head.buildId) continue;
      const changed = changes.reduce((sum, change) => sum + change.records.length, 0);
      if (changed > this.compactAfter) {
        await this.compact(head, base, changes);
        continue;
      }
      const state = [head.buildId, ...changes.map((change) => change.sk)].join('|');
      if (this.answer?.state !== state)
        this.answer = {
          state,
          placements: Object.freeze([...overlay(base, changes).values()]) as Placement[],
        };
      return this.answer.placements;
    }
    throw new Error(`the placement projection kept changing during ${ATTEMPTS} attempts to read it`);
  }

  /** Whether this table's projection is known to exist: once made, a head is replaced, never deleted. */
  private headKnown = false;

  /**
   * Makes the projection if the table has none yet (a new authority's table, before its first read), ahead of
   * a bulk load such as an import: the load's changes are then folded by its `settle`, in seconds. Without it
   * the changes have no build to fold into, and the first reader after a 50,000-row import rebuilt the
   * projection from every record (37 s, past API Gateway's 29 s). On a new table that first build is of
   * nothing, so it costs a few writes.
   */
  async ensure(): Promise<void> {
    if (this.headKnown) return;
    if ((await this.head()) === undefined) await this.all();
    this.headKnown = true;
  }

  /**
   * Folds the changes into a new build when they hold more than `compactAfter` records, as the next read would:
   * the last step of a bulk write, so that its writer pays for the fold rather than its first reader. A table
   * without a projection yet gets one on its first read, as always.
   */
  async settle(): Promise<void> {
    if ((await this.head()) === undefined) return;
    const changed = (await this.changes()).reduce((sum, change) => sum + change.records.length, 0);
    if (changed > this.compactAfter) await this.all();
  }

  /**
   * Builds the projection afresh from the stored records (the admin command `rebuild-projection`, and a first
   * read of a table that has none): changes already on record are folded and deleted, later ones stay.
   */
  async rebuild(): Promise<{ records: number; buildId: string } | undefined> {
    return this.rebuildOver(await this.head());
  }

  private async rebuildOver(expected: Head | undefined) {
    const changes = await this.changes();
    const records = new Map((await this.options.readRecords()).map((p) => [p.id, p]));
    // Records read after the changes are at least as new as them; the changes are folded for completeness.
    return this.commit(expected, overlay(records, changes), changes);
  }

  /** Folds the changes into a new build. */
  private async compact(head: Head, base: Map<string, Placement>, changes: Change[]) {
    await this.commit(head, overlay(base, changes), changes);
  }

  /**
   * Writes `records` as a new build and makes it current if the head is still `expected`; then deletes the
   * folded changes and the build before the previous one. Returns undefined when another build won.
   */
  private async commit(
    expected: Head | undefined,
    records: Map<string, Placement>,
    folded: Change[],
  ): Promise<{ records: number; buildId: string } | undefined> {
    const buildId = randomUUID();
    const bytes = encodePlacements(records.values());
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < bytes.length || chunks.length === 0; offset += CHUNK_BYTES)
      chunks.push(bytes.subarray(offset, offset + CHUNK_BYTES));
    await this.batchWrite(
      chunks.map((data, n) => ({
        PutRequest: { Item: { pk: PROJECTION_PK, sk: chunkSk(buildId, n), data } },
      })),
    );
    const head: Head = {
      buildId,
      chunks: chunks.length,
      records: records.size,
      codec: CODEC_VERSION,
      builtAt: new Date().toISOString(),
      ...(expected ? { previous: { buildId: expected.buildId, chunks: expected.chunks } } : {}),
    };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: PROJECTION_PK, sk: HEAD_SK, ...head },
          ...(expected
            ? {
                ConditionExpression: 'buildId = :expected',
                ExpressionAttributeValues: { ':expected': expected.buildId },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      await this.deleteChunks(buildId, chunks.length); // another reader's build won: ours is unused
      return undefined;
    }
    this.cached = { buildId, records };
    await this.batchWrite(
      folded.map((change) => ({ DeleteRequest: { Key: { pk: CHANGES_PK, sk: change.sk } } })),
    );
    if (expected?.previous) await this.deleteChunks(expected.previous.buildId, expected.previous.chunks);
    return { records: records.size, buildId };
  }

  private async head(): Promise<Head | undefined> {
    const item = await getItem(this.db, this.tableName, { pk: PROJECTION_PK, sk: HEAD_SK });
    return item as Head | undefined;
  }

  /** The build's records, decoded (from memory while it stays current); undefined if its chunks are gone. */
  private async build(head: Head): Promise<Map<string, Placement> | undefined> {
    if (this.cached?.buildId === head.buildId) return this.cached.records;
    const keys = Array.from({ length: head.chunks }, (_, n) => ({
      pk: PROJECTION_PK,
      sk: chunkSk(head.buildId, n),
    }));
    const items = await this.batchGet(keys);
    if (items.length !== head.chunks) return undefined;
    items.sort((a, b) => ((a.sk as string) < (b.sk as string) ? -1 : 1));
    const bytes = Buffer.concat(items.map((item) => item.data as Uint8Array));
    const records = new Map(decodePlacements(bytes).map((p) => [p.id, p]));
    this.cached = { buildId: head.buildId, records };
    return records;
  }

  private async changes(): Promise<Change[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': CHANGES_PK },
      ConsistentRead: true,
    });
    return items.map((item) => ({
      sk: item.sk as string,
      records: decodePlacements(item.data as Uint8Array),
    }));
  }

  private async deleteChunks(buildId: string, chunks: number) {
    await this.batchWrite(
      Array.from({ length: chunks }, (_, n) => ({
        DeleteRequest: { Key: { pk: PROJECTION_PK, sk: chunkSk(buildId, n) } },
      })),
    );
  }

  private async batchGet(keys: Record<string, string>[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    // Chunks are up to 350 KB: a BatchGetItem answers at most 16 MB, so 40 keys a call stays well inside it.
    const groups: Record<string, string>[][] = [];
    for (let i = 0; i < keys.length; i += 40) groups.push(keys.slice(i, i + 40));
    await Promise.all(
      groups.map(async (group) => {
        let pending: Record<string, unknown>[] | undefined = group;
        for (let attempt = 0; pending && pending.length > 0; attempt++) {
          if (attempt >= 10) throw new Error('DynamoDB left projection chunks unread after 10 attempts');
          if (attempt > 0) await sleep(25 * 2 ** attempt * Math.random());
          const result: BatchGetCommandOutput = await this.db.send(
            new BatchGetCommand({
              RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
            }),
          );
          found.push(...(result.Responses?.[this.tableName] ?? []));
          pending = result.UnprocessedKeys?.[this.tableName]?.Keys;
        }
      }),
    );
    return found;
  }

  private async batchWrite(requests: object[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let pending = requests.slice(i, i + 25);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= 10) throw new Error('DynamoDB left projection items unwritten after 10 attempts');
        if (attempt > 0) await sleep(25 * 2 ** attempt * Math.random());
        const result = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } }),
        );
        pending = (result.UnprocessedItems?.[this.tableName] ?? []) as object[];
      }
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The build with the changes laid over it (a new map: the cached build is never modified). */
function overlay(base: Map<string, Placement>, changes: Change[]): Map<string, Placement> {
  if (changes.length === 0) return base;
  const result = new Map(base);
  for (const change of changes)
    for (const record of change.records)
      if (supersedes(record, result.get(record.id))) result.set(record.id, record);
  return result;
}
