// GET /forecast, the multi-year DSG management plan files and `spend --forecast`, against DynamoDB Local:
// an authority of 240 placements over six years with its population, a provision and a budget, as at
// 15 November 2025.
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../bin/build.mjs';
import type { Forecast } from '../../domain/forecast';
import type { Outturn } from '../../domain/outturn';
import { ProvisionInput } from '../../domain/provision';
import { PLAN_SHEETS, PLAN_TITLE_ROWS } from '../../functions/exports/dsg-management-plan';
import { authorityPlacements } from '../helpers/placement';
import { placementsApp } from '../helpers/placements-app';
import { onsPopulation, SOUTH_TYNESIDE } from '../helpers/population';

const actor = { userId: 'u-seed', name: 'seed' };
const seeded = new Date('2025-11-01T00:00:00Z');
const TODAY = '2025-11-15';

let harness: Awaited<ReturnType<typeof placementsApp>>;
const get = async <T>(path: string, as: 'reader' | 'finance' = 'reader') => {
  const response = await harness.call('GET', path, { as });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
};
let scenarioId: string;

beforeAll(async () => {
  harness = await placementsApp(TODAY);
  await harness.deps.placements.createMany(authorityPlacements(240, 6), { actor, now: seeded });
  await harness.deps.population.put(onsPopulation(SOUTH_TYNESIDE), { actor, now: seeded });
  await harness.deps.provisions.create(
    ProvisionInput.parse({
      name: 'Oakfield Special School',
      type: 'maintained-special',
      needs: ['ASD', 'SEMH'],
      phases: ['primary', 'secondary'],
      commissionedPlaces: [{ academicYear: 2025, places: 100 }],
    }),
    { actor, now: seeded },
  );
  const budget = await harness.call('PUT', '/budgets/2025-26', {
    as: 'finance',
    body: {
      lines: [
        { dsgCategory: 'MdSSA', amount: 3_000_000 },
        { dsgCategory: 'NMISS', amount: 2_500_000 },
      ],
      openingDsgBalance: -1_000_000,
    },
  });
  expect(budget.status).toBe(201);
  const created = await harness.call('POST', '/scenarios', {
    as: 'planner',
    body: {
      name: 'Independent fees held down',
      changes: [{ kind: 'unit-cost', setting: 'independent-special@OB', cost: 50_000, fromYear: 2026 }],
    },
  });
  expect(created.status).toBe(201);
  scenarioId = ((await created.json()) as { id: string }).id;
}, 240_000);

