// `npm run demo:snapshot`: rebuilds the prebuilt demo database (`snapshot/`) that the first `npm start`
// restores. Run it after changing the table definition, what the stores write, or the demo generator; the
// snapshot test says when it is due. It loads the demo live into a fresh DynamoDB Local, exactly as a start
// without the snapshot would, then keeps the database file and the fingerprint of what was written.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStores } from '../../../functions/store';
import { localDynamoDbClient, startDynamoDbLocal } from '../dynamodb-local';
import { announceNodeSupport } from '../node-support';
import { startProgress } from '../progress';
import { LOCAL_TABLE_NAME } from '../server';
import { createTableIfMissing } from '../tables';
import { generateDemoAuthority } from './generate';
import { demoRecordCount, seedDemoRecords } from './seed';
import { DYNAMODB_LOCAL_FILE, demoLoadFingerprint, SNAPSHOT_DIR, writeDemoSnapshot } from './snapshot';

announceNodeSupport();
const started = performance.now();
const demo = generateDemoAuthority();
const directory = await mkdtemp(join(tmpdir(), 'send-demo-snapshot-'));
try {
  const database = await startDynamoDbLocal({ dbPath: directory });
  const client = localDynamoDbClient(database.endpoint);
  try {
    await createTableIfMissing(client, LOCAL_TABLE_NAME);
    console.log(`Loading ${demo.name} into a fresh DynamoDB Local…`);
    const progress = startProgress({ unit: 'records', total: demoRecordCount(demo), log: console.log });
    await seedDemoRecords(createStores({ client, tableName: LOCAL_TABLE_NAME }), demo, progress.update);
    progress.stop();
  } finally {
    client.destroy();
    await database.stop();
  }
  const manifest = await writeDemoSnapshot(join(directory, DYNAMODB_LOCAL_FILE), {
    ...(await demoLoadFingerprint(demo, LOCAL_TABLE_NAME)),
    tableName: LOCAL_TABLE_NAME,
    provisions: demo.provisions.length,
    placements: demo.placements.length,
  });
  console.log(
    `Wrote ${SNAPSHOT_DIR}: ${manifest.placements} placements, ${manifest.provisions} provisions, ` +
      `${manifest.items} items, in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
} finally {
  await rm(directory, { recursive: true, force: true });
}
