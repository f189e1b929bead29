// The prebuilt demo database: it holds exactly what loading the demo writes, a first start into an empty data
// folder restores it (and writes today's budgets), and one that no longer matches the code is set aside for a
// live load.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { financialYearLabel, financialYearStartOf } from '../../domain/dates';
import { generateDemoAuthority } from '../../infra/local/demo/generate';
import {
  checkDemoSnapshot,
  demoLoadFingerprint,
  readSnapshotManifest,
  SNAPSHOT_DIR,
} from '../../infra/local/demo/snapshot';
import { LOCAL_TABLE_NAME, startLocal } from '../../infra/local/server';

const demo = generateDemoAuthority();
const folders: string[] = [];
const tempFolder = async (name: string) => {
  const folder = await mkdtemp(join(tmpdir(), name));
  folders.push(folder);
  return folder;
};
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('the prebuilt demo database', () => {
  it('holds exactly what loading the demo writes with this code', async () => {
    const manifest = readSnapshotManifest();
    expect(manifest, 'no snapshot: run `npm run demo:snapshot`').toBeDefined();
    const current = await demoLoadFingerprint(demo, LOCAL_TABLE_NAME);
    expect(
      current.fingerprint,
      'the demo snapshot is out of date (table, stored items, generator or DynamoDB Local changed): run `npm run demo:snapshot` and commit infra/local/demo/snapshot/',
    ).toBe(manifest?.fingerprint);
    expect(manifest).toMatchObject({
      items: current.items,
      placements: demo.placements.length,
      provisions: demo.provisions.length,
    });
  }, 60_000);

  it('is told apart from a demo that differs by one record', async () => {
    const manifest = readSnapshotManifest();
    if (!manifest) throw new Error('no snapshot');
    const changed = { ...demo, placements: demo.placements.slice(1) };
    expect(await checkDemoSnapshot(manifest, changed, LOCAL_TABLE_NAME)).toMatchObject({ matches: false });
  }, 60_000);

  it('is restored by a first start into an empty data folder, with budgets as at today', async () => {
    const lines: string[] = [];
    const runtime = await startLocal({
      dataDir: await tempFolder('send-snapshot-'),
      port: 0,
      log: (line) => lines.push(line),
      configureApp: () => {},
    });
    try {
      expect(lines.join('\n')).toMatch(
        /^Loaded the demo authority Demo Borough \(4,272 placements, 11 provisions\) from its prebuilt snapshot in [\d.]+ s\.$/m,
      );
      expect((await runtime.deps.placements.all()).length).toBe(demo.placements.length);
      const sample = demo.placements[1234];
      if (!sample) throw new Error('no sample');
      expect(await runtime.deps.placements.get(sample.id)).toEqual(sample);
      const history = await runtime.deps.placements.history(sample.id);
      expect(history).toEqual([
        expect.objectContaining({
          action: 'create',
          by: { userId: 'demo-generator', name: 'demo-generator' },
        }),
      ]);
      const thisYear = financialYearLabel(
        financialYearStartOf(runtime.deps.now().toISOString().slice(0, 10)),
      );
      expect((await runtime.deps.budgets.get(thisYear))?.createdBy).toBe('demo-generator');
    } finally {
      await runtime.stop();
    }
  }, 180_000);

  it('that no longer matches the code is set aside, and the demo loads live', async () => {
    const staleSnapshot = await tempFolder('send-stale-snapshot-');
    const manifest = readSnapshotManifest();
    await copyFile(join(SNAPSHOT_DIR, 'demo-authority.db.br'), join(staleSnapshot, 'demo-authority.db.br'));
    await writeFile(
      join(staleSnapshot, 'manifest.json'),
      JSON.stringify({ ...manifest, fingerprint: 'written by an older version of the code' }),
    );
    const small = { ...demo, placements: demo.placements.filter((p) => !p.provisionId).slice(0, 40) };
    const lines: string[] = [];
    const runtime = await startLocal({
      dataDir: await tempFolder('send-snapshot-stale-'),
      port: 0,
      demo: () => small,
      demoSnapshot: { directory: staleSnapshot },
      log: (line) => lines.push(line),
      configureApp: () => {},
    });
    try {
      expect(lines[0]).toBe(
        'Loading the demo live: the prebuilt snapshot does not match this code (rebuild it with `npm run demo:snapshot`).',
      );
      expect(lines).toContain(
        'Loading the demo authority Demo Borough: 40 placements and 11 provisions, 51 records…',
      );
      expect(lines.at(-2)).toBe('  51 of 51 records (100%)');
      expect((await runtime.deps.placements.all()).length).toBe(40);
    } finally {
      await runtime.stop();
    }
    expect(JSON.parse(await readFile(join(staleSnapshot, 'manifest.json'), 'utf8')).fingerprint).not.toBe(
      manifest?.fingerprint,
    );
  }, 180_000);
});
