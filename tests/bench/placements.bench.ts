// Creates against the floor: the same TransactWriteItems a `POST /placements` sends (record, audit entry,
// idempotency key, projection change; built by the store's own createTransaction), sent straight from the SDK to
// DynamoDB Local with no HTTP and none of our code, then the API over real HTTP, at the same 32 clients and the
// same offered rate; then both flat out, the API's 10,000 creates read back to prove none was lost or doubled.
// Targets: API create p99 ≤ 1.5 × the floor's p99; our own CPU per create (the API process's CPU beyond what the
// SDK spends on the same transaction) ≤ 1 ms; ≥ 300 creates/s flat out, 0 errors, exactly N records.
//
// The API runs in its own process (tests/bench/api-server.ts), so its CPU time is measured apart from this
// client's. Latency is taken at a steady offered load (BENCH_RATE/s, default 150), timed from when each request
// was due, so a stall is counted rather than hidden (no coordinated omission).
import { execSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { quantileSorted } from 'simple-statistics';
import { NEEDS, SETTINGS } from '../../domain/codes';
import type { PlacementInput } from '../../domain/placement';
import { DynamoPlacementStore } from '../../functions/store/placements';
import { createDocumentClient, type TransactItem } from '../../functions/store/table-client';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';

const CLIENTS = 32;
const LATENCY_CREATES = 3_200;
const LATENCY_LISTS = 800;
const THROUGHPUT_CREATES = 10_000;
const WARMUP = 2_000;
const RATE = Number(process.env.BENCH_RATE ?? 150);
const LIST_RATE = Number(process.env.BENCH_LIST_RATE ?? 40);
const RATIO_TARGET = 1.5;
const OWN_CPU_TARGET_MS = 1;
const THROUGHPUT_TARGET = 300;
const FLOOR_NOTE_MS = 30;

const server = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'api-server.ts')], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const ready = await new Promise<{
  url: string;
  dynamoEndpoint: string;
  dynamoPid: number;
  tableName: string;
}>((resolve, reject) => {
  createInterface({ input: server.stdout }).once('line', (line) => resolve(JSON.parse(line)));
  server.once('exit', (code) => reject(new Error(`the API server exited (${code})`)));
});
const client = localDynamoDbClient(ready.dynamoEndpoint);
const db = createDocumentClient(client);
const store = new DynamoPlacementStore(db, ready.tableName);

const ticksPerSecond = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
/** CPU milliseconds a process has used (Linux /proc). */
function cpuMs(pid: string | number | undefined): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return undefined;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}
const javaPid = ready.dynamoPid;

let sequence = 0;
function input(): PlacementInput {
  sequence += 1;
  const outOfBorough = sequence % 7 === 0;
  return {
    childRef: `B-${sequence}`,
    primaryNeed: NEEDS[sequence % NEEDS.length] as PlacementInput['primaryNeed'],
    setting: SETTINGS[sequence % SETTINGS.length] as PlacementInput['setting'],
    residential: sequence % 11 === 0,
    inBorough: !outOfBorough,
    ...(outOfBorough ? { hostLaCode: '808', providerUrn: '123456', providerName: 'Bench School' } : {}),
    lookedAfter: sequence % 3 === 0,
    ncy: (sequence % 15) - 1,
    startDate: `20${20 + (sequence % 6)}-09-01`,
    costs: { education: 20_000 + (sequence % 40) * 1_000, socialCare: 0, health: 0, transport: 2_500 },
  };
}

