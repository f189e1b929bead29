// A crash mid-import (simulated by a store that fails part-way) and the re-run that resumes it; the
// 50,000-row file generated at run time by tests/bench/dataset.ts (no big file is committed); and the
// import's last step, folding its rows into the placement projection.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Placement } from '../../domain/placement';
import { API_ROUTES } from '../../functions/api/api-routes';
import { createApp } from '../../functions/api/app';
import type { AppDeps } from '../../functions/api/deps';
import { type ImportDeps, type ImportJob, newJob, runImport } from '../../functions/imports/job';
import { importFingerprint, parseImport } from '../../functions/imports/parse';
import { LOCAL_FILE_LIMITS } from '../../functions/imports/read';
import { createStores } from '../../functions/store';
import { CHANGES_PK, PROJECTION_PK } from '../../functions/store/placement-projection';
import { DynamoPlacementStore } from '../../functions/store/placements';
import type { WriteContext } from '../../functions/store/ports';
import { createDocumentClient, queryAll } from '../../functions/store/table-client';
import { importCsv } from '../bench/dataset';
import { freshTable } from '../helpers/table';

const actor = { userId: 'u-import', name: 'importer@example.gov.uk' };
const caseworker = { userId: 'u-case', name: 'casey@example.gov.uk', groups: ['caseworkers' as const] };

async function setup() {
  const table = await freshTable('imports');
  const deps = createStores({ client: table.client, tableName: table.tableName });
  return { deps, placements: deps.placements as DynamoPlacementStore };
}

/** A placements port that writes the first `crashAfterRows` rows it is given, then fails: a crash mid-batch. */
function crashingPlacements(real: AppDeps['placements'], crashAfterRows: number): ImportDeps['placements'] {
  let taken = 0;
  return {
    async createMany(records: Placement[], context: WriteContext & { importJob?: string }) {
      const allowed = Math.max(0, Math.min(records.length, crashAfterRows - taken));
      taken += records.length;
      if (allowed < records.length) {
        await real.createMany(records.slice(0, allowed), context);
        throw new Error('simulated crash: connection lost');
      }
      return real.createMany(records, context);
    },
    settle: () => real.settle(),
    prepareBulkLoad: () => real.prepareBulkLoad(),
  };
}

async function startJob(
  deps: AppDeps,
  bytes: Uint8Array,
): Promise<{ job: ImportJob; rows: Awaited<ReturnType<typeof parseImport>> }> {
  const files = [{ name: 'generated.csv', bytes }];
  const rows = await parseImport('placements', files, { limits: LOCAL_FILE_LIMITS });
  const fingerprint = importFingerprint('placements', files);
  const existing = await deps.imports.findUnfinished(fingerprint);
  if (existing) return { job: existing, rows };
  const job = newJob({
    id: crypto.randomUUID(),
    fingerprint,
    fileName: 'generated.csv',
    format: 'placements',
    totalRows: rows.valid.length,
    actor,
    now: new Date(),
  });
  await deps.imports.create(job);
  return { job, rows };
}

describe('crash then resume', () => {
  it('a crash half-way through the third batch leaves the job failed at two batches; the re-run completes it', {
    timeout: 120_000,
  }, async () => {
    const { deps, placements } = await setup();
    const bytes = importCsv(1_000);
    const { job, rows } = await startJob(deps, bytes);

    const crashing = { imports: deps.imports, placements: crashingPlacements(deps.placements, 450) };
    await expect(
      runImport(crashing, job, rows.valid, { now: () => new Date(), batchRows: 200 }),
    ).rejects.toThrow('simulated crash');
    const failed = await deps.imports.get(job.id);
    expect(failed).toMatchObject({
      status: 'failed',
      progress: 400,
      imported: 400,
      error: 'simulated crash: connection lost',
    });
    // Half of the third batch was written before the crash.
    expect(await placements.count()).toBe(450);

    // Running the same file again finds the failed job and resumes from its progress.
    const { job: resumed } = await startJob(deps, bytes);
    expect(resumed.id).toBe(job.id);
    const done = await runImport(deps, resumed, rows.valid, { now: () => new Date(), batchRows: 200 });
    expect(done).toMatchObject({
      status: 'completed',
      progress: 1_000,
      imported: 1_000,
      duplicates: 0,
      editedSince: 0,
      rejected: 0,
    });
    expect(await placements.count()).toBe(1_000);
    // Each placement has exactly its one 'create' audit entry, rewritten identically on resume.
    const sample = (await placements.all()).find((p) => p.childRef === 'G-450') as Placement;
    expect((await placements.history(sample.id)).map((entry) => entry.action)).toEqual(['create']);
  });
});

