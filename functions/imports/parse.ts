// One entry point from uploaded files to validated rows, for the API's direct upload and for the CLI (which
// parses locally and sends the rows in batches). A malformed file throws ImportFileError: nothing is imported.
import { createHash } from 'node:crypto';
import type { ImportFormat } from './formats';
import { naturalKey } from './keys';
import type { MappingFile } from './mapping';
import { type FileKind, ImportFileError, ReadBudget, type ReadLimits, readTable, type Table } from './read';
import { type ParsedRows, parsePlacementRows } from './rows';
import { parseSen2Modules, type Sen2Module, type Sen2Options, sen2ModuleOf } from './sen2';

export interface UploadedFile {
  /** File name (or multipart part name): for SEN2 it says which module the file is. */
  name: string;
  bytes: Uint8Array;
  kind?: FileKind;
}

export interface ParseOptions extends Sen2Options {
  mapping?: MappingFile;
  /** What the files of this upload together may hold once read: default UPLOAD_LIMITS (an API upload). */
  limits?: ReadLimits;
}

export const kindOf = (name: string): FileKind | undefined =>
  /\.xlsx$/i.test(name) ? 'xlsx' : /\.(csv|txt)$/i.test(name) ? 'csv' : undefined;

export interface ParsedImport extends ParsedRows {
  /** Lines of rows repeating an earlier row's natural key (childRef + startDate + setting): not imported. */
  duplicateLines: number[];
}

/** Keeps the first row of each natural key. */
function dropRepeats(parsed: ParsedRows): ParsedImport {
  const seen = new Set<string>();
  const valid: ParsedRows['valid'] = [];
  const duplicateLines: number[] = [];
  for (const row of parsed.valid) {
    const key = naturalKey(row.input);
    if (seen.has(key)) duplicateLines.push(row.line);
    else {
      seen.add(key);
      valid.push(row);
    }
  }
  return { ...parsed, valid, duplicateLines };
}

export async function parseImport(
  format: ImportFormat,
  files: UploadedFile[],
  options: ParseOptions = {},
): Promise<ParsedImport> {
  return dropRepeats(await parseRows(format, files, options));
}

async function parseRows(
  format: ImportFormat,
  files: UploadedFile[],
  options: ParseOptions,
): Promise<ParsedRows> {
  if (files.length === 0) throw new ImportFileError('no file was sent');
  const budget = new ReadBudget(options.limits);
  if (format === 'placements') {
    if (files.length > 1) throw new ImportFileError('send one placements file at a time');
    const [file] = files as [UploadedFile];
    const table = await readTable(file.bytes, file.kind ?? kindOf(file.name), file.name, budget);
    return parsePlacementRows(table, options.mapping, file.name);
  }
  const tables: Partial<Record<Sen2Module, Table>> = {};
  for (const file of files) {
    const module = sen2ModuleOf(file.name);
    if (!module)
      throw new ImportFileError(
        'not a SEN2 module file: name it after its module (person, requests, assessment, namedplan, activeplans, ' +
          'placementdetail, senneed, sen2, establishments)',
        file.name,
      );
    if (tables[module]) throw new ImportFileError(`two files for SEN2 module ${module}`, file.name);
    tables[module] = await readTable(file.bytes, file.kind ?? kindOf(file.name), file.name, budget);
  }
  return parseSen2Modules(tables, options);
}

/**
 * sha256 over what decides an import's rows: the format, each file's bytes (SEN2: with its module, in module
 * order; a renamed placements file is the same file), the mapping, the LA code and a hash of the salt (never the
 * salt itself). The same inputs resume the same unfinished job.
 */
export function importFingerprint(
  format: ImportFormat,
  files: UploadedFile[],
  options: ParseOptions = {},
): string {
  const hash = createHash('sha256').update(format);
  const labelled = files.map((file) => ({
    label: format === 'sen2' ? (sen2ModuleOf(file.name) ?? file.name) : '',
    file,
  }));
  for (const { label, file } of labelled.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)))
    hash.update('\0').update(label).update('\0').update(file.bytes);
  const salt = options.salt ? createHash('sha256').update(options.salt).digest('hex') : '';
  return hash
    .update('\0')
    .update(JSON.stringify([options.mapping ?? null, options.laCode ?? '', salt]))
    .digest('hex');
}
