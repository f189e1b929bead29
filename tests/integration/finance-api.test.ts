import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../bin/build.mjs';
import type { Placement } from '../../domain/placement';
import { API_ROUTES } from '../../functions/api/api-routes';
import { createApp } from '../../functions/api/app';
import type { AppDeps } from '../../functions/api/deps';
import { FILE_ROUTES } from '../../functions/api/file-routes';
import type { Group, Identity } from '../../functions/api/identity';
import { createStores } from '../../functions/store';
import { onsPopulation, SOUTH_TYNESIDE } from '../helpers/population';
import { freshTable } from '../helpers/table';

type Caller = 'finance' | 'reader' | 'caseworker';
const person = (userId: string, name: string, groups: Group[]): Identity => ({ userId, name, groups });
const CALLERS: Record<Caller, Identity> = {
  finance: person('u-fin-1', 'fran@example.gov.uk', ['finance']),
  reader: person('u-read-1', 'robin@example.gov.uk', ['readers']),
  caseworker: person('u-case-1', 'casey@example.gov.uk', ['caseworkers']),
};

const stored = {
  residential: false,
  lookedAfter: false,
  version: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  createdBy: 'test',
  updatedBy: 'test',
};
const costs = (education: number, transport = 0) => ({ education, socialCare: 0, health: 0, transport });

// P1: the example, 2025-09-01 → 2026-02-28 at £36,500 education: £18,100 in FY 2025-26. Born May 2012:
// age 12 on 1 April 2025 (11–15). NMISS, out of borough.
const P1: Placement = {
  ...stored,
  id: 'p1',
  childRef: 'C-1',
  primaryNeed: 'ASD',
  setting: 'independent-special',
  inBorough: false,
  hostLaCode: '390',
  birthMonth: '2012-05',
  startDate: '2025-09-01',
  endDate: '2026-02-28',
  endReason: 'moved-setting',
  costs: costs(36_500),
  costHistory: [{ effectiveFrom: '2025-09-01', costs: costs(36_500) }],
};
// P2: from 2024-01-01, open, maintained special in borough; education £18,250 (£50/day) rising to £21,900
// (£60/day) on 2025-10-01, transport £3,650 (£10/day). NCY 2 in 2023/24 → NCY 3 in 2024/25 → age 8 (5–10).
// FY 2025-26: education 183 × 50 + 182 × 60 = 9,150 + 10,920 = 20,070; transport 365 × 10 = 3,650; total 23,720.
const P2: Placement = {
  ...stored,
  id: 'p2',
  childRef: 'C-2',
  primaryNeed: 'SEMH',
  setting: 'maintained-special',
  inBorough: true,
  ncy: 2,
  startDate: '2024-01-01',
  costs: costs(21_900, 3_650),
  costHistory: [
    { effectiveFrom: '2024-01-01', costs: costs(18_250, 3_650) },
    { effectiveFrom: '2025-10-01', costs: costs(21_900, 3_650) },
  ],
};

const BUDGET = {
  lines: [
    { dsgCategory: 'NMISS', amount: 20_000 },
    { dsgCategory: 'MdSSA', amount: 12_000 },
    { dsgCategory: 'MdSSA', need: 'SEMH', amount: 5_000 },
  ],
  openingDsgBalance: -5_000,
  notes: 'Test budget',
};

const json = async <T = Record<string, unknown>>(response: Response) => (await response.json()) as T;
const fieldsOf = async (response: Response) =>
  (await json<{ errors?: { field: string }[] }>(response)).errors?.map((error) => error.field) ?? [];

let deps: AppDeps;
let app: ReturnType<typeof createApp>;
let call: (
  method: string,
  path: string,
  options?: { body?: unknown; as?: Caller; headers?: Record<string, string> },
) => Promise<Response>;

