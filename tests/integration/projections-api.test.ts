// POST/GET /scenarios and /projections against DynamoDB Local: runs on stored placements and provisions.
import { beforeAll, describe, expect, it } from 'vitest';
import { ProvisionInput } from '../../domain/provision';
import {
  CHUNK_CHARS,
  DynamoProjectionStore,
  decodeOutput,
  encodeOutput,
} from '../../functions/store/projections';
import { createDocumentClient } from '../../functions/store/table-client';
import { ProjectionOutput } from '../../model/output';
import { authorityPlacements } from '../helpers/placement';
import { placementsApp } from '../helpers/placements-app';
import { onsPopulation, SOUTH_TYNESIDE } from '../helpers/population';
import { freshTable } from '../helpers/table';

const actor = { userId: 'u-seed', name: 'seed' };

const placements = () => authorityPlacements(240, 6);

const scenario = {
  name: 'New ASD resourced provision',
  capitalCost: 400_000,
  changes: [
    {
      kind: 'places',
      provision: 'New ARP',
      need: 'ASD',
      phase: 'primary',
      places: 30,
      fromAcademicYear: 2026,
    },
    {
      kind: 'redirect',
      transition: 'joiners',
      need: 'ASD',
      fromSetting: 'independent-special@OB',
      toSetting: 'maintained-special@IB',
      share: 0.5,
      fromYear: 2026,
    },
  ],
};

