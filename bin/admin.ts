// `npm run -s admin -- <command> [--table NAME] [--endpoint URL | --local]`: maintenance on an authority's table,
// straight to DynamoDB (an operator's AWS credentials for a deployed stack; DynamoDB Local otherwise).
//   rebuild-projection  builds the placement projection afresh from the placement records
//   check-projection    compares the projection with a recount from the records; exit 1 when they differ
// Deployed: `AWS_REGION=eu-west-2 npm run -s admin -- rebuild-projection --table <TableName output>`.
// Local: `--endpoint <the DynamoDB Local address npm start prints>` while it runs, or `--local` when it does not.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Placement } from '../domain/placement';
import { DynamoPlacementStore } from '../functions/store/placements';
import { createDocumentClient } from '../functions/store/table-client';
import { type DynamoDbLocal, localDynamoDbClient, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { LOCAL_TABLE_NAME } from '../infra/local/tables';
import { runCli, UsageError } from './api-client';

const COMMANDS = ['rebuild-projection', 'check-projection'] as const;
const USAGE = `usage: npm run -s admin -- ${COMMANDS.join('|')} [--table NAME] [--endpoint URL | --local]`;

/** Ids whose records differ between the projection and the recount (missing on one side, or not equal). */
function projectionDifferences(projection: Placement[], records: Placement[]): string[] {
  const projected = new Map(projection.map((p) => [p.id, JSON.stringify(p, Object.keys(p).sort())]));
  const differences = new Set<string>();
  for (const p of records)
    if (projected.get(p.id) !== JSON.stringify(p, Object.keys(p).sort())) differences.add(p.id);
  const recorded = new Set(records.map((p) => p.id));
  for (const id of projected.keys()) if (!recorded.has(id)) differences.add(id);
  return [...differences].sort();
}

await runCli(async () => {
  let parsed: { values: { table?: string; endpoint?: string; local?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { table: { type: 'string' }, endpoint: { type: 'string' }, local: { type: 'boolean' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (positionals.length !== 1 || !COMMANDS.includes(command as (typeof COMMANDS)[number]))
    throw new UsageError(command ? `unknown command ${command}` : 'give a command');
  if (values.local && values.endpoint) throw new UsageError('give --endpoint or --local, not both');

  let database: DynamoDbLocal | undefined;
  if (values.local)
    database = await startDynamoDbLocal({
      dbPath: join(resolve(process.env.DATA_DIR ?? '.data'), 'dynamodb'),
    });
  const endpoint = database?.endpoint ?? values.endpoint;
  const client = endpoint ? localDynamoDbClient(endpoint) : new DynamoDBClient({});
  const tableName = values.table ?? (endpoint ? LOCAL_TABLE_NAME : undefined);
  if (!tableName) throw new UsageError('--table is needed for a deployed stack (its TableName output)');
  try {
    // The placement store alone: the others, and the schemas they build, are not loaded.
    const store = new DynamoPlacementStore(createDocumentClient(client), tableName);
    if (command === 'rebuild-projection') {
      const started = performance.now();
      const built = await store.projection.rebuild();
      if (!built) throw new Error('another rebuild committed first: run the command again to check it');
      console.log(
        `Rebuilt the placement projection of ${tableName}: ${built.records} placements in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
      return;
    }
    const [projection, records] = await Promise.all([store.all(), store.records()]);
    const differences = projectionDifferences(projection, records);
    if (differences.length === 0) {
      console.log(`The placement projection of ${tableName} equals a recount: ${records.length} placements.`);
      return;
    }
    console.log(
      `The placement projection of ${tableName} differs from a recount for ${differences.length} placement(s): ` +
        `${differences.slice(0, 20).join(', ')}${differences.length > 20 ? ', …' : ''}\n` +
        'Run `npm run -s admin -- rebuild-projection` with the same options to rebuild it.',
    );
    process.exitCode = 1;
  } finally {
    client.destroy();
    await database?.stop();
  }
}, USAGE);
