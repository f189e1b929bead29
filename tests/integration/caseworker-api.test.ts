// What the caseworker and provisions views rely on from the API: who the caller is (GET /me), the filtered
// placement exports (the GET /placements query, as CSV and XLSX) and provision occupancy (GET /occupancy),
// which must say exactly what the monthly occupancy alert says.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { occupancyAlerts } from '../../domain/alerts';
import type { Placement } from '../../domain/placement';
import type { Provision } from '../../domain/provision';
import { gatherAlertFigures } from '../../functions/alerts/figures';
import { placementBody, placementsApp } from '../helpers/placements-app';

type Api = Awaited<ReturnType<typeof placementsApp>>;
const json = async <T>(response: Response) => (await response.json()) as T;
const fieldsOf = async (response: Response) =>
  (await json<{ errors?: { field: string }[] }>(response)).errors?.map((error) => error.field) ?? [];

async function create(api: Api, overrides: Record<string, unknown>): Promise<Placement> {
  const response = await api.call('POST', '/placements', { body: placementBody(overrides) });
  expect(response.status).toBe(201);
  return json<Placement>(response);
}

describe('GET /me', () => {
  it('answers the caller and their groups, and 401 without one', async () => {
    const api = await placementsApp();
    expect(await json(await api.call('GET', '/me', { as: 'planner' }))).toEqual({
      userId: 'u-plan-1',
      name: 'pat@example.gov.uk',
      groups: ['planners'],
    });
    expect((await api.call('GET', '/me', { as: 'anonymous' })).status).toBe(401);
  });
});

describe('filtered placement exports', () => {
  let api: Api;
  let all: Placement[];
  beforeAll(async () => {
    api = await placementsApp('2026-01-10');
    for (let i = 0; i < 24; i++)
      await create(api, {
        inBorough: i % 3 !== 0,
        ...(i % 3 === 0 ? { hostLaCode: '808', providerUrn: '123456', providerName: 'Oak Hill School' } : {}),
        lookedAfter: i % 2 === 0,
        primaryNeed: i % 4 === 0 ? 'SEMH' : 'ASD',
        ...(i % 5 === 0 ? { endDate: '2025-07-20', endReason: 'moved-setting' } : {}),
      });
    all = await api.deps.placements.all();
  });

  const oobLookedAfter = (p: Placement) => !p.inBorough && p.lookedAfter;
  const idsOfCsv = (csv: string) =>
    csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]);

  it('CSV: exactly the placements the list query picks, named after the filter', async () => {
    const response = await api.call('GET', '/exports/placements.csv?inBorough=false&lookedAfter=true', {
      as: 'finance',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="placements-out-of-borough-looked-after.csv"',
    );
    const expected = all.filter(oobLookedAfter).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(2);
    expect(new Set(idsOfCsv(await response.text()))).toEqual(new Set(expected));
    expect(idsOfCsv(await (await api.call('GET', '/exports/placements.csv')).text())).toHaveLength(
      all.length,
    );

    const active = await api.call(
      'GET',
      '/exports/placements.csv?status=active&primaryNeed=SEMH&provider=oak',
    );
    const activeSemhOak = all.filter(
      (p) => p.endDate === undefined && p.primaryNeed === 'SEMH' && p.providerName === 'Oak Hill School',
    );
    expect(new Set(idsOfCsv(await active.text()))).toEqual(new Set(activeSemhOak.map((p) => p.id)));
  });

  it('XLSX: the same placements on the first sheet, in headers that re-import, and the filter in words', async () => {
    const response = await api.call('GET', '/exports/placements.xlsx?inBorough=false&lookedAfter=true');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toContain(
      'placements-out-of-borough-looked-after.xlsx',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const [sheet, about] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Placement ID', 'Child Ref', 'Primary Need']);
    const ids: unknown[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) ids.push(row.getCell(1).value);
    });
    expect(new Set(ids)).toEqual(new Set(all.filter(oobLookedAfter).map((p) => p.id)));
    const lookedAfterColumn = header.indexOf('LAC') + 1;
    expect(sheet.getRow(2).getCell(lookedAfterColumn).value).toBe('Y');
    expect(about.getCell('B2').value).toBe('Out of borough; Looked after');

    // Every row of the file reads back through the import without a reject, like the CSV.
    const reimport = await api.app.request('/imports', {
      method: 'POST',
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'x-test-caller': 'caseworker',
      },
      body: new Uint8Array(await workbook.xlsx.writeBuffer()),
    });
    const result = await json<{ imported: number; duplicates: number; rejected: number }>(reimport);
    expect(result.rejected).toBe(0);
    expect(result.imported + result.duplicates).toBe(ids.length);
  });

  it('refuses a bad filter naming it, as the list does', async () => {
    const response = await api.call('GET', '/exports/placements.xlsx?inBorough=maybe&colour=red');
    expect(response.status).toBe(400);
    expect(new Set(await fieldsOf(response))).toEqual(new Set(['query.inBorough', 'query']));
  });
});

