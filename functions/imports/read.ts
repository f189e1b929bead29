// Reading an uploaded file into a table of text cells, refusing malformed files as a whole (nothing from
// them is imported): empty, not UTF-8, UTF-16, no header, an enormous cell, broken CSV quoting. Every upload
// has a budget of rows, cells, characters and (for XLSX) unpacked bytes, so a small file cannot amplify into
// gigabytes; what is refused is named by file, line and column, never by its content.
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { AppError } from '../api/errors';
import { unguardFormulas } from './formula-guard';
import { ownEntry } from './normalise';
import { checkUnpackedSize, UnpackError, type UnpackLimits } from './unzip-check';

// exceljs is loaded on first use: it is most of the files function's code, and most requests never need it.
const loadExcel = async () => (await import('exceljs')).default;

/** Line 1 is the header; data rows carry the line (CSV) or row number (XLSX) the user sees. */
export interface Table {
  headers: string[];
  rows: TableRow[];
}

export interface TableRow {
  line: number;
  cells: string[];
}

export type FileKind = 'csv' | 'xlsx';

/** The whole file is unusable; the message says why and how to fix it. Maps to HTTP 400. */
export class ImportFileError extends AppError {
  constructor(message: string, file?: string) {
    super(400, 'invalid_file', file ? `${file}: ${message}` : message, {
      errors: [{ field: file ?? '(file)', message }],
    });
  }
}

/** The file is bigger than an upload may be once read (rows, cells, text, or unpacked bytes). Maps to HTTP 413. */
export class ImportTooLargeError extends AppError {
  constructor(message: string, file?: string) {
    super(413, 'file_too_large', file ? `${file}: ${message}` : message, {
      errors: [{ field: file ?? '(file)', message }],
    });
  }
}

/** Spreadsheets cap a cell at 32,767 characters; a longer one means a broken quote or the wrong file. */
export const MAX_CELL_CHARS = 32 * 1024;

export interface ReadLimits extends UnpackLimits {
  /** Characters in all cells together (a workbook can repeat one long shared string in every cell). */
  textChars: number;
}

/**
 * An upload to the API: its body is at most 256 KB, about 1,500 CSV rows, so anything far beyond these is a file
 * amplifying itself (a zip bomb, one shared string in 8,000 cells), not a placements file.
 */
export const UPLOAD_LIMITS: ReadLimits = {
  unpackedBytes: 16 * 1024 * 1024,
  rows: 20_000,
  cells: 500_000,
  textChars: 8 * 1024 * 1024,
};
/** A file the CLI reads on the user's own machine before sending its rows in batches. */
export const LOCAL_FILE_LIMITS: ReadLimits = {
  unpackedBytes: 1024 * 1024 * 1024,
  rows: 1_000_000,
  cells: 50_000_000,
  textChars: 512 * 1024 * 1024,
};

/** What one upload (one or more files) has used of its limits; a file past them is an ImportTooLargeError. */
export class ReadBudget {
  private readonly used = { unpackedBytes: 0, rows: 0, cells: 0, textChars: 0 };
  constructor(readonly limits: ReadLimits = UPLOAD_LIMITS) {}

  remaining(): ReadLimits {
    const left = (key: keyof ReadLimits) => this.limits[key] - this.used[key];
    return {
      unpackedBytes: left('unpackedBytes'),
      rows: left('rows'),
      cells: left('cells'),
      textChars: left('textChars'),
    };
  }

  spend(amounts: Partial<Record<keyof ReadLimits, number>>, file?: string): void {
    for (const [key, amount] of Object.entries(amounts) as [keyof ReadLimits, number][]) {
      this.used[key] += amount;
      if (this.used[key] > this.limits[key])
        throw new ImportTooLargeError(`${LIMIT_NAMES[key](this.limits[key])}`, file);
    }
  }
}

