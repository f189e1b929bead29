import { beforeAll, describe, expect, it } from 'vitest';
import type { Provision } from '../../domain/provision';
import { placementsApp, provisionBody } from '../helpers/placements-app';

type Api = Awaited<ReturnType<typeof placementsApp>>;

const json = async <T = Record<string, unknown>>(response: Response) => (await response.json()) as T;
const fieldsOf = async (response: Response) =>
  (await json<{ errors?: { field: string }[] }>(response)).errors?.map((error) => error.field) ?? [];

describe('/provisions', () => {
  let api: Api;
  beforeAll(async () => {
    api = await placementsApp();
  });

  it('planners create a provision: 201 with Location and ETag, and everyone can read it', async () => {
    const response = await api.call('POST', '/provisions', { body: provisionBody(), as: 'planner' });
    expect(response.status).toBe(201);
    const created = await json<Provision>(response);
    expect(created).toMatchObject({ ...provisionBody(), version: 1, createdBy: 'pat@example.gov.uk' });
    expect(response.headers.get('location')).toBe(`/provisions/${created.id}`);
    expect(response.headers.get('etag')).toBe('"1"');

    const read = await api.call('GET', `/provisions/${created.id}`, { as: 'reader' });
    expect(read.status).toBe(200);
    const stored = await json(read);
    expect(stored).toEqual(created);
    for (const internal of ['pk', 'sk', 'entityType']) expect(stored).not.toHaveProperty(internal);

    const list = await json<{ items: Provision[] }>(
      await api.call('GET', '/provisions', { as: 'caseworker' }),
    );
    expect(list.items.map((p) => p.id)).toContain(created.id);
  });

  it('lets only planners write', async () => {
    const before = await api.itemCount();
    for (const as of ['caseworker', 'reader'] as const)
      expect((await api.call('POST', '/provisions', { body: provisionBody(), as })).status).toBe(403);
    expect((await api.call('GET', '/provisions', { as: 'anonymous' })).status).toBe(401);
    expect(await api.itemCount()).toBe(before);
  });

  it('names each bad field', async () => {
    const response = await api.call('POST', '/provisions', {
      body: provisionBody({
        type: 'independent-special',
        needs: ['AUTISM'],
      }),
      as: 'planner',
    });
    expect(response.status).toBe(400);
    expect(new Set(await fieldsOf(response))).toEqual(new Set(['type', 'needs.0']));
    const duplicateYears = await api.call('POST', '/provisions', {
      body: provisionBody({
        commissionedPlaces: [
          { academicYear: 2025, places: 12 },
          { academicYear: 2025, places: 14 },
        ],
      }),
      as: 'planner',
    });
    expect(await fieldsOf(duplicateYears)).toEqual(['commissionedPlaces']);
  });

  it('a client-given id is idempotent for the same content and a 409 for different content', async () => {
    const body = provisionBody({ id: 'rp-hilltop' });
    const first = await api.call('POST', '/provisions', { body, as: 'planner' });
    const again = await api.call('POST', '/provisions', { body, as: 'planner' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await json(again)).toEqual(await json(first));
    const different = await api.call('POST', '/provisions', {
      body: { ...body, name: 'Other' },
      as: 'planner',
    });
    expect(different.status).toBe(409);
    const all = await json<{ items: Provision[] }>(await api.call('GET', '/provisions'));
    expect(all.items.filter((p) => p.id === 'rp-hilltop')).toHaveLength(1);
  });

  it('updates with optimistic concurrency: version required, stale version a 409', async () => {
    const created = await json<Provision>(
      await api.call('POST', '/provisions', { body: provisionBody({ id: 'special-east' }), as: 'planner' }),
    );
    const missing = await api.call('PATCH', `/provisions/${created.id}`, {
      body: { name: 'East Special' },
      as: 'planner',
    });
    expect(missing.status).toBe(400);
    expect(await fieldsOf(missing)).toEqual(['version']);
    const places = [{ academicYear: 2025, places: 20 }];
    const updated = await api.call('PATCH', `/provisions/${created.id}`, {
      body: { commissionedPlaces: places },
      headers: { 'if-match': '"1"' },
      as: 'planner',
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(await json(updated)).toMatchObject({ commissionedPlaces: places, version: 2 });
    const stale = await api.call('PATCH', `/provisions/${created.id}`, {
      body: { name: 'Late', version: 1 },
      as: 'planner',
    });
    expect(stale.status).toBe(409);
    expect(await json(stale)).toMatchObject({ currentVersion: 2 });
    const [a, b] = await Promise.all(
      ['A', 'B'].map((name) =>
        api.call('PATCH', `/provisions/${created.id}`, { body: { name, version: 2 }, as: 'planner' }),
      ),
    );
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);
    expect(
      (await api.call('PATCH', '/provisions/none', { body: { name: 'x', version: 1 }, as: 'planner' }))
        .status,
    ).toBe(404);
    expect(
      (
        await api.call('PATCH', `/provisions/${created.id}`, {
          body: { name: 'x', version: 3 },
          as: 'caseworker',
        })
      ).status,
    ).toBe(403);
  });

  it('answers 404 for an unknown provision', async () => {
    expect((await api.call('GET', '/provisions/unknown')).status).toBe(404);
  });
});
