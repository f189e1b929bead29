// The placement projection (what summaries, spend, outturn, snapshots and exports read) must always equal a
// recount from the records themselves: after any mix of creates, edits, ends and imports, folded or not, read
// by a warm process or a fresh one, and after a rebuild.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEEDS } from '../../domain/codes';
import type { Placement, PlacementInput } from '../../domain/placement';
import { financialYearSpendSummary } from '../../domain/spend';
import { summarise } from '../../domain/summary';
import { newJob, runImport } from '../../functions/imports/job';
import { createStores } from '../../functions/store';
import { decodePlacements, encodePlacements } from '../../functions/store/placement-codec';
import { DynamoPlacementStore } from '../../functions/store/placements';
import { createDocumentClient } from '../../functions/store/table-client';
import { generateDemoAuthority } from '../../infra/local/demo/generate';
import { createTableIfMissing } from '../../infra/local/tables';
import { freshTable } from '../helpers/table';

const actor = { userId: 'u-projection', name: 'projection@example.gov.uk' };
const SETTINGS = ['mainstream', 'independent-special', 'maintained-special', 'further-education'] as const;

const byId = (placements: Placement[]) => [...placements].sort((a, b) => (a.id < b.id ? -1 : 1));

const input = fc.record({
  need: fc.constantFrom(...NEEDS),
  setting: fc.constantFrom(...SETTINGS),
  outOfBorough: fc.boolean(),
  lookedAfter: fc.boolean(),
  start: fc.integer({ min: 0, max: 2_500 }),
  education: fc.integer({ min: 0, max: 90_000 }),
  transport: fc.integer({ min: 0, max: 9_000 }),
});
type Drawn = typeof input extends fc.Arbitrary<infer T> ? T : never;

const dayFrom = (days: number) =>
  new Date(Date.UTC(2019, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);

function placementInput(drawn: Drawn, childRef: string): PlacementInput {
  return {
    childRef,
    primaryNeed: drawn.need,
    setting: drawn.setting,
    residential: false,
    inBorough: !drawn.outOfBorough,
    ...(drawn.outOfBorough ? { hostLaCode: '840', providerName: 'Oak Hill School' } : {}),
    lookedAfter: drawn.lookedAfter,
    ncy: 5,
    startDate: dayFrom(drawn.start),
    costs: { education: drawn.education, socialCare: 0, health: 0, transport: drawn.transport },
  };
}

const step = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), drawn: input }),
  fc.record({ kind: fc.constant('import' as const), rows: fc.array(input, { minLength: 1, maxLength: 6 }) }),
  fc.record({
    kind: fc.constant('edit' as const),
    pick: fc.nat(),
    setting: fc.constantFrom(...SETTINGS),
    education: fc.integer({ min: 0, max: 90_000 }),
    after: fc.integer({ min: 1, max: 400 }), // cost changes fall before any end (day 3,000 on)
  }),
  fc.record({ kind: fc.constant('end' as const), pick: fc.nat(), after: fc.integer({ min: 0, max: 900 }) }),
);

