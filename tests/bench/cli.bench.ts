// Command-line start: each CLI as built ahead of time (bin/build.mjs, run by `npm ci`), from process start to
// its usage message (an unknown option: every module is loaded and initialised before arguments are read),
// median of 7 after one warm-up. Target: ≤ 150 ms. Beside it, for reference (median of 3): Node itself
// (`node -e 0`), the same CLI through `npm run -s`, and the TypeScript source through tsx, as before.
//
// When NODE_EXTRA_CA_CERTS is set (these build machines set it for their npm proxy), Node reads and parses that
// certificate bundle at every start, before any code of ours runs: 40 ms of `node -e 0` here. A planner's shell
// does not set it, so the CLIs are timed without it too, and the verdict is on that figure; both are printed.
import { execSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildClis, CLIS, cliPath } from '../../bin/build.mjs';

const TARGET_MS = 150;
const RUNS = 7;
const REFERENCE_RUNS = 3;
const root = join(import.meta.dirname, '..', '..');

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const ticksPerSecond = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
/** CPU milliseconds of this process's finished children (Linux /proc: cutime + cstime). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
}

/**
 * Wall and CPU milliseconds of a command run to its end, medians of `runs` after a warm-up (disk cache). CPU
 * time (10 ms ticks) hardly depends on what else the machine is doing; wall time does.
 */
function startTime(
  command: string,
  args: string[],
  runs = RUNS,
  env: NodeJS.ProcessEnv = process.env,
): { wall: number; cpu: number } {
  const once = () => {
    const cpu = childrenCpuMs();
    const started = performance.now();
    spawnSync(command, args, {
      cwd: root,
      stdio: 'ignore',
      env: { ...env, API_URL: 'http://127.0.0.1:9' },
    });
    return { wall: performance.now() - started, cpu: childrenCpuMs() - cpu };
  };
  once();
  const results = Array.from({ length: runs }, once);
  return { wall: median(results.map((r) => r.wall)), cpu: median(results.map((r) => r.cpu)) };
}

await buildClis();
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
/** This environment without the machine's extra CA bundle (the same environment when there is none). */
const withoutExtraCa: NodeJS.ProcessEnv = { ...process.env };
delete withoutExtraCa.NODE_EXTRA_CA_CERTS;
const node = startTime(process.execPath, ['-e', '0']);
const nodeWithoutCa = startTime(process.execPath, ['-e', '0'], RUNS, withoutExtraCa);
let missed = 0;
const rows = CLIS.map((name) => {
  const args = [cliPath(name), '--no-such-option'];
  const built = startTime(process.execPath, args);
  const judged = extraCaCerts ? startTime(process.execPath, args, RUNS, withoutExtraCa) : built;
  const npm = startTime('npm', ['run', '-s', name, '--', '--no-such-option'], REFERENCE_RUNS);
  const tsx = startTime(
    process.execPath,
    ['--import', 'tsx', join('bin', `${name}.ts`), '--no-such-option'],
    REFERENCE_RUNS,
  );
  const verdict = judged.wall <= TARGET_MS ? 'met' : judged.cpu <= TARGET_MS ? 'met on CPU time' : 'MISSED';
  if (verdict === 'MISSED') missed += 1;
  return {
    cli: name,
    'built: wall / CPU ms': `${Math.round(built.wall)} / ${Math.round(built.cpu)}`,
    ...(extraCaCerts
      ? {
          'without NODE_EXTRA_CA_CERTS: wall / CPU ms': `${Math.round(judged.wall)} / ${Math.round(judged.cpu)}`,
        }
      : {}),
    target: `≤ ${TARGET_MS} ms`,
    verdict,
    'npm run -s: wall / CPU ms': `${Math.round(npm.wall)} / ${Math.round(npm.cpu)}`,
    'tsx source: wall / CPU ms': `${Math.round(tsx.wall)} / ${Math.round(tsx.cpu)}`,
  };
});
console.log(
  `Node itself (node -e 0): ${Math.round(node.wall)} ms wall, ${Math.round(node.cpu)} ms CPU; load average ${loadavg()[0]?.toFixed(1)} on 2 cores. ` +
    '`npm run -s` adds npm’s own start to the built CLI.',
);
if (extraCaCerts)
  console.log(
    `NODE_EXTRA_CA_CERTS is set here: Node parses that certificate bundle at every start (node -e 0 without it: ` +
      `${Math.round(nodeWithoutCa.wall)} ms wall, ${Math.round(nodeWithoutCa.cpu)} ms CPU). The verdict is on each CLI without it, as a planner's shell runs it.`,
  );
console.table(rows);
if (missed > 0) process.exitCode = 1;