describe('a caseworker edits a row between the crash and the resume', () => {
  it('keeps the edit, its version and its history; counts the row as edited since; the record stays usable', {
    timeout: 120_000,
  }, async () => {
    const { deps, placements } = await setup();
    const bytes = importCsv(300);
    const { job, rows } = await startJob(deps, bytes);
    // The second batch (rows 100–199) is cut short after 30 of its rows.
    const crashing = { imports: deps.imports, placements: crashingPlacements(deps.placements, 130) };
    await expect(
      runImport(crashing, job, rows.valid, { now: () => new Date(), batchRows: 100 }),
    ).rejects.toThrow('simulated crash');
    expect(await deps.imports.get(job.id)).toMatchObject({ status: 'failed', progress: 100 });

    // Row G-110 was written by the batch that was cut short; a caseworker changes it through the API.
    const app = createApp({ deps, identity: () => caseworker, routes: API_ROUTES, logError: () => {} });
    const written = (await placements.all()).find((p) => p.childRef === 'G-110') as Placement;
    const patch = (version: string, body: unknown, path = `/placements/${written.id}`) =>
      app.request(path, {
        method: path.endsWith('/end') ? 'POST' : 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': `"${version}"` },
        body: JSON.stringify(body),
      });
    expect((await patch('1', { costs: { ...written.costs, transport: 4321 } })).status).toBe(200);

    const { job: resumed } = await startJob(deps, bytes);
    const done = await runImport(deps, resumed, rows.valid, { now: () => new Date(), batchRows: 100 });
    expect(done).toMatchObject({
      status: 'completed',
      progress: 300,
      imported: 299,
      duplicates: 0,
      editedSince: 1,
    });
    expect(await placements.count()).toBe(300);
    // The edit, its version and its history are as the caseworker left them.
    const after = (await placements.get(written.id)) as Placement;
    expect(after).toMatchObject({ version: 2, costs: { transport: 4321 } });
    const history = await placements.history(written.id);
    expect(history.map((entry) => [entry.action, entry.version, entry.importJob])).toEqual([
      ['create', 1, job.id],
      ['update', 2, undefined],
    ]);
    // The other rows of the cut-short batch were counted once, as imported, with one 'create' entry each.
    const other = (await placements.all()).find((p) => p.childRef === 'G-105') as Placement;
    expect((await placements.history(other.id)).map((entry) => entry.action)).toEqual(['create']);

    // The record is not stuck: it can be changed and ended at its current version.
    expect((await patch('2', { ncy: 6 })).status).toBe(200);
    const ended = await patch(
      '3',
      { endDate: '2026-07-20', endReason: 'moved-setting' },
      `/placements/${written.id}/end`,
    );
    expect(ended.status, await ended.clone().text()).toBe(200);
    expect((await placements.history(written.id)).map((entry) => entry.action)).toEqual([
      'create',
      'update',
      'update',
      'end',
    ]);
  });
});

// Many batches, each its own group of transactions; the 50,000-row import and its speed are in the bench
// (tests/bench/import.bench.ts), which keeps this suite quick on a 2-core machine.
const ROWS = 5_000;

describe(`a ${ROWS.toLocaleString('en-GB')}-row file`, () => {
  let deps: AppDeps;
  let placements: DynamoPlacementStore;
  beforeAll(async () => {
    ({ deps, placements } = await setup());
  });

  it('imports every row, and a re-import counts every row as a duplicate and writes nothing', {
    timeout: 300_000,
  }, async () => {
    const bytes = importCsv(ROWS);
    const first = await startJob(deps, bytes);
    expect(first.rows.valid).toHaveLength(ROWS);
    const done = await runImport(deps, first.job, first.rows.valid, { now: () => new Date() });
    expect(done).toMatchObject({ status: 'completed', imported: ROWS, duplicates: 0, rejected: 0 });
    expect(await placements.count()).toBe(ROWS);

    const second = await startJob(deps, bytes);
    expect(second.job.id).not.toBe(first.job.id);
    const again = await runImport(deps, second.job, second.rows.valid, { now: () => new Date() });
    expect(again).toMatchObject({ status: 'completed', imported: 0, duplicates: ROWS });
    expect(await placements.count()).toBe(ROWS);
  });
});

describe('the end of an import', () => {
  it.each([
    { table: 'a table in use (its first read built the projection)', readFirst: true },
    { table: "a new authority's table nobody has read yet", readFirst: false },
  ])(
    'folds its rows into the projection of $table, so the first read after it has nothing to fold',
    {
      timeout: 120_000,
    },
    async ({ readFirst }) => {
      const table = await freshTable('import-settle');
      const db = createDocumentClient(table.client);
      const deps = createStores({ client: table.client, tableName: table.tableName });
      // A projection that folds past 100 changed records, as the real one does past 2,000.
      const placements = new DynamoPlacementStore(db, table.tableName, () => new Date(), {
        compactAfter: 100,
      });
      if (readFirst) expect(await placements.all()).toEqual([]);
      const { job, rows } = await startJob(deps, importCsv(300, 'S'));
      const done = await runImport({ imports: deps.imports, placements }, job, rows.valid, {
        now: () => new Date(),
        batchRows: 100,
      });
      expect(done).toMatchObject({ status: 'completed', imported: 300 });
      const pending = await queryAll(db, {
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': CHANGES_PK },
        ConsistentRead: true,
      });
      expect(pending).toHaveLength(0);
      const head = await db.send(
        new GetCommand({ TableName: table.tableName, Key: { pk: PROJECTION_PK, sk: 'HEAD' } }),
      );
      // Without a projection made before the import wrote, the changes had no build to fold into, and the first
      // reader rebuilt it from every record (37 s at 50,000 rows).
      expect(head.Item?.records).toBe(300);
      expect(await placements.all()).toHaveLength(300);
    },
  );
});
