// `npm run chaos`: runs every chaos scenario in this folder (`*.chaos.ts`), each in a fresh Node process bounded
// in memory (--max-old-space-size) and in time (killed past its limit), on loopback only. Each prints its own
// figures with their targets and verdicts and exits non-zero when one is missed. `npm run chaos -- fuzz` runs
// the scenarios whose file name contains `fuzz`.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Heap of a scenario's process: enough for the server and its client in one process, and no more. */
const MAX_HEAP_MB = 1536;
/** Wall-clock limit of one scenario (CHAOS_MINUTES overrides it): past it the process is stopped. */
const LIMIT_MINUTES = Number(process.env.CHAOS_MINUTES ?? 30);

const only = process.argv.slice(2);
const scenarios = readdirSync(here)
  .filter((file) => file.endsWith('.chaos.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();
if (scenarios.length === 0) {
  console.error(`no chaos scenario matches ${only.join(', ')}`);
  process.exit(2);
}

function runScenario(file: string): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${MAX_HEAP_MB}`, '--import', 'tsx', '--expose-gc', join(here, file)],
      { stdio: 'inherit' },
    );
    // SIGTERM first, so the scenario stops its DynamoDB Local; SIGKILL if it does not go.
    const limit = setTimeout(() => {
      console.error(`\n${file}: over ${LIMIT_MINUTES} minutes, stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }, LIMIT_MINUTES * 60_000);
    child.on('exit', (code) => {
      clearTimeout(limit);
      done(code === 0);
    });
  });
}

let failed = 0;
for (const file of scenarios) {
  console.log(`\n=== ${file.replace('.chaos.ts', '')} ===`);
  if (!(await runScenario(file))) failed += 1;
}
if (failed > 0) {
  console.error(`\n${failed} chaos scenario(s) missed a target`);
  process.exit(1);
}
