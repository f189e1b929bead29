// Scenarios and projection results in the single table.
//   Scenario:   pk `SCENARIO#<id>`, sk `SCENARIO`, entityType `scenario` (listed through byType).
//   Projection: pk `PROJECTION#<id>`, sk `PROJECTION`, entityType `projection`; the ProjectionOutput is
//               stored gzip-compressed and base64-encoded (a 1,000-draw run by setting and need is far
//               below DynamoDB's 400 KB item limit once compressed), split into `CHUNK#<n>` items under
//               the same pk when even the compressed text would pass CHUNK_CHARS.
// Each create writes its audit entry in the same transaction.
import { gunzipSync, gzipSync } from 'node:zlib';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ProjectionOutput } from '../../model/output';
import type { Scenario } from '../../model/scenario';
import type { StoredProjection, StoredScenario } from '../api/schemas';
import { auditPut, diff, entityKey } from './audit';
import type { WriteContext } from './ports';
import { getItem, queryByType, transactWrite } from './table-client';

const SCENARIO = 'scenario';
const PROJECTION = 'projection';
const SCENARIO_SK = 'SCENARIO';
const PROJECTION_SK = 'PROJECTION';
const CHUNK_PREFIX = 'CHUNK#';
/** Characters of base64 per item: well under 400 KB with the keys and attributes beside it. */
export const CHUNK_CHARS = 350_000;
/** TransactWriteItems takes 100 items: the record, its audit entry and at most 98 chunks (~34 MB). */
const MAX_CHUNKS = 98;

// Their shapes are the API's (functions/api/schemas.ts): what is stored is what GET answers.
export type { StoredProjection, StoredScenario };

export interface ProjectionStore {
  createScenario(id: string, scenario: Scenario, context: WriteContext): Promise<StoredScenario>;
  getScenario(id: string): Promise<StoredScenario | undefined>;
  listScenarios(): Promise<StoredScenario[]>;
  createProjection(projection: StoredProjection, context: WriteContext): Promise<void>;
  getProjection(id: string): Promise<StoredProjection | undefined>;
}

export const encodeOutput = (output: ProjectionOutput): string =>
  gzipSync(JSON.stringify(output), { level: 6 }).toString('base64');
export const decodeOutput = (encoded: string): ProjectionOutput =>
  JSON.parse(gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8')) as ProjectionOutput;

function chunks(text: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK_CHARS) parts.push(text.slice(i, i + CHUNK_CHARS));
  return parts.length > 0 ? parts : [''];
}

const chunkSortKey = (index: number) => `${CHUNK_PREFIX}${String(index).padStart(4, '0')}`;

export class DynamoProjectionStore implements ProjectionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createScenario(id: string, scenario: Scenario, context: WriteContext): Promise<StoredScenario> {
    const at = context.now.toISOString();
    const record: StoredScenario = {
      id,
      scenario,
      version: 1,
      createdAt: at,
      updatedAt: at,
      createdBy: context.actor.name,
      updatedBy: context.actor.name,
    };
    await transactWrite(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...record, pk: entityKey(SCENARIO, id), sk: SCENARIO_SK, entityType: SCENARIO },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut(this.tableName, {
        entityType: SCENARIO,
        entityId: id,
        version: 1,
        action: 'create',
        at,
        by: context.actor,
        changes: diff({}, { scenario }),
      }),
    ]);
    return record;
  }

  async getScenario(id: string): Promise<StoredScenario | undefined> {
    const Item = await getItem(this.db, this.tableName, { pk: entityKey(SCENARIO, id), sk: SCENARIO_SK });
    return Item ? scenarioFromItem(Item) : undefined;
  }

  async listScenarios(): Promise<StoredScenario[]> {
    return (await queryByType(this.db, this.tableName, SCENARIO, true)).map(scenarioFromItem);
  }

  async createProjection(projection: StoredProjection, context: WriteContext): Promise<void> {
    const { output, ...meta } = projection;
    const parts = chunks(encodeOutput(output));
    if (parts.length > MAX_CHUNKS)
      throw new Error(`projection ${projection.id} is too large to store (${parts.length} chunks)`);
    const pk = entityKey(PROJECTION, projection.id);
    const inline = parts.length === 1;
    await transactWrite(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...meta,
            pk,
            sk: PROJECTION_SK,
            entityType: PROJECTION,
            updatedAt: projection.createdAt,
            outputEncoding: 'gzip+base64',
            outputChunks: parts.length,
            ...(inline ? { output: parts[0] } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...(inline
        ? []
        : parts.map((data, index) => ({
            Put: { TableName: this.tableName, Item: { pk, sk: chunkSortKey(index), data } },
          }))),
      auditPut(this.tableName, {
        entityType: PROJECTION,
        entityId: projection.id,
        version: 1,
        action: 'create',
        at: context.now.toISOString(),
        by: context.actor,
        changes: diff({}, { request: projection.request }),
      }),
    ]);
  }

  async getProjection(id: string): Promise<StoredProjection | undefined> {
    const pk = entityKey(PROJECTION, id);
    const Item = await getItem(this.db, this.tableName, { pk, sk: PROJECTION_SK });
    if (!Item) return undefined;
    const encoded = typeof Item.output === 'string' ? Item.output : await this.readChunks(pk);
    return {
      id: Item.id as string,
      request: Item.request as StoredProjection['request'],
      censusYears: Item.censusYears as number[],
      createdAt: Item.createdAt as string,
      createdBy: Item.createdBy as string,
      output: decodeOutput(encoded),
    };
  }

  private async readChunks(pk: string): Promise<string> {
    const parts: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :chunk)',
          ExpressionAttributeValues: { ':pk': pk, ':chunk': CHUNK_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      parts.push(...(result.Items ?? []).map((item) => item.data as string));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return parts.join('');
  }
}

function scenarioFromItem(item: Record<string, unknown>): StoredScenario {
  const { pk: _pk, sk: _sk, entityType: _type, ...record } = item;
  return record as unknown as StoredScenario;
}
