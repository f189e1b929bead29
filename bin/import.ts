// `npm run -s import -- <file>`: bulk import of placements through the API (API_URL, bearer API_TOKEN). The file
// is parsed and validated here, bad rows go to `<file>.rejects.csv`, and valid rows are sent in batches to an
// import job, which records its progress: running the same command again after a crash resumes the job.
// `npm run -s import -- export …` downloads the placements, census and witan.send CSV exports.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { Answer } from '../domain/api-client';
import { toCsv, WITAN_FILES, type WitanFile } from '../functions/imports/export';
import { IMPORT_FORMATS, type ImportFormat, STORED_REJECTS } from '../functions/imports/formats';
import { REQUEST_ROWS, requestBatches, storedRejects } from '../functions/imports/job';
import { parseMappingFile } from '../functions/imports/mapping';
import {
  importFingerprint,
  type ParsedImport,
  parseImport,
  type UploadedFile,
} from '../functions/imports/parse';
import { LOCAL_FILE_LIMITS } from '../functions/imports/read';
import type { Reject, ValidRow } from '../functions/imports/rows';
import { ApiError, api, ok, runCli, UsageError } from './api-client';

const USAGE = `usage:
  npm run -s import -- <file> [--mapping m.json] [--format placements|sen2] [--la 393] [--salt S] [--json]
  npm run -s import -- export --witan <dir> | --placements <file.csv> | --census <year> [--out <file.csv>]

  <file>          placements as CSV (UTF-8) or XLSX; for --format sen2, a folder of SEN2 module CSVs
                  (person, requests, assessment, namedplan, activeplans, placementdetail, senneed, sen2,
                  and optionally establishments)
  --mapping       a mapping JSON: { "columns": { "childRef": "My Header" }, "values": { "setting": { "ISS": "independent-special" } } }
  --la            SEN2: the returning LA's code, when the sen2 module is not there
  --salt          SEN2 (required): a secret of at least 16 characters, the same for every import; every
                  person ID is replaced by a keyed hash of it (or env IMPORT_SALT)
  --json          print { id, imported, rejected, duplicates, editedSince, rejectFile } as JSON
Writes <file>.rejects.csv (line, reason, the row). API_URL (default http://localhost:3000), API_TOKEN.`;

const RETRIES = 5;

/** An import job as the API answers it (POST /imports, its rows and completion, GET /imports/{id}). */
type JobSummary = Answer<'/imports/{id}'>;

function readInput(path: string, format: ImportFormat): UploadedFile[] {
  if (!statSync(path, { throwIfNoEntry: false })) throw new UsageError(`no such file: ${path}`);
  if (statSync(path).isDirectory()) {
    if (format !== 'sen2')
      throw new UsageError(`${path} is a folder: a folder of module CSVs needs --format sen2`);
    const names = readdirSync(path).filter(
      (name) => /\.(csv|xlsx)$/i.test(name) && !name.endsWith('.rejects.csv'),
    );
    return names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(path, name))) }));
  }
  return [{ name: basename(path), bytes: new Uint8Array(readFileSync(path)) }];
}

