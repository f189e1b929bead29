// One area of the ONS sub-national population projections (SNPP), read from the CSV as ONS publishes it
// (`parseOnsPopulation`, for PUT /population and the population CLI) and written back in that shape
// (`toOnsCsv`). Kept apart from population.ts so that only these callers load the CSV parser.
import { InputError, readCsv } from './csv';
import {
  AreaCode,
  type AreaPopulation,
  POPULATION_AGE_COUNT,
  POPULATION_MAX_AGE,
  POPULATION_MIN_AGE,
} from './population';

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
  const byAge: number[][] = yearColumns.map(() => new Array<number>(POPULATION_AGE_COUNT).fill(0));
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
  const rows = Array.from({ length: POPULATION_AGE_COUNT }, (_, index) => [
    population.areaCode,
    quote(population.areaName),
    'Population',
    'persons',
    POPULATION_MIN_AGE + index,
    ...population.years.map(({ byAge }) => byAge[index]),
  ]);
  return `${[header, ...rows].map((row) => row.join(',')).join('\n')}\n`;
}
