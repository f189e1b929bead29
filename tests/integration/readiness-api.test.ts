// GET /readiness against DynamoDB Local: an empty authority sees the whole checklist, each item with the route
// that fills it; as an authority loads its data through the API, each item turns ready. Every group may read
// it (counts and provision names, no child). The demo's all-green is checked on a real first start
// (first-start.test.ts) and in the browser (tests/e2e/readiness.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Readiness } from '../../domain/readiness';
import { authorityPlacements } from '../helpers/placement';
import { placementsApp } from '../helpers/placements-app';
import { oneAreaCsv, SOUTH_TYNESIDE } from '../helpers/population';

const actor = { userId: 'u-seed', name: 'seed' };

// Several hundred creates and a dozen calls: a busy 2-core machine takes well over the default 30 s.
describe('GET /readiness', { timeout: 180_000 }, () => {
  let harness: Awaited<ReturnType<typeof placementsApp>>;
  const readiness = async (as: 'reader' | 'planner' = 'reader') => {
    const response = await harness.call('GET', '/readiness', { as });
    expect(response.status).toBe(200);
    return (await response.json()) as Readiness;
  };
  const statuses = async () =>
    Object.fromEntries((await readiness()).items.map((item) => [item.id, item.status]));

  beforeAll(async () => {
    harness = await placementsApp('2026-12-01');
  });

  it('an empty authority: the whole checklist, each item with the route that fills it', async () => {
    const empty = await readiness();
    expect(empty).toMatchObject({ asOf: '2026-12-01', ready: false });
    expect(empty.items.map((item) => [item.id, item.status, item.fill?.route])).toEqual([
      ['censuses', 'missing', 'POST /imports'],
      ['population', 'missing', 'PUT /population'],
      ['provisions', 'missing', 'POST /provisions'],
      ['budget', 'missing', 'PUT /budgets/2026-27'],
      [
        'unit-costs',
        'missing',
        'PATCH /placements/{id} (costs), or the costs columns of an import (POST /imports)',
      ],
      ['alerts', 'missing', 'POST /alerts/runs'],
    ]);
    expect(empty.items.find((item) => item.id === 'population')?.fill?.command).toBe(
      'npm run -s population -- put <ONS population projection CSV> --authority local',
    );
    for (const as of ['caseworker', 'finance', 'planner', 'reader'] as const)
      expect((await harness.call('GET', '/readiness', { as })).status).toBe(200);
    expect((await harness.call('GET', '/readiness', { as: 'anonymous' })).status).toBe(401);
  });

  it('turns each item ready as the authority loads it through the API', async () => {
    await harness.deps.placements.createMany(authorityPlacements(300, 7), {
      actor,
      now: new Date('2025-12-01T00:00:00Z'),
    });
    // Placements starting each September 2019–2025: censuses January 2020–2026, every child with a cost.
    const withPlacements = await readiness();
    expect(withPlacements.facts.censuses.map((census) => census.year)).toEqual([
      2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
    expect(withPlacements.items.find((item) => item.id === 'censuses')?.summary).toMatch(
      /^7 censuses with children \(January 2020 to January 2026\): enough for the model/,
    );
    expect(withPlacements.facts.unitCosts).toMatchObject({
      census: 2026,
      settings: [
        { setting: 'independent-special', outOfBorough: true, meanCost: 60_000 },
        { setting: 'maintained-special', outOfBorough: false, meanCost: 22_000 },
      ],
    });
    expect(await statuses()).toMatchObject({
      censuses: 'ready',
      'unit-costs': 'ready',
      population: 'missing',
    });

    const population = await harness.call('PUT', '/population', {
      body: oneAreaCsv(SOUTH_TYNESIDE),
      headers: { 'content-type': 'text/csv' },
      as: 'planner',
    });
    expect(population.status).toBe(201);

    const provision = {
      name: 'Hilltop Primary ASD resourced provision',
      type: 'resourced-provision',
      needs: ['ASD'],
      phases: ['primary'],
      commissionedPlaces: [{ academicYear: 2026, places: 16 }],
    };
    const created = await harness.call('POST', '/provisions', { body: provision, as: 'planner' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const partly = (await readiness()).items.find((item) => item.id === 'provisions');
    expect(partly).toMatchObject({
      status: 'partial',
      missing: ['Hilltop Primary ASD resourced provision: places for 2027/28'],
    });
    const patched = await harness.call('PATCH', `/provisions/${id}`, {
      body: {
        commissionedPlaces: [
          { academicYear: 2026, places: 16 },
          { academicYear: 2027, places: 20 },
        ],
      },
      headers: { 'if-match': '"1"' },
      as: 'planner',
    });
    expect(patched.status).toBe(200);

    const budget = await harness.call('PUT', '/budgets/2026-27', {
      body: { lines: [{ dsgCategory: 'NMISS', amount: 4_000_000 }] },
      as: 'finance',
    });
    expect(budget.status).toBe(201);

    expect(await statuses()).toEqual({
      censuses: 'ready',
      population: 'ready',
      provisions: 'ready',
      budget: 'ready',
      'unit-costs': 'ready',
      alerts: 'missing',
    });

    // The month's alert run, as the schedule records it.
    const now = new Date('2026-12-01T06:00:00Z');
    const claim = { id: 'run-1', now, leaseUntil: new Date(now.getTime() + 30_000) };
    expect(await harness.deps.alertRuns.claim('local', '2026-12', claim)).toBe(true);
    await harness.deps.alertRuns.markSent('local', '2026-12', claim.id, {
      alerts: [],
      digest: { subject: 'No alerts', body: 'Nothing to report.' },
      sentAt: now.toISOString(),
    });
    const ready = await readiness();
    expect(ready.items.filter((item) => item.status !== 'ready')).toEqual([]);
    expect(ready.ready).toBe(true);
  });
});