describe('the placement projection equals a recount from the records', () => {
  it('after random creates, edits, ends and imports, folded every few changes', async () => {
    const table = await freshTable('projection');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        run += 1;
        // A table per run, shared client; folds after 4 changed records so builds happen mid-sequence.
        const tableName = `${table.tableName}-${run}`;
        await createTableIfMissing(table.client, tableName);
        const deps = createStores({ client: table.client, tableName });
        const store = new DynamoPlacementStore(
          createDocumentClient(table.client),
          tableName,
          () => new Date(),
          {
            compactAfter: 4,
          },
        );
        const ids: string[] = [];
        let child = 0;
        for (const s of steps) {
          const now = new Date();
          if (s.kind === 'create') {
            const { placement } = await store.create(placementInput(s.drawn, `P-${run}-${child++}`), {
              actor,
              now,
            });
            ids.push(placement.id);
          } else if (s.kind === 'import') {
            const rows = s.rows.map((drawn, line) => ({
              line: line + 2,
              input: placementInput(drawn, `I-${run}-${child++}`),
            }));
            const job = newJob({
              id: `job-${run}-${child}`,
              fingerprint: `f-${run}-${child}`,
              fileName: 'p.csv',
              format: 'placements',
              totalRows: rows.length,
              actor,
              now,
            });
            await deps.imports.create(job);
            await runImport({ imports: deps.imports, placements: store }, job, rows, {
              now: () => new Date(),
            });
            ids.push(...(await store.records()).map((p) => p.id).filter((id) => !ids.includes(id)));
          } else if (ids.length > 0) {
            const id = ids[s.pick % ids.length] as string;
            const current = (await store.get(id)) as Placement;
            if (s.kind === 'edit')
              await store.update(
                id,
                {
                  setting: s.setting,
                  costs: { ...current.costs, education: s.education },
                  // Never before the last cost change (a rule of the domain).
                  costsEffectiveFrom: [
                    dayFrom(2_500 + s.after),
                    ...current.costHistory.map((c) => c.effectiveFrom),
                  ]
                    .sort()
                    .at(-1),
                },
                { actor, now, expectedVersion: current.version },
              );
            else if (current.endDate === undefined)
              await store.end(
                id,
                { endDate: dayFrom(3_000 + s.after), endReason: 'moved-setting' },
                { actor, now },
              );
          }
          // Read between steps too, so folds happen with changes still arriving.
          if (child % 3 === 0) await store.all();
        }
        const recount = byId(await store.records());
        expect(byId(await store.all())).toEqual(recount);
        // A process without the build in memory reads the same, and so do the figures computed from it.
        const fresh = byId(await deps.placements.all());
        expect(fresh).toEqual(recount);
        expect(summarise(fresh, '2025-06-01')).toEqual(summarise(recount, '2025-06-01'));
        expect(financialYearSpendSummary(fresh, '2025-26', 'need')).toEqual(
          financialYearSpendSummary(recount, '2025-26', 'need'),
        );
      }),
      { numRuns: 12 },
    );
  }, 300_000);

  it('is rebuilt from the records, and a table without one gets one on its first read', async () => {
    const { client, tableName } = await freshTable('projection-rebuild');
    const { placements } = createStores({ client, tableName });
    const demo = generateDemoAuthority().placements.slice(0, 300);
    await placements.createMany(demo, { actor, now: new Date() });
    const store = placements as DynamoPlacementStore;
    expect(byId(await store.all())).toEqual(byId(demo));
    const rebuilt = await store.projection.rebuild();
    expect(rebuilt?.records).toBe(300);
    expect(byId(await createStores({ client, tableName }).placements.all())).toEqual(byId(demo));
  });
});

describe('the placement projection under a stream of writes', () => {
  it('folds once per burst of readers arriving together, and answers each with the writes finished before it asked', async () => {
    const { client, tableName } = await freshTable('projection-herd');
    // Each fold writes a new head: count them, to tell one fold per burst of readers from one per reader.
    let folds = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const item = (args.input as { Item?: { pk?: { S?: string }; sk?: { S?: string } } }).Item;
        if (context.commandName === 'PutItemCommand' && item?.sk?.S === 'HEAD') folds += 1;
        return next(args);
      },
      { step: 'build', name: 'countProjectionFolds' },
    );
    const store = new DynamoPlacementStore(createDocumentClient(client), tableName, () => new Date(), {
      compactAfter: 3,
    });
    const drawn = { need: 'ASD', setting: 'mainstream', outOfBorough: false, lookedAfter: false } as const;
    const written: string[] = [];
    for (let round = 0; round < 6; round++) {
      // Enough changes that every read must fold them, then 12 readers at once while the next writes land.
      for (let i = 0; i < 4; i++) {
        const { placement } = await store.create(
          placementInput(
            { ...drawn, start: round * 10 + i, education: 100, transport: 0 },
            `H-${round}-${i}`,
          ),
          { actor, now: new Date() },
        );
        written.push(placement.id);
      }
      const before = [...written];
      const reads = Array.from({ length: 12 }, () => store.all());
      const writes = Array.from({ length: 3 }, (_, i) =>
        store.create(
          placementInput(
            { ...drawn, start: round * 10 + 5 + i, education: 100, transport: 0 },
            `W-${round}-${i}`,
          ),
          { actor, now: new Date() },
        ),
      );
      const [answers, created] = await Promise.all([Promise.all(reads), Promise.all(writes)]);
      written.push(...created.map(({ placement }) => placement.id));
      for (const answer of answers) {
        const ids = new Set(answer.map((placement) => placement.id));
        expect(before.filter((id) => !ids.has(id))).toEqual([]);
      }
    }
    expect(new Set((await store.all()).map((placement) => placement.id))).toEqual(new Set(written));
    // The first read builds; each burst folds once, however many readers it has (not 12 folds racing).
    expect(folds).toBeLessThanOrEqual(1 + 6 * 2);
  }, 120_000);
});

describe('placement codec', () => {
  it('round-trips every field of the demo authority, cost histories and optional fields included', () => {
    const { placements } = generateDemoAuthority();
    expect(placements.some((p) => p.costHistory.length > 1)).toBe(true);
    expect(decodePlacements(encodePlacements(placements))).toEqual(placements);
  });
});
