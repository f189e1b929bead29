// /exports of placements (child-level; who may read each file is in infra/routes.ts): placements (all, or
// those a GET /placements query picks) as CSV or XLSX, a January census snapshot, and the witan.send input
// files. The DSG management plan exports (/exports/dsg-plan.*) live with the finance routes.
import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  describePlacementFilter,
  PlacementFilterQuery,
  placementFilterSlug,
} from '../../../domain/placement-filter';
import { SnapshotInputError } from '../../../model/snapshots';
import { placementsWorkbook } from '../../exports/placements';
import { censusCsv, placementsCsv, WITAN_FILES, type WitanFile, witanFiles } from '../../imports/export';
import { listAll } from '../../store/list-all';
import type { AppEnv } from '../app';
import { AppError, NotFoundError } from '../errors';
import { readQuery } from '../http';
import { XLSX_TYPE } from '../operation';
import { CensusQuery } from '../schemas';
import { requirePopulation } from './population';

/** The placements a GET /placements query picks (without limit and cursor): all of them without one. */
async function filteredPlacements(c: Context<AppEnv>) {
  const filter = readQuery(c, PlacementFilterQuery);
  const store = c.get('deps').placements;
  const placements = Object.keys(filter).length === 0 ? await store.all() : await listAll(store, filter);
  const slug = placementFilterSlug(filter);
  return { filter, placements, name: slug === 'all' ? 'placements' : `placements-${slug}` };
}

const csvResponse = (c: Context<AppEnv>, text: string, fileName: string) =>
  c.body(text, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${fileName}"`,
  });

export function exportRoutes() {
  const routes = new Hono<AppEnv>();

  routes.get('/exports/placements.csv', async (c) => {
    const { placements, name } = await filteredPlacements(c);
    return csvResponse(c, placementsCsv(placements), `${name}.csv`);
  });

  routes.get('/exports/placements.xlsx', async (c) => {
    const deps = c.get('deps');
    const { filter, placements, name } = await filteredPlacements(c);
    const workbook = await placementsWorkbook(placements, {
      authorityName: deps.alerting.settings.authorityName,
      filter: describePlacementFilter(filter),
      generatedAt: deps.now(),
    });
    return c.body(new Uint8Array(workbook), 200, {
      'content-type': XLSX_TYPE,
      'content-disposition': `attachment; filename="${name}.xlsx"`,
    });
  });

  routes.get('/exports/census.csv', async (c) => {
    const { year } = readQuery(c, CensusQuery);
    return csvResponse(c, censusCsv(await c.get('deps').placements.all(), year), `census-${year}.csv`);
  });

  routes.get('/exports/witan/:file', async (c) => {
    const file = c.req.param('file');
    // Own keys only: `constructor` and `__proto__` are in every object, and are not witan.send files.
    if (!Object.hasOwn(WITAN_FILES, file))
      throw new NotFoundError(
        'witan.send file',
        `${file} (there are ${Object.keys(WITAN_FILES).join(', ')})`,
      );
    const deps = c.get('deps');
    // Only population.csv needs the authority's population; without one stored it is a 409, never a default.
    const population =
      file === 'population.csv' ? (await requirePopulation(deps, 'the witan.send population.csv')).rows : [];
    let texts: ReturnType<typeof witanFiles>;
    try {
      texts = witanFiles(await deps.placements.all(), { population });
    } catch (error) {
      // Too few placements for two censuses: nothing a model could run on.
      if (error instanceof SnapshotInputError) throw new AppError(422, 'not_enough_data', error.message);
      throw error;
    }
    return csvResponse(c, texts[WITAN_FILES[file as WitanFile]], file);
  });

  return routes;
}
