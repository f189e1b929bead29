// Aggregate inputs as published in national and LA tables: counts `year,need,count` (optional `setting`;
// `need` may be `ALL` where only totals exist) and population `year,age,population`. Text in, rows out (no
// file I/O); every error is an InputError naming file, line and column.
import { parse } from 'csv-parse/sync';
import { InputError } from './witan';

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

interface Cells {
  line: number;
  cell(name: string): { text: string; column: number };
}

function readCsv(text: string, file: string, required: readonly string[], optional: readonly string[] = []) {
  let header: string[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      skip_empty_lines: true,
      bom: true,
      info: true,
      trim: true,
      relax_column_count: false,
    }) as unknown as typeof records;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw new InputError(file, lines ?? 1, 1, message.replace(/ on line \d+$/, ''));
  }
  const [first, ...rest] = records;
  if (!first) throw new InputError(file, 1, 1, `empty file: expected a header ${required.join(',')}`);
  header = first.record.map((name) => name.toLowerCase());
  const known = new Set([...required, ...optional]);
  header.forEach((name, index) => {
    if (!known.has(name))
      throw new InputError(file, 1, index + 1, `unknown column "${name}" (expected ${[...known].join(',')})`);
  });
  for (const name of required)
    if (!header.includes(name))
      throw new InputError(
        file,
        1,
        header.length + 1,
        `missing column "${name}" (expected ${required.join(',')})`,
      );
  return {
    header,
    rows: rest.map(
      ({ record, info }): Cells => ({
        line: info.lines,
        cell: (name) => {
          const index = header.indexOf(name);
          return { text: record[index] ?? '', column: index + 1 };
        },
      }),
    ),
  };
}

function integerCell(row: Cells, file: string, name: string, min: number, max: number): number {
  const { text, column } = row.cell(name);
  const value = Number(text);
  if (text === '' || !Number.isInteger(value) || value < min || value > max)
    throw new InputError(
      file,
      row.line,
      column,
      `${name} must be a whole number from ${min} to ${max}, got "${text}"`,
    );
  return value;
}

function amountCell(row: Cells, file: string, name: string): number {
  const { text, column } = row.cell(name);
  const value = Number(text.replaceAll(',', ''));
  if (text === '' || !Number.isFinite(value) || value < 0)
    throw new InputError(file, row.line, column, `${name} must be a number ≥ 0, got "${text}"`);
  return value;
}

function codeCell(row: Cells, file: string, name: string): string {
  const { text, column } = row.cell(name);
  if (!/^[A-Za-z0-9@_.-]{1,64}$/.test(text))
    throw new InputError(
      file,
      row.line,
      column,
      `${name} must be a code of letters, digits, "-", "_", "@" or "."`,
    );
  return text;
}

/** Parse `year,need,count[,setting]`. Rejects duplicate year × need × setting rows and mixing ALL with needs. */
export function parseCounts(text: string, file = 'counts.csv'): CountRow[] {
  const { header, rows } = readCsv(text, file, ['year', 'need', 'count'], ['setting']);
  const hasSetting = header.includes('setting');
  const seen = new Set<string>();
  const result = rows.map((row): CountRow => {
    const parsed: CountRow = {
      year: integerCell(row, file, 'year', 1900, 2200),
      need: codeCell(row, file, 'need').toUpperCase(),
      count: amountCell(row, file, 'count'),
    };
    if (hasSetting) parsed.setting = codeCell(row, file, 'setting');
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
function checkComplete(result: readonly CountRow[], rows: readonly Cells[], file: string): void {
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
  const { rows } = readCsv(text, file, ['year', 'age', 'population']);
  const seen = new Set<string>();
  const result = rows.map((row): AgePopulationRow => {
    const parsed = {
      year: integerCell(row, file, 'year', 1900, 2200),
      age: integerCell(row, file, 'age', 0, 120),
      population: amountCell(row, file, 'population'),
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
