import { beforeAll, describe, expect, it } from 'vitest';
import { Placement } from '../../domain/placement';
import type { AuditEntry } from '../../functions/store/ports';
import { ISSUE_BODY, placementBody, placementsApp, provisionBody } from '../helpers/placements-app';

type Api = Awaited<ReturnType<typeof placementsApp>>;

const json = async <T = Record<string, unknown>>(response: Response) => (await response.json()) as T;
const fieldsOf = async (response: Response) =>
  (await json<{ errors?: { field: string }[] }>(response)).errors?.map((error) => error.field) ?? [];

async function create(api: Api, overrides: Record<string, unknown> = {}): Promise<Placement> {
  const response = await api.call('POST', '/placements', { body: placementBody(overrides) });
  expect(response.status).toBe(201);
  return json<Placement>(response);
}

describe('POST /placements and GET /placements/{id}', () => {
  let api: Api;
  beforeAll(async () => {
    api = await placementsApp();
  });

  it('accepts the issue body exactly and returns it from GET, with the stored fields and no keys', async () => {
    const response = await api.call('POST', '/placements', { body: ISSUE_BODY });
    expect(response.status).toBe(201);
    const created = await json<Placement>(response);
    expect(response.headers.get('location')).toBe(`/placements/${created.id}`);
    expect(response.headers.get('etag')).toBe('"1"');

    const read = await api.call('GET', response.headers.get('location') as string, { as: 'planner' });
    expect(read.status).toBe(200);
    const placement = await json<Record<string, unknown>>(read);
    expect(placement).toMatchObject(JSON.parse(ISSUE_BODY));
    // Even the costs come back in the order they were sent (DynamoDB does not keep map key order).
    expect(JSON.stringify(placement.costs)).toBe(JSON.stringify(JSON.parse(ISSUE_BODY).costs));
    expect(placement).toMatchObject({
      id: created.id,
      version: 1,
      costHistory: [{ effectiveFrom: '2025-09-01', costs: JSON.parse(ISSUE_BODY).costs }],
      createdBy: 'casey@example.gov.uk',
      createdAt: '2026-01-10T09:30:00.000Z',
    });
    // Only the record's own fields: no key, index or search attributes.
    const fields = new Set(Object.keys(Placement.shape));
    expect(Object.keys(placement).filter((key) => !fields.has(key))).toEqual([]);
    expect(placement).toEqual(created);
  });

  it('rejects a wrong primaryNeed with a 400 naming the field, and writes nothing', async () => {
    const before = await api.itemCount();
    const response = await api.call('POST', '/placements', {
      body: { ...JSON.parse(ISSUE_BODY), primaryNeed: 'AUTISM' },
    });
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(['primaryNeed']);
    expect(await api.itemCount()).toBe(before);
  });

  it('names every bad field, including cross-field rules', async () => {
    const response = await api.call('POST', '/placements', {
      body: placementBody({ childRef: 'A123456789012', inBorough: false, ncy: 99, extra: 1 }),
    });
    expect(response.status).toBe(400);
    expect(new Set(await fieldsOf(response))).toEqual(new Set(['childRef', 'ncy', 'hostLaCode', '(body)']));
    const outOfBorough = await api.call('POST', '/placements', { body: placementBody({ inBorough: false }) });
    expect(await fieldsOf(outOfBorough)).toEqual(['hostLaCode']);
  });

  it('answers 415 for a body that is not JSON, 400 for broken JSON and 413 for a body over 256 KB', async () => {
    const text = await api.call('POST', '/placements', {
      body: ISSUE_BODY,
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const broken = await api.call('POST', '/placements', { body: '{"childRef":' });
    expect(broken.status).toBe(400);
    const huge = await api.call('POST', '/placements', {
      body: { ...placementBody(), providerName: 'x'.repeat(300 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(await json(huge)).toMatchObject({ error: 'payload_too_large' });
  });

  it('lets only caseworkers write', async () => {
    const placement = await create(api);
    expect((await api.call('POST', '/placements', { body: placementBody(), as: 'planner' })).status).toBe(
      403,
    );
    expect((await api.call('POST', '/placements', { body: placementBody(), as: 'reader' })).status).toBe(403);
    expect((await api.call('POST', '/placements', { body: placementBody(), as: 'anonymous' })).status).toBe(
      401,
    );
    expect(
      (
        await api.call('PATCH', `/placements/${placement.id}`, {
          body: { ncy: 6, version: 1 },
          as: 'planner',
        })
      ).status,
    ).toBe(403);
    expect((await api.call('GET', `/placements/${placement.id}`, { as: 'planner' })).status).toBe(200);
    expect((await api.call('GET', `/placements/${placement.id}`, { as: 'anonymous' })).status).toBe(401);
  });

  it("shows a child's records to caseworkers and planners, their costs to finance, and none to readers", async () => {
    const placement = await create(api);
    const status = async (path: string, as: 'caseworker' | 'planner' | 'finance' | 'reader') =>
      (await api.call('GET', path, { as })).status;
    const record = `/placements/${placement.id}`;
    const history = `${record}/history`;
    for (const path of ['/placements', record, history, '/exports/census.csv?year=2026']) {
      expect(await status(path, 'caseworker'), path).toBe(200);
      expect(await status(path, 'planner'), path).toBe(200);
      expect(await status(path, 'reader'), path).toBe(403);
    }
    // Finance: the placement records with their costs, not who changed what.
    const asFinance = await api.call('GET', record, { as: 'finance' });
    expect(asFinance.status).toBe(200);
    expect(await json(asFinance)).toMatchObject({
      costs: placement.costs,
      costHistory: placement.costHistory,
    });
    expect(await status('/placements', 'finance')).toBe(200);
    expect(await status('/exports/placements.csv', 'finance')).toBe(200);
    expect(await status(history, 'finance')).toBe(403);
    expect(await status('/exports/census.csv?year=2026', 'finance')).toBe(403);
    // Readers: the aggregates.
    expect(await status('/summary', 'reader')).toBe(200);
    expect(await json(await api.call('GET', history, { as: 'reader' }))).toMatchObject({
      error: 'forbidden',
      message: 'only caseworkers or planners may do this (GET /placements/{id}/history)',
    });
  });

  it('answers 404 for an unknown id and 400 for an id that cannot exist', async () => {
    expect((await api.call('GET', '/placements/no-such-placement')).status).toBe(404);
    const bad = await api.call('GET', `/placements/${'x'.repeat(65)}`);
    expect(bad.status).toBe(400);
    expect(await fieldsOf(bad)).toEqual(['id']);
  });
});

describe('idempotent creates', () => {
  let api: Api;
  beforeAll(async () => {
    api = await placementsApp();
  });

  it('a create retried with one Idempotency-Key makes one record and answers the same 201 and body', async () => {
    const before = await api.itemCount();
    const body = placementBody();
    const headers = { 'idempotency-key': 'create-7d0c3b5e' };
    const first = await api.call('POST', '/placements', { body, headers });
    const second = await api.call('POST', '/placements', { body, headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await json(second)).toEqual(await json(first));
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    // One placement, its audit entry, the key and the placement projection's change item.
    expect(await api.itemCount()).toBe(before + 4);
    expect((await api.deps.placements.list({ primaryNeed: 'SEMH' }, { limit: 500 })).items).toHaveLength(1);
  });

  it('concurrent retries with one key still make exactly one record', async () => {
    const body = placementBody({ primaryNeed: 'HI' });
    const headers = { 'idempotency-key': 'burst-1' };
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => api.call('POST', '/placements', { body, headers })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (r) => (await json<Placement>(r)).id)));
    expect(ids.size).toBe(1);
    expect((await api.deps.placements.list({ primaryNeed: 'HI' }, { limit: 500 })).items).toHaveLength(1);
  });

  it('the same key with a different body is a 409 and writes nothing', async () => {
    const headers = { 'idempotency-key': 'reused-key' };
    expect((await api.call('POST', '/placements', { body: placementBody(), headers })).status).toBe(201);
    const before = await api.itemCount();
    const reused = await api.call('POST', '/placements', { body: placementBody(), headers });
    expect(reused.status).toBe(409);
    expect(await api.itemCount()).toBe(before);
  });

  it('rejects a malformed Idempotency-Key naming the header', async () => {
    const response = await api.call('POST', '/placements', {
      body: placementBody(),
      headers: { 'idempotency-key': 'has spaces in it' },
    });
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(['Idempotency-Key']);
  });

  it('the same client-given id with the same content returns the record; different content is a 409', async () => {
    const body = placementBody({ id: 'client-id-1', primaryNeed: 'VI' });
    const first = await api.call('POST', '/placements', { body });
    const again = await api.call('POST', '/placements', { body });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await json(again)).toEqual(await json(first));
    expect((await api.deps.placements.list({ primaryNeed: 'VI' }, { limit: 500 })).items).toHaveLength(1);
    const before = await api.itemCount();
    const different = await api.call('POST', '/placements', { body: { ...body, ncy: 9 } });
    expect(different.status).toBe(409);
    expect(await api.itemCount()).toBe(before);
  });
});

describe('PATCH /placements/{id} and POST /placements/{id}/end', () => {
  let api: Api;
  beforeAll(async () => {
    api = await placementsApp();
  });

  it('updates with If-Match, answering the new version in the body and the ETag', async () => {
    const placement = await create(api);
    const response = await api.call('PATCH', `/placements/${placement.id}`, {
      body: { setting: 'special-academy', lookedAfter: true },
      headers: { 'if-match': '"1"' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(await json(response)).toMatchObject({ setting: 'special-academy', lookedAfter: true, version: 2 });
    const weak = await api.call('PATCH', `/placements/${placement.id}`, {
      body: { ncy: 6 },
      headers: { 'if-match': 'W/"2"' },
    });
    expect(weak.status).toBe(200);
    const bare = await api.call('PATCH', `/placements/${placement.id}`, {
      body: { ncy: 7 },
      headers: { 'if-match': '3' },
    });
    expect(await json(bare)).toMatchObject({ ncy: 7, version: 4 });
  });

  it('requires a version, names it when missing, and refuses a stale one with the current version', async () => {
    const placement = await create(api);
    const missing = await api.call('PATCH', `/placements/${placement.id}`, { body: { ncy: 6 } });
    expect(missing.status).toBe(400);
    expect(await json(missing)).toMatchObject({
      errors: [{ field: 'version', message: 'version required: If-Match header or version field' }],
    });
    expect(
      (await api.call('PATCH', `/placements/${placement.id}`, { body: { ncy: 6, version: 1 } })).status,
    ).toBe(200);
    const before = await api.itemCount();
    const stale = await api.call('PATCH', `/placements/${placement.id}`, { body: { ncy: 8, version: 1 } });
    expect(stale.status).toBe(409);
    expect(await json(stale)).toMatchObject({ error: 'conflict', currentVersion: 2 });
    expect(await api.itemCount()).toBe(before);
    expect((await api.call('PATCH', '/placements/unknown', { body: { ncy: 6, version: 1 } })).status).toBe(
      404,
    );
  });

  it('two PATCHes with the same stale version: exactly one succeeds and one gets 409', async () => {
    for (let round = 0; round < 5; round++) {
      const placement = await create(api);
      const [a, b] = await Promise.all([
        api.call('PATCH', `/placements/${placement.id}`, { body: { ncy: 6 }, headers: { 'if-match': '1' } }),
        api.call('PATCH', `/placements/${placement.id}`, { body: { ncy: 9 }, headers: { 'if-match': '1' } }),
      ]);
      expect([a?.status, b?.status].sort()).toEqual([200, 409]);
      const stored = await json<Placement>(await api.call('GET', `/placements/${placement.id}`));
      expect(stored.version).toBe(2);
      const history = await json<{ items: AuditEntry[] }>(
        await api.call('GET', `/placements/${placement.id}/history`),
      );
      expect(history.items.map((entry) => entry.version)).toEqual([1, 2]);
    }
  });

  it('checks the merged record against the cross-field rules', async () => {
    const placement = await create(api);
    const response = await api.call('PATCH', `/placements/${placement.id}`, {
      body: { inBorough: false, version: 1 },
    });
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(['hostLaCode']);
    const unknown = await api.call('PATCH', `/placements/${placement.id}`, {
      body: { colour: 'red', version: 1 },
    });
    expect(unknown.status).toBe(400);
  });

  it('removes an optional detail given as null, audited, and refuses null where a value is required', async () => {
    const placement = await create(api, {
      secondaryNeed: 'SLCN',
      inBorough: false,
      hostLaCode: '808',
      providerName: 'Oak Hill School',
    });
    const removed = await api.call('PATCH', `/placements/${placement.id}`, {
      body: { secondaryNeed: null, providerName: null, version: 1 },
    });
    expect(removed.status).toBe(200);
    const stored = await json<Placement>(removed);
    expect(stored).not.toHaveProperty('secondaryNeed');
    expect(stored).not.toHaveProperty('providerName');
    expect(stored).toMatchObject({ hostLaCode: '808', version: 2 });
    const history = await json<{ items: AuditEntry[] }>(
      await api.call('GET', `/placements/${placement.id}/history`),
    );
    expect(history.items.at(-1)?.changes).toEqual([
      { field: 'providerName', from: 'Oak Hill School' },
      { field: 'secondaryNeed', from: 'SLCN' },
    ]);
    // The host LA of an out-of-borough placement cannot go; a required field cannot be null.
    const hostLa = await api.call('PATCH', `/placements/${placement.id}`, {
      body: { hostLaCode: null, version: 2 },
    });
    expect(await fieldsOf(hostLa)).toEqual(['hostLaCode']);
    const required = await api.call('PATCH', `/placements/${placement.id}`, {
      body: { childRef: null, setting: null, version: 2 },
    });
    expect(new Set(await fieldsOf(required))).toEqual(new Set(['childRef', 'setting']));
    const moved = await api.call('PATCH', `/placements/${placement.id}`, {
      body: { inBorough: true, hostLaCode: null, version: 2 },
    });
    expect(await json(moved)).not.toHaveProperty('hostLaCode');
  });

  it('keeps the cost history: a change is effective from a date, never before the start or the last change', async () => {
    const placement = await create(api, { startDate: '2024-09-01' });
    const newCosts = { education: 30000, socialCare: 0, health: 0, transport: 3000 };
    const changed = await api.call('PATCH', `/placements/${placement.id}`, {
      body: { costs: newCosts, costsEffectiveFrom: '2025-04-01', version: 1 },
    });
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({
      costs: newCosts,
      costHistory: [
        { effectiveFrom: '2024-09-01', costs: placement.costs },
        { effectiveFrom: '2025-04-01', costs: newCosts },
      ],
    });
    for (const effectiveFrom of ['2024-08-01', '2025-01-01']) {
      const refused = await api.call('PATCH', `/placements/${placement.id}`, {
        body: { costs: newCosts, costsEffectiveFrom: effectiveFrom, version: 2 },
      });
      expect(refused.status).toBe(400);
      expect(await fieldsOf(refused)).toEqual(['costsEffectiveFrom']);
    }
    // Without a date the change is effective today (the pinned clock: 2026-01-10).
    const today = await api.call('PATCH', `/placements/${placement.id}`, {
      body: { costs: { ...newCosts, health: 500 }, version: 2 },
    });
    expect((await json<Placement>(today)).costHistory.at(-1)?.effectiveFrom).toBe('2026-01-10');
  });

  it('ends a placement once, moving it from active to ended', async () => {
    const placement = await create(api, { primaryNeed: 'PMLD', inBorough: false, hostLaCode: '391' });
    const ended = await api.call('POST', `/placements/${placement.id}/end`, {
      body: { endDate: '2025-12-19', endReason: 'moved-setting' },
      headers: { 'if-match': '1' },
    });
    expect(ended.status).toBe(200);
    expect(await json(ended)).toMatchObject({
      endDate: '2025-12-19',
      endReason: 'moved-setting',
      version: 2,
    });
    const active = await json<{ items: Placement[] }>(
      await api.call('GET', '/placements?primaryNeed=PMLD&status=active'),
    );
    expect(active.items).toHaveLength(0);
    const endedList = await json<{ items: Placement[] }>(
      await api.call('GET', '/placements?inBorough=false&status=ended'),
    );
    expect(endedList.items.map((p) => p.id)).toContain(placement.id);
    const again = await api.call('POST', `/placements/${placement.id}/end`, {
      body: { endDate: '2025-12-20', endReason: 'other' },
    });
    expect(again.status).toBe(409);
    const early = await create(api);
    const beforeStart = await api.call('POST', `/placements/${early.id}/end`, {
      body: { endDate: '2020-01-01', endReason: 'other' },
    });
    expect(beforeStart.status).toBe(400);
    expect(await fieldsOf(beforeStart)).toEqual(['endDate']);
  });

  it('records who changed what, oldest first, in the history', async () => {
    const placement = await create(api, { primaryNeed: 'MLD' });
    await api.call('PATCH', `/placements/${placement.id}`, { body: { primaryNeed: 'SLD', version: 1 } });
    await api.call('POST', `/placements/${placement.id}/end`, {
      body: { endDate: '2026-01-05', endReason: 'moved-setting', version: 2 },
    });
    const response = await api.call('GET', `/placements/${placement.id}/history`, { as: 'planner' });
    expect(response.status).toBe(200);
    const { items } = await json<{ items: AuditEntry[] }>(response);
    expect(items.map((entry) => [entry.version, entry.action])).toEqual([
      [1, 'create'],
      [2, 'update'],
      [3, 'end'],
    ]);
    expect(items[1]).toMatchObject({
      entityType: 'placement',
      entityId: placement.id,
      at: '2026-01-10T09:30:00.000Z',
      by: { userId: 'u-case-1', name: 'casey@example.gov.uk' },
      changes: [{ field: 'primaryNeed', from: 'MLD', to: 'SLD' }],
    });
    expect(items[2]?.changes.map((change) => change.field)).toEqual(['endDate', 'endReason']);
    expect((await api.call('GET', '/placements/nobody/history')).status).toBe(404);
  });
});

describe('GET /placements: filters and cursor pagination', () => {
  let api: Api;
  let all: Placement[];
  const today = '2026-01-10';

  beforeAll(async () => {
    api = await placementsApp(today);
    await api.call('POST', '/provisions', { body: provisionBody({ id: 'rp-north' }), as: 'planner' });
    const needs = ['ASD', 'SEMH', 'MLD'] as const;
    const specs = Array.from({ length: 45 }, (_, i) => ({
      primaryNeed: needs[i % 3],
      setting: i % 4 === 0 ? 'independent-special' : 'maintained-special',
      inBorough: i % 5 !== 0,
      ...(i % 5 === 0 ? { hostLaCode: '808' } : {}),
      lookedAfter: i % 2 === 0,
      startDate: `2024-${String((i % 12) + 1).padStart(2, '0')}-01`,
      ...(i % 6 === 0 ? { provisionId: 'rp-north' } : {}),
      ...(i % 3 === 0 ? { providerUrn: '123456', providerName: 'Oak Hill School' } : {}),
      ...(i % 3 === 1 ? { providerUrn: '1234567', providerName: 'Ash Tree College' } : {}),
      childRef: i % 4 === 0 ? `Kx-${i}` : `C-${i}`,
      // Ended in the past, ended in the future (so still active today), or open.
      ...(i % 7 === 0 ? { endDate: '2025-07-20', endReason: 'moved-setting' } : {}),
      ...(i % 7 === 1 ? { endDate: '2026-07-20', endReason: 'left-education' } : {}),
    }));
    for (const spec of specs) await create(api, spec);
    all = await api.deps.placements.all();
  });

  const isActive = (p: Placement) => p.endDate === undefined || p.endDate >= today;

  async function readAll(query: string, limit: number) {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await api.call(
        'GET',
        `/placements?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { as: 'finance' },
      );
      expect(response.status).toBe(200);
      const page = await json<{ items: Placement[]; cursor?: string }>(response);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.items.map((p) => p.id));
      cursor = page.cursor;
      pages += 1;
    } while (cursor && pages < 100);
    return ids;
  }

  const cases: [string, (p: Placement) => boolean][] = [
    ['primaryNeed=ASD&status=active', (p) => p.primaryNeed === 'ASD' && isActive(p)],
    ['primaryNeed=SEMH&status=ended', (p) => p.primaryNeed === 'SEMH' && !isActive(p)],
    ['primaryNeed=MLD&lookedAfter=true', (p) => p.primaryNeed === 'MLD' && p.lookedAfter],
    ['provisionId=rp-north&status=active', (p) => p.provisionId === 'rp-north' && isActive(p)],
    ['inBorough=false&status=active', (p) => !p.inBorough && isActive(p)],
    [
      'inBorough=false&setting=independent-special',
      (p) => !p.inBorough && p.setting === 'independent-special',
    ],
    ['inBorough=true&lookedAfter=false', (p) => p.inBorough && !p.lookedAfter],
    ['status=ended', (p) => !isActive(p)],
    ['setting=independent-special', (p) => p.setting === 'independent-special'],
    ['provider=123456', (p) => p.providerUrn === '123456'],
    ['provider=1234567&status=active', (p) => p.providerUrn === '1234567' && isActive(p)],
    ['provider=oak%20HILL', (p) => p.providerName === 'Oak Hill School'],
    ['provider=Tree&inBorough=false', (p) => p.providerName === 'Ash Tree College' && !p.inBorough],
    ['childRef=kx-', (p) => p.childRef.startsWith('Kx-')],
    ['childRef=KX-1&primaryNeed=ASD', (p) => p.childRef.startsWith('Kx-1') && p.primaryNeed === 'ASD'],
    ['childRef=C-4', (p) => p.childRef === 'C-4' || p.childRef.startsWith('C-4')],
    ['changedSince=2026-01-01', () => true],
    ['changedSince=2026-01-11', () => false],
  ];

  it.each(cases)('%s: every match exactly once across pages of 4', async (query, matches) => {
    const ids = await readAll(query, 4);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(all.filter(matches).map((p) => p.id)));
  });

  it('lists everything, newest change first, in pages of the requested size', async () => {
    const ids = await readAll('status=active', 7);
    expect(ids.length).toBe(all.filter(isActive).length);
    const firstPage = await json<{ items: Placement[]; cursor?: string }>(
      await api.call('GET', '/placements?limit=10'),
    );
    expect(firstPage.items).toHaveLength(10);
    expect(firstPage.cursor).toBeDefined();
  });

  it('rejects a malformed cursor, a cursor from other filters and bad query values, naming each', async () => {
    const bad = await api.call('GET', '/placements?cursor=not-a-cursor!');
    expect(await fieldsOf(bad)).toEqual(['cursor']);
    const garbage = await api.call(
      'GET',
      `/placements?cursor=${Buffer.from('{"x":1}').toString('base64url')}`,
    );
    expect(garbage.status).toBe(400);
    const page = await json<{ cursor: string }>(await api.call('GET', '/placements?primaryNeed=ASD&limit=2'));
    const other = await api.call('GET', `/placements?primaryNeed=SEMH&limit=2&cursor=${page.cursor}`);
    expect(other.status).toBe(400);
    expect(await fieldsOf(other)).toEqual(['cursor']);
    const values = await api.call('GET', '/placements?limit=0&inBorough=yes&status=closed&primaryNeed=XYZ');
    expect(values.status).toBe(400);
    expect(new Set(await fieldsOf(values))).toEqual(
      new Set(['query.limit', 'query.inBorough', 'query.status', 'query.primaryNeed']),
    );
    // A search for what looks like a UPN is refused as a record would be: it must not reach logs or links.
    const upn = await api.call('GET', '/placements?childRef=A12345678901B');
    expect(upn.status).toBe(400);
    expect(await fieldsOf(upn)).toEqual(['query.childRef']);
    expect(await fieldsOf(await api.call('GET', '/placements?provider=%20'))).toEqual(['query.provider']);
    const unknown = await api.call('GET', '/placements?colour=red');
    expect(unknown.status).toBe(400);
    expect((await api.call('GET', '/placements?limit=501')).status).toBe(400);
  });
});

describe('bulk creates (createMany)', () => {
  it('checks every record first, names each bad field by its index, and writes nothing if one is bad', async () => {
    const api = await placementsApp();
    const good = await create(api);
    const before = await api.itemCount();
    const records = [
      { ...good, id: 'bulk-1' },
      { ...good, id: 'bulk-2', childRef: 'A123456789012', primaryNeed: 'AUTISM' },
    ] as Placement[];
    const context = { actor: { userId: 'importer', name: 'importer' }, now: new Date() };
    await expect(api.deps.placements.createMany(records, context)).rejects.toMatchObject({
      errors: [
        expect.objectContaining({ field: '1.childRef' }),
        expect.objectContaining({ field: '1.primaryNeed' }),
      ],
    });
    expect(await api.itemCount()).toBe(before);
    expect(await api.deps.placements.createMany(records.slice(0, 1), context)).toEqual([
      { id: 'bulk-1', created: true },
    ]);
    expect((await api.deps.placements.get('bulk-1'))?.childRef).toBe(good.childRef);
    expect((await api.deps.placements.history('bulk-1')).map((entry) => entry.action)).toEqual(['create']);
  });

  it('creates only new ids: a record changed since is never overwritten, and comes back with its version', async () => {
    const api = await placementsApp();
    const good = await create(api);
    const context = { actor: { userId: 'importer', name: 'importer' }, now: new Date() };
    // 60 records: more than one transaction's worth, so a refused record's group is written again without it.
    const records = Array.from({ length: 60 }, (_, i) => ({ ...good, id: `bulk-${i}` })) as Placement[];
    await api.deps.placements.createMany(records.slice(0, 1), { ...context, importJob: 'job-1' });
    const edited = await api.call('PATCH', '/placements/bulk-0', {
      body: { setting: 'mainstream' },
      headers: { 'if-match': '"1"' },
    });
    expect(edited.status).toBe(200);

    const outcomes = await api.deps.placements.createMany(records, { ...context, importJob: 'job-2' });
    expect(outcomes[0]).toEqual({ id: 'bulk-0', created: false, version: 2, importJob: 'job-1' });
    expect(outcomes.slice(1).every((outcome) => outcome.created)).toBe(true);
    expect(await api.deps.placements.get('bulk-0')).toMatchObject({ version: 2, setting: 'mainstream' });
    expect(
      (await api.deps.placements.history('bulk-0')).map((entry) => [entry.action, entry.importJob]),
    ).toEqual([
      ['create', 'job-1'],
      ['update', undefined],
    ]);
    expect((await api.deps.placements.history('bulk-59'))[0]?.importJob).toBe('job-2');
  });
});
