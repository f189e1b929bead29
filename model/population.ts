// The authority's own general population: one area of the ONS sub-national population projections (SNPP),
// read from the CSV as ONS publishes it, and turned into the census-year × NCY rows the joiner rates
// divide by. Pure (no I/O): the API stores what `parseOnsPopulation` returns, the model reads it back.
// Decision record: model/decisions/population.md.
import * as z from '../domain/zod';
import { InputError, readCsv } from './csv';
import type { PopulationRow } from './data';

/** Ages kept: the EHCP age range, birth to 25 (NCY −5 … 20). */
export const POPULATION_MIN_AGE = 0;
export const POPULATION_MAX_AGE = 25;
const AGE_COUNT = POPULATION_MAX_AGE - POPULATION_MIN_AGE + 1;

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
        byAge: z.array(z.number().finite().nonnegative()).length(AGE_COUNT),
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

const COLUMNS = ['area_code', 'area_name', 'component', 'sex', 'age_group'] as const;
/** Age-group labels that are not a single year of age: skipped. */
const BAND_LABELS = /^(all ages|\d+ ?(and over|\+))$/i;

/**
 * One area of an ONS SNPP population CSV (`AREA_CODE, AREA_NAME, COMPONENT, SEX, AGE_GROUP`, then one
 * column per mid-year), persons aged 0–25. `area` (code or name) picks one area from a file of several;
 * without it the file must hold exactly one area. `persons` rows are used, or `male` + `female` summed when
 * the file has no persons rows; components other than `Population` (births, deaths, migration) are
 * skipped. Every problem is an InputError naming the line and column.
 */
export function parseOnsPopulation(
  text: string,
  options: { file?: string; area?: string; source?: string } = {},
): AreaPopulation {
  const file = options.file ?? 'population.csv';
  const { header, rows } = readCsv(text, file, { required: COLUMNS });
  const yearColumns: { name: string; year: number }[] = [];
  header.forEach((name, index) => {
    if ((COLUMNS as readonly string[]).includes(name)) return;
    const year = Number(name);
    if (!/^\d{4}$/.test(name) || year < 1990 || year > 2100)
      throw new InputError(file, 1, index + 1, `unknown column "${name}": expected a year such as 2023`);
    if (yearColumns.some((column) => column.year === year))
      throw new InputError(file, 1, index + 1, `year ${year} appears twice`);
    yearColumns.push({ name, year });
  });
  if (yearColumns.length === 0)
    throw new InputError(file, 1, header.length + 1, 'no year columns (expected 2022, 2023, …)');

  let area: { code: string; name: string; line: number } | undefined;
  const bySex = new Map<string, Map<number, { line: number; values: number[] }>>();
  for (const row of rows) {
    const code = row.text('area_code');
    const name = row.text('area_name');
    if (!AreaCode.safeParse(code).success)
      row.fail('area_code', `AREA_CODE must be an ONS area code such as E08000023, got "${code}"`);
    if (options.area !== undefined && options.area !== code && options.area !== name) continue;
    if (!area) area = { code, name, line: row.line };
    else if (code !== area.code)
      row.fail(
        'area_code',
        `a second area, ${code} ${name} (line ${area.line} has ${area.code} ${area.name}): upload one area at a time`,
      );
    if (row.text('component').toLowerCase() !== 'population') continue;
    const sex = row.text('sex').toLowerCase();
    if (!['persons', 'male', 'female'].includes(sex))
      row.fail('sex', `sex must be persons, male or female, got "${row.optionalText('sex')}"`);
    const ageText = row.text('age_group');
    if (BAND_LABELS.test(ageText)) continue;
    const age = Number(ageText);
    if (!Number.isInteger(age) || age < 0 || age > 120)
      row.fail('age_group', `age_group must be a single year of age such as 7, got "${ageText}"`);
    if (age > POPULATION_MAX_AGE) continue;
    const ages = bySex.get(sex) ?? new Map<number, { line: number; values: number[] }>();
    const earlier = ages.get(age);
    if (earlier) row.fail('age_group', `${sex} aged ${age} already given on line ${earlier.line}`);
    ages.set(age, { line: row.line, values: yearColumns.map(({ name: column }) => row.nonNegative(column)) });
    bySex.set(sex, ages);
  }
  if (!area) {
    const known = [
      ...new Set(rows.map((row) => `${row.optionalText('area_code')} ${row.optionalText('area_name')}`)),
    ];
    throw new InputError(
      file,
      2,
      1,
      options.area === undefined
        ? 'no data rows'
        : `no rows for area "${options.area}" (the file has ${known.join(', ')})`,
    );
  }
  const sexes = bySex.has('persons') ? ['persons'] : ['male', 'female'];
  const byAge: number[][] = yearColumns.map(() => new Array<number>(AGE_COUNT).fill(0));
  for (const sex of sexes)
    for (let age = POPULATION_MIN_AGE; age <= POPULATION_MAX_AGE; age++) {
      const found = bySex.get(sex)?.get(age);
      if (!found)
        throw new InputError(
          file,
          rows.at(-1)?.line ?? 1,
          header.indexOf('age_group') + 1,
          `${area.code}: no Population row for ${sex} aged ${age} (ages 0–25 are needed)`,
        );
      found.values.forEach((value, y) => {
        const ages = byAge[y] as number[];
        ages[age - POPULATION_MIN_AGE] = (ages[age - POPULATION_MIN_AGE] as number) + value;
      });
    }
  const firstYear = yearColumns.reduce((min, column) => Math.min(min, column.year), Number.POSITIVE_INFINITY);
  return {
    areaCode: area.code,
    areaName: area.name,
    source: options.source ?? `ONS ${firstYear}-based subnational population projections`,
    years: yearColumns
      .map(({ year }, y) => ({ year, byAge: byAge[y] as number[] }))
      .sort((a, b) => a.year - b.year),
  };
}

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

/** One area's population back in the ONS SNPP CSV shape (persons, ages 0–25): what the CLI uploads. */
export function toOnsCsv(population: AreaPopulation): string {
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const header = [
    'AREA_CODE',
    'AREA_NAME',
    'COMPONENT',
    'SEX',
    'AGE_GROUP',
    ...population.years.map((y) => y.year),
  ];
  const rows = Array.from({ length: AGE_COUNT }, (_, index) => [
    population.areaCode,
    quote(population.areaName),
    'Population',
    'persons',
    POPULATION_MIN_AGE + index,
    ...population.years.map(({ byAge }) => byAge[index]),
  ]);
  return `${[header, ...rows].map((row) => row.join(',')).join('\n')}\n`;
}
