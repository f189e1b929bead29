// Property tests: whatever a client sends that is not a valid placement gets a 4xx and writes nothing.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { NEEDS, SETTINGS } from '../../domain/codes';
import { END_REASONS, type Placement } from '../../domain/placement';
import { placementBody, placementsApp } from '../helpers/placements-app';

type Api = Awaited<ReturnType<typeof placementsApp>>;

const isDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const notA =
  <T>(allowed: readonly T[]) =>
  (value: unknown) =>
    !allowed.includes(value as T);
const notBoolean = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.boolean()));

/** For each field, values that can never be valid there. */
const invalidValue: Record<string, fc.Arbitrary<unknown>> = {
  childRef: fc.oneof(
    fc.integer(),
    fc.constant(''),
    fc.string({ minLength: 65, maxLength: 80 }),
    fc.stringMatching(/^[A-Z][0-9]{12}$/), // shaped like a UPN
    fc.stringMatching(/^[a-z]{2} [a-z]{2}$/),
  ),
  primaryNeed: fc.oneof(fc.string().filter(notA(NEEDS)), fc.integer(), fc.constant(null)),
  secondaryNeed: fc.oneof(fc.string().filter(notA(NEEDS)), fc.integer()),
  setting: fc.oneof(fc.string().filter(notA(SETTINGS)), fc.integer(), fc.constant(null)),
  residential: notBoolean,
  inBorough: notBoolean,
  lookedAfter: notBoolean,
  hostLaCode: fc.oneof(
    fc.string().filter((s) => !/^\d{3}$/.test(s)),
    fc.integer(),
  ),
  providerUrn: fc.oneof(
    fc.string().filter((s) => !/^\d{6,7}$/.test(s)),
    fc.integer(),
  ),
  ncy: fc.oneof(
    fc.integer({ min: 21 }),
    fc.integer({ max: -3 }),
    fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n)),
    fc.string(),
  ),
  birthMonth: fc.oneof(
    fc.string().filter((s) => !/^\d{4}-(0[1-9]|1[0-2])$/.test(s)),
    fc.integer(),
  ),
  startDate: fc.oneof(
    fc.string().filter((s) => !isDate(s)),
    fc.constant('2025-02-30'),
    fc.integer(),
  ),
  endReason: fc.oneof(fc.string().filter(notA(END_REASONS)), fc.integer()),
  costs: fc.oneof(
    fc.constant(null),
    fc.string(),
    fc.record({ education: fc.integer({ max: -1 }) }),
    fc.record({ education: fc.constant(50_000), nursing: fc.nat() }),
    fc.record({ transport: fc.string() }),
  ),
  provisionId: fc.oneof(fc.constant(''), fc.string({ minLength: 65, maxLength: 70 }), fc.constant('a b')),
};
const REQUIRED = [
  'childRef',
  'primaryNeed',
  'setting',
  'residential',
  'inBorough',
  'lookedAfter',
  'startDate',
  'costs',
];
const KNOWN = new Set([...Object.keys(invalidValue), 'id', 'endDate']);

/** A valid body spoiled in one to three ways. */
const spoiledBody = fc
  .array(
    fc.oneof(
      fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom(...Object.keys(invalidValue)) }),
      fc.record({ kind: fc.constant('drop' as const), field: fc.constantFrom(...REQUIRED) }),
      fc.record({
        kind: fc.constant('extra' as const),
        field: fc.string({ minLength: 1 }).filter((k) => !KNOWN.has(k) && k !== '__proto__'),
      }),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .chain((mutations) =>
    fc
      .tuple(
        ...mutations.map((m) =>
          m.kind === 'set' ? (invalidValue[m.field] as fc.Arbitrary<unknown>) : fc.jsonValue(),
        ),
      )
      .map((values) => {
        const body: Record<string, unknown> = placementBody();
        mutations.forEach((mutation, i) => {
          if (mutation.kind === 'drop') delete body[mutation.field];
          else body[mutation.field] = values[i];
        });
        return body;
      }),
  );

describe('malformed placement bodies', () => {
  let api: Api;
  let baseline: number;
  let existing: Placement;

  beforeAll(async () => {
    api = await placementsApp();
    const response = await api.call('POST', '/placements', { body: placementBody() });
    existing = (await response.json()) as Placement;
    // The first read of all placements builds the projection (items of its own); later reads add none.
    await api.deps.placements.all();
    baseline = await api.itemCount();
  });

  const expectRejected = async (response: Response) => {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const payload = (await response.json()) as { error?: string; errors?: { field: string }[] };
    expect(payload.error).toBeTypeOf('string');
    if (response.status === 400) expect(payload.errors?.length ?? 0).toBeGreaterThan(0);
  };

  it('a valid body spoiled in any way gets a 400 naming a field, and the table is unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(spoiledBody, async (body) => {
        const response = await api.call('POST', '/placements', { body });
        expect(response.status).toBe(400);
        await expectRejected(response);
      }),
      { numRuns: 150 },
    );
    expect(await api.itemCount()).toBe(baseline);
  });

  it('any JSON value that is not a placement gets a 4xx, and the table is unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await expectRejected(await api.call('POST', '/placements', { body: JSON.stringify(value) }));
      }),
      { numRuns: 150 },
    );
    expect(await api.itemCount()).toBe(baseline);
  });

  it('any text that is not JSON, or any other content type, gets a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
        ),
        async (text, contentType) => {
          const response = await api.call('POST', '/placements', {
            body: text,
            headers: { 'content-type': contentType },
          });
          await expectRejected(response);
          if (contentType !== 'application/json') expect(response.status).toBe(415);
        },
      ),
      { numRuns: 150 },
    );
    expect(await api.itemCount()).toBe(baseline);
  });

  it('any query string on GET /placements gets a 200 page or a 400, never a 500', async () => {
    const keys = [
      'primaryNeed',
      'setting',
      'status',
      'inBorough',
      'lookedAfter',
      'provisionId',
      'changedSince',
      'limit',
      'cursor',
    ];
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'ASD',
        'true',
        'false',
        'active',
        'ended',
        '0',
        '501',
        '2026-01-01',
        'independent-special',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string()), value),
        async (params) => {
          const response = await api.call('GET', `/placements?${new URLSearchParams(params)}`, {
            as: 'planner',
          });
          expect([200, 400]).toContain(response.status);
          const payload = (await response.json()) as { items?: unknown[]; errors?: unknown[] };
          if (response.status === 200) expect(Array.isArray(payload.items)).toBe(true);
          else expect(payload.errors?.length ?? 0).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('spoiled patches get a 4xx and leave the record at its version', async () => {
    const patchFields = Object.keys(invalidValue);
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...patchFields)
          .chain((field) =>
            (invalidValue[field] as fc.Arbitrary<unknown>).map((value) => ({ [field]: value })),
          ),
        fc.oneof(fc.constant('1'), fc.constant('"7"'), fc.constant('soon'), fc.constant(undefined)),
        async (patch, ifMatch) => {
          const response = await api.call('PATCH', `/placements/${existing.id}`, {
            body: patch,
            ...(ifMatch !== undefined ? { headers: { 'if-match': ifMatch } } : {}),
          });
          await expectRejected(response);
        },
      ),
      { numRuns: 150 },
    );
    const stored = await api.deps.placements.get(existing.id);
    expect(stored).toEqual(existing);
    expect(await api.itemCount()).toBe(baseline);
  });
});
