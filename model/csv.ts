// The one CSV reader of the model's input files (witan.send set, aggregate counts, age population, ONS
// projection): text in, rows out (no file I/O), cells read by column name, and every error an InputError
// naming file, 1-based line and column — the CLI prints it as one line and exits 2.
import { parse } from 'csv-parse/sync';

/** A bad input file: where (file, 1-based line and column) and what. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

/** One CSV record: its cells (trimmed) and the file line it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** Parse CSV text into records; a malformed file (unclosed quote, ragged row) is an InputError. */
export function parseCsv(text: string, file: string): CsvRecord[] {
  try {
    const records = parse(text, { bom: true, skip_empty_lines: true, trim: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw new InputError(file, lines ?? 1, 1, message.replace(/ on line \d+$/, ''));
  }
}

/** A data row whose accessors read a cell by column name and report the exact cell on error. */
export class CsvRow {
  constructor(
    readonly file: string,
    readonly line: number,
    private readonly columns: ReadonlyMap<string, number>,
    private readonly cells: readonly string[],
  ) {}

  /** 1-based column number of `name` (1 when the file lacks it). */
  column(name: string): number {
    return (this.columns.get(name) ?? 0) + 1;
  }

  fail(name: string, message: string): never {
    throw new InputError(this.file, this.line, this.column(name), message);
  }

  optionalText(name: string): string {
    const index = this.columns.get(name);
    return index === undefined ? '' : (this.cells[index] ?? '');
  }

  text(name: string): string {
    const value = this.optionalText(name);
    if (value === '') this.fail(name, `${name} is empty`);
    return value;
  }

  /** A whole number, optionally within [min, max]. */
  integer(name: string, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): number {
    const raw = this.text(name);
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      const range = Number.isFinite(min) && Number.isFinite(max) ? ` from ${min} to ${max}` : '';
      this.fail(name, `${name} must be a whole number${range}, got "${raw}"`);
    }
    return value;
  }

  /** A number ≥ 0; thousands separators ("1,250", as spreadsheets export them) are accepted. */
  nonNegative(name: string): number {
    const raw = this.text(name);
    const value = Number(raw.replaceAll(',', ''));
    if (!Number.isFinite(value) || value < 0) this.fail(name, `${name} must be a number ≥ 0, got "${raw}"`);
    return value;
  }

  /** A code of letters, digits, "-", "_", "@" or "." (need and setting codes). */
  code(name: string): string {
    const value = this.optionalText(name);
    if (!/^[A-Za-z0-9@_.-]{1,64}$/.test(value))
      this.fail(name, `${name} must be a code of letters, digits, "-", "_", "@" or "."`);
    return value;
  }

  /** A comma-separated list inside one cell, e.g. `"T,U,V"`. */
  list(name: string): string[] {
    return this.text(name)
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
}

export interface CsvColumns {
  required: readonly string[];
  optional?: readonly string[];
  /** Refuse columns that are neither required nor optional (default: ignore them). */
  strict?: boolean;
}

/**
 * Parse a CSV file with a header row (names trimmed and lower-cased) into data rows. A missing required
 * column, an unknown one (when `strict`) or an empty file is an InputError on line 1.
 */
export function readCsv(
  text: string,
  file: string,
  { required, optional = [], strict = false }: CsvColumns,
): { header: string[]; rows: CsvRow[] } {
  const [first, ...rest] = parseCsv(text, file);
  if (!first) throw new InputError(file, 1, 1, `empty file: expected a header ${required.join(',')}`);
  const header = first.cells.map((name) => name.toLowerCase());
  if (strict) {
    const known = new Set([...required, ...optional]);
    header.forEach((name, index) => {
      if (!known.has(name))
        throw new InputError(
          file,
          1,
          index + 1,
          `unknown column "${name}" (expected ${[...known].join(',')})`,
        );
    });
  }
  const columns = new Map(header.map((name, index) => [name, index]));
  for (const name of required)
    if (!columns.has(name))
      throw new InputError(
        file,
        1,
        header.length + 1,
        `missing column "${name}" (expected ${required.join(',')})`,
      );
  return { header, rows: rest.map(({ line, cells }) => new CsvRow(file, line, columns, cells)) };
}
