// /exports of placements (child-level; who may read each file is in infra/route-access.ts): placements (all,
// or those a GET /placements query picks) as CSV or XLSX, a January census snapshot, and the witan.send input
// files. The DSG management plan exports (/exports/dsg-plan.*) live with the finance routes.
import type { Context } from 'hono';
import type { Placement } from '../../../domain/placement';
import {
  describePlacementFilter,
  PlacementFilterQuery,
  placementFilterSlug,
} from '../../../domain/placement-filter';
import { SnapshotInputError } from '../../../model/snapshots';
import type { WitanCsvTexts } from '../../../model/witan';
import { placementsWorkbook } from '../../exports/placements';
import { censusCsv, placementsCsv, WITAN_FILES, type WitanFile, witanFiles } from '../../imports/export';
import { listAll } from '../../store/list-all';
import { keyOf, PerState } from '../../store/per-state';
import type { AppEnv, RouteHandlers } from '../app';
import { AppError, NotFoundError } from '../errors';
import { ExportFile, fileAnswer } from '../file-answer';
import { readQuery } from '../http';
import { XLSX_TYPE } from '../operation';
import { CensusQuery } from '../schemas';
import { requirePopulation } from './population';

/**
 * Files per state of the records (functions/store/per-state.ts): an export asked for again, or by another
 * user, while no placement changed is sent from memory, compressed once.
 */
const files = new PerState<Promise<ExportFile>>(8);
const witanTexts = new PerState<WitanCsvTexts>(2);

/** The file `make` builds from every placement, kept per state of the records under `key`. */
async function keptFile(
  c: Context<AppEnv>,
  key: string,
  make: (placements: readonly Placement[]) => ExportFile | Promise<ExportFile>,
): Promise<ExportFile> {
  const placements = await c.get('deps').placements.all();
  return files.get(placements, key, async () => make(placements));
}

/** The placements a GET /placements query picks (without limit and cursor): all of them without one. */
async function placementsFile(c: Context<AppEnv>, format: 'csv' | 'xlsx') {
  const filter = readQuery(c, PlacementFilterQuery);
  const deps = c.get('deps');
  const slug = placementFilterSlug(filter);
  const file = await keptFile(c, `placements.${format}|${JSON.stringify(filter)}`, async (all) => {
    const placements = Object.keys(filter).length === 0 ? all : await listAll(deps.placements, filter);
    if (format === 'csv') return ExportFile.csv(placementsCsv(placements));
    const workbook = await placementsWorkbook(placements, {
      authorityName: deps.alerting.settings.authorityName,
      filter: describePlacementFilter(filter),
      generatedAt: deps.now(),
    });
    return new ExportFile(workbook, XLSX_TYPE, false);
  });
  const name = `${slug === 'all' ? 'placements' : `placements-${slug}`}.${format}`;
  const narrow =
    'narrow it with the filters of GET /placements (status=active, setting, primaryNeed, provider, …)' +
    (format === 'xlsx' ? ', or ask for the CSV' : '');
  return fileAnswer(c, file, name, narrow);
}

export const exportRoutes: RouteHandlers<'exports'> = {
  'GET /exports/placements.csv': (c) => placementsFile(c, 'csv'),

  'GET /exports/placements.xlsx': (c) => placementsFile(c, 'xlsx'),

  'GET /exports/census.csv': async (c) => {
    const { year } = readQuery(c, CensusQuery);
    const file = await keptFile(c, `census|${year}`, (all) => ExportFile.csv(censusCsv(all, year)));
    return fileAnswer(c, file, `census-${year}.csv`);
  },

  'GET /exports/witan/{file}': async (c) => {
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
    const placements = await deps.placements.all();
    const populationKey = keyOf(population);
    // The four files come from one pass over the placements: kept together, each file made when asked for.
    const texts = witanTexts.get(placements, populationKey, () => {
      try {
        return witanFiles(placements, { population });
      } catch (error) {
        // Too few placements for two censuses: nothing a model could run on.
        if (error instanceof SnapshotInputError) throw new AppError(422, 'not_enough_data', error.message);
        throw error;
      }
    });
    const answer = await files.get(placements, `witan|${file}|${populationKey}`, async () =>
      ExportFile.csv(texts[WITAN_FILES[file as WitanFile]]),
    );
    return fileAnswer(c, answer, file);
  },
};
