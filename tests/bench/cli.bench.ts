// Command-line start: each CLI as built ahead of time (bin/build.mjs, run by `npm ci`), from process start to
// its usage message (an unknown option: every module is loaded and initialised before arguments are read),
// median of 7 after one warm-up. Target: ≤ 150 ms. Beside it, for reference: Node itself (`node -e 0`), the
// same CLI through `npm run -s`, and the TypeScript source through tsx, as the CLIs started before.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildClis, CLIS, cliPath } from '../../bin/build.mjs';

const TARGET_MS = 150;
const RUNS = 7;
const root = join(import.meta.dirname, '..', '..');

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Wall milliseconds of a command run to its end, median of RUNS after a warm-up (disk cache). */
function startTime(command: string, args: string[]): number {
  const once = () => {
    const started = performance.now();
    spawnSync(command, args, {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, API_URL: 'http://127.0.0.1:9' },
    });
    return performance.now() - started;
  };
  once();
  return median(Array.from({ length: RUNS }, once));
}

await buildClis();
const node = startTime(process.execPath, ['-e', '0']);
let missed = 0;
const rows = CLIS.map((name) => {
  const built = startTime(process.execPath, [cliPath(name), '--no-such-option']);
  if (built > TARGET_MS) missed += 1;
  return {
    cli: name,
    'built (node dist/bin) ms': Math.round(built),
    target: `≤ ${TARGET_MS} ms`,
    verdict: built <= TARGET_MS ? 'met' : 'MISSED',
    'npm run -s ms': Math.round(startTime('npm', ['run', '-s', name, '--', '--no-such-option'])),
    'tsx source ms': Math.round(
      startTime(process.execPath, ['--import', 'tsx', join('bin', `${name}.ts`), '--no-such-option']),
    ),
  };
});
console.log(
  `Node itself (node -e 0): ${Math.round(node)} ms; load average ${loadavg()[0]?.toFixed(1)} on 2 cores. ` +
    '`npm run -s` adds npm’s own start to the built CLI.',
);
console.table(rows);
if (missed > 0) process.exitCode = 1;
