// Placements API under load, over real HTTP against DynamoDB Local (in memory): create and list latency at
// 32 concurrent clients, then 10,000 creates for throughput, read back to prove none was lost or doubled.
// Targets (2-core machine): create p99 ≤ 30 ms, ≥ 300 creates/s, zero errors, zero lost or duplicated.
//
// Latency is measured at a steady offered load (BENCH_RATE creates/s, default 150, and BENCH_LIST_RATE
// lists/s, default 40, spread over the 32 clients), timed from when each request was due, so a stall is counted rather than hidden (no
// coordinated omission). Closed-loop clients at full speed would only measure queueing: 32 clients at
// 300/s wait about 32/300 s ≈ 107 ms each by Little's law whatever the service time. Throughput is then
// measured flat out, 32 clients each sending the next request as soon as the last one answers.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { quantileSorted } from 'simple-statistics';
import { NEEDS, SETTINGS } from '../../domain/codes';
import { startLocal } from '../../infra/local/server';

const CLIENTS = 32;
const LATENCY_CREATES = 3_200;
const LATENCY_LISTS = 800;
const THROUGHPUT_CREATES = 10_000;
const RATE = Number(process.env.BENCH_RATE ?? 150);
/** Lists return 100 records each, so cost several creates' worth of CPU: they are offered more slowly. */
const LIST_RATE = Number(process.env.BENCH_LIST_RATE ?? 40);
const WARMUP_CREATES = 2_000;

const runtime = await startLocal({
  inMemory: true,
  port: 0,
  seedDemo: false,
  configureApp: () => {},
  log: () => {},
});

let sequence = 0;
function body(): string {
  sequence += 1;
  const outOfBorough = sequence % 7 === 0;
  return JSON.stringify({
    childRef: `B-${sequence}`,
    primaryNeed: NEEDS[sequence % NEEDS.length],
    setting: SETTINGS[sequence % SETTINGS.length],
    residential: sequence % 11 === 0,
    inBorough: !outOfBorough,
    ...(outOfBorough ? { hostLaCode: '808', providerUrn: '123456', providerName: 'Bench School' } : {}),
    lookedAfter: sequence % 3 === 0,
    ncy: (sequence % 15) - 1,
    startDate: `20${20 + (sequence % 6)}-09-01`,
    costs: { education: 20_000 + (sequence % 40) * 1_000, socialCare: 0, health: 0, transport: 2_500 },
  });
}

interface Outcome {
  latencies: number[];
  errors: number;
  seconds: number;
  /** CPU milliseconds per request: this Node process (API server and bench client) and DynamoDB Local. */
  nodeCpu: number;
  javaCpu: number | undefined;
}

/**
 * CPU time of the DynamoDB Local JVM (Linux /proc). CPU per request hardly depends on what else the machine
 * is doing, so it gives the ceiling an idle 2-core machine would reach: 2,000 ms / (CPU ms per request).
 */
