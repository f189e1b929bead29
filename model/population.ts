// The authority's own general population: one area of the ONS sub-national population projections (SNPP),
// turned into the census-year × NCY rows the joiner rates divide by. Pure (no I/O): the API stores what
// `parseOnsPopulation` (population-csv.ts) reads, the model reads it back. No CSV parser here: the stores and
// every function's cold start load this module. Decision record: model/decisions/population.md.
import * as z from '../domain/zod';
import type { PopulationRow } from './data';

/** Ages kept: the EHCP age range, birth to 25 (NCY −5 … 20). */
export const POPULATION_MIN_AGE = 0;
export const POPULATION_MAX_AGE = 25;
export const POPULATION_AGE_COUNT = POPULATION_MAX_AGE - POPULATION_MIN_AGE + 1;

/** ONS (GSS) area code of a local authority: E06…, E07…, E08…, E09… in England; W06 in Wales. */
export const AreaCode = z.string().regex(/^[EWSN]\d{8}$/, 'an ONS area code such as E08000023');

export const AreaPopulation = z.strictObject({
  areaCode: AreaCode,
  areaName: z.string().trim().min(1).max(120),
  /** Where the figures come from, e.g. "ONS 2022-based subnational population projections". */
  source: z.string().trim().min(1).max(200),
  /** Persons by single year of age (index 0 = age 0 … 25) at each ONS mid-year (30 June). */
  years: z
    .array(
      z.strictObject({
        year: z.number().int().min(1990).max(2100),
        byAge: z.array(z.number().finite().nonnegative()).length(POPULATION_AGE_COUNT),
      }),
    )
    .min(1),
});
export type AreaPopulation = z.infer<typeof AreaPopulation>;

/** What a projection says about the population it used. */
export interface PopulationSource {
  areaCode?: string;
  areaName?: string;
  source: string;
}

export const describePopulation = ({ areaCode, areaName, source }: AreaPopulation): PopulationSource => ({
  areaCode,
  areaName,
  source,
});

/**
 * Census rows for the model. ONS mid-year Y's children aged a are, on 31 August Y, mostly still aged a:
 * NCY a − 5 in academic year Y/Y+1, counted in the January census of Y + 1.
 */
export function populationRows(population: Pick<AreaPopulation, 'years'>): PopulationRow[] {
  return population.years.flatMap(({ year, byAge }) =>
    byAge.map((persons, index) => ({
      calendarYear: year + 1,
      ncy: POPULATION_MIN_AGE + index - 5,
      population: persons,
    })),
  );
}

/** Persons aged 0–25 at each mid-year: what `GET /population` shows. */
export const populationTotals = (population: Pick<AreaPopulation, 'years'>) =>
  population.years.map(({ year, byAge }) => ({
    year,
    persons: Math.round(byAge.reduce((sum, persons) => sum + persons, 0)),
  }));

/**
 * The population as it was known at a back-test origin: census years up to `origin` only (a projection
 * made then did not know later estimates). Later years fall back, in the model, to the nearest year kept.
 * When nothing is that early, the earliest year is kept (a documented approximation: ONS's 2022-based
 * projections start in census year 2023).
 */
export function populationUpTo(rows: readonly PopulationRow[], origin: number): PopulationRow[] {
  const kept = rows.filter((row) => row.calendarYear <= origin);
  if (kept.length > 0 || rows.length === 0) return kept;
  const earliest = rows.reduce((min, row) => Math.min(min, row.calendarYear), Number.POSITIVE_INFINITY);
  return rows.filter((row) => row.calendarYear === earliest);
}
