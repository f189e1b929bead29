// Bulk import: a 50,000-row placements CSV (generated here) into DynamoDB Local (in memory) the way the CLI does
// it — parse and validate locally, then batches of rows over real HTTP to `POST /imports/{id}/rows` — and the
// same file again, which must find 50,000 duplicates and write nothing. Target: ≥ 1,000 rows/s end to end.
// Each row is two items (the placement and its 'create' audit entry), written together by a conditional
// TransactWriteItems that only ever creates (functions/store/bulk-create.ts), 50 rows per transaction.
import { requestBatches } from '../../functions/imports/job';
import { importFingerprint, parseImport } from '../../functions/imports/parse';
import { LOCAL_FILE_LIMITS } from '../../functions/imports/read';
import type { ValidRow } from '../../functions/imports/rows';
import type { DynamoPlacementStore } from '../../functions/store/placements';
import { importCsv } from './dataset';
import { startBenchRuntime } from './runtime';

const ROWS = 50_000;
const TARGET_ROWS_PER_SECOND = 1_000;
const runtime = await startBenchRuntime();

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${runtime.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${response.status} from ${path}: ${await response.text()}`);
  return (await response.json()) as T;
}

interface Job {
  id: string;
  progress: number;
  imported: number;
  duplicates: number;
  rejected: number;
}

/** The CLI's protocol: create the job, send every batch in order, complete. Returns seconds taken. */
async function importOverHttp(rows: ValidRow[], fingerprint: string): Promise<{ job: Job; seconds: number }> {
  const started = performance.now();
  let job = await post<Job>('/imports', {
    fileName: 'bench.csv',
    format: 'placements',
    fingerprint,
    totalRows: rows.length,
  });
  for (const batch of requestBatches(rows, 0))
    job = await post<Job>(`/imports/${job.id}/rows`, {
      offset: batch.offset,
      rows: batch.rows.map((row) => ({ line: row.line, placement: row.input })),
    });
  job = await post<Job>(`/imports/${job.id}/complete`, {});
  return { job, seconds: (performance.now() - started) / 1000 };
}

try {
  const bytes = importCsv(ROWS, 'B');
  const parseStarted = performance.now();
  const files = [{ name: 'bench.csv', bytes }];
  const parsed = await parseImport('placements', files, { limits: LOCAL_FILE_LIMITS });
  const parseSeconds = (performance.now() - parseStarted) / 1000;
  if (parsed.valid.length !== ROWS)
    throw new Error(`expected ${ROWS} valid rows, got ${parsed.valid.length}`);
  const fingerprint = importFingerprint('placements', files);

  const first = await importOverHttp(parsed.valid, fingerprint);
  const second = await importOverHttp(parsed.valid, fingerprint);
  const stored = await (runtime.deps.placements as DynamoPlacementStore).count();

  const endToEnd = ROWS / (parseSeconds + first.seconds);
  const rows = [
    ['file', `${ROWS.toLocaleString('en-GB')} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MB`],
    [
      'parse + validate (local)',
      `${parseSeconds.toFixed(2)} s  (${Math.round(ROWS / parseSeconds).toLocaleString('en-GB')} rows/s)`,
    ],
    [
      'import over HTTP',
      `${first.seconds.toFixed(1)} s  (${Math.round(ROWS / first.seconds).toLocaleString('en-GB')} rows/s, ${Math.round((2 * ROWS) / first.seconds).toLocaleString('en-GB')} items/s)`,
    ],
    [
      'end to end',
      `${Math.round(endToEnd).toLocaleString('en-GB')} rows/s  (target ≥ ${TARGET_ROWS_PER_SECOND.toLocaleString('en-GB')})`,
    ],
    [
      'first run',
      `imported ${first.job.imported}, duplicates ${first.job.duplicates}, rejected ${first.job.rejected}`,
    ],
    [
      're-import',
      `${second.seconds.toFixed(1)} s  (${Math.round(ROWS / second.seconds).toLocaleString('en-GB')} rows/s): imported ${second.job.imported}, duplicates ${second.job.duplicates}`,
    ],
    ['placements stored', stored.toLocaleString('en-GB')],
  ];
  const width = Math.max(...rows.map(([label]) => (label as string).length));
  for (const [label, value] of rows) console.log(`${(label as string).padEnd(width)}  ${value}`);
  const lost = first.job.imported !== ROWS || second.job.duplicates !== ROWS || stored !== ROWS;
  if (lost) throw new Error('rows lost or duplicated');
  console.log(
    endToEnd >= TARGET_ROWS_PER_SECOND
      ? 'PASS'
      : `BELOW TARGET (machine load: ${(await import('node:os')).loadavg()[0]?.toFixed(1)})`,
  );
} finally {
  await runtime.stop();
}
