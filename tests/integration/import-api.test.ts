import { readdirSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Placement } from '../../domain/placement';
import { importedPlacementId } from '../../functions/imports/keys';
import { parseWitanCsv } from '../../model/witan';
import { placementsApp } from '../helpers/placements-app';
import { onsPopulation, SOUTH_TYNESIDE } from '../helpers/population';

type Api = Awaited<ReturnType<typeof placementsApp>>;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportResult {
  id: string;
  status: string;
  imported: number;
  rejected: number;
  duplicates: number;
  rejects: { line: number; reason: string }[];
  notes?: string[];
}

async function upload(api: Api, body: BodyInit, contentType: string, query = '', as = 'caseworker') {
  return api.app.request(`/imports${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-test-caller': as },
    body,
  });
}

describe('POST /imports with a file', () => {
  let api: Api;
  beforeEach(async () => {
    api = await placementsApp();
  });

  it('imports a clean CSV, each placement with its audit entry, and a re-import makes no duplicates', async () => {
    const first = await upload(api, fixture('placements-clean.csv'), 'text/csv');
    expect(first.status).toBe(201);
    const result = (await first.json()) as ImportResult;
    expect(result).toMatchObject({
      status: 'completed',
      imported: 12,
      rejected: 0,
      duplicates: 0,
      rejects: [],
    });
    // placements + audit entries + job + file pointer + the placement projection's change naming the 12, and
    // the projection itself (its head and one empty chunk), made before the first write to this new table
    expect(await api.itemCount()).toBe(12 * 2 + 5);

    const id = importedPlacementId({
      childRef: 'C-1002',
      startDate: '2024-01-08',
      setting: 'independent-special',
    });
    const stored = (await (await api.call('GET', `/placements/${id}`)).json()) as Placement;
    expect(stored).toMatchObject({
      childRef: 'C-1002',
      version: 1,
      createdBy: 'casey@example.gov.uk',
      hostLaCode: '840',
    });
    const history = (await (await api.call('GET', `/placements/${id}/history`)).json()) as {
      items: { action: string }[];
    };
    expect(history.items.map((entry) => entry.action)).toEqual(['create']);

    const again = (await (
      await upload(api, fixture('placements-clean.csv'), 'text/csv')
    ).json()) as ImportResult;
    expect(again).toMatchObject({ imported: 0, duplicates: 12, rejected: 0 });
    expect(await api.itemCount()).toBe(12 * 2 + 6); // one more job; the file pointer now names it

    expect((await api.call('GET', `/imports/${result.id}`, { as: 'reader' })).status).toBe(403);
    const job = await api.call('GET', `/imports/${result.id}`, { as: 'planner' });
    expect(await job.json()).toMatchObject({
      id: result.id,
      status: 'completed',
      progress: 12,
      imported: 12,
    });
  });

  it('imports the good rows of a mixed file and reports every bad one with line and reason, never the row', async () => {
    const response = await upload(api, fixture('placements-mixed.csv'), 'text/csv; charset=utf-8');
    const result = (await response.json()) as ImportResult;
    expect(result).toMatchObject({ imported: 4, rejected: 7, duplicates: 1 });
    expect(result.rejects.map((reject) => reject.line)).toEqual([3, 4, 6, 7, 8, 9, 10]);
    expect(result.rejects[1]).toEqual({
      line: 4,
      reason: 'hostLaCode: required when the placement is out of borough',
    });
    // The answer and the job say the same, line and reason only: never a row or a cell of it.
    const job = (await (await api.call('GET', `/imports/${result.id}`)).json()) as ImportResult;
    expect(job.rejects).toEqual(result.rejects);
    expect(JSON.stringify(result)).not.toMatch(/M-2003|Autsim/);
  });

  it('imports XLSX, and multipart with a mapping part', async () => {
    const xlsx = (await (await upload(api, fixture('placements.xlsx'), XLSX)).json()) as ImportResult;
    expect(xlsx).toMatchObject({ imported: 4, rejected: 1 });

    const form = new FormData();
    form.append('file', new Blob([fixture('placements-unusual-headers.csv')]), 'unusual.csv');
    form.append('mapping', fixture('mapping-unusual.json').toString('utf8'));
    const response = await api.app.request('/imports', {
      method: 'POST',
      body: form,
      headers: { 'x-test-caller': 'caseworker' },
    });
    expect(await response.json()).toMatchObject({ imported: 4, rejected: 0 });
  });

  it('imports SEN2 module files sent as multipart with a salt part, storing only keyed hashes of person IDs', async () => {
    const form = new FormData();
    const dir = new URL('../fixtures/imports/sen2/', import.meta.url);
    for (const name of readdirSync(dir))
      form.append(name.replace('.csv', ''), new Blob([readFileSync(new URL(name, dir))]), name);
    const send = () =>
      api.app.request('/imports?format=sen2', {
        method: 'POST',
        body: form,
        headers: { 'x-test-caller': 'caseworker' },
      });
    // Without a salt nothing is imported: every person ID must be hashed.
    const unsalted = await send();
    expect(unsalted.status).toBe(400);
    expect(await unsalted.json()).toMatchObject({ errors: [{ field: 'salt' }] });
    expect(await api.itemCount()).toBe(0);

    form.append('salt', 'api-test-salt-0123');
    const result = (await (await send()).json()) as ImportResult;
    // The unknown URN cannot be placed.
    expect(result).toMatchObject({ imported: 7, rejected: 1, duplicates: 0 });
    expect(result.notes).toHaveLength(1);
    const stored = await api.deps.placements.all();
    expect(stored.map((p) => p.childRef)).toEqual(
      stored.map(() => expect.stringMatching(/^sen2-[a-p]{24}$/)),
    );
    const everything = JSON.stringify([stored, result]);
    for (const secret of ['Z393000000', 'ST-000', 'Sample', '1234567890', '2012-03-14'])
      expect(everything).not.toContain(secret);
  });

  it('refuses malformed files with a 400 naming the problem, and writes nothing', async () => {
    const before = await api.itemCount();
    const bad = Uint8Array.from([...new TextEncoder().encode('Child Ref,Primary Need\nC1,'), 0xff, 0x0a]);
    for (const [body, message] of [
      [bad, /not valid UTF-8/],
      [new Uint8Array(), /the file is empty/],
      [new TextEncoder().encode('Name,Address\nA,B\n'), /no recognised columns/],
    ] as const) {
      const response = await upload(api, body, 'text/csv');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: 'invalid_file',
        message: expect.stringMatching(message),
      });
    }
    expect(await api.itemCount()).toBe(before);
  });

  it('is for caseworkers only, and takes CSV, XLSX, multipart or JSON', async () => {
    expect((await upload(api, fixture('placements-clean.csv'), 'text/csv', '', 'reader')).status).toBe(403);
    expect((await upload(api, 'x', 'text/plain')).status).toBe(415);
    expect((await upload(api, fixture('placements-clean.csv'), 'text/csv', '?format=sen3')).status).toBe(400);
  });
});

describe('the CLI protocol: POST /imports (JSON), /rows in batches, /complete', () => {
  let api: Api;
  beforeEach(async () => {
    api = await placementsApp();
  });

  const row = (n: number) => ({
    line: n + 2,
    placement: {
      childRef: `J-${n}`,
      primaryNeed: 'ASD',
      setting: 'mainstream',
      residential: false,
      inBorough: true,
      lookedAfter: false,
      ncy: 4,
      startDate: '2024-09-02',
      costs: { education: 6000 },
    },
  });
  const create = (fingerprint = 'a'.repeat(64)) =>
    api.call('POST', '/imports', {
      body: {
        fileName: 'big.csv',
        format: 'placements',
        fingerprint,
        totalRows: 4,
        rejected: 1,
        rejects: [{ line: 9, reason: 'x: bad' }],
      },
    });

  it('creates a job, takes rows in order, resumes the same fingerprint, then completes', async () => {
    const created = await create();
    expect(created.status).toBe(201);
    const job = (await created.json()) as { id: string; progress: number; resumed: boolean };
    expect(job).toMatchObject({ progress: 0, resumed: false });

    const first = await api.call('POST', `/imports/${job.id}/rows`, {
      body: { offset: 0, rows: [row(0), row(1)] },
    });
    expect(await first.json()).toMatchObject({ progress: 2, imported: 2, rejected: 1 });
    // Out of order: told where to resume.
    const stale = await api.call('POST', `/imports/${job.id}/rows`, { body: { offset: 0, rows: [row(0)] } });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ field: 'offset', progress: 2 });
    // The same file again (a crashed CLI re-run) resumes the job where it stopped.
    const resumed = await create();
    expect(resumed.status).toBe(200);
    expect(await resumed.json()).toMatchObject({ id: job.id, progress: 2, resumed: true });
    // A row the client thought valid is checked again by the server.
    const bad = { line: 5, placement: { ...row(3).placement, primaryNeed: 'AUTISM' } };
    const second = await api.call('POST', `/imports/${job.id}/rows`, {
      body: { offset: 2, rows: [row(2), bad] },
    });
    expect(await second.json()).toMatchObject({ progress: 4, imported: 3, rejected: 2 });
    // Completing folds the job's rows into the placement projection, as runImport's last step does.
    const settle = vi.spyOn(api.deps.placements, 'settle');
    const done = await api.call('POST', `/imports/${job.id}/complete`);
    expect(await done.json()).toMatchObject({ status: 'completed', imported: 3, rejected: 2, duplicates: 0 });
    expect(settle).toHaveBeenCalledOnce();
    // Completed: the same file now starts a new job, whose rows are all duplicates.
    expect(((await (await create()).json()) as { id: string }).id).not.toBe(job.id);
  });

  it('refuses to complete a job with rows still to send', async () => {
    const { id } = (await (await create('b'.repeat(64))).json()) as { id: string };
    const response = await api.call('POST', `/imports/${id}/complete`);
    expect(response.status).toBe(409);
  });
});

describe('exports', () => {
  it('exports placements that re-import as duplicates, a census, and witan files the model reads back', async () => {
    const api = await placementsApp();
    await upload(api, fixture('placements-clean.csv'), 'text/csv');
    const exported = await api.call('GET', '/exports/placements.csv', { as: 'planner' });
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await exported.text();
    expect(csv.split('\r\n')[0]).toMatch(
      /^Placement ID,Child Ref,Primary Need,Secondary Need,Setting,In Borough,/,
    );
    const again = (await (await upload(api, csv, 'text/csv')).json()) as ImportResult;
    expect(again).toMatchObject({ imported: 0, duplicates: 12, rejected: 0 });

    const census = (await (await api.call('GET', '/exports/census.csv?year=2025')).text())
      .trim()
      .split('\r\n');
    // Active on census day 2025-01-15: all 12 sample placements but C-1004 (ended 2024-07-19).
    expect(census).toHaveLength(1 + 11);
    expect(census[1]).toMatch(
      /^2025-01-15,C-1001,imp-[0-9a-f]{40},ASD,mainstream,Y,,N,6,primary,MmSoA,9700$/,
    );
    expect((await api.call('GET', '/exports/census.csv?year=20')).status).toBe(400);

    // population.csv needs the authority's population: none stored yet is a 409 naming what to load.
    expect((await api.call('GET', '/exports/witan/population.csv')).status).toBe(409);
    await api.deps.population.put(onsPopulation(SOUTH_TYNESIDE), {
      actor: { userId: 'test', name: 'test' },
      now: new Date(),
    });
    const texts = Object.fromEntries(
      await Promise.all(
        (['transitions', 'population', 'costs', 'valid-states'] as const).map(async (name) => {
          const response = await api.call('GET', `/exports/witan/${name}.csv`);
          expect(response.status).toBe(200);
          return [name, await response.text()];
        }),
      ),
    );
    const data = parseWitanCsv({
      transitions: texts.transitions,
      population: texts.population,
      costs: texts.costs,
      validStates: texts['valid-states'],
    });
    expect(data.transitions.length).toBeGreaterThan(0);
    // Censuses 2020–2024 (the latest date recorded is 2025-01-06); C-1002 and C-1011 join ISS out of borough.
    expect(
      data.transitions.filter((t) => t.setting1 === 'NONSEND' && t.setting2 === 'independent-special@OB'),
    ).toHaveLength(2);
    expect(data.population.length).toBeGreaterThan(0);
    expect((await api.call('GET', '/exports/witan/other.csv')).status).toBe(404);
  });
});
