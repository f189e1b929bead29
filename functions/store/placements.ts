// Placements in the single table. Item: pk `PLACEMENT#<id>`, sk `PLACEMENT`, plus the index attributes
// entityType/updatedAt (byType), needStatus (byNeed), provisionId (byProvision, sparse) and oobStatus
// (outOfBorough, sparse), and lower-case copies of the child reference and provider name for searches in any
// case (childRefSearch, providerSearch). Audit entries share the partition (sk `AUDIT#<version>`); idempotency keys are
// items `IDEMPOTENCY#<key>` that expire after 24 hours. README.md documents the access patterns.
import { createHash, randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { FUNDERS } from '../../domain/codes';
import {
  type Costs,
  Placement,
  type PlacementEnd,
  type PlacementInput,
  type PlacementPatch,
} from '../../domain/placement';
import {
  applyPlacementPatch,
  type BuildResult,
  buildPlacement,
  endPlacement,
} from '../../domain/placement-build';
import { PROVIDER_URN } from '../../domain/placement-filter';
import { ConflictError, NotFoundError, ValidationError } from '../api/errors';
import { checkEach } from '../api/http';
import { auditPut, canonicalJson, diff, entityKey, fromAuditItem, isAuditItem } from './audit';
import { createWithAudit } from './bulk-create';
import {
  type CursorKeySource,
  type CursorState,
  decodeCursor,
  encodeCursor,
  processCursorKey,
} from './cursor';
import { PlacementProjection } from './placement-projection';
import type {
  AuditEntry,
  BulkCreateOutcome,
  Page,
  PlacementFilter,
  PlacementStore,
  WriteContext,
} from './ports';
import {
  cancellationReasons,
  getItem,
  isConditionFailure,
  queryByType,
  type TransactItem,
  transactWrite,
} from './table-client';

const ENTITY = 'placement';
const RECORD_SK = 'PLACEMENT';
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** Attributes that exist only for keys and indexes, never shown to API clients. */
const INTERNAL = [
  'pk',
  'sk',
  'entityType',
  'needStatus',
  'oobStatus',
  'childRefSearch',
  'providerSearch',
  'expiresAt',
] as const;
/** Fields a placement has beyond its create body. */
const STORED_ONLY = ['id', 'costHistory', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'];

/** Index status: a placement with an end date is filed as ended (see `statusCondition` for future ends). */
const indexStatus = (p: Placement) => (p.endDate === undefined ? 'active' : 'ended');

function toItem(placement: Placement): Record<string, unknown> {
  const status = indexStatus(placement);
  return {
    ...placement,
    pk: entityKey(ENTITY, placement.id),
    sk: RECORD_SK,
    entityType: ENTITY,
    needStatus: `${placement.primaryNeed}#${status}`,
    ...(placement.inBorough ? {} : { oobStatus: status }),
    childRefSearch: placement.childRef.toLowerCase(),
    ...(placement.providerName !== undefined ? { providerSearch: placement.providerName.toLowerCase() } : {}),
  };
}

/** DynamoDB does not keep the order of a map's keys: give costs back in the schema's funder order. */
const inFunderOrder = (costs: Costs): Costs => Object.fromEntries(FUNDERS.map((f) => [f, costs[f]])) as Costs;

function fromItem(item: Record<string, unknown>): Placement {
  const copy = { ...item };
  for (const attribute of INTERNAL) delete copy[attribute];
  const placement = copy as unknown as Placement;
  return {
    ...placement,
    costs: inFunderOrder(placement.costs),
    costHistory: placement.costHistory.map((period) => ({ ...period, costs: inFunderOrder(period.costs) })),
  };
}

/** What a create body would have been, for comparing a repeated create with the stored record. */
function createContent(value: object): string {
  const copy: Record<string, unknown> = { ...value };
  for (const field of STORED_ONLY) delete copy[field];
  return canonicalJson(copy);
}

const fingerprintOf = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

const staleVersion = (id: string, currentVersion: number) =>
  new ConflictError(
    `placement ${id} has changed since the version you sent: it is now at version ${currentVersion}`,
    {
      currentVersion,
    },
  );

const unwrap = (result: BuildResult): Placement => {
  if (!result.ok) throw new ValidationError(result.problems);
  return result.placement;
};

interface QueryPart {
  key: string;
  /** Lower bound on the index sort key (byType: changedSince). */
  from?: string;
}

interface QueryPlan {
  index: 'byType' | 'byNeed' | 'byProvision' | 'outOfBorough';
  partitionKey: string;
  sortKey: string;
  parts: QueryPart[];
  newestFirst: boolean;
  /** Filters not answered by the index key, applied as a FilterExpression. */
  rest: PlacementFilter;
}

/** Status parts of a `<prefix>active` / `<prefix>ended` index: placements ended in the future are still active. */
function statusParts(prefix: string, status: PlacementFilter['status']): QueryPart[] {
  if (status === 'ended') return [{ key: `${prefix}ended` }];
  return [{ key: `${prefix}active` }, { key: `${prefix}ended` }];
}

/** Picks the index from the most selective filter; everything else becomes a filter on that index. */
function planQuery(filter: PlacementFilter): QueryPlan {
  const { primaryNeed, provisionId, inBorough, changedSince, ...others } = filter;
  if (provisionId !== undefined)
    return {
      index: 'byProvision',
      partitionKey: 'provisionId',
      sortKey: 'startDate',
      parts: [{ key: provisionId }],
      newestFirst: true,
      rest: { ...others, primaryNeed, inBorough, changedSince },
    };
  if (primaryNeed !== undefined)
    return {
      index: 'byNeed',
      partitionKey: 'needStatus',
      sortKey: 'startDate',
      parts: statusParts(`${primaryNeed}#`, filter.status),
      newestFirst: true,
      rest: { ...others, inBorough, changedSince },
    };
  if (inBorough === false)
    return {
      index: 'outOfBorough',
      partitionKey: 'oobStatus',
      sortKey: 'startDate',
      parts: statusParts('', filter.status),
      newestFirst: true,
      rest: { ...others, changedSince },
    };
  // "Changed since" reads oldest change first, so a client can sync by resuming from its last updatedAt.
  return {
    index: 'byType',
    partitionKey: 'entityType',
    sortKey: 'updatedAt',
    parts: [{ key: ENTITY, ...(changedSince !== undefined ? { from: changedSince } : {}) }],
    newestFirst: changedSince === undefined,
    rest: { ...others, inBorough },
  };
}

interface Expression {
  conditions: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/** `status` compares endDate with today: it is exact even for end dates recorded in advance. */
function filterExpression(rest: PlacementFilter, today: string): Expression {
  const expression: Expression = { conditions: [], names: {}, values: {} };
  const equal = (field: string, value: unknown) => {
    expression.names[`#${field}`] = field;
    expression.values[`:${field}`] = value;
    expression.conditions.push(`#${field} = :${field}`);
  };
  if (rest.primaryNeed !== undefined) equal('primaryNeed', rest.primaryNeed);
  if (rest.setting !== undefined) equal('setting', rest.setting);
  if (rest.inBorough !== undefined) equal('inBorough', rest.inBorough);
  if (rest.lookedAfter !== undefined) equal('lookedAfter', rest.lookedAfter);
  if (rest.provisionId !== undefined) equal('provisionId', rest.provisionId);
  // Searches match the stored text as given or, for records written since the search copies exist, in any case.
  const search = (field: string, copy: string, test: 'begins_with' | 'contains', text: string) => {
    expression.names[`#${field}`] = field;
    expression.names[`#${copy}`] = copy;
    expression.values[`:${field}`] = text;
    expression.values[`:${copy}`] = text.toLowerCase();
    expression.conditions.push(`(${test}(#${field}, :${field}) OR ${test}(#${copy}, :${copy}))`);
  };
  if (rest.provider !== undefined) {
    if (PROVIDER_URN.test(rest.provider)) equal('providerUrn', rest.provider);
    else search('providerName', 'providerSearch', 'contains', rest.provider);
  }
  if (rest.childRef !== undefined) search('childRef', 'childRefSearch', 'begins_with', rest.childRef);
  if (rest.changedSince !== undefined) {
    expression.names['#updatedAt'] = 'updatedAt';
    expression.values[':changedSince'] = rest.changedSince;
    expression.conditions.push('#updatedAt >= :changedSince');
  }
  if (rest.status !== undefined) {
    expression.names['#endDate'] = 'endDate';
    expression.values[':today'] = today;
    expression.conditions.push(
      rest.status === 'active'
        ? '(attribute_not_exists(#endDate) OR #endDate >= :today)'
        : '#endDate < :today',
    );
  }
  return expression;
}

/**
 * A filtered list reads the projection, already in memory, and filters it there: an index answers a filter by
 * its key only for one value of one field, and any other filter (setting, looked after, provider, child, status)
 * makes it read far past one page — for a rare setting, every placement. Two lists stay on their index: all
 * placements newest change first and `changedSince` (a sync reads from its last change on, one page at a
 * time), and a provision's placements (a small partition of its own).
 */
const readsProjection = (filter: PlacementFilter, plan: QueryPlan) =>
  plan.index !== 'byProvision' &&
  filter.changedSince === undefined &&
  Object.values(filter).some((value) => value !== undefined);

/** filterExpression's test on one record, for lists read from the projection (searches in any case). */
function matchesFilter(filter: PlacementFilter, today: string): (p: Placement) => boolean {
  const provider = filter.provider;
  const providerUrn = provider !== undefined && PROVIDER_URN.test(provider) ? provider : undefined;
  const providerText = providerUrn === undefined ? provider?.toLowerCase() : undefined;
  const childRef = filter.childRef?.toLowerCase();
  return (p) =>
    (filter.primaryNeed === undefined || p.primaryNeed === filter.primaryNeed) &&
    (filter.setting === undefined || p.setting === filter.setting) &&
    (filter.inBorough === undefined || p.inBorough === filter.inBorough) &&
    (filter.lookedAfter === undefined || p.lookedAfter === filter.lookedAfter) &&
    (filter.provisionId === undefined || p.provisionId === filter.provisionId) &&
    (providerUrn === undefined || p.providerUrn === providerUrn) &&
    (providerText === undefined || (p.providerName?.toLowerCase().includes(providerText) ?? false)) &&
    (childRef === undefined || p.childRef.toLowerCase().startsWith(childRef)) &&
    (filter.changedSince === undefined || p.updatedAt >= filter.changedSince) &&
    (filter.status === undefined ||
      (filter.status === 'active'
        ? p.endDate === undefined || p.endDate >= today
        : p.endDate !== undefined && p.endDate < today));
}

const PROJECTION_INDEX = 'projection';

export class DynamoPlacementStore implements PlacementStore {
  /** Every placement in a few items: what summaries, spend, snapshots and exports read (placement-projection.ts). */
  readonly projection: PlacementProjection;
  private readonly cursorKey: CursorKeySource;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
    options: {
      compactAfter?: number;
      /** The key list cursors are signed with (functions/store/cursor.ts); default random bytes of this process. */
      cursorKey?: CursorKeySource;
    } = {},
  ) {
    const { cursorKey = processCursorKey(), ...projectionOptions } = options;
    this.cursorKey = cursorKey;
    this.projection = new PlacementProjection(db, tableName, {
      ...projectionOptions,
      readRecords: () => this.records(),
    });
  }

  /**
   * The TransactWriteItems of a create: the record, its audit entry, the idempotency key when given, and the
   * projection's change (public so the benchmark sends exactly this transaction straight to DynamoDB).
   */
  createTransaction(
    input: PlacementInput,
    context: WriteContext & { idempotencyKey?: string },
  ): { placement: Placement; fingerprint: string; writes: TransactItem[] } {
    const { actor, now, idempotencyKey } = context;
    const placement = buildPlacement(input, { id: input.id ?? randomUUID(), now, actor });
    const fingerprint = fingerprintOf(input);
    const writes: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: toItem(placement),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut(this.tableName, this.entry(placement, 'create', diff({}, placement), context)),
    ];
    if (idempotencyKey !== undefined) {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      writes.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...idempotencyItemKey(idempotencyKey),
            fingerprint,
            placement,
            expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
          },
          // An expired key (TTL deletes lazily) may be reused.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        },
      });
    }
    // Last, so the reasons for the record, its audit entry and the idempotency key keep their places.
    writes.push(this.changePut(placement));
    return { placement, fingerprint, writes };
  }

  async create(
    input: PlacementInput,
    context: WriteContext & { idempotencyKey?: string },
  ): Promise<{ placement: Placement; created: boolean }> {
    const { now, idempotencyKey } = context;
    const { placement, fingerprint, writes } = this.createTransaction(input, context);
    try {
      await transactWrite(this.db, writes);
      return { placement, created: true };
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (idempotencyKey !== undefined && isConditionFailure(reasons[2]))
        return this.replay(idempotencyKey, fingerprint, now);
      if (isConditionFailure(reasons[0])) return this.repeatedCreate(placement.id, input);
      throw error;
    }
  }

  /** A retry with an idempotency key already used: the first response if the body is the same. */
  private async replay(key: string, fingerprint: string, now: Date) {
    const Item = await getItem(this.db, this.tableName, idempotencyItemKey(key));
    if (!Item || (Item.expiresAt as number) < now.getTime() / 1000)
      throw new ConflictError('the Idempotency-Key was in use by a concurrent request; retry');
    if (Item.fingerprint !== fingerprint)
      throw new ConflictError('this Idempotency-Key was already used with a different request body', {
        field: 'Idempotency-Key',
      });
    return { placement: Item.placement as Placement, created: false };
  }

  /** A create with a client-given id that exists: the same content is a retry, different content a conflict. */
  private async repeatedCreate(id: string, input: PlacementInput) {
    const existing = await this.get(id);
    if (existing && createContent(existing) === createContent(input))
      return { placement: existing, created: false };
    throw new ConflictError(`placement ${id} already exists with different content`, {
      field: 'id',
      ...(existing ? { currentVersion: existing.version } : {}),
    });
  }

  async get(id: string): Promise<Placement | undefined> {
    const Item = await getItem(this.db, this.tableName, { pk: entityKey(ENTITY, id), sk: RECORD_SK });
    return Item ? fromItem(Item) : undefined;
  }

  private async current(id: string, expectedVersion: number | undefined): Promise<Placement> {
    const current = await this.get(id);
    if (!current) throw new NotFoundError('placement', id);
    if (expectedVersion !== undefined && current.version !== expectedVersion)
      throw staleVersion(id, current.version);
    return current;
  }

  async update(
    id: string,
    patch: PlacementPatch,
    context: WriteContext & { expectedVersion: number },
  ): Promise<Placement> {
    const current = await this.current(id, context.expectedVersion);
    const next = unwrap(applyPlacementPatch(current, patch, context));
    const changes = diff(current, next);
    if (changes.length === 0) return current; // nothing changed: no new version, no audit noise
    await this.commit(next, current.version, this.entry(next, 'update', changes, context));
    return next;
  }

  async end(
    id: string,
    end: PlacementEnd,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<Placement> {
    const current = await this.current(id, context.expectedVersion);
    if (current.endDate !== undefined)
      throw new ConflictError(`placement ${id} already ended on ${current.endDate}`, {
        currentVersion: current.version,
      });
    const next = unwrap(endPlacement(current, end, context));
    await this.commit(next, current.version, this.entry(next, 'end', diff(current, next), context));
    return next;
  }

  /** Writes the next version only if the stored one is still `expectedVersion`, with its audit entry. */
  private async commit(next: Placement, expectedVersion: number, entry: AuditEntry): Promise<void> {
    try {
      await transactWrite(this.db, [
        {
          Put: {
            TableName: this.tableName,
            Item: toItem(next),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        auditPut(this.tableName, entry),
        this.changePut(next),
      ]);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons || !isConditionFailure(reasons[0])) throw error;
      const stored = reasons[0]?.Item;
      if (!stored) throw new NotFoundError('placement', next.id);
      throw staleVersion(next.id, Number(stored.version?.N));
    }
  }

  private entry(
    placement: Placement,
    action: AuditEntry['action'],
    changes: AuditEntry['changes'],
    context: WriteContext,
  ): AuditEntry {
    return {
      entityType: ENTITY,
      entityId: placement.id,
      version: placement.version,
      action,
      at: context.now.toISOString(),
      by: context.actor,
      changes,
    };
  }

  async list(filter: PlacementFilter, page: { limit: number; cursor?: string }): Promise<Page<Placement>> {
    const plan = planQuery(filter);
    const filters = fingerprintOf(filter).slice(0, 16);
    const key = await this.cursorKey();
    if (readsProjection(filter, plan)) return this.listFromProjection(filter, plan, filters, page, key);
    const start: Partial<CursorState> =
      page.cursor !== undefined
        ? decodeCursor(page.cursor, { index: plan.index, filters }, key)
        : { part: 0 };
    const { conditions, names, values } = filterExpression(plan.rest, this.now().toISOString().slice(0, 10));
    const items: Placement[] = [];
    let part = start.part ?? 0;
    let lastKey: Record<string, string> | undefined = start.lastKey;
    let scanned = 0;
    let matched = 0;
    const cursorAt = (state: Omit<CursorState, 'index' | 'filters'>) =>
      encodeCursor({ index: plan.index, filters, ...state }, key);

    while (part < plan.parts.length) {
      const queryPart = plan.parts[part] as QueryPart;
      const remaining = page.limit - items.length;
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: plan.index,
          KeyConditionExpression: `#pk = :pk${queryPart.from !== undefined ? ' AND #sk >= :from' : ''}`,
          ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
          ExpressionAttributeNames: {
            ...names,
            '#pk': plan.partitionKey,
            ...(queryPart.from !== undefined ? { '#sk': plan.sortKey } : {}),
          },
          ExpressionAttributeValues: {
            ...values,
            ':pk': queryPart.key,
            ...(queryPart.from !== undefined ? { ':from': queryPart.from } : {}),
          },
          ScanIndexForward: !plan.newestFirst,
          ExclusiveStartKey: lastKey,
          // Read what is missing, scaled up by the share of items the filter has let through so far:
          // items read past the end of the page are read again for the next one.
          Limit: Math.min(1000, Math.ceil(remaining / Math.max(0.05, (matched + 1) / (scanned + 1)))),
        }),
      );
      const found = result.Items ?? [];
      scanned += result.ScannedCount ?? found.length;
      matched += found.length;
      if (found.length >= remaining) {
        // The page is full: resume after its last item, or at the next key range, or nowhere.
        const taken = found.slice(0, remaining);
        items.push(...taken.map(fromItem));
        const last = taken.at(-1) as Record<string, unknown>;
        if (found.length > remaining || result.LastEvaluatedKey !== undefined)
          return { items, cursor: cursorAt({ part, lastKey: indexKey(last, plan) }) };
        if (part + 1 < plan.parts.length) return { items, cursor: cursorAt({ part: part + 1 }) };
        return { items };
      }
      items.push(...found.map(fromItem));
      lastKey = result.LastEvaluatedKey as Record<string, string> | undefined;
      if (lastKey === undefined) part += 1;
    }
    return { items };
  }

  /** A page of the placements matching `filter` from the projection, in the order the plan's index gives. */
  private async listFromProjection(
    filter: PlacementFilter,
    plan: QueryPlan,
    filters: string,
    page: { limit: number; cursor?: string },
    key: Uint8Array,
  ): Promise<Page<Placement>> {
    const sortKey = plan.sortKey as 'updatedAt' | 'startDate';
    const direction = plan.newestFirst ? -1 : 1;
    const order = (a: { sort: string; id: string }, b: { sort: string; id: string }) =>
      direction * (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const position = (p: Placement) => ({ sort: p[sortKey], id: p.id });
    const matches = (await this.projection.all())
      .filter(matchesFilter(filter, this.now().toISOString().slice(0, 10)))
      .sort((a, b) => order(position(a), position(b)));
    let first = 0;
    if (page.cursor !== undefined) {
      const { lastKey } = decodeCursor(page.cursor, { index: PROJECTION_INDEX, filters }, key);
      const last = { sort: lastKey?.sort ?? '', id: lastKey?.id ?? '' };
      first = matches.findIndex((p) => order(position(p), last) > 0);
      if (first < 0) first = matches.length;
    }
    const items = matches.slice(first, first + page.limit);
    const last = items.at(-1);
    if (last === undefined || first + items.length >= matches.length) return { items };
    return {
      items,
      cursor: encodeCursor({ index: PROJECTION_INDEX, filters, part: 0, lastKey: position(last) }, key),
    };
  }

  /** The projection's change item for a record a transaction writes, in the same transaction. */
  private changePut(placement: Placement): TransactItem {
    const [Item] = this.projection.changeItems([placement]);
    return { Put: { TableName: this.tableName, Item: Item as Record<string, unknown> } };
  }

  async all(): Promise<Placement[]> {
    return this.projection.all();
  }

  async settle(): Promise<void> {
    await this.projection.settle();
  }

  async prepareBulkLoad(): Promise<void> {
    await this.projection.ensure();
  }

  /** Every placement read record by record from the table: what the projection is rebuilt from and checked against. */
  async records(): Promise<Placement[]> {
    return (await queryByType(this.db, this.tableName, ENTITY)).map(fromItem);
  }

  async history(id: string): Promise<AuditEntry[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': entityKey(ENTITY, id) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    if (!items.some((item) => item.sk === RECORD_SK)) throw new NotFoundError('placement', id);
    return items.filter(isAuditItem).map(fromAuditItem);
  }

  /**
   * Bulk create for demo seeding and imports (BulkCreate): every placement is validated first (nothing is
   * written if one is bad), then each is created with its 'create' audit entry, only where its id is new. An
   * import's audit entries name the job, so a resumed import can tell its own records.
   */
  async createMany(
    placements: Placement[],
    context: WriteContext & { importJob?: string },
  ): Promise<BulkCreateOutcome[]> {
    checkEach(Placement, placements);
    const { importJob } = context;
    const outcomes = await createWithAudit(this.db, this.tableName, placements, {
      record: toItem,
      entry: (placement) => ({
        ...this.entry(placement, 'create', diff({}, placement), context),
        ...(importJob !== undefined ? { importJob } : {}),
      }),
    });
    // The projection's change, after the records: those this call created, and those an earlier attempt of
    // the same import created and nobody changed since (that attempt may have stopped before its change).
    const byId = new Map(placements.map((placement) => [placement.id, placement]));
    await this.projection.recordChanges(
      outcomes
        .filter((o) => o.created || (importJob !== undefined && o.importJob === importJob && o.version === 1))
        .map((o) => byId.get(o.id) as Placement),
    );
    return outcomes;
  }

  /** Test and bench helper: the number of stored placements, counted on the byType index. */
  async count(): Promise<number> {
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byType',
          KeyConditionExpression: 'entityType = :type',
          ExpressionAttributeValues: { ':type': ENTITY },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      total += result.Count ?? 0;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return total;
  }
}

const idempotencyItemKey = (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' });

/** Exclusive start key for resuming after `item` on the plan's index: table keys plus index keys. */
function indexKey(item: Record<string, unknown>, plan: QueryPlan): Record<string, string> {
  return {
    pk: item.pk as string,
    sk: item.sk as string,
    [plan.partitionKey]: item[plan.partitionKey] as string,
    [plan.sortKey]: item[plan.sortKey] as string,
  };
}
