// The local runtime end to end: DynamoDB Local on disk, the demo seeded once into an empty database,
// data surviving a restart, and SEED_DEMO=0 starting empty.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Placement } from '../../domain/placement';
import type { Summary } from '../../domain/summary';
import { type DemoAuthority, generateDemoAuthority } from '../../infra/local/demo/generate';
import { startLocal } from '../../infra/local/server';
import { ISSUE_BODY } from '../helpers/placements-app';

describe('startLocal', () => {
  let dataDir: string;
  let demo: DemoAuthority;
  const quiet = { log: () => {}, port: 0, configureApp: () => {} };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'send-local-'));
    // A slice of the demo authority keeps the test quick; the whole one is loaded the same way.
    const full = generateDemoAuthority();
    const provisionIds = new Set(full.provisions.map((p) => p.id));
    demo = {
      ...full,
      placements: full.placements
        .filter((p) => !p.provisionId || provisionIds.has(p.provisionId))
        .slice(0, 60),
    };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds an empty database once, serves the API over HTTP and keeps data across a restart', async () => {
    const first = await startLocal({ ...quiet, dataDir, demo: () => demo, seedDemo: true });
    let id: string;
    try {
      expect((await first.deps.placements.all()).length).toBe(60);
      expect((await first.deps.provisions.all()).length).toBe(demo.provisions.length);
      // The demo authority stores its own population: South Tyneside's ONS rows (its config's area code).
      expect(await first.deps.population.get()).toMatchObject({ areaCode: 'E08000023', version: 1 });
      const created = await fetch(`${first.url}/placements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: ISSUE_BODY,
      });
      expect(created.status).toBe(201);
      const placement = (await created.json()) as Placement;
      expect(placement.createdBy).toBe('Local developer');
      id = placement.id;
      const summary = (await (await fetch(`${first.url}/summary?asOf=2026-01-15`)).json()) as Summary;
      expect(summary.asOf).toBe('2026-01-15');
    } finally {
      await first.stop();
    }

    const second = await startLocal({ ...quiet, dataDir, demo: () => demo, seedDemo: true });
    try {
      expect((await second.deps.placements.all()).length).toBe(61); // not seeded twice
      const read = await fetch(`${second.url}/placements/${id}`);
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject(JSON.parse(ISSUE_BODY));
      const history = await fetch(`${second.url}/placements/${id}/history`);
      expect(((await history.json()) as { items: unknown[] }).items).toMatchObject([
        { action: 'create', by: { userId: 'local-developer' } },
      ]);
    } finally {
      await second.stop();
    }
  }, 180_000);

  it('starts empty without seeding', async () => {
    const empty = await startLocal({ ...quiet, inMemory: true, seedDemo: false });
    try {
      const page = await fetch(`${empty.url}/placements`);
      expect(await page.json()).toEqual({ items: [] });
      expect((await fetch(`${empty.url}/health`)).status).toBe(200);
      // No population either: nothing falls back to the demo's.
      expect((await fetch(`${empty.url}/population`)).status).toBe(404);
    } finally {
      await empty.stop();
    }
  }, 120_000);

  it('acts as one group after /?as=<group>, and as every group again after /?as=all', async () => {
    const local = await startLocal({ ...quiet, inMemory: true, seedDemo: false });
    const groupsWith = async (cookie?: string) =>
      (
        (await (await fetch(`${local.url}/me`, cookie ? { headers: { cookie } } : {})).json()) as {
          groups: string[];
        }
      ).groups;
    try {
      expect(await groupsWith()).toEqual(['caseworkers', 'planners', 'finance', 'readers']);
      const switched = await fetch(`${local.url}/?as=readers`);
      const cookie = switched.headers.get('set-cookie')?.split(';')[0];
      expect(cookie).toBe('send-local-as=readers');
      expect(await groupsWith(cookie)).toEqual(['readers']);
      // The switch narrows what the API allows, not only what the page shows.
      const refused = await fetch(`${local.url}/placements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookie as string },
        body: ISSUE_BODY,
      });
      expect(refused.status).toBe(403);

      const back = await fetch(`${local.url}/?as=all`, { headers: { cookie: cookie as string } });
      expect(back.headers.get('set-cookie')).toMatch(/^send-local-as=; Max-Age=0/);
      const wrong = await fetch(`${local.url}/?as=admins`);
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ errors: [{ field: 'query.as' }] });
    } finally {
      await local.stop();
    }
  }, 120_000);
});
