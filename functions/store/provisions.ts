// Provisions (local commissioned capacity) in the single table: pk `PROVISION#<id>`, sk `PROVISION`,
// listed through the byType index. Like placements, every change writes an audit entry in the same transaction.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Provision, type ProvisionInput, type ProvisionPatch } from '../../domain/provision';
import { ConflictError, NotFoundError, ValidationError } from '../api/errors';
import { checkEach } from '../api/http';
import { auditPut, canonicalJson, diff, entityKey } from './audit';
import { createWithAudit } from './bulk-create';
import type { AuditEntry, BulkCreateOutcome, ProvisionStore, WriteContext } from './ports';
import { cancellationReasons, getItem, isConditionFailure, queryByType, transactWrite } from './table-client';

const ENTITY = 'provision';
const RECORD_SK = 'PROVISION';
const STORED_ONLY = ['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'];

const toItem = (provision: Provision) => ({
  ...provision,
  pk: entityKey(ENTITY, provision.id),
  sk: RECORD_SK,
  entityType: ENTITY,
});

function fromItem(item: Record<string, unknown>): Provision {
  const { pk: _pk, sk: _sk, entityType: _type, ...provision } = item;
  return provision as unknown as Provision;
}

function createContent(value: object): string {
  const copy: Record<string, unknown> = { ...value };
  for (const field of STORED_ONLY) delete copy[field];
  return canonicalJson(copy);
}

const staleVersion = (id: string, currentVersion: number) =>
  new ConflictError(
    `provision ${id} has changed since the version you sent: it is now at version ${currentVersion}`,
    {
      currentVersion,
    },
  );

export class DynamoProvisionStore implements ProvisionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(input: ProvisionInput, context: WriteContext) {
    const { id = randomUUID(), ...fields } = input;
    const at = context.now.toISOString();
    const provision: Provision = {
      id,
      ...fields,
      version: 1,
      createdAt: at,
      updatedAt: at,
      createdBy: context.actor.name,
      updatedBy: context.actor.name,
    };
    try {
      await transactWrite(this.db, [
        {
          Put: {
            TableName: this.tableName,
            Item: toItem(provision),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        auditPut(this.tableName, this.entry(provision, 'create', diff({}, provision), context)),
      ]);
      return { provision, created: true };
    } catch (error) {
      if (!isConditionFailure(cancellationReasons(error)?.[0])) throw error;
      // The client-given id exists: the same content is a retried create, anything else a conflict.
      const existing = await this.get(id);
      if (existing && createContent(existing) === createContent(input))
        return { provision: existing, created: false };
      throw new ConflictError(`provision ${id} already exists with different content`, { field: 'id' });
    }
  }

  async get(id: string): Promise<Provision | undefined> {
    const Item = await getItem(this.db, this.tableName, { pk: entityKey(ENTITY, id), sk: RECORD_SK });
    return Item ? fromItem(Item) : undefined;
  }

  async update(
    id: string,
    patch: ProvisionPatch,
    context: WriteContext & { expectedVersion?: number },
  ): Promise<Provision> {
    const current = await this.get(id);
    if (!current) throw new NotFoundError('provision', id);
    if (context.expectedVersion !== undefined && current.version !== context.expectedVersion)
      throw staleVersion(id, current.version);
    const { version: _version, ...changes } = patch;
    const merged = { ...current, ...changes };
    const checked = Provision.safeParse(merged);
    if (!checked.success) throw ValidationError.fromZod(checked.error);
    const next: Provision = {
      ...merged,
      version: current.version + 1,
      updatedAt: context.now.toISOString(),
      updatedBy: context.actor.name,
    };
    const fieldChanges = diff(current, next);
    if (fieldChanges.length === 0) return current;
    try {
      await transactWrite(this.db, [
        {
          Put: {
            TableName: this.tableName,
            Item: toItem(next),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': current.version },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        auditPut(this.tableName, this.entry(next, 'update', fieldChanges, context)),
      ]);
    } catch (error) {
      const reason = cancellationReasons(error)?.[0];
      if (!isConditionFailure(reason)) throw error;
      if (!reason?.Item) throw new NotFoundError('provision', id);
      throw staleVersion(id, Number(reason.Item.version?.N));
    }
    return next;
  }

  async all(): Promise<Provision[]> {
    const provisions = (await queryByType(this.db, this.tableName, ENTITY)).map(fromItem);
    return provisions.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Bulk create for demo seeding (BulkCreate): all validated first, then created where new, each audited. */
  async createMany(provisions: Provision[], context: WriteContext): Promise<BulkCreateOutcome[]> {
    checkEach(Provision, provisions);
    return createWithAudit(this.db, this.tableName, provisions, {
      record: toItem,
      entry: (provision) => this.entry(provision, 'create', diff({}, provision), context),
    });
  }

  private entry(
    provision: Provision,
    action: AuditEntry['action'],
    changes: AuditEntry['changes'],
    context: WriteContext,
  ): AuditEntry {
    return {
      entityType: ENTITY,
      entityId: provision.id,
      version: provision.version,
      action,
      at: context.now.toISOString(),
      by: context.actor,
      changes,
    };
  }
}
