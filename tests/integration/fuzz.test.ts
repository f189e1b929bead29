// Issue 12's fuzz, bounded to a few hundred requests for `npm test` (the 5,000-request run is `npm run chaos`):
// generated bad requests across every route of the route table get a 4xx, never a 5xx, always within a deadline,
// and leave the table exactly as it was.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../functions/api/api-routes';
import { createApp } from '../../functions/api/app';
import { FILE_ROUTES } from '../../functions/api/file-routes';
import { createStores } from '../../functions/store';
import { badRequest, FUZZED_ROUTES } from '../chaos/bad-requests';
import {
  describeRequest,
  fuzzIdentity,
  inProcess,
  seedFuzzTargets,
  send,
  Tally,
  tableFingerprint,
} from '../chaos/fuzz-harness';
import { freshTable } from '../helpers/table';

const RUNS = 300;
/** Generous for a loaded machine: a request the service handles at all answers in well under a second. */
const DEADLINE_MS = 20_000;

describe('generated bad requests across every route', () => {
  let app: ReturnType<typeof createApp>;
  let fingerprint: () => ReturnType<typeof tableFingerprint>;
  let targets: Awaited<ReturnType<typeof seedFuzzTargets>>;
  const unexpected: unknown[] = [];

  beforeAll(async () => {
    const table = await freshTable('fuzz');
    const deps = createStores({
      client: table.client,
      tableName: table.tableName,
      now: () => new Date('2025-10-15T09:00:00Z'),
    });
    targets = await seedFuzzTargets(deps);
    app = createApp({
      deps,
      identity: fuzzIdentity,
      routes: { ...API_ROUTES, ...FILE_ROUTES },
      logError: (error) => unexpected.push(error),
    });
    fingerprint = () => tableFingerprint(table.client, table.tableName);
  });

  it(`${RUNS} of them: 0 × 5xx, 0 hangs, no write accepted, and the table unchanged`, {
    timeout: 600_000,
  }, async () => {
    const before = await fingerprint();
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(badRequest(targets), async (request) => {
        const answer = await send(inProcess(app), '', request, DEADLINE_MS);
        tally.add(request, answer);
        expect(answer.status, describeRequest(request)).toBeTypeOf('number');
        expect(answer.status, describeRequest(request)).toBeLessThan(500);
        if (request.poison !== 'read')
          expect(answer.status, describeRequest(request)).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS },
    );
    expect(unexpected).toEqual([]);
    expect(tally.failures.map(({ request }) => describeRequest(request))).toEqual([]);
    expect(await fingerprint()).toEqual(before);
    // Most routes were reached (each is about as likely as any other).
    expect(tally.byRoute.size).toBeGreaterThan(FUZZED_ROUTES.length * 0.8);
  });
});
