// Issue 12's fuzz figure: at least 5,000 generated bad requests across every route (paths, queries, headers,
// JSON bodies, files), sent over loopback to the local runtime on its own in-memory DynamoDB Local. Targets:
// 0 × 5xx, 0 hangs (no answer within the deadline), the table unchanged (every item, by sha256), every route hit.
// FUZZ_REQUESTS (default 6,000), FUZZ_SEED (default random, printed) and FUZZ_MINUTES (default 20) change the run.
// Run: npm run chaos -- fuzz
import fc from 'fast-check';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { startLocal } from '../../infra/local/server';
import { badRequest, FUZZED_ROUTES } from './bad-requests';
import {
  describeRequest,
  fuzzIdentity,
  overLoopback,
  seedFuzzTargets,
  send,
  Tally,
  tableFingerprint,
} from './fuzz-harness';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 6_000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MINUTES = Number(process.env.FUZZ_MINUTES ?? 20);
/** A request with no answer in this long is a hang (the deployed API gives up at 29 s). */
const DEADLINE_MS = 29_000;
/** Requests in flight at once: several callers, as the service has, without swamping a shared machine. */
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);
const CHUNK = 100;

const runtime = await startLocal({
  port: 0,
  inMemory: true,
  seedDemo: false,
  identity: fuzzIdentity,
  configureApp: () => {},
  log: () => {},
});
const stop = () => runtime.stop().catch(() => undefined);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`${signal}: stopping`);
    stop().then(() => process.exit(1));
  });

let ok = false;
try {
  const client = localDynamoDbClient(runtime.dynamoEndpoint);
  const targets = await seedFuzzTargets(runtime.deps);
  const before = await tableFingerprint(client, runtime.tableName);
  const generator = badRequest(targets);
  const tally = new Tally();
  const deadline = Date.now() + MINUTES * 60_000;
  const started = performance.now();
  let peakRss = process.memoryUsage().rss;

  for (let chunk = 0; tally.count < REQUESTS && Date.now() < deadline; chunk++) {
    const requests = fc.sample(generator, {
      numRuns: Math.min(CHUNK, REQUESTS - tally.count),
      seed: SEED + chunk,
    });
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const request = requests[next++];
          if (!request) continue;
          const answer = await send(overLoopback, runtime.url, request, DEADLINE_MS);
          if (process.env.FUZZ_DEBUG) console.error(answer.status, describeRequest(request).slice(0, 160));
          tally.add(request, answer);
        }
      }),
    );
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (chunk % 10 === 9) process.stderr.write(`  ${tally.count} requests…\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  const after = await tableFingerprint(client, runtime.tableName);
  client.destroy();

  const routesHit = FUZZED_ROUTES.filter((route) => tally.byRoute.has(route));
  const perRoute = [...tally.byRoute.values()];
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const figures = [
    {
      figure: 'bad requests sent',
      value: tally.count,
      target: `≥ 5,000 (asked ${REQUESTS})`,
      verdict: verdict(tally.count >= 5_000),
    },
    {
      figure: 'routes hit',
      value: `${routesHit.length} of ${FUZZED_ROUTES.length}`,
      target: 'all',
      verdict: verdict(routesHit.length === FUZZED_ROUTES.length),
    },
    {
      figure: 'requests per route',
      value: `${Math.min(...perRoute)}–${Math.max(...perRoute)}`,
      target: '',
      verdict: '',
    },
    {
      figure: '5xx answers, or connections closed unanswered',
      value: tally.serverErrors,
      target: '0',
      verdict: verdict(tally.serverErrors === 0),
    },
    {
      figure: `hangs (no answer in ${DEADLINE_MS / 1000} s)`,
      value: tally.hangs,
      target: '0',
      verdict: verdict(tally.hangs === 0),
    },
    {
      figure: 'writes accepted (2xx)',
      value: tally.acceptedWrites.length,
      target: '0',
      verdict: verdict(tally.acceptedWrites.length === 0),
    },
    {
      figure: 'table unchanged',
      value: `${before.items} → ${after.items} items, sha256 ${after.sha256 === before.sha256 ? 'equal' : 'DIFFERENT'}`,
      target: 'equal',
      verdict: verdict(after.sha256 === before.sha256),
    },
    {
      figure: 'answers',
      value: [...tally.byStatus].map(([status, n]) => `${status} ${n}`).join(', '),
      target: '',
      verdict: '',
    },
    { figure: 'slowest answer', value: `${(tally.slowestMs / 1000).toFixed(2)} s`, target: '', verdict: '' },
    {
      figure: 'throughput',
      value: `${(tally.count / seconds).toFixed(0)} requests/s over ${seconds.toFixed(0)} s`,
      target: '',
      verdict: '',
    },
    {
      figure: 'peak RSS (client and server)',
      value: `${(peakRss / 1024 / 1024).toFixed(0)} MB`,
      target: '',
      verdict: '',
    },
  ];
  console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} repeats this run), concurrency ${CONCURRENCY}`);
  console.table(figures);
  for (const { request, answer } of [...tally.failures, ...tally.acceptedWrites].slice(0, 20))
    console.log(
      `  ${answer.status}${answer.reason ? ` (${answer.reason})` : ''}: ${describeRequest(request)}`,
    );
  ok = figures.every((row) => row.verdict !== 'MISSED');
} finally {
  await stop();
}
process.exit(ok ? 0 : 1);
