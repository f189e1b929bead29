// Issue 12's faults figure: 10,000 creates from 16 clients over loopback, each retried with its Idempotency-Key
// until acknowledged, while DynamoDB Local is killed (SIGKILL) twice and the server once (SIGKILL, then
// `npm start` again on the same data folder and port). Targets: every acknowledged create stored, 0 duplicates,
// exactly one audit entry per record, 0 × 500, and no DynamoDB Local outliving its server.
// FAULTS_CREATES (default 10,000), FAULTS_CLIENTS (16) and FAULTS_MINUTES (25) change the run.
// Run: npm run chaos -- faults
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/store/table-client';
import { isRunning, LOCK_FILE } from '../../infra/local/data-lock';
import { freePort, localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { LOCAL_TABLE_NAME } from '../../infra/local/tables';
import { type Figure, info, none, report, stopOnInterrupt, verdict } from './report';

const CREATES = Number(process.env.FAULTS_CREATES ?? 10_000);
const CLIENTS = Number(process.env.FAULTS_CLIENTS ?? 16);
const MINUTES = Number(process.env.FAULTS_MINUTES ?? 25);
const REPO_ROOT = join(import.meta.dirname, '../..');
const JAVA = /DynamoDBLocal\.jar/;
/** A client gives up on one attempt after this long and sends it again (same key). */
const ATTEMPT_TIMEOUT_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `npm start` on the data folder, as its own process (what a developer runs). */
class ServerProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<{ dynamoEndpoint: string }>;
  readonly exited: Promise<number | null>;
  private output = '';

  constructor(dataDir: string, port: number) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/server.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), SEED_DEMO: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.ready = new Promise((resolve, reject) => {
      const read = (chunk: Buffer) => {
        this.output = (this.output + chunk.toString()).slice(-20_000);
        const endpoint = /ready at .* \(DynamoDB Local at (http:\/\/[\d.:]+)\)/.exec(this.output)?.[1];
        if (endpoint) resolve({ dynamoEndpoint: endpoint });
      };
      this.child.stdout?.on('data', read);
      this.child.stderr?.on('data', read);
      void this.exited.then((code) => reject(new Error(`server exited (${code}): ${this.output}`)));
    });
    this.ready.catch(() => {});
  }

  log = () => this.output;
}

const dynamoPidOf = (dataDir: string): number =>
  (JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { dynamoPid: number }).dynamoPid;

/** The body of create number n: its own child reference, so a duplicate shows as a repeated childRef. */
const bodyOf = (n: number) =>
  JSON.stringify({
    childRef: `F-${String(n).padStart(6, '0')}`,
    primaryNeed: ['ASD', 'SEMH', 'SLCN', 'MLD'][n % 4],
    setting: 'maintained-special',
    residential: false,
    inBorough: n % 3 !== 0,
    ...(n % 3 === 0 ? { hostLaCode: '390' } : {}),
    lookedAfter: n % 7 === 0,
    ncy: 1 + (n % 12),
    startDate: `202${n % 5}-09-01`,
    costs: { education: 20_000 + (n % 100) * 100, socialCare: 0, health: 0, transport: 3000 },
  });

interface Ack {
  n: number;
  id: string;
  replayed: boolean;
}

const answers = new Map<string, number>();
const count = (what: string) => answers.set(what, (answers.get(what) ?? 0) + 1);

/** An answer no retry can fix (a 4xx other than the retryable ones): the scenario stops. */
class UnexpectedAnswer extends Error {}
let unexpected: string | undefined;

