// Import jobs: validated rows are written in batches with deterministic ids (see keys.ts), and the job records
// how many rows are committed, so an import that stops half-way resumes from there. Shared by the API routes,
// the tests and the benchmark; storage is behind the ImportStore port (DynamoDB adapter in functions/store).

import { type Placement, PlacementInput } from '../../domain/placement';
import { buildPlacement } from '../../domain/placement-build';
import type { BulkCreate } from '../api/deps';
import type { Actor, PlacementStore } from '../store/ports';
import { type ImportFormat, STORED_REJECTS } from './formats';
import { importedPlacementId } from './keys';
import type { Reject, ValidRow } from './rows';

export type ImportStatus = 'running' | 'completed' | 'failed';

export interface StoredReject {
  line: number;
  reason: string;
}

export interface ImportJob {
  id: string;
  /** sha256 of the file bytes, format and mapping: the same file resumes the same unfinished job. */
  fingerprint: string;
  fileName: string;
  format: ImportFormat;
  status: ImportStatus;
  /** Valid rows processed (imported or found duplicate), in file order: a resumed job skips this many. */
  progress: number;
  /** Valid rows the file has, when known. */
  totalRows?: number;
  imported: number;
  duplicates: number;
  /**
   * Rows this job had written before it was cut short that someone changed (or ended) before it resumed: left
   * as they are now, never written again.
   */
  editedSince: number;
  rejected: number;
  rejects: StoredReject[];
  /** The creation time written on every placement of this job, so a retried batch rewrites identical records. */
  startedAt: string;
  updatedAt: string;
  /** Ids the current batch is writing: a resumed batch finds which of them this job itself created. */
  inFlight?: string[];
  createdBy: Actor;
  error?: string;
}

export interface BatchOutcome {
  imported: number;
  duplicates: number;
  editedSince: number;
  rejects: StoredReject[];
}

export interface ImportStore {
  create(job: ImportJob): Promise<void>;
  get(id: string): Promise<ImportJob | undefined>;
  /** The running or failed job of a file, if any: re-running that file resumes it. */
  findUnfinished(fingerprint: string): Promise<ImportJob | undefined>;
  /**
   * Adds a batch's outcome to `job` and moves its progress to `to`, in one write conditional on the stored
   * progress still being `job.progress`: a ConflictError if another run of the same job got there first.
   */
  recordBatch(job: ImportJob, to: number, outcome: BatchOutcome, now: Date): Promise<ImportJob>;
  /** Records the ids a batch is about to write, conditional on progress like recordBatch. */
  markInFlight(job: ImportJob, ids: string[], now: Date): Promise<ImportJob>;
  finish(id: string, status: Exclude<ImportStatus, 'running'>, now: Date, error?: string): Promise<ImportJob>;
  /** Those of `ids` that are stored placements. */
  existingPlacements(ids: string[]): Promise<Set<string>>;
}

export interface ImportDeps {
  imports: ImportStore;
  placements: BulkCreate<Placement> & Pick<PlacementStore, 'settle' | 'prepareBulkLoad'>;
}

/** Rows per batch: one existence read (BatchGet, 100 keys a call) and its conditional writes. */
export const BATCH_ROWS = 500;

export function newJob(fields: {
  id: string;
  fingerprint: string;
  fileName: string;
  format: ImportFormat;
  totalRows?: number;
  /** Rows rejected while parsing, before the job started: their count, and the first of them. */
  rejected?: number;
  rejects?: StoredReject[];
  /** Rows repeating an earlier row's natural key in the same file. */
  duplicates?: number;
  actor: Actor;
  now: Date;
}): ImportJob {
  const at = fields.now.toISOString();
  return {
    id: fields.id,
    fingerprint: fields.fingerprint,
    fileName: fields.fileName,
    format: fields.format,
    status: 'running',
    progress: 0,
    ...(fields.totalRows !== undefined ? { totalRows: fields.totalRows } : {}),
    imported: 0,
    duplicates: fields.duplicates ?? 0,
    editedSince: 0,
    rejected: fields.rejected ?? fields.rejects?.length ?? 0,
    rejects: (fields.rejects ?? []).slice(0, STORED_REJECTS),
    startedAt: at,
    updatedAt: at,
    createdBy: fields.actor,
  };
}

/**
 * Writes one batch of rows that starts at `job.progress`. Rows come with natural keys unique in their file
 * (parseImport drops and counts repeats). Every row is validated again with PlacementInput: the API does not
 * trust its client's parsing. Writes only ever create: a row whose placement exists is never written again.
 * Before writing, the job names the ids it is about to write (`inFlight`), and each created record's audit entry
 * names the job, so when a batch cut short is sent again its rows are told apart by what is stored:
 * - absent: created now (imported);
 * - created by this job and still at version 1: written by the attempt that was cut short (imported);
 * - created by this job and changed since (a caseworker's edit or end): left alone (editedSince);
 * - anything else: a duplicate of a record that was there before.
 */