beforeAll(async () => {
  const table = await freshTable('finance');
  deps = createStores({
    client: table.client,
    tableName: table.tableName,
    now: () => new Date('2025-10-15T09:00:00Z'),
  });
  app = createApp({
    deps,
    identity: (c) => CALLERS[(c.req.header('x-test-caller') ?? 'reader') as Caller],
    // The DSG-plan files are served by the files function; here, one app serves both sets.
    routes: { ...API_ROUTES, ...FILE_ROUTES },
    logError: () => {},
  });
  call = async (method, path, options = {}) =>
    app.request(path, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        'x-test-caller': options.as ?? 'reader',
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  await deps.placements.createMany([P1, P2], { actor: { userId: 'test', name: 'test' }, now: new Date() });
  await deps.population.put(onsPopulation(SOUTH_TYNESIDE), {
    actor: { userId: 'test', name: 'test' },
    now: new Date(),
  });
});

describe('budgets', () => {
  it('PUT creates (201), GET reads it back for anyone, and the change is audited', async () => {
    const put = await call('PUT', '/budgets/2025-26', { body: BUDGET, as: 'finance' });
    expect(put.status).toBe(201);
    expect(put.headers.get('etag')).toBe('"1"');
    const created = await json(put);
    expect(created).toMatchObject({
      ...BUDGET,
      financialYear: '2025-26',
      total: 37_000,
      version: 1,
      createdBy: 'fran@example.gov.uk',
    });

    const get = await call('GET', '/budgets/2025-26', { as: 'reader' });
    expect(get.status).toBe(200);
    expect(await json(get)).toEqual(created);

    const history = await deps.budgets.history('2025-26');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', version: 1, by: { userId: 'u-fin-1' } });
    expect(history[0]?.changes.map((change) => change.field)).toEqual(
      expect.arrayContaining(['lines', 'openingDsgBalance', 'total']),
    );
  });

  it('replaces with If-Match, refuses a stale version with 409, and audits the replace', async () => {
    const lines = [...BUDGET.lines.slice(0, 2), { dsgCategory: 'MdSSA', need: 'SEMH', amount: 5_000 }];
    const replaced = await call('PUT', '/budgets/2025-26', {
      body: { ...BUDGET, lines, notes: 'Revised at month 6' },
      as: 'finance',
      headers: { 'if-match': '"1"' },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('etag')).toBe('"2"');
    const stale = await call('PUT', '/budgets/2025-26', {
      body: { ...BUDGET, notes: 'Lost update' },
      as: 'finance',
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(409);
    expect((await call('GET', '/budgets/2025-26')).headers.get('etag')).toBe('"2"');
    const history = await deps.budgets.history('2025-26');
    expect(history.map((entry) => [entry.action, entry.version])).toEqual([
      ['create', 1],
      ['put', 2],
    ]);
    expect(history[1]?.changes).toEqual([{ field: 'notes', from: 'Test budget', to: 'Revised at month 6' }]);
  });

  it('only finance writes', async () => {
    expect((await call('PUT', '/budgets/2026-27', { body: BUDGET, as: 'reader' })).status).toBe(403);
    expect((await call('PUT', '/budgets/2026-27', { body: BUDGET, as: 'caseworker' })).status).toBe(403);
    expect((await call('GET', '/budgets/2026-27')).status).toBe(404);
  });

  it('answers bad input with a 400 naming the field, and writes nothing', async () => {
    const negative = await call('PUT', '/budgets/2026-27', {
      body: { lines: [{ dsgCategory: 'NMISS', amount: -1 }] },
      as: 'finance',
    });
    expect(negative.status).toBe(400);
    expect(await fieldsOf(negative)).toEqual(['lines.0.amount']);
    const duplicate = await call('PUT', '/budgets/2026-27', {
      body: { lines: [BUDGET.lines[0], BUDGET.lines[0]] },
      as: 'finance',
    });
    expect(await fieldsOf(duplicate)).toEqual(['lines.1']);
    const category = await call('PUT', '/budgets/2026-27', {
      body: { lines: [{ dsgCategory: 'SCHOOLS', amount: 1 }] },
      as: 'finance',
    });
    expect(await fieldsOf(category)).toEqual(['lines.0.dsgCategory']);
    const year = await call('PUT', '/budgets/2026-28', { body: BUDGET, as: 'finance' });
    expect(year.status).toBe(400);
    expect(await fieldsOf(year)).toEqual(['financialYear']);
    expect((await call('GET', '/budgets/2026-27')).status).toBe(404);
    expect(await deps.budgets.history('2026-27')).toEqual([]);
  });
});

describe('finance settings', () => {
  it('answers the defaults, each with its source, until finance sets them', async () => {
    const response = await call('GET', '/finance/settings');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeNull();
    const body = await json<{ costUplift: { rate: number; source: string; isDefault: boolean } }>(response);
    expect(body).toMatchObject({
      costUplift: { rate: 0.03, isDefault: true },
      budgetGrowth: { rate: 0, isDefault: true },
      openingDsgBalance: null,
      version: 0,
    });
    expect(body.costUplift.source).toMatch(/^Default: 3% a year/);
  });

  it('finance sets them (audited, versioned); a setting left out goes back to its default', async () => {
    const body = {
      costUplift: { rate: 0.045, source: 'DfE high needs benchmarking, 2024-25 unit costs' },
      openingDsgBalance: { financialYear: '2025-26', amount: -2_194_149, source: 'Outturn 2024-25' },
    };
    expect((await call('PUT', '/finance/settings', { body, as: 'reader' })).status).toBe(403);
    const put = await call('PUT', '/finance/settings', { body, as: 'finance' });
    expect(put.status).toBe(201);
    expect(put.headers.get('etag')).toBe('"1"');
    expect(await json(put)).toMatchObject({
      costUplift: { rate: 0.045, source: body.costUplift.source, isDefault: false },
      budgetGrowth: { rate: 0, isDefault: true },
      openingDsgBalance: body.openingDsgBalance,
      version: 1,
      updatedBy: 'fran@example.gov.uk',
    });
    const stale = await call('PUT', '/finance/settings', {
      body: { budgetGrowth: { rate: 0.02 } },
      as: 'finance',
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(409);
    const replaced = await call('PUT', '/finance/settings', {
      body: { ...body, budgetGrowth: { rate: 0.02 }, version: 1 },
      as: 'finance',
    });
    expect(replaced.status).toBe(200);
    expect(await json(replaced)).toMatchObject({
      budgetGrowth: { rate: 0.02, isDefault: false },
      version: 2,
    });
    const history = await deps.financeSettings.history();
    expect(history.map((entry) => [entry.action, entry.version])).toEqual([
      ['create', 1],
      ['put', 2],
    ]);
    expect(history[1]?.changes).toEqual([{ field: 'budgetGrowth', to: { rate: 0.02 } }]);
  });

  it('answers a rate out of range or written as a percentage with a 400 naming the field', async () => {
    const response = await call('PUT', '/finance/settings', {
      body: { costUplift: { rate: 3 }, openingDsgBalance: { financialYear: '2025-27', amount: 1 } },
      as: 'finance',
    });
    expect(response.status).toBe(400);
    const body = await json<{ errors: { field: string; message: string }[] }>(response);
    expect(body.errors.map((error) => error.field)).toEqual([
      'costUplift.rate',
      'openingDsgBalance.financialYear',
    ]);
    expect(body.errors[0]?.message).toContain('write 3% as 0.03');
    expect((await json(await call('GET', '/finance/settings'))).version).toBe(2);
  });
});

describe('GET /spend', () => {
  it('totals the year and breaks it down by month, Apr..Mar', async () => {
    const response = await call('GET', '/spend?fy=2025-26');
    expect(response.status).toBe(200);
    const body = await json<{
      financialYear: string;
      total: number;
      breakdown: { key: string; amount: number }[];
    }>(response);
    // 18,100 + 23,720.
    expect(body).toMatchObject({ financialYear: '2025-26', total: 41_820, placements: 2, by: 'month' });
    expect(body.breakdown.map((item) => item.key)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    // September: P1 30 × 100 + P2 30 × (50 + 10) = 4,800.
    expect(body.breakdown[5]?.amount).toBe(4_800);
    expect(body.breakdown.reduce((sum, item) => sum + item.amount, 0)).toBeCloseTo(41_820, 2);
  });

  it.each([
    ['dsg', { NMISS: 18_100, MdSSA: 23_720 }],
    ['location', { 'in-borough': 23_720, 'out-of-borough': 18_100 }],
    ['need', { ASD: 18_100, SEMH: 23_720 }],
    ['funder', { education: 38_170, transport: 3_650 }],
  ])('by=%s', async (by, expected) => {
    const body = await json<{ breakdown: { key: string; amount: number }[] }>(
      await call('GET', `/spend?fy=2025-26&by=${by}`),
    );
    expect(
      Object.fromEntries(body.breakdown.filter((i) => i.amount > 0).map((i) => [i.key, i.amount])),
    ).toEqual(expected);
  });

  it('can show one funder only', async () => {
    const body = await json(await call('GET', '/spend?fy=2025-26&by=dsg&funder=education'));
    expect(body.total).toBe(38_170);
  });

  it('says what it counts: actual for a year that is over, actual then committed for the current one', async () => {
    expect(await json(await call('GET', '/spend?fy=2024-25'))).toMatchObject({
      basis: 'actual',
      actualTo: '2025-03-31',
    });
    // Today is 2025-10-15.
    const current = await json<{ basis: string; actualTo: string; counts: string }>(
      await call('GET', '/spend?fy=2025-26'),
    );
    expect(current).toMatchObject({ basis: 'actual-and-committed', actualTo: '2025-10-15' });
    expect(current.counts).toMatch(/^Actual from 2025-04-01 to 2025-10-15, then committed to 2026-03-31/);
  });

  // Issue 15: `spend --fy 2035-36` reported today's placements as if they ran forever.
  it('refuses a year that has not started with a 400 pointing to /forecast', async () => {
    const response = await call('GET', '/spend?fy=2026-27&by=dsg');
    expect(response.status).toBe(400);
    const body = await json<{
      error: string;
      message: string;
      forecast: string;
      errors: { field: string }[];
    }>(response);
    expect(body.error).toBe('year_not_started');
    expect(body.forecast).toBe('/forecast?from=2026-27&years=1');
    expect(body.message).toContain('2026-27 has not started (it begins on 2026-04-01)');
    expect(body.errors.map((error) => error.field)).toEqual(['query.fy']);
  });

  it('names a bad query parameter', async () => {
    const response = await call('GET', '/spend?fy=2025-27&by=colour');
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(expect.arrayContaining(['query.fy', 'query.by']));
  });
});

describe('GET /outturn', () => {
  it('forecasts the high needs outturn against the budget and the DSG balance', async () => {
    const response = await call('GET', '/outturn?fy=2025-26&asOf=2025-09-30&newPlacements=history');
    expect(response.status).toBe(200);
    const body = await json(response);
    // Actual (education) to 30 Sep: P1 Sep 3,000 + P2 183 × 50 = 9,150 → 12,150.
    // Committed: P1 Oct–Feb 151 days × 100 = 15,100 + P2 182 × 60 = 10,920 → 26,020.
    // Expected new: one recorded start (P2, 2024-01-01) in the three previous Oct–Mar windows → Poisson(1/3):
    // p50 0, p95 1 start × £18,250 × 91.5 / 365 = 4,575.
    expect(body).toMatchObject({
      financialYear: '2025-26',
      asOf: '2025-09-30',
      actualToDate: 12_150,
      committed: 26_020,
      plannedStarts: 0,
      forecast: { p05: 38_170, p50: 38_170, p95: 42_745 },
      budget: 37_000,
      variance: { p05: 1_170, p50: 1_170, p95: 5_745 },
      // −5,000 + 37,000 − forecast.
      dsgBalance: { opening: -5_000, closing: { p05: -10_745, p50: -6_170, p95: -6_170 } },
    });
    expect(body.allFunders).toMatchObject({ forecast: { p50: 41_820 } });
  });

  it("uses the model's joiners by default, and history when the model cannot be fitted", async () => {
    type Body = {
      forecast: { p50: number };
      expectedStarts: {
        source: string;
        method: string;
        count: { p05: number; p50: number; p95: number };
        warnings?: string[];
      };
    };
    const model = await json<Body>(await call('GET', '/outturn?fy=2025-26&asOf=2025-09-30'));
    expect(model.expectedStarts.source).toBe('model');
    // The window ends on 31 March 2026, after the January 2026 census: the joiners of census year 2027.
    expect(model.expectedStarts.method).toContain('census year 2027');
    const { count } = model.expectedStarts;
    expect(count.p05).toBeLessThanOrEqual(count.p50);
    expect(count.p50).toBeLessThanOrEqual(count.p95);
    // Recorded 38,170 + p50 joiners × £18,250 (P2, the one recent joiner) × 91.5 / 365 days.
    expect(model.forecast.p50).toBeCloseTo(38_170 + (count.p50 * 18_250 * 91.5) / 365, 2);

    // As at February 2024 there is one January census of history: too little for the model.
    const early = await json<Body>(await call('GET', '/outturn?fy=2024-25&asOf=2024-02-01'));
    expect(early.expectedStarts.source).toBe('history');
    expect(early.expectedStarts.warnings?.[0]).toMatch(/^model not used: .*two January censuses/);
  });

  it('defaults asOf to today', async () => {
    const body = await json(await call('GET', '/outturn?fy=2025-26'));
    expect(body.asOf).toBe('2025-10-15');
  });

  // Issue 12, finding 1: these passed validation, and the month loop ran away with a NaN year until the heap
  // was gone (fy=0000-01) or answered 500 (fy=9999-00, asOf=0000-01-01).
  it.each([
    ['/spend?fy=0000-01', 'query.fy'],
    ['/spend?fy=0100-01', 'query.fy'],
    ['/spend?fy=9999-00', 'query.fy'],
    ['/spend?fy=1999-00', 'query.fy'],
    ['/outturn?fy=0000-01', 'query.fy'],
    ['/outturn?asOf=0000-01-01', 'query.asOf'],
    ['/outturn?fy=2025-26&asOf=2101-01-01', 'query.asOf'],
    ['/exports/dsg-plan.csv?fy=0100-01', 'query.fy'],
    ['/exports/dsg-plan.xlsx?fy=2100-01', 'query.fy'],
    ['/budgets/0000-01', 'financialYear'],
    ['/summary?asOf=1989-12-31', 'query.asOf'],
    ['/alerts?since=0000-01', 'query.since'],
    ['/placements?changedSince=0001-01-01T00:00:00Z', 'query.changedSince'],
  ])('refuses %s with a 400 naming %s', async (path, field) => {
    // Finance may call every one of these routes (a reader is refused the placement list before validation).
    const response = await call('GET', path, { as: 'finance' });
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual([field]);
  });

  it('answers the first financial year in range; the last has not started', async () => {
    expect((await call('GET', '/spend?fy=2000-01')).status).toBe(200);
    expect((await call('GET', '/spend?fy=2099-00')).status).toBe(400);
  });

  it('names a bad asOf', async () => {
    const response = await call('GET', '/outturn?fy=2025-26&asOf=2025-02-30');
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(['query.asOf']);
  });
});

describe('DSG plan exports', () => {
  it('XLSX: header block, DSG categories × age groups, currency, totals, frozen header', async () => {
    const response = await call('GET', '/exports/dsg-plan.xlsx?fy=2025-26');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain('dsg-plan-2025-26.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('DSG plan');
    if (!sheet) throw new Error('no DSG plan sheet');
    expect(String(sheet.getCell('A1').value)).toContain(deps.alerting.settings.authorityName);
    expect(String(sheet.getCell('A2').value)).toContain('2025-26');
    expect(sheet.getCell('A6').value).toBe('DSG category');
    expect(['C6', 'E6', 'G6', 'I6', 'K6', 'M6'].map((ref) => sheet.getCell(ref).value)).toEqual([
      'Under 5',
      '5–10',
      '11–15',
      '16–19',
      '20–25',
      'Total',
    ]);
    expect(sheet.getCell('C7').value).toBe('Placements');
    expect(sheet.getCell('D7').value).toBe('Spend (£)');
    const categories = Array.from({ length: 7 }, (_, i) => sheet.getCell(8 + i, 2).value);
    expect(categories).toEqual(['MmSoA', 'RPSEN', 'MdSSA', 'NMISS', 'HspAP', 'P16FE', 'OTHER']);
    // MdSSA (row 10): P2 aged 8 → 5–10 (E, F): 1 placement, £20,070 education.
    expect(sheet.getCell('E10').value).toBe(1);
    expect(sheet.getCell('F10').value).toBe(20_070);
    // NMISS (row 11): P1 aged 12 → 11–15 (G, H): 1 placement, £18,100.
    expect(sheet.getCell('G11').value).toBe(1);
    expect(sheet.getCell('H11').value).toBe(18_100);
    expect(sheet.getCell('H11').numFmt).toContain('£');
    expect(sheet.getCell('A15').value).toBe('Total');
    expect(sheet.getCell('N15').value).toMatchObject({ formula: 'SUM(N8:N14)', result: 38_170 });
    expect(sheet.getCell('M11').value).toMatchObject({ result: 1 });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 7, xSplit: 2 });
  });

  it('CSV: the same table', async () => {
    const response = await call('GET', '/exports/dsg-plan.csv?fy=2025-26');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'financial_year,dsg_category,label,under_5_placements,under_5_spend,5_10_placements,5_10_spend,11_15_placements,11_15_spend,16_19_placements,16_19_spend,20_25_placements,20_25_spend,total_placements,total_spend',
    );
    expect(lines).toHaveLength(9);
    expect(lines[3]).toBe(
      '2025-26,MdSSA,Maintained special schools or special academies,0,0.00,1,20070.00,0,0.00,0,0.00,0,0.00,1,20070.00',
    );
    expect(lines[8]).toBe('2025-26,TOTAL,Total,0,0.00,1,20070.00,1,18100.00,0,0.00,0,0.00,2,38170.00');
  });
});

describe('npm run spend (the CLI, over HTTP)', () => {
  let server: ReturnType<typeof serve>;
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        url = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const run = async (args: string[], apiUrl = url) => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [cliPath('spend'), ...args], {
        env: { ...process.env, API_URL: apiUrl },
      });
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('--json prints the /spend JSON', async () => {
    const { code, stdout } = await run(['--fy', '2025-26', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ financialYear: '2025-26', total: 41_820, by: 'month' });
  });

  it('prints a readable table, and the outturn', async () => {
    const spend = await run(['--fy', '2025-26', '--by', 'dsg']);
    expect(spend.stdout).toMatch(/Non-maintained or independent special schools\s+£18,100\.00\s+43\.3%\s+1/);
    expect(spend.stdout).toMatch(/Total\s+£41,820\.00\s+100\.0%\s+2/);
    const outturn = await run([
      '--outturn',
      '--fy',
      '2025-26',
      '--as-of',
      '2025-09-30',
      '--new-placements',
      'history',
    ]);
    expect(outturn.code).toBe(0);
    expect(outturn.stdout).toMatch(/Forecast outturn\s+£38,170\.00\s+£38,170\.00\s+£42,745\.00/);
  });

  it('exits 2 with the usage on bad flags, 1 when the API cannot be reached', async () => {
    const bad = await run(['--fy', '2025-27']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: npm run -s spend');
    const down = await run(['--fy', '2025-26'], 'http://127.0.0.1:9');
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot reach the API');
  });
});