/** Sends create n until the service acknowledges it (201), with the same Idempotency-Key every time. */
async function createUntilAcknowledged(
  url: string,
  n: number,
  runId: string,
  deadline: number,
): Promise<Ack> {
  const key = `${runId}-${n}`;
  const body = bodyOf(n);
  for (let delay = 100; Date.now() < deadline; delay = Math.min(delay * 2, 2000)) {
    try {
      const response = await fetch(`${url}/placements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      const text = await response.text();
      count(String(response.status));
      if (response.status === 201)
        return {
          n,
          id: (JSON.parse(text) as { id: string }).id,
          replayed: response.headers.get('idempotent-replayed') === 'true',
        };
      // 503: the database is down or restarting; 409 without a field: the key's first attempt still in flight;
      // 500 is a defect (counted against its target of 0), retried like a 503 to see the run through.
      const retryable =
        response.status >= 500 || (response.status === 409 && !text.includes('Idempotency-Key'));
      if (!retryable) {
        unexpected ??= `create ${n}: ${response.status} ${text.slice(0, 300)}`;
        throw new UnexpectedAnswer(unexpected);
      }
    } catch (error) {
      if (error instanceof UnexpectedAnswer) throw error;
      count((error as Error).name === 'TimeoutError' ? 'timeout' : 'connection failed');
    }
    await sleep(delay * (0.5 + Math.random()));
  }
  throw new Error(`create ${n} not acknowledged within ${MINUTES} minutes`);
}

const dataDir = await mkdtemp(join(tmpdir(), 'send-faults-'));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
let server = new ServerProcess(dataDir, port);
const stopServer = async () => {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
};
stopOnInterrupt(() => stopServer().finally(() => rm(dataDir, { recursive: true, force: true })));

let ok = false;
let runId = '';
try {
  await server.ready;
  runId = randomUUID();
  const deadline = Date.now() + MINUTES * 60_000;
  const started = performance.now();
  const faults: string[] = [];
  const orphans: number[] = [];
  let next = 0;
  const acks: Ack[] = [];

  // Faults at fixed shares of the acknowledged creates, each only once the service is back from the last.
  const plan: { at: number; inject: () => Promise<void> }[] = [
    { at: 0.15, inject: () => killDynamoDbLocal('first') },
    { at: 0.45, inject: killServer },
    { at: 0.75, inject: () => killDynamoDbLocal('second') },
  ];
  async function killDynamoDbLocal(which: string) {
    const pid = dynamoPidOf(dataDir);
    process.kill(pid, 'SIGKILL');
    faults.push(`DynamoDB Local (pid ${pid}) SIGKILL, ${which}, at ${acks.length} acknowledged`);
    // The server starts it again on the same data; until then it answers 503.
    const back = Date.now();
    while (dynamoPidOf(dataDir) === pid || !(await healthy())) await sleep(200);
    faults.push(`  back after ${((Date.now() - back) / 1000).toFixed(1)} s`);
  }
  async function killServer() {
    const java = dynamoPidOf(dataDir);
    server.child.kill('SIGKILL');
    await server.exited;
    faults.push(`server (pid ${server.child.pid}) SIGKILL at ${acks.length} acknowledged; npm start again`);
    const back = Date.now();
    server = new ServerProcess(dataDir, port);
    await server.ready;
    faults.push(`  back after ${((Date.now() - back) / 1000).toFixed(1)} s`);
    // Its DynamoDB Local went with it (the lifeline), or the next start stopped it before starting its own.
    for (let waited = 0; isRunning(java, JAVA) && waited < 15_000; waited += 500) await sleep(500);
    if (isRunning(java, JAVA)) orphans.push(java);
  }
  const healthy = async () =>
    (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined))?.status ===
    200;

  const injector = (async () => {
    for (const fault of plan) {
      while (acks.length < fault.at * CREATES && unexpected === undefined && Date.now() < deadline)
        await sleep(50);
      if (acks.length >= CREATES || unexpected !== undefined || Date.now() >= deadline) return;
      await fault.inject();
    }
  })();
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (next < CREATES) {
      const n = next++;
      acks.push(await createUntilAcknowledged(url, n, runId, deadline));
      if (acks.length % 1000 === 0) process.stderr.write(`  ${acks.length} acknowledged…\n`);
    }
  });
  const outcome = await Promise.allSettled([...clients, injector]);
  const failure = outcome.find((result) => result.status === 'rejected');
  const seconds = (performance.now() - started) / 1000;

  // What the table holds, read straight from DynamoDB Local (not through the API under test).
  const { dynamoEndpoint } = await server.ready;
  const client = localDynamoDbClient(dynamoEndpoint);
  const records = new Map<string, Record<string, unknown>>();
  const audits = new Map<string, { version: number; action: string }[]>();
  const keys = new Set<string>();
  const db = createDocumentClient(client);
  for await (const page of paginateScan({ client: db }, { TableName: LOCAL_TABLE_NAME })) {
    for (const item of page.Items ?? []) {
      const [kind, id = ''] = String(item.pk).split(/#(.*)/);
      if (kind === 'IDEMPOTENCY') keys.add(id);
      if (kind !== 'PLACEMENT') continue;
      if (item.sk === 'PLACEMENT') records.set(id, item);
      else if (String(item.sk).startsWith('AUDIT#'))
        audits.set(id, [
          ...(audits.get(id) ?? []),
          { version: Number(item.version), action: String(item.action) },
        ]);
    }
  }
  client.destroy();

  const missing = acks.filter((ack) => !records.has(ack.id));
  const wrongRecord = acks.filter((ack) => {
    const record = records.get(ack.id);
    return record !== undefined && record.childRef !== `F-${String(ack.n).padStart(6, '0')}`;
  });
  const byChild = new Map<string, number>();
  for (const record of records.values())
    byChild.set(String(record.childRef), (byChild.get(String(record.childRef)) ?? 0) + 1);
  const duplicates = [...byChild.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const notOneAudit = [...records.keys()].filter((id) => {
    const entries = audits.get(id) ?? [];
    return entries.length !== 1 || entries[0]?.action !== 'create' || entries[0]?.version !== 1;
  });
  const auditWithoutRecord = [...audits.keys()].filter((id) => !records.has(id));

  const figures: Figure[] = [
    {
      figure: 'creates acknowledged (201)',
      value: `${acks.length} of ${CREATES}`,
      target: `all ${CREATES}`,
      verdict: verdict(acks.length === CREATES),
    },
    {
      figure: 'faults injected',
      value: `${faults.filter((line) => line.includes('SIGKILL')).length} of ${plan.length}`,
      target: 'DynamoDB Local ×2, server ×1',
      verdict: verdict(faults.filter((line) => line.includes('SIGKILL')).length === plan.length),
    },
    none('acknowledged creates missing from the table', missing.length),
    none('acknowledged ids holding another create', wrongRecord.length),
    {
      figure: 'records stored',
      value: records.size,
      target: String(CREATES),
      verdict: verdict(records.size === CREATES),
    },
    none('duplicate records (a childRef stored twice)', duplicates),
    none('records without exactly one audit entry (its create)', notOneAudit.length),
    none('audit entries without a record', auditWithoutRecord.length),
    none('500 answers', answers.get('500') ?? 0),
    none('DynamoDB Local left running by a killed server', orphans.length),
    info('answers', [...answers].map(([what, n]) => `${what} ${n}`).join(', ')),
    info('creates answered as replays (Idempotent-Replayed)', acks.filter((ack) => ack.replayed).length),
    info('throughput', `${(acks.length / seconds).toFixed(0)} creates/s over ${seconds.toFixed(0)} s`),
  ];
  console.log(`${CLIENTS} clients, data folder ${dataDir}`);
  for (const line of faults) console.log(`  ${line}`);
  ok = report(figures) && failure === undefined;
  if (failure?.status === 'rejected') console.log(`stopped early: ${(failure.reason as Error).message}`);
  if (unexpected) console.log(`first unexpected answer: ${unexpected}`);
  for (const ack of missing.slice(0, 20))
    console.log(
      `  missing: create ${ack.n} (${ack.id})${ack.replayed ? ', answered as a replay' : ''}; its Idempotency-Key item ${keys.has(`${runId}-${ack.n}`) ? 'is' : 'is not'} stored`,
    );
} catch (error) {
  console.error(error);
  console.error(server.log());
} finally {
  await stopServer();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