interface Outcome {
  latencies: number[];
  errors: number;
  seconds: number;
  /** CPU ms per request: this process (the SDK for the floor, the HTTP client for the API), the API, the JVM. */
  benchCpu: number;
  apiCpu: number;
  javaCpu: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `total` requests from CLIENTS clients, each one at a time: flat out, or request i due at i / rate seconds. */
async function load(
  total: number,
  request: (i: number) => Promise<boolean>,
  rate?: number,
): Promise<Outcome> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const before = { bench: process.cpuUsage(), api: cpuMs(server.pid) ?? 0, java: cpuMs(javaPid) ?? 0 };
  const started = performance.now();
  const worker = async () => {
    while (issued < total) {
      const i = issued++;
      const due = rate === undefined ? performance.now() : started + (i * 1000) / rate;
      if (due > performance.now()) await sleep(due - performance.now());
      const t0 = Math.min(due, performance.now());
      try {
        if (!(await request(i))) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  const bench = process.cpuUsage(before.bench);
  return {
    latencies: latencies.sort((a, b) => a - b),
    errors,
    seconds: (performance.now() - started) / 1000,
    benchCpu: (bench.user + bench.system) / 1000 / total,
    apiCpu: ((cpuMs(server.pid) ?? 0) - before.api) / total,
    javaCpu: ((cpuMs(javaPid) ?? 0) - before.java) / total,
  };
}

const actor = { userId: 'bench', name: 'bench' };
/** The floor: transactions built beforehand by the store, so the timed part is the SDK and DynamoDB Local only. */
function floor(runId: string, total: number): (i: number) => Promise<boolean> {
  const transactions: TransactItem[][] = Array.from(
    { length: total },
    (_, i) =>
      store.createTransaction(input(), { actor, now: new Date(), idempotencyKey: `${runId}-${i}` }).writes,
  );
  return async (i) => {
    await db.send(new TransactWriteCommand({ TransactItems: transactions[i] }));
    return true;
  };
}
const api =
  (runId: string) =>
  async (i: number): Promise<boolean> => {
    const response = await fetch(`${ready.url}/placements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `${runId}-${i}` },
      body: JSON.stringify(input()),
    });
    await response.arrayBuffer();
    return response.status === 201;
  };
const LIST_QUERIES = ['', '?primaryNeed=ASD&status=active', '?inBorough=false', '?lookedAfter=true&limit=50'];
const list = async (i: number) => {
  const response = await fetch(`${ready.url}/placements${LIST_QUERIES[i % LIST_QUERIES.length]}`);
  await response.arrayBuffer();
  return response.status === 200;
};

async function countSince(since: string): Promise<{ records: number; unique: number }> {
  const ids = new Set<string>();
  let records = 0;
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ changedSince: since, limit: '500', ...(cursor ? { cursor } : {}) });
    const page = (await (await fetch(`${ready.url}/placements?${query}`)).json()) as {
      items: { id: string }[];
      cursor?: string;
    };
    records += page.items.length;
    for (const item of page.items) ids.add(item.id);
    cursor = page.cursor;
  } while (cursor);
  return { records, unique: ids.size };
}

const p = (outcome: Outcome, q: number) => quantileSorted(outcome.latencies, q);
const ms = (value: number) => value.toFixed(1);

try {
  // Warm-up: JIT in both processes and the JVM, connection pools.
  await load(WARMUP, floor('warm-floor', WARMUP));
  await load(WARMUP, api('warm-api'));

  const floorLatency = await load(LATENCY_CREATES, floor('floor', LATENCY_CREATES), RATE);
  const apiLatency = await load(LATENCY_CREATES, api('latency'), RATE);
  const lists = await load(LATENCY_LISTS, list, LIST_RATE);
  const floorBulk = await load(THROUGHPUT_CREATES, floor('floor-bulk', THROUGHPUT_CREATES));
  const since = new Date().toISOString();
  await sleep(5);
  const apiBulk = await load(THROUGHPUT_CREATES, api('throughput'));
  const readBack = await countSince(since);

  const ratio = p(apiLatency, 0.99) / p(floorLatency, 0.99);
  const apiRate = THROUGHPUT_CREATES / apiBulk.seconds;
  const ownCpu = apiBulk.apiCpu - floorBulk.benchCpu;
  const exact = readBack.records === THROUGHPUT_CREATES && readBack.unique === THROUGHPUT_CREATES;
  console.log(
    `${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (latency grows with it; CPU per request hardly does)`,
  );
  console.table([
    {
      run: `floor: SDK → DynamoDB Local, ${CLIENTS} clients at ${RATE}/s`,
      p50_ms: ms(p(floorLatency, 0.5)),
      p99_ms: ms(p(floorLatency, 0.99)),
      errors: floorLatency.errors,
      target: '',
      verdict: p(floorLatency, 0.99) > FLOOR_NOTE_MS ? `floor itself above ${FLOOR_NOTE_MS} ms` : '',
    },
    {
      run: `API: POST /placements, ${CLIENTS} clients at ${RATE}/s`,
      p50_ms: ms(p(apiLatency, 0.5)),
      p99_ms: ms(p(apiLatency, 0.99)),
      errors: apiLatency.errors,
      target: `p99 ≤ ${RATIO_TARGET} × floor`,
      verdict: `${ratio.toFixed(2)} × ${ratio <= RATIO_TARGET && apiLatency.errors === 0 ? 'met' : 'MISSED'}`,
    },
    {
      run: `API: GET /placements, ${CLIENTS} clients at ${LIST_RATE}/s`,
      p50_ms: ms(p(lists, 0.5)),
      p99_ms: ms(p(lists, 0.99)),
      errors: lists.errors,
      target: '',
      verdict: '',
    },
    {
      run: `floor flat out, ${THROUGHPUT_CREATES} transactions`,
      p50_ms: ms(p(floorBulk, 0.5)),
      p99_ms: ms(p(floorBulk, 0.99)),
      errors: floorBulk.errors,
      target: '',
      verdict: `${(THROUGHPUT_CREATES / floorBulk.seconds).toFixed(0)}/s`,
    },
    {
      run: `API flat out, ${THROUGHPUT_CREATES} creates`,
      p50_ms: ms(p(apiBulk, 0.5)),
      p99_ms: ms(p(apiBulk, 0.99)),
      errors: apiBulk.errors,
      target: `≥ ${THROUGHPUT_TARGET}/s, 0 errors`,
      verdict: `${apiRate.toFixed(0)}/s ${apiRate >= THROUGHPUT_TARGET && apiBulk.errors === 0 ? 'met' : 'MISSED'}`,
    },
    {
      run: 'read back (changedSince, pages of 500)',
      p50_ms: '',
      p99_ms: '',
      errors: readBack.records - readBack.unique,
      target: `exactly ${THROUGHPUT_CREATES}`,
      verdict: `${readBack.unique} unique of ${readBack.records} ${exact ? 'met' : 'MISSED'}`,
    },
  ]);
  console.log('CPU ms per request (flat-out runs):');
  console.table([
    {
      requests: 'floor transaction',
      sdk_client: floorBulk.benchCpu.toFixed(2),
      api_process: '',
      dynamodb_local: floorBulk.javaCpu.toFixed(2),
      ours_beyond_floor: '',
      target: '',
    },
    {
      requests: 'API create',
      sdk_client: `${apiBulk.benchCpu.toFixed(2)} (HTTP client)`,
      api_process: apiBulk.apiCpu.toFixed(2),
      dynamodb_local: apiBulk.javaCpu.toFixed(2),
      ours_beyond_floor: ownCpu.toFixed(2),
      target: `≤ ${OWN_CPU_TARGET_MS} ms ${ownCpu <= OWN_CPU_TARGET_MS ? 'met' : 'MISSED'}`,
    },
  ]);
  const failed =
    floorLatency.errors + apiLatency.errors + lists.errors + floorBulk.errors + apiBulk.errors > 0 || !exact;
  if (failed) console.error('errors, or records lost or doubled: see the table');
  if (failed || ratio > RATIO_TARGET || apiRate < THROUGHPUT_TARGET || ownCpu > OWN_CPU_TARGET_MS)
    process.exitCode = 1;
} finally {
  client.destroy();
  server.stdin.end();
  await new Promise((resolve) => server.once('exit', resolve));
}
