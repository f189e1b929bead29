// Reading an uploaded file into a table of text cells, refusing malformed files as a whole (nothing from
// them is imported): empty, not UTF-8, UTF-16, no header, an enormous cell, broken CSV quoting.
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { AppError } from '../api/errors';

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

/** Spreadsheets cap a cell at 32,767 characters; a longer one means a broken quote or the wrong file. */
export const MAX_CELL_CHARS = 32 * 1024;

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

function checkTable(headers: string[], rows: TableRow[], file?: string): Table {
  const names = headers.map((header) => header.trim());
  if (names.every((name) => name === ''))
    throw new ImportFileError('the first line has no column headers', file);
  if (rows.length === 0) throw new ImportFileError('the file has a header but no data rows', file);
  for (const [index, name] of names.entries())
    if (name.length > 200)
      throw new ImportFileError(`column ${index + 1} header is over 200 characters`, file);
  for (const row of rows)
    for (const [index, cell] of row.cells.entries())
      if (cell.length > MAX_CELL_CHARS)
        throw new ImportFileError(
          `line ${row.line}, column ${index + 1}: a cell of ${cell.length.toLocaleString('en-GB')} characters ` +
            `(over ${MAX_CELL_CHARS / 1024} KB) — a broken quote or the wrong file?`,
          file,
        );
  return { headers: names, rows };
}

export function readCsv(text: string, file?: string): Table {
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
    const { code, lines, message } = error as { code?: string; lines?: number; message: string };
    if (code === 'CSV_MAX_RECORD_SIZE')
      throw new ImportFileError(
        `line ${lines ?? '?'}: a cell over ${MAX_CELL_CHARS / 1024} KB — a broken quote or the wrong file?`,
        file,
      );
    throw new ImportFileError(`not readable as CSV: ${message}`, file);
  }
  const [header, ...data] = records;
  if (!header) throw new ImportFileError('the file is empty', file);
  const rows = data
    .filter(({ record }) => record.some((cell) => cell.trim() !== ''))
    .map(({ record, info }) => ({ line: info.lines, cells: record }));
  return checkTable(header.record, rows, file);
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

/** The first worksheet of an XLSX workbook; its first non-empty row is the header. */
export async function readXlsx(bytes: Uint8Array, file?: string): Promise<Table> {
  if (bytes.length === 0) throw new ImportFileError('the file is empty', file);
  if (!isZip(bytes)) throw new ImportFileError('not an Excel .xlsx workbook (for CSV, send text/csv)', file);
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError(`not readable as an Excel workbook: ${(error as Error).message}`, file);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw new ImportFileError('the workbook has no data', file);
  let headers: string[] | undefined;
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    // row.values is 1-based: index 0 is always empty.
    const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1]));
    if (!headers) headers = cells;
    else if (cells.some((cell) => cell.trim() !== '')) rows.push({ line: rowNumber, cells });
  });
  if (!headers) throw new ImportFileError('the workbook has no data', file);
  return checkTable(headers, rows, file);
}

/** Reads bytes as CSV or XLSX (XLSX when `kind` says so or the bytes are a zip). */
export async function readTable(
  bytes: Uint8Array,
  kind: FileKind | undefined,
  file?: string,
): Promise<Table> {
  if (kind === 'xlsx' || (kind === undefined && isZip(bytes))) return readXlsx(bytes, file);
  return readCsv(decodeUtf8(bytes, file), file);
}