describe('GET /forecast', () => {
  // Rising spend is the demo's (npm run bench -- forecast prints it); this authority is smaller and flatter.
  it('gives five consecutive years with ordered quantiles and widening bands', async () => {
    const forecast = await get<Forecast>('/forecast?from=2025-26&years=5');
    expect(forecast.asOf).toBe(TODAY);
    expect(forecast.counts).toMatch(/^DSG high needs block/);
    expect(forecast.years.map((y) => y.financialYear)).toEqual([
      '2025-26',
      '2026-27',
      '2027-28',
      '2028-29',
      '2029-30',
    ]);
    let width = -1;
    for (const year of forecast.years) {
      expect(year.p05).toBeLessThanOrEqual(year.p50);
      expect(year.p50).toBeLessThanOrEqual(year.p95);
      expect(year.p95 - year.p05).toBeGreaterThan(width);
      width = year.p95 - year.p05;
      // The rows by DSG category add up to the year's median.
      expect(year.byDsg.reduce((sum, row) => sum + row.forecast, 0)).toBeCloseTo(year.p50, 1);
    }
    expect(forecast.years[0]?.basis).toBe('actual-and-forecast');
    expect(forecast.years[1]?.basis).toBe('forecast');
    // The budget is grown at the default 0% from the last one stored; the balance carried from it.
    expect(forecast.years[2]?.budget).toEqual({ amount: 5_500_000, source: 'grown', from: '2025-26' });
    expect(forecast.years[0]?.dsgBalance?.opening.p50).toBe(-1_000_000);
    expect(forecast.years[1]?.dsgBalance?.opening).toEqual(forecast.years[0]?.dsgBalance?.closing);
    expect(forecast.assumptions.costUplift).toMatchObject({ rate: 0.03 });
    expect(forecast.assumptions.model).toMatchObject({ draws: 1000, baseCensus: 2025 });
  });

  it('its first year agrees with /outturn: the same actual to date, the same median within 2%', async () => {
    const [forecast, outturn] = await Promise.all([
      get<Forecast>('/forecast?years=1'),
      get<Outturn>('/outturn?fy=2025-26'),
    ]);
    const first = forecast.years[0];
    expect(first?.financialYear).toBe('2025-26');
    expect(first?.actualToDate).toBe(outturn.actualToDate);
    expect(first?.actualTo).toBe(TODAY);
    expect(Math.abs((first?.p50 ?? 0) - outturn.forecast.p50) / outturn.forecast.p50).toBeLessThanOrEqual(
      0.02,
    );
  });

  it('a year that is over is actual: a zero-width band equal to /spend', async () => {
    const forecast = await get<Forecast>('/forecast?from=2024-25&years=2');
    const spend = await get<{ total: number }>('/spend?fy=2024-25&funder=education');
    expect(forecast.years[0]).toMatchObject({
      basis: 'actual',
      p05: spend.total,
      p50: spend.total,
      p95: spend.total,
    });
  });

  it('every funder with funder=all: more than the high needs block, no budget', async () => {
    const [all, highNeeds] = await Promise.all([
      get<Forecast>('/forecast?years=2&funder=all'),
      get<Forecast>('/forecast?years=2'),
    ]);
    expect(all.funder).toBe('all');
    expect(all.years[1]?.p50).toBeGreaterThanOrEqual(highNeeds.years[1]?.p50 ?? 0);
    expect(all.years[0]?.budget).toBeNull();
  });

  it('applies a scenario as a mitigation: its saving by year, the mitigated spend and balance', async () => {
    const forecast = await get<Forecast>(`/forecast?years=3&mitigations=${scenarioId}`);
    const [mitigation] = forecast.mitigations;
    expect(mitigation).toMatchObject({ id: scenarioId, name: 'Independent fees held down' });
    // £60,000 → £50,000 for every independent child from census 2026: a saving from 2026-27 (7/12 of 2025-26
    // falls in census 2026 too, after asOf: December to March).
    expect(mitigation?.savings.map((s) => s.financialYear)).toEqual(['2025-26', '2026-27', '2027-28']);
    for (const saving of mitigation?.savings ?? []) expect(saving.p50).toBeGreaterThan(0);
    for (const year of forecast.years) {
      // Savings are taken draw by draw, so means subtract (medians need not).
      expect(year.mitigated?.mean).toBeCloseTo(year.mean - (year.mitigated?.saving.mean ?? 0), 1);
      expect(year.mitigated?.dsgBalance?.closing.p50).toBeGreaterThan(year.dsgBalance?.closing.p50 ?? 0);
    }
  });

  it('answers bad input with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['years=11', 'query.years'],
      ['years=0', 'query.years'],
      ['from=2040-41', 'query.years'],
      ['from=2015-16', 'query.from'],
      ['funder=health', 'query.funder'],
      ['mitigations=no-such-scenario', 'query.mitigations'],
      ['from=2025-27', 'query.from'],
    ]) {
      const response = await harness.call('GET', `/forecast?${query}`, { as: 'reader' });
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { errors: { field: string }[] };
      expect(
        body.errors.map((e) => e.field),
        query,
      ).toContain(field);
    }
  });
});

