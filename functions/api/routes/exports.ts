// /exports of placements (everyone signed in may read): all placements, a January census snapshot, and the
// witan.send input files. The DSG management plan exports (/exports/dsg-plan.*) live with the finance routes.
import type { Context } from 'hono';
import { Hono } from 'hono';
import * as z from '../../../domain/zod';
import { SnapshotInputError } from '../../../model/snapshots';
import { censusCsv, placementsCsv, WITAN_FILES, type WitanFile, witanFiles } from '../../imports/export';
import type { AppEnv } from '../app';
import { AppError, NotFoundError } from '../errors';
import { readQuery } from '../http';
import { requireIdentity } from '../identity';

const CensusQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

const csvResponse = (c: Context<AppEnv>, text: string, fileName: string) =>
  c.body(text, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${fileName}"`,
  });

export function exportRoutes() {
  const routes = new Hono<AppEnv>();

  routes.get('/exports/placements.csv', async (c) => {
    requireIdentity(c);
    return csvResponse(c, placementsCsv(await c.get('deps').placements.all()), 'placements.csv');
  });

  routes.get('/exports/census.csv', async (c) => {
    requireIdentity(c);
    const { year } = readQuery(c, CensusQuery);
    return csvResponse(c, censusCsv(await c.get('deps').placements.all(), year), `census-${year}.csv`);
  });

  routes.get('/exports/witan/:file', async (c) => {
    requireIdentity(c);
    const file = c.req.param('file');
    if (!(file in WITAN_FILES))
      throw new NotFoundError(
        'witan.send file',
        `${file} (there are ${Object.keys(WITAN_FILES).join(', ')})`,
      );
    let texts: ReturnType<typeof witanFiles>;
    try {
      texts = witanFiles(await c.get('deps').placements.all());
    } catch (error) {
      // Too few placements for two censuses: nothing a model could run on.
      if (error instanceof SnapshotInputError) throw new AppError(422, 'not_enough_data', error.message);
      throw error;
    }
    return csvResponse(c, texts[WITAN_FILES[file as WitanFile]], file);
  });

  return routes;
}
