// Issue 12, finding 3 over HTTP: a placement stored with a start date of 0001-01-01 (before the bounds existed,
// or written around the API) made POST /projections a 500 and the witan export write "NaN". Now the routes that
// need a calendar answer 422 naming the placement, the others keep working, and nothing crashes.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Placement } from '../../domain/placement';
import type { DynamoPlacementStore } from '../../functions/store/placements';
import { createDocumentClient } from '../../functions/store/table-client';
import { placementBody, placementsApp } from '../helpers/placements-app';
import { onsPopulation, SOUTH_TYNESIDE } from '../helpers/population';

let api: Awaited<ReturnType<typeof placementsApp>>;

beforeAll(async () => {
  api = await placementsApp();
  // The model needs the authority's population (without one, POST /projections is a 409 before any date).
  await api.deps.population.put(onsPopulation(SOUTH_TYNESIDE), { actor: api.actor.planner, now: new Date() });
  for (let i = 0; i < 8; i++) {
    const response = await api.call('POST', '/placements', {
      body: placementBody({ startDate: `2019-0${i + 1}-01`, childRef: `C-range-${i}` }),
    });
    expect(response.status).toBe(201);
  }
  // Written straight to the table, as an old record would be: the API itself now refuses this date.
  const good = (await api.deps.placements.all())[0] as Placement;
  const bad: Placement = {
    ...good,
    id: 'legacy-0001',
    childRef: 'C-legacy',
    startDate: '0001-01-01',
    costHistory: [{ effectiveFrom: '0001-01-01', costs: good.costs }],
  };
  await createDocumentClient(api.table.client).send(
    new PutCommand({
      TableName: api.table.tableName,
      Item: {
        ...bad,
        pk: 'PLACEMENT#legacy-0001',
        sk: 'PLACEMENT',
        entityType: 'placement',
        needStatus: `${bad.primaryNeed}#active`,
      },
    }),
  );
  // A write around the API is not in the placement projection until it is rebuilt from the records, as an
  // upgraded table's first read (or `npm run -s admin -- rebuild-projection`) does with old records.
  await (api.deps.placements as DynamoPlacementStore).projection.rebuild();
});

describe('a stored placement dated 0001-01-01', () => {
  it.each([
    ['POST', '/projections', { draws: 100, backtest: false }],
    ['GET', '/exports/witan/transitions.csv', undefined],
    ['GET', '/exports/census.csv?year=2021', undefined],
    ['GET', '/outturn?fy=2025-26', undefined],
  ])('%s %s answers 422 naming it', async (method, path, body) => {
    const response = await api.call(method, path, { as: 'planner', ...(body ? { body } : {}) });
    expect(response.status).toBe(422);
    const answer = (await response.json()) as { error: string; message: string };
    expect(answer.error).toBe('date_out_of_range');
    expect(answer.message).toContain('placement legacy-0001: startDate "0001-01-01"');
  });

  it('spend and the summary still answer, counting it only within their own dates', async () => {
    expect((await api.call('GET', '/spend?fy=2025-26', { as: 'reader' })).status).toBe(200);
    expect((await api.call('GET', '/summary?asOf=2025-01-01', { as: 'reader' })).status).toBe(200);
  });
});
