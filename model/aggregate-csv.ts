// Aggregate inputs as published in national and LA tables: counts `year,need,count` (optional `setting`;
// `need` may be `ALL` where only totals exist) and population `year,age,population`. Text in, rows out (no
// file I/O); every error is an InputError naming file, line and column (model/csv.ts).
import { type CsvRow, InputError, readCsv } from './csv';

export const ALL_NEEDS = 'ALL';

export interface CountRow {
  year: number;
  need: string;
  /** Present when the table is split by setting. */
  setting?: string;
  count: number;
}

export interface AgePopulationRow {
  year: number;
  age: number;
  population: number;
}

/** Parse `year,need,count[,setting]`. Rejects duplicate year × need × setting rows and mixing ALL with needs. */
export function parseCounts(text: string, file = 'counts.csv'): CountRow[] {
  const { header, rows } = readCsv(text, file, {
    required: ['year', 'need', 'count'],
    optional: ['setting'],
    strict: true,
  });
  const hasSetting = header.includes('setting');
  const seen = new Set<string>();
  const result = rows.map((row): CountRow => {
    const parsed: CountRow = {
      year: row.integer('year', 1900, 2200),
      need: row.code('need').toUpperCase(),
      count: row.nonNegative('count'),
    };
    if (hasSetting) parsed.setting = row.code('setting');
    const key = `${parsed.year}|${parsed.need}|${parsed.setting ?? ''}`;
    if (seen.has(key))
      throw new InputError(file, row.line, 1, `duplicate row for ${key.replaceAll('|', ' ').trim()}`);
    seen.add(key);
    return parsed;
  });
  if (result.length === 0) throw new InputError(file, 2, 1, 'no data rows: need at least one year of counts');
  checkComplete(result, rows, file);
  const needs = new Set(result.map((r) => r.need));
  if (needs.has(ALL_NEEDS) && needs.size > 1) {
    const index = result.findIndex((r) => r.need !== ALL_NEEDS);
    throw new InputError(
      file,
      rows[index]?.line ?? 2,
      header.indexOf('need') + 1,
      'ALL cannot be mixed with needs',
    );
  }
  return result;
}

/**
 * Every need (× setting) must have a row for every year in the file: a missing row is more often a slip
 * than a zero, so it is an error (write 0 where there were none).
 */
function checkComplete(result: readonly CountRow[], rows: readonly CsvRow[], file: string): void {
  const years = [...new Set(result.map((r) => r.year))].sort((a, b) => a - b);
  const seriesYears = new Map<string, { years: Set<number>; lastIndex: number }>();
  result.forEach((row, index) => {
    const key = row.setting === undefined ? row.need : `${row.need} in ${row.setting}`;
    const entry = seriesYears.get(key) ?? { years: new Set<number>(), lastIndex: index };
    entry.years.add(row.year);
    entry.lastIndex = index;
    seriesYears.set(key, entry);
  });
  for (const [key, entry] of seriesYears) {
    const missing = years.filter((year) => !entry.years.has(year));
    if (missing.length > 0)
      throw new InputError(
        file,
        rows[entry.lastIndex]?.line ?? 2,
        1,
        `${key} has no row for ${missing.join(', ')} (other rows cover ${years[0]}–${years.at(-1)}); write 0 where there were none`,
      );
  }
}

/** Parse `year,age,population` (age 0–25 single years, as ONS publishes). */
export function parseAgePopulation(text: string, file = 'population.csv'): AgePopulationRow[] {
  const { rows } = readCsv(text, file, { required: ['year', 'age', 'population'], strict: true });
  const seen = new Set<string>();
  const result = rows.map((row): AgePopulationRow => {
    const parsed = {
      year: row.integer('year', 1900, 2200),
      age: row.integer('age', 0, 120),
      population: row.nonNegative('population'),
    };
    const key = `${parsed.year}/${parsed.age}`;
    if (seen.has(key))
      throw new InputError(file, row.line, 2, `duplicate row for year ${parsed.year}, age ${parsed.age}`);
    seen.add(key);
    return parsed;
  });
  if (result.length === 0) throw new InputError(file, 2, 1, 'no data rows');
  return result;
}