describe('the DSG management plan files', () => {
  it('XLSX: the plan sheet by category and year, mitigations and assumptions, read back', async () => {
    const response = await harness.call(
      'GET',
      `/exports/dsg-plan.xlsx?from=2025-26&years=5&mitigations=${scenarioId}`,
      {
        as: 'reader',
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('dsg-management-plan-2025-26-5y.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(Object.values(PLAN_SHEETS));
    const sheet = workbook.getWorksheet(PLAN_SHEETS.plan) as ExcelJS.Worksheet;
    expect((sheet.getRow(PLAN_TITLE_ROWS + 1).values as unknown[]).slice(1)).toEqual([
      'Line',
      'Code',
      '2025-26',
      '2026-27',
      '2027-28',
      '2028-29',
      '2029-30',
    ]);
    const forecast = await get<Forecast>(`/forecast?from=2025-26&years=5&mitigations=${scenarioId}`);
    const codes: [row: number, code: string][] = [];
    sheet.eachRow((row, rowNumber) => codes.push([rowNumber, String(row.getCell(2).value)]));
    /** The first row with `code` after the first with `after` (eachRow skips empty rows: keep their numbers). */
    const rowOf = (code: string, after: string) => {
      const from = codes.findIndex(([, c]) => c === after);
      return sheet.getRow(codes.slice(from).find(([, c]) => c === code)?.[0] ?? 0);
    };
    const mdssa = rowOf('MdSSA', 'Code');
    expect(mdssa.getCell(3).value).toBe(3_000_000);
    const spendRow = rowOf('MdSSA', 'TOTAL');
    expect(spendRow.getCell(4).value).toBe(
      forecast.years[1]?.byDsg.find((r) => r.dsgCategory === 'MdSSA')?.forecast,
    );
    const mitigations = workbook.getWorksheet(PLAN_SHEETS.mitigations) as ExcelJS.Worksheet;
    expect(mitigations.getCell(2, 2).value).toBe(scenarioId);
  });

  it('CSV: the same plan, one line per row', async () => {
    const response = await harness.call('GET', '/exports/dsg-plan.csv?from=2025-26&years=2', {
      as: 'reader',
    });
    expect(response.status).toBe(200);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.section === 'budget' && r.code === 'TOTAL')?.['2026-27']).toBe('5500000.00');
  });

  it('keeps the one-year table for ?fy=', async () => {
    const response = await harness.call('GET', '/exports/dsg-plan.csv?fy=2025-26', { as: 'reader' });
    expect((await response.text()).split('\r\n')[0]).toMatch(/^financial_year,dsg_category,label,/);
  });
});

describe('npm run spend -- --forecast (the CLI, over HTTP)', () => {
  let server: ReturnType<typeof serve>;
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: harness.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        url = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const run = async (args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [cliPath('spend'), ...args], {
        env: { ...process.env, API_URL: url },
      });
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('--json prints the /forecast JSON; the table shows each year and the mitigation', async () => {
    const json = await run(['--forecast', '--from', '2025-26', '--years', '3', '--json']);
    expect(json.code).toBe(0);
    const forecast = JSON.parse(json.stdout) as Forecast;
    expect(forecast.years.map((y) => y.financialYear)).toEqual(['2025-26', '2026-27', '2027-28']);
    const printed = await run(['--forecast', '--years', '2', '--mitigations', scenarioId]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^Forecast 2025-26 to 2026-27 as at 2025-11-15/);
    expect(printed.stdout).toMatch(/Forecast p50\s+£[\d,]+\.\d\d\s+£[\d,]+\.\d\d/);
    expect(printed.stdout).toContain('Saving: Independent fees held down');
  });

  it('exits 2 with the usage on bad flags', async () => {
    for (const args of [
      ['--forecast', '--years', '11'],
      ['--forecast', '--fy', '2025-26'],
      ['--years', '2'],
    ]) {
      const bad = await run(args);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toContain('usage: npm run -s spend');
    }
  });
});
