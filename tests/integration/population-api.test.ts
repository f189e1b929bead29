// PUT/GET /population against DynamoDB Local, and everything that needs a population using the stored one:
// projections (409 without, named in the output with), the witan export, the outturn's expected starts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PopulationView } from '../../functions/api/schemas';
import type { ProjectionOutput } from '../../model/output';
import type { AreaPopulation } from '../../model/population';
import { toOnsCsv } from '../../model/population-csv';
import { authorityPlacements } from '../helpers/placement';
import { placementsApp } from '../helpers/placements-app';
import { oneAreaCsv, onsPopulation, onsText, SOUTH_TYNESIDE, TAMESIDE } from '../helpers/population';

const actor = { userId: 'u-seed', name: 'seed' };
const csv = { 'content-type': 'text/csv' };

const placements = () => authorityPlacements(300, 7);

describe('population API', () => {
  let harness: Awaited<ReturnType<typeof placementsApp>>;
  beforeAll(async () => {
    harness = await placementsApp('2026-02-01');
    await harness.deps.placements.createMany(placements(), { actor, now: new Date('2025-12-01T00:00:00Z') });
  });

  const project = async (body: Record<string, unknown> = {}) => {
    const response = await harness.call('POST', '/projections', {
      body: { horizon: 4, expected: true, backtest: false, ...body },
      as: 'planner',
    });
    return { status: response.status, body: (await response.json()) as { output: ProjectionOutput } };
  };
  const put = (text: string, as: 'planner' | 'reader' = 'planner', query = '') =>
    harness.call('PUT', `/population${query}`, { body: text, headers: csv, as });

  it('without a stored population: 409 naming what to load, never a default', async () => {
    const missing = await harness.call('GET', '/population', { as: 'reader' });
    expect(missing.status).toBe(404);
    const run = await project();
    expect(run.status).toBe(409);
    expect(run.body).toMatchObject({ error: 'population_missing', load: 'PUT /population' });
    expect((run.body as unknown as { message: string }).message).toMatch(
      /no population stored, so a projection cannot be computed: .*PUT \/population .*--area E08000023/,
    );
    const witan = await harness.call('GET', '/exports/witan/population.csv', { as: 'planner' });
    expect(witan.status).toBe(409);
    // The other witan files do not need a population.
    expect((await harness.call('GET', '/exports/witan/transitions.csv', { as: 'planner' })).status).toBe(200);
    const outturn = (await (await harness.call('GET', '/outturn?fy=2025-26', { as: 'reader' })).json()) as {
      expectedStarts: { source: string; warnings: string[] };
    };
    expect(outturn.expectedStarts.source).toBe('history');
    expect(outturn.expectedStarts.warnings[0]).toMatch(
      /^model not used: no population stored: .*PUT \/population/,
    );
  });

  it('refuses bad uploads with a 400 naming the line and column, and stores nothing', async () => {
    const before = await harness.itemCount();
    expect((await put(oneAreaCsv(SOUTH_TYNESIDE), 'reader')).status).toBe(403);
    const json = await harness.call('PUT', '/population', { body: { rows: [] }, as: 'planner' });
    expect(json.status).toBe(415);
    const several = await put(onsText());
    expect(several.status).toBe(400);
    expect(await several.json()).toMatchObject({
      error: 'validation_failed',
      errors: [{ field: '(body)', line: 28, column: 1, message: expect.stringMatching(/a second area/) }],
    });
    const lines = oneAreaCsv(SOUTH_TYNESIDE).split('\n');
    lines[5] = (lines[5] as string).replace(/,(\d+\.\d+),/, ',-3,');
    const negative = await put(lines.join('\n'));
    expect(negative.status).toBe(400);
    expect(await negative.json()).toMatchObject({ errors: [{ line: 6, column: 6 }] });
    const shape = await put('AREA,NAME\nE08000023,South Tyneside\n');
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as { message: string }).message).toMatch(/missing column "area_code"/);
    expect(await harness.itemCount()).toBe(before);
  });

  it('stores one area as published and shows it: area, years, ages, totals by year', async () => {
    const created = await put(oneAreaCsv(SOUTH_TYNESIDE));
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const shown = (await (
      await harness.call('GET', '/population', { as: 'reader' })
    ).json()) as PopulationView;
    expect(shown).toMatchObject({
      areaCode: 'E08000023',
      areaName: 'South Tyneside',
      source: 'ONS 2022-based subnational population projections',
      ages: { min: 0, max: 25 },
      version: 1,
    });
    expect(shown.years).toEqual(Array.from({ length: 26 }, (_, i) => 2022 + i));
    expect(shown.totals[0]).toEqual({ year: 2022, persons: 41_496 });
    // The same upload again changes nothing.
    expect((await put(oneAreaCsv(SOUTH_TYNESIDE))).status).toBe(200);
    expect((await harness.deps.population.history()).map((entry) => entry.action)).toEqual(['create']);
  });

  it('every projection names the population it used, and uses the stored one', async () => {
    const southTyneside = await project();
    expect(southTyneside.status).toBe(201);
    expect(southTyneside.body.output.population).toEqual({
      areaCode: 'E08000023',
      areaName: 'South Tyneside',
      source: 'ONS 2022-based subnational population projections',
    });

    // Another authority's rows (Tameside: about 1.6 times South Tyneside's children) change the projection.
    const replaced = await put(oneAreaCsv(TAMESIDE), 'planner', '?source=ONS%20SNPP%202022%20(test)');
    expect(replaced.status).toBe(200);
    expect(((await replaced.json()) as PopulationView).version).toBe(2);
    const tameside = await project();
    expect(tameside.body.output.population).toMatchObject({
      areaCode: 'E08000008',
      source: 'ONS SNPP 2022 (test)',
    });
    expect(tameside.body.output.joiners).not.toEqual(southTyneside.body.output.joiners);
    const history = await harness.deps.population.history();
    expect(history.map((entry) => entry.action)).toEqual(['create', 'put']);
    expect(history[1]?.changes.find((change) => change.field === 'areaCode')).toMatchObject({
      from: 'E08000023',
      to: 'E08000008',
    });
    const witan = await harness.call('GET', '/exports/witan/population.csv', { as: 'planner' });
    expect(witan.status).toBe(200);
    // Census 2023, NCY −5 is Tameside's age 0 in mid-2022.
    const age0 = onsPopulation(TAMESIDE).years[0]?.byAge[0];
    expect(await witan.text()).toContain(`2023,-5,${age0}`);
  });

  it('a population with more children in future years projects more joiners', async () => {
    const base = onsPopulation(SOUTH_TYNESIDE);
    // The same history (the last census is January 2026, whose NCYs are the ages of mid-2025); from mid-2026
    // (census 2027 onwards, all after it) half as many children again.
    const more: AreaPopulation = {
      ...base,
      years: base.years.map(({ year, byAge }) => ({
        year,
        byAge: year >= 2026 ? byAge.map((persons) => persons * 1.5) : byAge,
      })),
    };
    await put(toOnsCsv(base));
    const before = await project();
    await put(toOnsCsv(more));
    const after = await project();
    const joinersIn = (output: ProjectionOutput, year: number) =>
      output.joiners?.find((row) => row.year === year)?.mean ?? Number.NaN;
    for (const year of [2027, 2028, 2029, 2030])
      expect(joinersIn(after.body.output, year)).toBeGreaterThan(1.2 * joinersIn(before.body.output, year));
    expect(after.body.output.total.at(-1)?.mean).toBeGreaterThan(before.body.output.total.at(-1)?.mean ?? 0);
  });
});