describe('projections API', () => {
  let harness: Awaited<ReturnType<typeof placementsApp>>;
  beforeAll(async () => {
    harness = await placementsApp('2026-02-01');
    await harness.deps.placements.createMany(placements(), { actor, now: new Date('2025-12-01T00:00:00Z') });
    await harness.deps.population.put(onsPopulation(SOUTH_TYNESIDE), {
      actor,
      now: new Date('2025-12-01T00:00:00Z'),
    });
    const provision = ProvisionInput.parse({
      name: 'Oakfield Special School',
      type: 'maintained-special',
      needs: ['ASD', 'SEMH'],
      phases: ['primary', 'secondary'],
      commissionedPlaces: [{ academicYear: 2025, places: 150 }],
    });
    await harness.deps.provisions.create(provision, { actor, now: new Date('2025-12-01T00:00:00Z') });
  });

  it('only planners create scenarios; the body is validated; everyone reads', async () => {
    const { call } = harness;
    expect((await call('POST', '/scenarios', { body: scenario, as: 'reader' })).status).toBe(403);
    const bad = await call('POST', '/scenarios', { body: { ...scenario, changes: [] }, as: 'planner' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('changes');
    const created = await call('POST', '/scenarios', { body: scenario, as: 'planner' });
    expect(created.status).toBe(201);
    const stored = (await created.json()) as { id: string; scenario: typeof scenario; createdBy: string };
    expect(created.headers.get('location')).toBe(`/scenarios/${stored.id}`);
    expect(stored.createdBy).toBe('pat@example.gov.uk');
    const fetched = await call('GET', `/scenarios/${stored.id}`, { as: 'reader' });
    expect(((await fetched.json()) as typeof stored).scenario.name).toBe(scenario.name);
    const list = (await (await call('GET', '/scenarios', { as: 'reader' })).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((s) => s.id)).toContain(stored.id);
    expect((await call('GET', '/scenarios/nope', { as: 'reader' })).status).toBe(404);
  });

  it('runs a projection on the stored placements, stores it and fetches it by id', async () => {
    const { call } = harness;
    expect((await call('POST', '/projections', { body: {}, as: 'caseworker' })).status).toBe(403);
    expect((await call('POST', '/projections', { body: { horizon: 0 }, as: 'planner' })).status).toBe(400);
    // Too few draws for the p05–p95 band: a 400 naming the field and the way to a point forecast.
    const few = await call('POST', '/projections', { body: { draws: 10 }, as: 'planner' });
    expect(few.status).toBe(400);
    expect(await few.json()).toMatchObject({
      errors: [{ field: 'draws', message: expect.stringContaining('send expected: true') }],
    });
    const created = await call('POST', '/projections', {
      body: { horizon: 4, draws: 200, seed: 7 },
      as: 'planner',
    });
    expect(created.status).toBe(201);
    const run = (await created.json()) as { id: string; censusYears: number[]; output: ProjectionOutput };
    expect(run.censusYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    const output = ProjectionOutput.parse(run.output);
    expect(output.baseYear).toBe(2026);
    expect(output.total.map((r) => r.year)).toEqual([2026, 2027, 2028, 2029, 2030]);
    // the base census is the children active on 15 January 2026
    const active = placements().filter(
      (p) => p.startDate <= '2026-01-15' && (!p.endDate || p.endDate >= '2026-01-15'),
    );
    expect(output.total[0]?.mean).toBe(active.length);
    expect(output.capacity?.length).toBeGreaterThan(0);
    // The back-test rides along: rolling origins over the stored censuses, beside the naive baselines.
    expect(output.backtest?.origins[0]).toBe(2022);
    const overall = output.backtest?.rows.find((row) => row.need === 'ALL' && row.horizon === 1);
    expect(overall?.n).toBeGreaterThan(0);
    expect(overall?.baselines).toEqual({ lastValue: expect.any(Number), linearTrend: expect.any(Number) });
    const fetched = await call('GET', `/projections/${run.id}`, { as: 'reader' });
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(run);
    expect((await call('GET', '/projections/missing', { as: 'reader' })).status).toBe(404);
  });

  it('runs with a stored scenario or an inline one, not both', async () => {
    const { call } = harness;
    const created = (await (await call('POST', '/scenarios', { body: scenario, as: 'planner' })).json()) as {
      id: string;
    };
    const byId = await call('POST', '/projections', {
      body: { horizon: 5, draws: 100, scenarioId: created.id },
      as: 'planner',
    });
    expect(byId.status).toBe(201);
    const result = (await byId.json()) as { request: { scenarioName: string }; output: ProjectionOutput };
    expect(result.request.scenarioName).toBe(scenario.name);
    expect(result.output.scenario?.rows).toHaveLength(5);
    const both = await call('POST', '/projections', {
      body: { scenarioId: created.id, scenario },
      as: 'planner',
    });
    expect(both.status).toBe(400);
    const unknown = await call('POST', '/projections', { body: { scenarioId: 'nope' }, as: 'planner' });
    expect(unknown.status).toBe(400);
  });
});

describe('projection store', () => {
  it('round-trips gzip+base64 and chunks output over the item limit', async () => {
    const table = await freshTable('projections');
    const store = new DynamoProjectionStore(createDocumentClient(table.client), table.tableName);
    // An incompressible output: distinct random numbers by setting, enough to need several chunks.
    const bySetting = Array.from({ length: 40_000 }, (_, i) => {
      const v = Math.random() * 1e6;
      return { setting: `S${i}`, year: 2026, mean: v, p05: v, p25: v, p50: v, p75: v, p95: v };
    });
    const output: ProjectionOutput = {
      baseYear: 2026,
      method: 'markov-expected',
      total: [],
      byNeed: [],
      bySetting,
      cost: [],
    };
    expect(encodeOutput(output).length).toBeGreaterThan(CHUNK_CHARS);
    expect(decodeOutput(encodeOutput(output))).toEqual(output);
    const projection = {
      id: 'big-run',
      request: { horizon: 1, draws: 1, seed: 1, expected: true, backtest: false },
      censusYears: [2025, 2026],
      createdAt: '2026-02-01T00:00:00.000Z',
      createdBy: 'pat',
      output,
    };
    await store.createProjection(projection, { actor, now: new Date('2026-02-01T00:00:00Z') });
    expect(await store.getProjection('big-run')).toEqual(projection);
  });
});