/** `<file>.rejects.csv`: line, reason, then every column of the rejected rows as they were. */
function writeRejectFile(path: string, rejects: Reject[]): void {
  const columns = [...new Set(rejects.flatMap((reject) => Object.keys(reject.row)))];
  writeFileSync(
    path,
    toCsv(
      ['line', 'reason', ...columns],
      rejects.map((reject) => [reject.line, reject.reason, ...columns.map((column) => reject.row[column])]),
    ),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends every row from the job's progress on; a network error, 5xx or lost race re-reads the job and carries on. */
async function sendRows(
  job: JobSummary,
  rows: ValidRow[],
  onProgress: (job: JobSummary) => void,
): Promise<JobSummary> {
  let current = job;
  let failures = 0;
  while (current.progress < rows.length) {
    try {
      for (const batch of requestBatches(rows, current.progress)) {
        current = await ok(
          api().POST('/imports/{id}/rows', {
            params: { path: { id: current.id } },
            body: {
              offset: batch.offset,
              rows: batch.rows.map((row) => ({ line: row.line, placement: row.input })),
            },
          }),
        );
        failures = 0;
        onProgress(current);
      }
    } catch (error) {
      const retryable =
        error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.status === 409);
      if (!retryable || ++failures > RETRIES) throw error;
      await sleep(250 * 2 ** failures);
      current = await ok(api().GET('/imports/{id}', { params: { path: { id: current.id } } }));
    }
  }
  return current;
}

type Flags = Record<string, string | boolean | undefined>;

function readMapping(path: string) {
  if (!statSync(path, { throwIfNoEntry: false })) throw new UsageError(`no such mapping file: ${path}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseMappingFile(json, path);
}

async function importCommand(path: string, flags: Flags): Promise<void> {
  const format = (flags.format ?? 'placements') as ImportFormat;
  if (!IMPORT_FORMATS.includes(format))
    throw new UsageError(`--format must be ${IMPORT_FORMATS.join(' or ')}`);
  const files = readInput(path, format);
  const mapping = typeof flags.mapping === 'string' ? readMapping(flags.mapping) : undefined;
  const salt = typeof flags.salt === 'string' ? flags.salt : process.env.IMPORT_SALT;
  const options = {
    ...(mapping ? { mapping } : {}),
    ...(typeof flags.la === 'string' ? { laCode: flags.la } : {}),
    ...(salt ? { salt } : {}),
  };
  // The file is on the user's own machine: the upload limits of the API's one-request import do not apply.
  const parsed: ParsedImport = await parseImport(format, files, { ...options, limits: LOCAL_FILE_LIMITS });
  const rejectFile = `${path.replace(/\/$/, '')}.rejects.csv`;
  writeRejectFile(rejectFile, parsed.rejects);

  const created = await ok(
    api().POST('/imports', {
      body: {
        fileName: basename(path),
        format,
        fingerprint: importFingerprint(format, files, options),
        totalRows: parsed.valid.length,
        rejected: parsed.rejects.length,
        rejects: storedRejects(parsed.rejects).slice(0, STORED_REJECTS),
        duplicates: parsed.duplicateLines.length,
      },
    }),
  );
  // A JSON body starts (or resumes) a job; only an uploaded file is answered with the whole import's result.
  if (!('progress' in created)) throw new Error('the API answered an upload result, not an import job');
  const bar =
    process.stderr.isTTY && !flags.json && parsed.valid.length > REQUEST_ROWS
      ? new cliProgress.SingleBar(
          { stream: process.stderr, format: 'importing [{bar}] {value}/{total} rows | {eta_formatted} left' },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  bar?.start(parsed.valid.length, created.progress);
  let job: JobSummary;
  try {
    job = await sendRows(created, parsed.valid, (progress) => bar?.update(progress.progress));
  } finally {
    bar?.stop();
  }
  job = await ok(api().POST('/imports/{id}/complete', { params: { path: { id: job.id } } }));

  const result = {
    id: job.id,
    status: job.status,
    resumed: created.resumed,
    imported: job.imported,
    rejected: job.rejected,
    duplicates: job.duplicates,
    editedSince: job.editedSince,
    rejectFile,
    ...(parsed.notes?.length ? { notes: parsed.notes } : {}),
    ...(parsed.ignored.length ? { ignoredColumns: parsed.ignored } : {}),
  };
  if (flags.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  if (result.resumed) console.log(`resumed import ${job.id} from row ${created.progress}`);
  console.log(
    `imported ${job.imported}, rejected ${job.rejected}, duplicates ${job.duplicates} (import ${job.id})`,
  );
  if (job.editedSince > 0)
    console.log(
      `${job.editedSince} rows this import had written before it stopped were changed since, and left as they are now`,
    );
  if (job.rejected > 0) console.log(`rejected rows, with line and reason: ${rejectFile}`);
  for (const note of parsed.notes ?? []) console.log(`note: ${note}`);
  if (parsed.ignored.length > 0) console.log(`columns not used: ${parsed.ignored.join(', ')}`);
}

/** A CSV export's text; a 4xx/5xx is an ApiError like any call. */
async function csv(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<string> {
  const text = await ok(call);
  if (typeof text !== 'string') throw new Error('the API sent no CSV text');
  return text;
}
const asCsv = { parseAs: 'text', headers: { accept: 'text/csv' } } as const;

async function exportCommand(flags: Flags): Promise<void> {
  if (typeof flags.witan === 'string') {
    await mkdir(flags.witan, { recursive: true });
    for (const file of Object.keys(WITAN_FILES) as WitanFile[]) {
      await writeFile(
        join(flags.witan, file),
        await csv(api().GET('/exports/witan/{file}', { params: { path: { file } }, ...asCsv })),
      );
      console.log(`wrote ${join(flags.witan, file)}`);
    }
  } else if (typeof flags.placements === 'string') {
    await writeFile(flags.placements, await csv(api().GET('/exports/placements.csv', asCsv)));
    console.log(`wrote ${flags.placements}`);
  } else if (typeof flags.census === 'string') {
    const year = Number(flags.census);
    if (!Number.isInteger(year))
      throw new UsageError(`--census takes a year, e.g. 2025, not ${flags.census}`);
    const out = typeof flags.out === 'string' ? flags.out : `census-${flags.census}.csv`;
    await writeFile(
      out,
      await csv(api().GET('/exports/census.csv', { params: { query: { year } }, ...asCsv })),
    );
    console.log(`wrote ${out}`);
  } else throw new UsageError('export needs --witan <dir>, --placements <file> or --census <year>');
}

async function main(): Promise<void> {
  let parsed: { values: Flags; positionals: string[] };
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        mapping: { type: 'string' },
        format: { type: 'string' },
        la: { type: 'string' },
        salt: { type: 'string' },
        json: { type: 'boolean' },
        witan: { type: 'string' },
        placements: { type: 'string' },
        census: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [first, ...rest] = parsed.positionals;
  if (first === 'export' && rest.length === 0) return exportCommand(parsed.values);
  if (first === undefined || rest.length > 0) throw new UsageError('give one file to import');
  return importCommand(first, parsed.values);
}

await runCli(main, USAGE);