describe('GET /occupancy', () => {
  const provisionBody = (name: string, places: number) => ({
    name,
    type: 'resourced-provision',
    needs: ['ASD'],
    phases: ['primary'],
    commissionedPlaces: [{ academicYear: 2025, places }],
  });

  it('gives each provision’s places, children and level, exactly as the occupancy alert sees them', async () => {
    const api = await placementsApp('2026-01-10');
    const provisions: Provision[] = [];
    for (const [name, places] of [
      ['Under', 10],
      ['Warn', 10],
      ['Full', 10],
      ['No places', 0],
    ] as const) {
      const response = await api.call('POST', '/provisions', {
        body: provisionBody(name, places),
        as: 'planner',
      });
      provisions.push(await json<Provision>(response));
    }
    const [under, warn, full, none] = provisions as [Provision, Provision, Provision, Provision];
    const fill = async (provision: Provision, count: number, extra: Record<string, unknown> = {}) => {
      for (let i = 0; i < count; i++) await create(api, { provisionId: provision.id, ...extra });
    };
    await fill(under, 8);
    await fill(warn, 9);
    await fill(full, 10);
    await fill(none, 1);
    // Ended before today, or starting later: not there today.
    await fill(under, 3, { endDate: '2026-01-09', endReason: 'moved-setting' });
    await fill(under, 2, { startDate: '2026-02-01' });

    const response = await api.call('GET', '/occupancy', { as: 'reader' });
    expect(response.status).toBe(200);
    const body = await json<{
      asOf: string;
      academicYear: number;
      thresholds: { occupancyWarn: number; occupancyCritical: number };
      items: { provisionId: string; places: number; occupied: number; share: number | null; level: string }[];
    }>(response);
    expect(body.asOf).toBe('2026-01-10');
    expect(body.academicYear).toBe(2025);
    expect(body.thresholds).toEqual({ occupancyWarn: 0.9, occupancyCritical: 1 });
    const byId = new Map(body.items.map((item) => [item.provisionId, item]));
    expect(byId.get(under.id)).toMatchObject({ places: 10, occupied: 8, share: 0.8, level: 'ok' });
    expect(byId.get(warn.id)).toMatchObject({ occupied: 9, share: 0.9, level: 'warn' });
    expect(byId.get(full.id)).toMatchObject({ occupied: 10, share: 1, level: 'critical' });
    expect(byId.get(none.id)).toMatchObject({ places: 0, occupied: 1, share: null, level: 'critical' });

    // The alert run, on the same records and day, raises exactly the non-ok levels.
    const figures = await gatherAlertFigures(api.deps, '2026-01-10', [12]);
    const alerts = occupancyAlerts(figures.occupancy, api.deps.alerting.settings.thresholds);
    expect(
      new Map(alerts.map((alert) => [alert.key.replace('provision-occupancy:', ''), alert.severity])),
    ).toEqual(
      new Map(body.items.filter((item) => item.level !== 'ok').map((item) => [item.provisionId, item.level])),
    );
    for (const row of figures.occupancy)
      expect(byId.get(row.provisionId)).toMatchObject({ places: row.places, occupied: row.occupied });

    // Another day: the places and children of that day.
    const later = await json<typeof body>(await api.call('GET', '/occupancy?asOf=2026-02-01'));
    expect(later.items.find((item) => item.provisionId === under.id)).toMatchObject({ occupied: 10 });
    const bad = await api.call('GET', '/occupancy?asOf=2026-02-30');
    expect(await fieldsOf(bad)).toEqual(['query.asOf']);
  });
});
