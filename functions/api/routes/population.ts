// /population: the authority's general population, one area of the ONS sub-national population projections,
// which projections, the shortfall alert, the outturn's expected starts and the witan export divide joiners
// by. Planners upload the CSV as ONS publishes it (`PUT`, text/csv); everyone signed in reads what is stored.
// There is no default population: whatever needs one and finds none answers 409 naming what to load.
import { InputError } from '../../../model/csv';
import type { PopulationRow } from '../../../model/data';
import {
  describePopulation,
  POPULATION_MAX_AGE,
  POPULATION_MIN_AGE,
  type PopulationSource,
  populationRows,
  populationTotals,
} from '../../../model/population';
import { parseOnsPopulation } from '../../../model/population-csv';
import { LOAD_POPULATION } from '../../store/population';
import type { StoredPopulation } from '../../store/ports';
import type { RouteHandlers } from '../app';
import type { AppDeps } from '../deps';
import { AppError } from '../errors';
import { readQuery } from '../http';
import { requireIdentity } from '../identity';
import { PopulationUploadQuery, type PopulationView } from '../schemas';
import { actorOf, etag, expectedVersion } from './concurrency';

export class PopulationMissingError extends AppError {
  constructor(what: string) {
    super(
      409,
      'population_missing',
      `no population stored, so ${what} cannot be computed: ${LOAD_POPULATION}`,
      {
        load: 'PUT /population',
      },
    );
  }
}

/** The stored population as model rows and its description, or a 409 naming what to load. */
export async function requirePopulation(
  deps: Pick<AppDeps, 'population'>,
  what: string,
): Promise<{ rows: PopulationRow[]; source: PopulationSource }> {
  const stored = await deps.population.get();
  if (!stored) throw new PopulationMissingError(what);
  return { rows: populationRows(stored), source: describePopulation(stored) };
}

const CSV_TYPES = /^(text\/csv|text\/plain|application\/csv)\b/i;

const view = (stored: StoredPopulation): PopulationView => ({
  areaCode: stored.areaCode,
  areaName: stored.areaName,
  source: stored.source,
  /** ONS mid-years; mid-year Y's children count in the January census of Y + 1. */
  years: stored.years.map(({ year }) => year),
  ages: { min: POPULATION_MIN_AGE, max: POPULATION_MAX_AGE },
  totals: populationTotals(stored),
  version: stored.version,
  createdAt: stored.createdAt,
  updatedAt: stored.updatedAt,
  createdBy: stored.createdBy,
  updatedBy: stored.updatedBy,
});

export const populationRoutes: RouteHandlers<'population'> = {
  'GET /population': async (c) => {
    const stored = await c.get('deps').population.get();
    if (!stored) throw new AppError(404, 'not_found', `no population stored: ${LOAD_POPULATION}`);
    c.header('ETag', etag(stored.version));
    return c.json(view(stored));
  },

  'PUT /population': async (c) => {
    const identity = requireIdentity(c);
    const { source } = readQuery(c, PopulationUploadQuery);
    if (!CSV_TYPES.test(c.req.header('content-type') ?? ''))
      throw new AppError(415, 'unsupported_media_type', 'send the ONS population CSV as text/csv');
    const text = await c.req.text();
    let parsed: ReturnType<typeof parseOnsPopulation>;
    try {
      parsed = parseOnsPopulation(text, { file: 'population.csv', ...(source ? { source } : {}) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new AppError(400, 'validation_failed', error.message, {
        errors: [{ field: '(body)', line: error.line, column: error.column, message: error.detail }],
      });
    }
    const deps = c.get('deps');
    const { population, created } = await deps.population.put(parsed, {
      actor: actorOf(identity),
      now: deps.now(),
      ...optionalVersion(expectedVersion(c, undefined)),
    });
    c.header('ETag', etag(population.version));
    return c.json(view(population), created ? 201 : 200);
  },
};

const optionalVersion = (version: number | undefined) =>
  version === undefined ? {} : { expectedVersion: version };
