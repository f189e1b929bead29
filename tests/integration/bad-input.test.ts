// Issue 12, findings 5 and 9 over HTTP: what used to be stored, or answered 200 or 500, now gets a 4xx naming the
// field (never echoing the value), and leaves the table as it was.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Placement } from '../../domain/placement';
import { JOB_TTL_DAYS } from '../../functions/store/imports';
import { overLoopback } from '../chaos/fuzz-harness';
import { placementBody, placementsApp, provisionBody } from '../helpers/placements-app';

type Api = Awaited<ReturnType<typeof placementsApp>>;
const errorsOf = async (response: Response) =>
  ((await response.json()) as { errors?: { field: string; message: string }[] }).errors ?? [];

let api: Api;
let existing: Placement;

beforeAll(async () => {
  api = await placementsApp();
  existing = (await (await api.call('POST', '/placements', { body: placementBody() })).json()) as Placement;
  expect(
    (await api.call('POST', '/provisions', { body: provisionBody({ id: 'rp-east' }), as: 'planner' })).status,
  ).toBe(201);
});

describe('child references holding personal data', () => {
  it.each([
    ['XA123456789012', 'a UPN'],
    ['A1234-5678-9012', 'a UPN'],
    ['943-476-5919', 'an NHS number'],
    ['Delta.Sample.20160620', 'a full date'],
  ])(
    '%s is refused on create and update, naming the field and what it holds, not the value',
    async (childRef, what) => {
      const before = await api.itemCount();
      for (const response of [
        await api.call('POST', '/placements', { body: placementBody({ childRef }) }),
        await api.call('PATCH', `/placements/${existing.id}`, {
          body: { childRef, version: existing.version },
        }),
      ]) {
        expect(response.status).toBe(400);
        const errors = await errorsOf(response);
        expect(errors).toEqual([{ field: 'childRef', message: expect.stringContaining(`contains ${what}`) }]);
        expect(JSON.stringify(errors)).not.toContain(childRef);
      }
      expect(await api.itemCount()).toBe(before);
    },
  );
});

describe('500s that are 400s, and 200s that are 404s', () => {
  it('money below a penny is rounded (1e-200 is stored as 0, not a DynamoDB error)', async () => {
    const response = await api.call('POST', '/placements', {
      body: placementBody({ costs: { education: 1e-200, socialCare: 1234.567, health: 0, transport: 0 } }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as Placement;
    const stored = await api.deps.placements.get(id);
    expect(stored?.costs).toEqual({ education: 0, socialCare: 1234.57, health: 0, transport: 0 });
  });

  it.each([
    ['NUL', 'Oak\u0000School'],
    ['a right-to-left override', 'Oak \u202eloohcS'],
    ['a lone surrogate', 'Oak \ud83d School'],
  ])('a name with %s is refused wherever names are kept', async (_label, name) => {
    const before = await api.itemCount();
    const responses = await Promise.all([
      api.call('POST', '/placements', { body: placementBody({ providerName: name }) }),
      api.call('POST', '/provisions', { body: provisionBody({ name }), as: 'planner' }),
      api.call('POST', '/scenarios', {
        body: { name, changes: [{ kind: 'inflation', rate: 0.02 }] },
        as: 'planner',
      }),
      api.call('POST', '/imports', {
        body: { fileName: name, format: 'placements', fingerprint: 'b'.repeat(64), totalRows: 1 },
      }),
    ]);
    const fields = await Promise.all(
      responses.map(async (response) => [response.status, (await errorsOf(response))[0]?.field]),
    );
    expect(fields).toEqual([
      [400, 'providerName'],
      [400, 'name'],
      [400, 'name'],
      [400, 'fileName'],
    ]);
    expect(await api.itemCount()).toBe(before);
  });

  it('a provisionId that names no provision is refused on create and update; a real one is taken', async () => {
    const before = await api.itemCount();
    const created = await api.call('POST', '/placements', {
      body: placementBody({ provisionId: 'nowhere' }),
    });
    expect(created.status).toBe(400);
    expect(await errorsOf(created)).toEqual([
      { field: 'provisionId', message: expect.stringMatching(/^no provision/) },
    ]);
    const patched = await api.call('PATCH', `/placements/${existing.id}`, {
      body: { provisionId: 'nowhere', version: existing.version },
    });
    expect(patched.status).toBe(400);
    expect(await api.itemCount()).toBe(before);
    expect(
      (await api.call('POST', '/placements', { body: placementBody({ provisionId: 'rp-east' }) })).status,
    ).toBe(201);
  });

  it('NCY 20 with a birth month of January 2024 is refused, naming ncy', async () => {
    const response = await api.call('POST', '/placements', {
      body: placementBody({ ncy: 20, birthMonth: '2024-01' }),
    });
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual([
      { field: 'ncy', message: expect.stringMatching(/^does not fit birthMonth/) },
    ]);
  });

  it('witan.send files are only the four: constructor and __proto__ are not files', async () => {
    for (const path of [
      '/exports/witan/constructor',
      '/exports/witan/__proto__',
      '/exports/witan/toString',
      '/__proto__',
    ])
      expect((await api.call('GET', path, { as: 'planner' })).status, path).toBe(404);
  });

  it('a forged cursor is a 400 naming the cursor', async () => {
    const forged = Buffer.from('{"index":"byType","part":0,"filters":"x","lastKey":{"pk":"1"}}').toString(
      'base64url',
    );
    const response = await api.call('GET', `/placements?cursor=${forged}.AAAA`, { as: 'caseworker' });
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual([
      { field: 'cursor', message: expect.stringMatching(/^not a cursor/) },
    ]);
  });
});

describe('a body over the limit, over loopback', () => {
  it('gets a 413 the client can read, and the next request is answered (it used to be hung up)', async () => {
    const server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((listening) => server.once('listening', listening));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const big = JSON.stringify({ ...placementBody(), padding: 'x'.repeat(300 * 1024) });
      for (let i = 0; i < 3; i++) {
        expect(
          await overLoopback(`${url}/placements`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-test-caller': 'caseworker' },
            body: big,
          }),
        ).toBe(413);
        expect(
          await overLoopback(`${url}/summary`, { method: 'GET', headers: { 'x-test-caller': 'reader' } }),
        ).toBe(200);
      }
    } finally {
      server.close();
    }
  });
});

describe('import jobs expire', () => {
  it(`after ${JOB_TTL_DAYS} days a job is gone, even where the database has not deleted it yet`, async () => {
    const created = await api.call('POST', '/imports', {
      body: { fileName: 'old.csv', format: 'placements', fingerprint: 'c'.repeat(64), totalRows: 1 },
    });
    const { id } = (await created.json()) as { id: string };
    expect((await api.call('GET', `/imports/${id}`, { as: 'planner' })).status).toBe(200);
    const now = api.clock.now;
    try {
      api.clock.now = new Date(now.getTime() + (JOB_TTL_DAYS + 1) * 86_400_000);
      expect((await api.call('GET', `/imports/${id}`, { as: 'planner' })).status).toBe(404);
      // The same file starts a new job: the expired one is not resumed.
      const again = await api.call('POST', '/imports', {
        body: { fileName: 'old.csv', format: 'placements', fingerprint: 'c'.repeat(64), totalRows: 1 },
      });
      expect(again.status).toBe(201);
      expect(((await again.json()) as { id: string }).id).not.toBe(id);
    } finally {
      api.clock.now = now;
    }
  });
});