export async function importBatch(
  deps: ImportDeps,
  job: ImportJob,
  rows: { line: number; input: unknown }[],
  context: { now: Date },
): Promise<{ job: ImportJob; outcome: BatchOutcome }> {
  const rejects: StoredReject[] = [];
  const candidates: { input: PlacementInput; id: string }[] = [];
  for (const row of rows) {
    const parsed = PlacementInput.safeParse(row.input);
    if (parsed.success) candidates.push({ input: parsed.data, id: importedPlacementId(parsed.data) });
    else
      rejects.push({
        line: row.line,
        reason: parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`)
          .join('; '),
      });
  }
  // Ids the cut-short attempt may have written are not read first: their writes say what is stored.
  const ours = new Set(job.inFlight ?? []);
  const existing = await deps.imports.existingPlacements([
    ...new Set(candidates.map((c) => c.id).filter((id) => !ours.has(id))),
  ]);
  const seen = new Set<string>();
  const writes: Placement[] = [];
  const outcome: BatchOutcome = { imported: 0, duplicates: 0, editedSince: 0, rejects };
  const created = new Date(job.startedAt);
  for (const { id, input } of candidates) {
    if (seen.has(id) || existing.has(id)) {
      outcome.duplicates += 1;
      continue;
    }
    seen.add(id);
    const { id: _clientId, ...fields } = input;
    writes.push(buildPlacement(fields, { id, now: created, actor: job.createdBy }));
  }
  let current = job;
  if (writes.length > 0) {
    await deps.placements.prepareBulkLoad();
    current = await deps.imports.markInFlight(
      job,
      writes.map((placement) => placement.id),
      context.now,
    );
    const results = await deps.placements.createMany(writes, {
      actor: job.createdBy,
      now: created,
      importJob: job.id,
    });
    for (const result of results) {
      if (result.created || (result.importJob === job.id && result.version === 1)) outcome.imported += 1;
      else if (result.importJob === job.id) outcome.editedSince += 1;
      else outcome.duplicates += 1;
    }
  }
  const updated = await deps.imports.recordBatch(current, job.progress + rows.length, outcome, context.now);
  return { job: updated, outcome };
}

export interface RunOptions {
  now: () => Date;
  batchRows?: number;
  onProgress?: (job: ImportJob) => void;
}

/**
 * Imports every valid row of a parsed file into `job` from its current progress, then marks it completed.
 * A failure marks the job failed (it keeps its progress) and rethrows; running the same file again resumes.
 */
export async function runImport(
  deps: ImportDeps,
  job: ImportJob,
  rows: ValidRow[],
  options: RunOptions,
): Promise<ImportJob> {
  const batchRows = options.batchRows ?? BATCH_ROWS;
  let current = job;
  try {
    while (current.progress < rows.length) {
      const batch = rows.slice(current.progress, current.progress + batchRows);
      ({ job: current } = await importBatch(deps, current, batch, { now: options.now() }));
      options.onProgress?.(current);
    }
    // The rows are in the projection's changes: folded now, the import's last step, the first read after a
    // large import is as quick as any other (it would otherwise fold them all: 50,000 rows take seconds).
    await deps.placements.settle();
    return await deps.imports.finish(current.id, 'completed', options.now());
  } catch (error) {
    await deps.imports
      .finish(current.id, 'failed', options.now(), (error as Error).message)
      .catch(() => undefined);
    throw error;
  }
}

/** Line and reason of parse rejects, as the job keeps them. */
export const storedRejects = (rejects: Reject[]): StoredReject[] =>
  rejects.slice(0, STORED_REJECTS).map(({ line, reason }) => ({ line, reason }));

/** Rows per `POST /imports/{id}/rows`, and a body kept well under the API's 256 KB limit. */
export const REQUEST_ROWS = 500;
export const REQUEST_BYTES = 200 * 1024;

/** Consecutive batches of rows from `start`, each at most REQUEST_ROWS rows and about REQUEST_BYTES of JSON. */
export function* requestBatches(
  rows: ValidRow[],
  start: number,
): Generator<{ offset: number; rows: ValidRow[] }> {
  let offset = start;
  while (offset < rows.length) {
    const batch: ValidRow[] = [];
    let bytes = 0;
    for (let i = offset; i < rows.length && batch.length < REQUEST_ROWS; i++) {
      const row = rows[i] as ValidRow;
      bytes += JSON.stringify(row.input).length + 32;
      if (batch.length > 0 && bytes > REQUEST_BYTES) break;
      batch.push(row);
    }
    yield { offset, rows: batch };
    offset += batch.length;
  }
}

/** Adds a batch's outcome to a job's counters (the store writes the result). */
export function withBatch(job: ImportJob, to: number, outcome: BatchOutcome, now: Date): ImportJob {
  const { inFlight: _written, ...rest } = job;
  return {
    ...rest,
    progress: to,
    imported: job.imported + outcome.imported,
    duplicates: job.duplicates + outcome.duplicates,
    editedSince: job.editedSince + outcome.editedSince,
    rejected: job.rejected + outcome.rejects.length,
    rejects: [...job.rejects, ...outcome.rejects].slice(0, STORED_REJECTS),
    updatedAt: now.toISOString(),
  };
}
