// Issue 12's alerts figure: a monthly alerts run killed mid-run (SIGKILL of its process, as a Lambda that
// crashes or times out), then retried, sends exactly one digest. For each of ALERTS_MONTHS months (default 3),
// on the demo authority: an attempt is started and killed as soon as it holds the month's run (before its
// digest); a retry at once is told the run is in progress (409 with retryAfter), never "already sent"; once the
// dead attempt's lease has run out, 3 retries race and exactly one digest goes out.
// Run: npm run chaos -- alerts
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAuthorityAlerts } from '../../functions/alerts/figures';
import { AlertRunInProgressError, CLAIM_LEASE_MS } from '../../functions/alerts/run';
import { generateDemoAuthority } from '../../infra/local/demo/generate';
import { demoPopulation } from '../../infra/local/demo/population';
import { OutboxPublisher } from '../../infra/local/outbox';
import { startLocal } from '../../infra/local/server';
import { type Figure, info, none, report, stopOnInterrupt, verdict } from './report';

const MONTHS = ['2026-09', '2026-10', '2026-11', '2026-12'].slice(0, Number(process.env.ALERTS_MONTHS ?? 3));
const RETRIES = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Attempt {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; answer: Record<string, unknown> }>;
}

const dataDir = await mkdtemp(join(tmpdir(), 'send-alerts-chaos-'));
const outbox = join(dataDir, 'outbox');
const runtime = await startLocal({
  port: 0,
  inMemory: true,
  dataDir,
  seedDemo: false,
  configureApp: () => {},
  log: () => {},
});
const stop = () => runtime.stop().catch(() => undefined);
stopOnInterrupt(stop);

/** One attempt at the month's run, in its own process (tests/chaos/alerts-attempt.ts). */
function attempt(month: string): Attempt {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'alerts-attempt.ts'),
      runtime.dynamoEndpoint,
      runtime.tableName,
      outbox,
      month,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const done = new Promise<Awaited<Attempt['done']>>((resolve) =>
    child.once('exit', (code, signal) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      resolve({ code, signal, answer: line.startsWith('{') ? JSON.parse(line) : {} });
    }),
  );
  return { child, done };
}

const publisher = new OutboxPublisher(outbox, () => {});
const digestsOf = async (month: string) =>
  (await readdir(outbox).catch(() => [] as string[])).filter((file) => file.includes(`-${month}-`)).length;

/**
 * The demo authority's population, provisions and placements (what the alert run reads). Bulk creates never
 * write a record twice, so a load cut short by DynamoDB Local's lock timeouts on a busy machine is sent again.
 */
async function seedDemoAuthority() {
  const demo = generateDemoAuthority();
  const context = { actor: { userId: 'demo-generator', name: 'demo-generator' }, now: runtime.deps.now() };
  for (let attempt = 1; ; attempt++) {
    try {
      await runtime.deps.population.put(demoPopulation(), context);
      await runtime.deps.provisions.createMany(demo.provisions, context);
      await runtime.deps.placements.createMany(demo.placements, context);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      console.error(`loading the demo authority again (${(error as Error).message.slice(0, 100)})`);
    }
  }
}

let ok = false;
try {
  await seedDemoAuthority();
  const authority = runtime.deps.alerting.settings.authority;
  const started = performance.now();
  const trials = await Promise.all(
    MONTHS.map(async (month) => {
      // 1. An attempt, killed as soon as it holds the run (it is then gathering figures, before any digest).
      const first = attempt(month);
      let held = false;
      while (!held && first.child.exitCode === null) {
        held = (await runtime.deps.alertRuns.get(authority, month))?.status === 'sending';
        if (!held) await sleep(10);
      }
      first.child.kill('SIGKILL');
      const crash = await first.done;
      const crashedMidRun = held && crash.signal === 'SIGKILL' && (await digestsOf(month)) === 0;

      // 2. A retry at once (in this process: starting one takes longer than the lease on a busy machine),
      // while the dead attempt's lease still holds the month: "in progress", never "already sent".
      type Early = { published?: boolean; alreadySent?: boolean; retryAfter?: number; error?: string };
      const early: Early = await runAuthorityAlerts(runtime.deps, month, publisher).then(
        (result) => ({ published: result.published, alreadySent: result.alreadySent }),
        (error: unknown) =>
          error instanceof AlertRunInProgressError
            ? { retryAfter: error.retryAfter }
            : { error: (error as Error).message },
      );
      const toldInProgress = (early.retryAfter ?? 0) > 0;

      // 3. Once the lease has run out (the scheduler's retry comes a minute later), retries race.
      const run = await runtime.deps.alertRuns.get(authority, month);
      const leaseLeft = run?.leaseUntil ? Date.parse(run.leaseUntil) - Date.now() : 0;
      await sleep(Math.max(0, leaseLeft) + 1000);
      const retries = await Promise.all(Array.from({ length: RETRIES }, () => attempt(month).done));
      return {
        month,
        crashedMidRun,
        toldInProgress,
        early,
        published:
          retries.filter((retry) => retry.answer.published === true).length +
          ('published' in early && early.published ? 1 : 0),
        failedRetries: retries.filter((retry) => retry.code !== 0 && retry.code !== 75).length,
        digests: await digestsOf(month),
        status: (await runtime.deps.alertRuns.get(authority, month))?.status,
      };
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const months = trials.length;
  const figures: Figure[] = [
    {
      figure: 'runs killed mid-run (holding the month, no digest yet)',
      value: `${trials.filter((trial) => trial.crashedMidRun).length} of ${months}`,
      target: `all ${months}`,
      verdict: verdict(trials.every((trial) => trial.crashedMidRun)),
    },
    {
      figure: 'retries within the lease told "in progress" (409, retryAfter)',
      value: `${trials.filter((trial) => trial.toldInProgress).length} of ${months}`,
      target: `all ${months}`,
      verdict: verdict(trials.every((trial) => trial.toldInProgress)),
    },
    {
      figure: `months with exactly one digest, after the early retry and ${RETRIES} racing ones`,
      value: `${trials.filter((trial) => trial.digests === 1 && trial.published === 1).length} of ${months}`,
      target: `all ${months}`,
      verdict: verdict(trials.every((trial) => trial.digests === 1 && trial.published === 1)),
    },
    none(
      'retries that failed',
      trials.reduce((sum, trial) => sum + trial.failedRetries, 0),
    ),
    info(
      'per month',
      trials.map((trial) => `${trial.month}: ${trial.digests} digest, ${trial.status}`).join('; '),
    ),
    info('claim lease', `${CLAIM_LEASE_MS / 1000} s`),
    info('wall time', `${seconds.toFixed(0)} s`),
  ];
  ok = report(figures);
  for (const trial of trials.filter((each) => !each.toldInProgress))
    console.log(`  ${trial.month}: the early retry answered ${JSON.stringify(trial.early)}`);
} catch (error) {
  console.error(error);
} finally {
  await stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