const LIMIT_NAMES: Record<keyof ReadLimits, (limit: number) => string> = {
  unpackedBytes: (limit) => `the upload unpacks to over ${Math.round(limit / 1024 / 1024)} MB`,
  rows: (limit) => `over ${limit.toLocaleString('en-GB')} rows in one upload: import it with the CLI`,
  cells: (limit) => `over ${limit.toLocaleString('en-GB')} cells in one upload: import it with the CLI`,
  textChars: (limit) => `over ${Math.round(limit / 1024 / 1024)} MB of text in its cells`,
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const isZip = (bytes: Uint8Array): boolean => ZIP_MAGIC.every((byte, i) => bytes[i] === byte);

/** The file's text: UTF-8 only (a UTF-8 BOM is dropped); anything else is refused with the line it fails on. */
export function decodeUtf8(bytes: Uint8Array, file?: string): string {
  if (bytes.length === 0) throw new ImportFileError('the file is empty', file);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new ImportFileError(
      'the file is UTF-16; save it as "CSV UTF-8 (comma delimited)" and try again',
      file,
    );
  if (isZip(bytes))
    throw new ImportFileError('this is a zip or Excel (.xlsx) file, not CSV; send it as XLSX instead', file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    throw new ImportFileError(
      `not valid UTF-8 (first bad byte on line ${line}); save it as "CSV UTF-8 (comma delimited)" and try again`,
      file,
    );
  }
}

/** The delimiter the header line uses most: comma, semicolon (continental Excel) or tab. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, header.split(delimiter).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function checkTable(headers: string[], rows: TableRow[], budget: ReadBudget, file?: string): Table {
  const names = headers.map((header) => header.trim());
  if (names.every((name) => name === ''))
    throw new ImportFileError('the first line has no column headers', file);
  if (rows.length === 0) throw new ImportFileError('the file has a header but no data rows', file);
  for (const [index, name] of names.entries())
    if (name.length > 200)
      throw new ImportFileError(`column ${index + 1} header is over 200 characters`, file);
  budget.spend({ rows: rows.length + 1 }, file);
  for (const row of rows) {
    let chars = 0;
    for (const [index, cell] of row.cells.entries()) {
      chars += cell.length;
      if (cell.length > MAX_CELL_CHARS)
        throw new ImportFileError(
          `line ${row.line}, column ${index + 1}: a cell of ${cell.length.toLocaleString('en-GB')} characters ` +
            `(over ${MAX_CELL_CHARS / 1024} KB) — a broken quote or the wrong file?`,
          file,
        );
    }
    budget.spend({ cells: row.cells.length, textChars: chars }, file);
  }
  return { headers: names, rows };
}

/** csv-parse's own messages quote the file's content; these say what is wrong in the user's words. */
const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quote is opened and never closed',
  INVALID_OPENING_QUOTE: 'a quote opens in the middle of a cell (quote the whole cell, or none of it)',
  CSV_INVALID_CLOSING_QUOTE:
    'a quote closes in the middle of a cell (write a quote inside a quoted cell as "")',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after the closing quote of a cell',
};

export function readCsv(text: string, file?: string, budget = new ReadBudget()): Table {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new ImportFileError('the file is empty', file);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      delimiter: detectDelimiter(body),
      relax_column_count: true,
      skip_empty_lines: true,
      // A runaway quoted field stops here instead of swallowing the rest of the file.
      max_record_size: 4 * MAX_CELL_CHARS,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    if (code === 'CSV_MAX_RECORD_SIZE')
      throw new ImportFileError(
        `line ${lines ?? '?'}: a cell over ${MAX_CELL_CHARS / 1024} KB — a broken quote or the wrong file?`,
        file,
      );
    const problem = (code && ownEntry(CSV_PROBLEMS, code)) ?? 'not readable as CSV';
    throw new ImportFileError(`${lines === undefined ? '' : `line ${lines}: `}${problem}`, file);
  }
  const [header, ...data] = records;
  if (!header) throw new ImportFileError('the file is empty', file);
  const rows = data
    .filter(({ record }) => record.some((cell) => cell.trim() !== ''))
    // A ' our own CSV exports put before formula-like text comes off, so an export re-imports as it was stored.
    .map(({ record, info }) => ({ line: info.lines, cells: record.map(unguardFormulas) }));
  return checkTable(header.record, rows, budget, file);
}

/** A cell as text: dates as ISO days, formulas as their results, rich text flattened. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

/** exceljs's own messages are its internals ("Cannot read properties of undefined (reading 'col')"). */
const UNREADABLE_WORKBOOK = 'not readable as an Excel workbook: save it again from Excel as .xlsx and retry';

/**
 * The first worksheet of an XLSX workbook; its first non-empty row is the header. The zip is checked against the
 * upload's budget (unpacked bytes, rows, cells) before exceljs loads it.
 */
export async function readXlsx(bytes: Uint8Array, file?: string, budget = new ReadBudget()): Promise<Table> {
  if (bytes.length === 0) throw new ImportFileError('the file is empty', file);
  if (!isZip(bytes)) throw new ImportFileError('not an Excel .xlsx workbook (for CSV, send text/csv)', file);
  try {
    budget.spend({ unpackedBytes: checkUnpackedSize(bytes, budget.remaining()).bytes }, file);
  } catch (error) {
    if (!(error instanceof UnpackError)) throw error;
    if (error.kind === 'too_large') throw new ImportTooLargeError(error.message, file);
    throw new ImportFileError(`${UNREADABLE_WORKBOOK} (${error.message})`, file);
  }
  let headers: string[] | undefined;
  const rows: TableRow[] = [];
  try {
    const workbook = new (await loadExcel()).Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as ExcelJS.CellValue[];
      // row.values is 1-based: index 0 is always empty.
      const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1]));
      if (!headers) headers = cells;
      else if (cells.some((cell) => cell.trim() !== '')) rows.push({ line: rowNumber, cells });
    });
  } catch {
    throw new ImportFileError(UNREADABLE_WORKBOOK, file);
  }
  if (!headers) throw new ImportFileError('the workbook has no data', file);
  return checkTable(headers, rows, budget, file);
}

/** Reads bytes as CSV or XLSX (XLSX when `kind` says so or the bytes are a zip). */
export async function readTable(
  bytes: Uint8Array,
  kind: FileKind | undefined,
  file?: string,
  budget = new ReadBudget(),
): Promise<Table> {
  if (kind === 'xlsx' || (kind === undefined && isZip(bytes))) return readXlsx(bytes, file, budget);
  return readCsv(decodeUtf8(bytes, file), file, budget);
}
