// /imports: bulk import of placements. Two ways in, both caseworkers only:
// - a file upload (text/csv, XLSX, or multipart: file parts, optional `mapping` and, for SEN2, `salt`) parsed and
//   imported here, within the API's 256 KB body limit (about 1,500 rows);
// - for any size, the CLI's way: parse locally, `POST /imports` (JSON) to create or resume a job, then
//   `POST /imports/{id}/rows` in batches of validated rows, then `POST /imports/{id}/complete`.
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Name } from '../../../domain/text';
import type { ImportFormat } from '../../imports/formats';
import { type ImportJob, importBatch, newJob, runImport, storedRejects } from '../../imports/job';
import { parseMappingFile } from '../../imports/mapping';
import { importFingerprint, kindOf, parseImport, type UploadedFile } from '../../imports/parse';
import { ImportFileError } from '../../imports/read';
import type { AppEnv, RouteHandlers } from '../app';
import { ConflictError, NotFoundError, unsupportedMediaType } from '../errors';
import { parseWith, readJson, readQuery } from '../http';
import { requireIdentity } from '../identity';
import { XLSX_TYPE } from '../operation';
import {
  ImportJobCreate,
  ImportJobId,
  type ImportJobView,
  ImportRowBatch,
  ImportUploadQuery,
} from '../schemas';
import { actorOf } from './concurrency';

/** A file's name as the user sees it in the job (from X-File-Name or a multipart part): one plain line. */
const FileName = Name(300);

const summary = (job: ImportJob): ImportJobView => ({
  id: job.id,
  status: job.status,
  fileName: job.fileName,
  format: job.format,
  progress: job.progress,
  ...(job.totalRows !== undefined ? { totalRows: job.totalRows } : {}),
  imported: job.imported,
  rejected: job.rejected,
  duplicates: job.duplicates,
  editedSince: job.editedSince,
  rejects: job.rejects,
  startedAt: job.startedAt,
  updatedAt: job.updatedAt,
  ...(job.error ? { error: job.error } : {}),
});

function parseMappingJson(text: string) {
  try {
    return parseMappingFile(JSON.parse(text));
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('the mapping is not valid JSON', 'mapping');
  }
}

/** The uploaded files and mapping, from a raw CSV/XLSX body or from multipart parts. */
async function readUpload(c: Context<AppEnv>, mappingQuery: string | undefined) {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  let mappingText = mappingQuery;
  let salt: string | undefined;
  const files: UploadedFile[] = [];
  if (type.startsWith('multipart/form-data')) {
    const body = await c.req.parseBody({ all: true });
    for (const [name, value] of Object.entries(body))
      for (const part of Array.isArray(value) ? value : [value]) {
        if (name === 'mapping') mappingText = typeof part === 'string' ? part : await part.text();
        else if (name === 'salt') salt = typeof part === 'string' ? part : await part.text();
        else if (typeof part !== 'string')
          files.push({
            name: parseWith(FileName, part.name || name, 'file name'),
            bytes: new Uint8Array(await part.arrayBuffer()),
          });
      }
  } else if (type.startsWith('text/csv') || type.startsWith(XLSX_TYPE)) {
    const name = parseWith(
      FileName,
      c.req.header('x-file-name') ?? (type.startsWith(XLSX_TYPE) ? 'upload.xlsx' : 'upload.csv'),
      'X-File-Name',
    );
    files.push({
      name,
      bytes: new Uint8Array(await c.req.arrayBuffer()),
      kind: type.startsWith(XLSX_TYPE) ? 'xlsx' : 'csv',
    });
  } else throw unsupportedMediaType();
  return { files, salt, mapping: mappingText === undefined ? undefined : parseMappingJson(mappingText) };
}

async function jobOf(c: Context<AppEnv>): Promise<ImportJob> {
  const id = parseWith(ImportJobId, c.req.param('id'), 'id');
  const job = await c.get('deps').imports.get(id);
  if (!job) throw new NotFoundError('import', id);
  return job;
}

