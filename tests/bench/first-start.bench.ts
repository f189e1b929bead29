// A new user's first `npm start`: a real cold start into an empty data folder, timed from the command to the
// "is ready" line (target ≤ 20 s on the 2-core build machine), then a restart on the same data, and, for
// comparison, a first start that loads the demo live (DEMO_SNAPSHOT=0) instead of restoring its snapshot.
// Each run is the very command the README gives, with its own data folder and a free port.
// Run: npm run bench -- first-start   (BENCH_LIVE=0 skips the live load, which takes minutes on a busy machine)
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/data';

const TARGET_S = 20;
const READY = /send-sufficiency is ready at (http:\/\/\S+)/;

interface Start {
  seconds: number;
  /** CPU seconds, up to ready, of every process the start ran (npm, tsx, Node, DynamoDB Local's JVM). */
  cpuSeconds?: number;
  output: string[];
  url: string;
}

/** `npm start` in its own process group, so stopping it stops npm, tsx, Node and DynamoDB Local alike. */
async function timedStart(dataDir: string, env: Record<string, string> = {}): Promise<Start> {
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  try {
    const url = await new Promise<string>((ready, fail) => {
      const read = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          output.push(line);
          const match = READY.exec(line);
          if (match?.[1]) ready(match[1]);
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => fail(new Error(`npm start exited (${code}):\n${output.join('\n')}`)));
    });
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = child.pid === undefined ? undefined : groupCpuSeconds(child.pid);
    return { seconds, output: [...output], url, ...(cpuSeconds === undefined ? {} : { cpuSeconds }) };
  } finally {
    await stop(child);
  }
}

/**
 * CPU time so far of every process in a process group, with their finished children (Linux: utime, stime,
 * cutime and cstime in /proc/<pid>/stat): a figure that hardly depends on how busy the machine is, unlike
 * the wall time.
 */
function groupCpuSeconds(group: number): number | undefined {
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let fields: string[];
      try {
        fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      } catch {
        continue; // gone meanwhile
      }
      if (Number(fields[2]) !== group) continue;
      ticks += [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
    }
    return ticks / 100;
  } catch {
    return undefined;
  }
}

/** The pids of a process group still alive (Linux: the group is field 5 of /proc/<pid>/stat). */
function groupMembers(group: number): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[2]) === group;
    } catch {
      return false; // gone meanwhile
    }
  });
}

/**
 * Stops the whole group and waits until every member is gone: npm exits before the server it started has
 * released its data folder's lock, and a restart on the same folder would find the lock still held.
 */
async function stop(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-group, signal);
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  const deadline = Date.now() + 10_000;
  while (groupMembers(group).length > 0) {
    if (Date.now() > deadline) kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const load = () => loadavg()[0]?.toFixed(1) ?? '?';
const rows: Record<
  string,
  {
    seconds: string;
    'CPU s to ready': string;
    target: string;
    verdict: string;
    'load average': string;
  }
> = {};
const record = (name: string, start: Start, target?: number) => {
  rows[name] = {
    seconds: start.seconds.toFixed(1),
    'CPU s to ready': start.cpuSeconds?.toFixed(1) ?? '?',
    target: target === undefined ? '—' : `≤ ${target} s`,
    verdict: target === undefined ? '—' : start.seconds <= target ? 'met' : 'MISSED',
    'load average': load(),
  };
};

const dataDir = await mkdtemp(join(tmpdir(), 'send-first-start-'));
const liveDir = await mkdtemp(join(tmpdir(), 'send-first-start-live-'));
try {
  const first = await timedStart(dataDir);
  record('first start, empty data folder (demo from its snapshot)', first, TARGET_S);
  console.log('The first start printed:');
  for (const line of first.output) console.log(`  | ${line}`);
  record('restart on the same data', await timedStart(dataDir));
  if (process.env.BENCH_LIVE !== '0') {
    const live = await timedStart(liveDir, { DEMO_SNAPSHOT: '0' });
    record('first start loading the demo live (DEMO_SNAPSHOT=0)', live);
    console.log(`Live load: ${live.output.find((line) => line.startsWith('Demo authority loaded')) ?? '?'}`);
  }
  console.table(rows);
  const seconds = first.seconds;
  console.log(
    seconds <= TARGET_S
      ? `OK: first start ready in ${seconds.toFixed(1)} s ≤ ${TARGET_S} s`
      : `OVER TARGET: first start ready in ${seconds.toFixed(1)} s (target ≤ ${TARGET_S} s; load average ${load()})`,
  );
  if (seconds > TARGET_S) process.exitCode = 1;
} finally {
  await rm(dataDir, { recursive: true, force: true });
  await rm(liveDir, { recursive: true, force: true });
}