const dynamoPort = new URL(runtime.dynamoEndpoint).port;
const javaPid = (() => {
  try {
    return execSync(`pgrep -f "port ${dynamoPort} -sharedDb"`).toString().trim().split('\n')[0];
  } catch {
    return undefined;
  }
})();
const ticksPerSecond = (() => {
  try {
    return Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
  } catch {
    return 100;
  }
})();
function javaCpuMs(): number | undefined {
  if (!javaPid || !existsSync(`/proc/${javaPid}/stat`)) return undefined;
  const fields = readFileSync(`/proc/${javaPid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `total` requests from `CLIENTS` concurrent clients, each one request at a time: flat out, or with
 * request i due at i / rate seconds (latency then counts from the due time).
 */
async function load(
  total: number,
  request: (i: number) => Promise<Response>,
  ok: number,
  rate?: number,
): Promise<Outcome> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const javaBefore = javaCpuMs();
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  const client = async () => {
    while (issued < total) {
      const i = issued++;
      const due = rate === undefined ? performance.now() : started + (i * 1000) / rate;
      if (due > performance.now()) await sleep(due - performance.now());
      const t0 = Math.min(due, performance.now());
      try {
        const response = await request(i);
        await response.arrayBuffer();
        if (response.status !== ok) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const node = process.cpuUsage(nodeBefore);
  const javaAfter = javaCpuMs();
  return {
    latencies: latencies.sort((a, b) => a - b),
    errors,
    seconds: (performance.now() - started) / 1000,
    nodeCpu: (node.user + node.system) / 1000 / total,
    javaCpu:
      javaBefore !== undefined && javaAfter !== undefined ? (javaAfter - javaBefore) / total : undefined,
  };
}

const create = (runId: string) => (i: number) =>
  fetch(`${runtime.url}/placements`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `${runId}-${i}` },
    body: body(),
  });

const LIST_QUERIES = ['', '?primaryNeed=ASD&status=active', '?inBorough=false', '?lookedAfter=true&limit=50'];
const list = (i: number) => fetch(`${runtime.url}/placements${LIST_QUERIES[i % LIST_QUERIES.length]}`);

async function countSince(since: string): Promise<{ records: number; unique: number }> {
  const ids = new Set<string>();
  let records = 0;
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ changedSince: since, limit: '500', ...(cursor ? { cursor } : {}) });
    const page = (await (await fetch(`${runtime.url}/placements?${query}`)).json()) as {
      items: { id: string }[];
      cursor?: string;
    };
    records += page.items.length;
    for (const item of page.items) ids.add(item.id);
    cursor = page.cursor;
  } while (cursor);
  return { records, unique: ids.size };
}

const ms = (values: number[], q: number) => (values.length ? quantileSorted(values, q).toFixed(1) : '–');

try {
  await load(WARMUP_CREATES, create('warmup'), 201); // JIT (Node and the JVM), connection pools
  const creates = await load(LATENCY_CREATES, create('latency'), 201, RATE);
  const lists = await load(LATENCY_LISTS, list, 200, LIST_RATE);

  const since = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const bulk = await load(THROUGHPUT_CREATES, create('throughput'), 201);
  const readBack = await countSince(since);
  const rate = THROUGHPUT_CREATES / bulk.seconds;

  const rows = [
    {
      measure: `create latency (${CLIENTS} clients, ${RATE}/s, ${LATENCY_CREATES})`,
      p50_ms: ms(creates.latencies, 0.5),
      p99_ms: ms(creates.latencies, 0.99),
      errors: creates.errors,
      target: 'p99 ≤ 30 ms',
      met: quantileSorted(creates.latencies, 0.99) <= 30 ? 'yes' : 'NO',
    },
    {
      measure: `list latency (${CLIENTS} clients, ${LIST_RATE}/s, ${LATENCY_LISTS})`,
      p50_ms: ms(lists.latencies, 0.5),
      p99_ms: ms(lists.latencies, 0.99),
      errors: lists.errors,
      target: '',
      met: '',
    },
    {
      measure: `throughput: ${THROUGHPUT_CREATES} creates flat out (${CLIENTS} clients)`,
      p50_ms: ms(bulk.latencies, 0.5),
      p99_ms: ms(bulk.latencies, 0.99),
      errors: bulk.errors,
      target: '≥ 300 creates/s',
      met: `${rate.toFixed(0)}/s ${rate >= 300 ? 'yes' : 'NO'}`,
    },
    {
      measure: 'read back (changedSince, pages of 500)',
      p50_ms: '',
      p99_ms: '',
      errors: THROUGHPUT_CREATES - readBack.unique + (readBack.records - readBack.unique),
      target: `${THROUGHPUT_CREATES} exactly`,
      met: `${readBack.unique} unique of ${readBack.records} ${readBack.records === THROUGHPUT_CREATES && readBack.unique === THROUGHPUT_CREATES ? 'yes' : 'NO'}`,
    },
  ];
  // Other work on the machine skews every figure, so say how busy it was.
  console.log(
    `${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  console.table(rows);
  const cpuRow = (label: string, outcome: Outcome) => {
    const total = outcome.nodeCpu + (outcome.javaCpu ?? 0);
    return {
      requests: label,
      node_cpu_ms: outcome.nodeCpu.toFixed(2),
      dynamodb_local_cpu_ms: outcome.javaCpu?.toFixed(2) ?? 'n/a',
      idle_2_core_ceiling_per_s: outcome.javaCpu === undefined ? 'n/a' : (2000 / total).toFixed(0),
    };
  };
  console.log('CPU per request (node = API server + bench client in this process):');
  console.table([cpuRow('create', bulk), cpuRow('list', lists)]);
  const failed = creates.errors + lists.errors + bulk.errors > 0 || readBack.records !== THROUGHPUT_CREATES;
  if (failed) {
    console.error('errors or lost/duplicated records: see the table');
    process.exitCode = 1;
  }
} finally {
  await runtime.stop();
}