export const importRoutes: RouteHandlers<'imports'> = {
  'POST /imports': async (c) => {
    const identity = requireIdentity(c);
    const deps = c.get('deps');
    const actor = actorOf(identity);
    const type = (c.req.header('content-type') ?? '').toLowerCase();

    if (/^application\/(.+\+)?json\b/.test(type)) {
      const body = await readJson(c, ImportJobCreate);
      const unfinished = await deps.imports.findUnfinished(body.fingerprint);
      if (unfinished) return c.json({ ...summary(unfinished), resumed: true }, 200);
      const job = newJob({ id: randomUUID(), ...body, actor, now: deps.now() });
      await deps.imports.create(job);
      c.header('Location', `/imports/${job.id}`);
      return c.json({ ...summary(job), resumed: false }, 201);
    }

    const query = readQuery(c, ImportUploadQuery);
    const { files, mapping, salt } = await readUpload(c, query.mapping);
    const options = {
      ...(mapping ? { mapping } : {}),
      ...(query.la ? { laCode: query.la } : {}),
      ...(salt ? { salt } : {}),
    };
    const format: ImportFormat = query.format;
    const parsed = await parseImport(
      format,
      files.map((file) => ({ ...file, kind: file.kind ?? kindOf(file.name) })),
      options,
    );
    const fingerprint = importFingerprint(format, files, options);
    let job = await deps.imports.findUnfinished(fingerprint);
    const resumed = job !== undefined;
    if (!job) {
      job = newJob({
        id: randomUUID(),
        fingerprint,
        fileName: files.map((file) => file.name).join(', '),
        format,
        totalRows: parsed.valid.length,
        rejected: parsed.rejects.length,
        rejects: storedRejects(parsed.rejects),
        duplicates: parsed.duplicateLines.length,
        actor,
        now: deps.now(),
      });
      await deps.imports.create(job);
    }
    const done = await runImport(deps, job, parsed.valid, { now: deps.now });
    c.header('Location', `/imports/${done.id}`);
    return c.json(
      {
        id: done.id,
        status: done.status,
        resumed,
        imported: done.imported,
        rejected: done.rejected,
        duplicates: done.duplicates,
        editedSince: done.editedSince,
        // Line and reason (field and problem) only, as stored: an answer never echoes a row or a cell.
        rejects: storedRejects(parsed.rejects),
        ...(parsed.notes?.length ? { notes: parsed.notes } : {}),
        ...(parsed.ignored.length ? { ignoredColumns: parsed.ignored } : {}),
      },
      resumed ? 200 : 201,
    );
  },

  'POST /imports/{id}/rows': async (c) => {
    const deps = c.get('deps');
    const job = await jobOf(c);
    const body = await readJson(c, ImportRowBatch);
    if (job.status === 'completed') throw new ConflictError(`import ${job.id} is already completed`);
    if (body.offset !== job.progress)
      throw new ConflictError(
        `import ${job.id} is at row ${job.progress}; send rows from offset ${job.progress}`,
        {
          field: 'offset',
          progress: job.progress,
        },
      );
    const { job: updated, outcome } = await importBatch(
      deps,
      job,
      body.rows.map((row) => ({ line: row.line, input: row.placement })),
      { now: deps.now() },
    );
    return c.json({ ...summary(updated), batch: outcome });
  },

  'POST /imports/{id}/complete': async (c) => {
    const deps = c.get('deps');
    const job = await jobOf(c);
    if (job.totalRows !== undefined && job.progress < job.totalRows)
      throw new ConflictError(`import ${job.id} has ${job.totalRows - job.progress} rows still to send`, {
        progress: job.progress,
      });
    if (job.status !== 'completed') await deps.placements.settle(); // as runImport's last step
    const done =
      job.status === 'completed' ? job : await deps.imports.finish(job.id, 'completed', deps.now());
    return c.json(summary(done));
  },

  'GET /imports/{id}': async (c) => {
    return c.json(summary(await jobOf(c)));
  },
};
