// The typed client is a build-time check: the CLIs (bin/) and the dashboard (web/src/api.ts) call the API
// through domain/api-client.ts, whose types come from the OpenAPI document (domain/api-types.ts), and
// `npm run typecheck` covers bin/, web/src and this file. Each `@ts-expect-error` below is a name the
// contract does not have: if the client stopped checking it (untyped, `any`, or openapi-fetch's inferred
// options that skip excess-property checks), the directive would be unused and the typecheck would fail.
// The runtime half checks what the clients add: the bearer token, the API's message, the unreachable case.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { type Answer, answer, createApiClient } from '../../domain/api-client';
import type { Placement } from '../../domain/placement';
import type { getPlacement, getSpend, listPlacements } from '../../web/src/api';
import { REPO_ROOT } from '../helpers/data';

const client = createApiClient({
  baseUrl: 'http://api.test',
  token: () => 'token-1',
  unreachable: (error) => new Error(`unreachable: ${(error as Error).message}`),
});

/** Type-only: never called, so nothing is sent; the compiler checks every line. */
function contractNames(): void {
  void client.GET('/placements/{id}', { params: { path: { id: 'P-1' } } });
  // @ts-expect-error a path the contract does not have
  void client.GET('/placement/{id}', { params: { path: { id: 'P-1' } } });
  // @ts-expect-error a path parameter under another name
  void client.GET('/placements/{id}', { params: { path: { placementId: 'P-1' } } });
  // @ts-expect-error a query parameter the route does not read (GET /spend takes fy, by, funder)
  void client.GET('/spend', { params: { query: { fy: '2025-26', dimension: 'need' } } });
  // @ts-expect-error a value outside the documented enum
  void client.GET('/spend', { params: { query: { by: 'provider' } } });
  // @ts-expect-error a body field PlacementPatch does not have
  void client.PATCH('/placements/{id}', { params: { path: { id: 'P-1' } }, body: { weeklyCost: 3 } });
  // @ts-expect-error a required body field missing (POST /alerts/runs needs `month`)
  void client.POST('/alerts/runs', { body: {} });
  void client.PATCH('/placements/{id}', {
    params: { path: { id: 'P-1' }, header: { 'If-Match': '"3"' } },
    body: { costs: { education: 52_000 } },
  });
  void client.POST('/placements', {
    params: { header: { 'Idempotency-Key': 'key-1' } },
    // @ts-expect-error the create needs the whole placement, not a fragment
    body: { childRef: 'C-1' },
  });
}

describe('the typed client (build-time)', () => {
  it('checks paths, parameters, headers and bodies against the contract', () => {
    expectTypeOf(contractNames).toBeFunction();
  });

  it('gives the CLIs and the dashboard the contract’s answer types', () => {
    type Stored = Answer<'/placements/{id}'>;
    expectTypeOf<Stored>().toHaveProperty('childRef').toEqualTypeOf<string>();
    expectTypeOf<Stored>().toHaveProperty('version').toEqualTypeOf<number>();
    expectTypeOf<Stored['costs']>().toHaveProperty('education').toEqualTypeOf<number>();
    // @ts-expect-error an answer field the contract does not have
    expectTypeOf<Stored>().toHaveProperty('childReference');
    // The document's Placement is the zod schema's: a field renamed in domain/placement.ts (and `npm run
    // api:types`, which tests/unit/openapi-contract.test.ts insists on) changes both sides alike.
    expectTypeOf<Stored>().toEqualTypeOf<Placement>();
    expectTypeOf<Awaited<ReturnType<typeof getPlacement>>>().toEqualTypeOf<Stored>();
    expectTypeOf<Awaited<ReturnType<typeof listPlacements>>['items']>().toEqualTypeOf<Stored[]>();
    expectTypeOf<Awaited<ReturnType<typeof getSpend>>>().toEqualTypeOf<Answer<'/spend'>>();
    expectTypeOf<Answer<'/spend'>>().toHaveProperty('breakdown');
  });

  it('is what `npm run typecheck` checks, with bin/ and the dashboard in it', () => {
    const tsconfig = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.json'), 'utf8')) as {
      include: string[];
    };
    for (const folder of ['bin', 'web/src', 'domain', 'tests']) expect(tsconfig.include).toContain(folder);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.typecheck).toBe('tsc -p .');
    expect(pkg.scripts.test).toContain('npm run -s typecheck');
  });
});

describe('the typed client (run time)', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A fetch answer as a real one is: with the URL asked (a `new Response` has none). */
  const reply =
    (status: number, body: unknown, type = 'application/json') =>
    async (request: Request) => {
      const response = new Response(typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: { 'content-type': type },
      });
      Object.defineProperty(response, 'url', { value: request.url });
      return response;
    };

  it('sends the bearer token, the parameters and headers by their documented names', async () => {
    const fetch = vi.fn(reply(200, { ok: true }));
    vi.stubGlobal('fetch', fetch);
    await client.PATCH('/placements/{id}', {
      params: { path: { id: 'P 1' }, header: { 'If-Match': '"3"' } },
      body: { lookedAfter: true },
    });
    const request = fetch.mock.calls[0]?.[0] as Request;
    expect(request.method).toBe('PATCH');
    expect(request.url).toBe('http://api.test/placements/P%201');
    expect(request.headers.get('authorization')).toBe('Bearer token-1');
    expect(request.headers.get('if-match')).toBe('"3"');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(await request.json()).toEqual({ lookedAfter: true });

    await client.GET('/placements', { params: { query: { status: 'active', limit: 50, cursor: 'abc' } } });
    expect(fetch.mock.calls[1]?.[0].url).toBe('http://api.test/placements?status=active&limit=50&cursor=abc');
  });

  it('answers the data, or the caller’s error with the API’s message, fields and path', async () => {
    vi.stubGlobal(
      'fetch',
      reply(400, {
        error: 'validation_failed',
        message: 'invalid query',
        errors: [{ field: 'query.fy', message: 'expected a financial year like 2025-26' }],
      }),
    );
    const failure = await answer(client.GET('/spend', { params: { query: { fy: '2025' } } }), (f) =>
      Object.assign(new Error(`${f.status} ${f.path}: ${f.message} (${f.fields})`), { body: f.body }),
    ).catch((error: Error & { body?: unknown }) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      '400 /spend?fy=2025: invalid query (query.fy: expected a financial year like 2025-26)',
    );

    vi.stubGlobal('fetch', reply(502, 'Bad gateway from the proxy', 'text/plain'));
    const text = await answer(client.GET('/me'), (f) => new Error(`${f.status}: ${f.message}`)).catch(
      (error: Error) => error.message,
    );
    expect(text).toBe('502: Bad gateway from the proxy');

    vi.stubGlobal('fetch', reply(200, { userId: 'u', name: 'N', groups: ['planners'] }));
    await expect(answer(client.GET('/me'), () => new Error('not expected'))).resolves.toEqual({
      userId: 'u',
      name: 'N',
      groups: ['planners'],
    });
  });

  it('says, in the caller’s words, that the API could not be reached', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(client.GET('/me')).rejects.toThrow('unreachable: fetch failed');
  });
});
