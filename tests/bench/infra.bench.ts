// Bundle size and cold module-init time of every Lambda entry, bundled exactly as the stack bundles it
// (infra/bundling.ts). Init time: `import()` of the bundle in a fresh Node process with the function's
// environment, median of 7. Targets: ≤ 300 KB minified and ≤ 150 ms each. The main API entry is timed as
// the read function, the heaviest of its four: with the dashboard built beside it, as the stack ships it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { ENTRIES, type EntryName, entryPath, esbuildOptions, REPO_ROOT } from '../../infra/bundling';
import { loadAuthorityConfig } from '../../infra/config';
import { API_FUNCTIONS, ENTRY_OF } from '../../infra/routes';
import { alertsEnvironment, functionEnvironment } from '../../infra/stack';
import { buildDashboard } from '../../web/build';

const TARGET_KB = 300;
const TARGET_INIT_MS = 150;
const RUNS = 7;

// Inside the repository so the bundles resolve the AWS SDK from node_modules, as Lambda resolves the runtime's.
const outRoot = join(REPO_ROOT, 'node_modules', '.cache', 'send-infra-bench');
rmSync(outRoot, { recursive: true, force: true });

const config = loadAuthorityConfig('demo');
const tableName = 'send-sufficiency-demo-Table';
const environments: Record<EntryName, Record<string, string>> = {
  api: {
    ...functionEnvironment(config, tableName),
    POWERTOOLS_SERVICE_NAME: 'send-api-read',
    AUTH_DOMAIN: 'https://send-sufficiency-demo.auth.eu-west-2.amazoncognito.com',
    AUTH_CLIENT_ID: 'bench-client',
  },
  files: { ...functionEnvironment(config, tableName), POWERTOOLS_SERVICE_NAME: 'send-api-exports' },
  alerts: alertsEnvironment(config, tableName, 'arn:aws:sns:eu-west-2:000000000000:send-alerts'),
  groupScopes: { POWERTOOLS_SERVICE_NAME: 'send-auth', LOG_LEVEL: 'INFO' },
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/**
 * Milliseconds to import the bundle in a fresh Node process, as a Lambda cold start does: wall time, and
 * the process's CPU time, which stays meaningful when other work shares the machine.
 */
function initTime(
  bundle: string,
  env: Record<string, string>,
  preload: string[] = [],
): { wall: number; cpu: number } {
  const script =
    'for (const name of process.argv.slice(2)) await import(name); ' +
    'const cpu = process.cpuUsage(); const start = performance.now(); await import(process.argv[1]); ' +
    'const wall = performance.now() - start; const used = process.cpuUsage(cpu); ' +
    'process.stdout.write(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));';
  const args = ['--input-type=module', '-e', script, pathToFileURL(bundle).href, ...preload];
  const run = spawnSync(process.execPath, args, {
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'eu-west-2',
      AWS_LAMBDA_FUNCTION_NAME: 'bench',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`importing ${bundle} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The packages the bundle imports at run time instead of carrying them (the AWS SDK). */
function externalImports(metafile: Metafile): string[] {
  const imports = Object.values(metafile.outputs).flatMap((output) => output.imports);
  return [
    ...new Set(
      imports.filter((entry) => entry.external && !isBuiltin(entry.path)).map((entry) => entry.path),
    ),
  ];
}

/** Bytes in the bundle per npm package (or per project folder), largest first. */
function largestPackages(metafile: Metafile, count = 6): string {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs))
    for (const [path, input] of Object.entries(output.inputs)) {
      const name = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? `${path.split('/')[0]}/`;
      bytes.set(name, (bytes.get(name) ?? 0) + input.bytesInOutput);
    }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, size]) => `${name} ${(size / 1024).toFixed(0)} KB`)
    .join(', ');
}

/** The deployed functions built from an entry (the API entries serve several permission sets each). */
const servedBy = (name: EntryName) => API_FUNCTIONS.filter((fn) => ENTRY_OF[fn] === name).join(', ') || name;

const heaviest = new Map<EntryName, string>();
const rows = [];
let overTarget = false;
for (const name of Object.keys(ENTRIES) as EntryName[]) {
  const outfile = join(outRoot, name, 'index.mjs');
  mkdirSync(join(outRoot, name), { recursive: true });
  try {
    statSync(entryPath(name));
  } catch {
    rows.push({ entry: ENTRIES[name], functions: servedBy(name), 'bundle KB': 'missing entry' });
    overTarget = true;
    continue;
  }
  const started = performance.now();
  const { metafile } = await build({ ...esbuildOptions(name), outfile, metafile: true, logLevel: 'error' });
  const buildMs = performance.now() - started;
  heaviest.set(name, largestPackages(metafile));
  if (name === 'api') await buildDashboard({ outdir: join(outRoot, name, 'web') });
  const sizeKb = statSync(outfile).size / 1024;
  const runs = Array.from({ length: RUNS }, () => initTime(outfile, environments[name]));
  // The same import with the AWS SDK packages already loaded: the bundle's own share of the cold start
  // (the SDK comes from the Lambda runtime, outside the bundle, and loading it is most of the rest).
  const sdk = externalImports(metafile);
  const ownRuns =
    sdk.length > 0 ? Array.from({ length: RUNS }, () => initTime(outfile, environments[name], sdk)) : runs;
  const times = runs.map((run) => run.wall);
  const initMs = median(times);
  const ok = sizeKb <= TARGET_KB && initMs <= TARGET_INIT_MS;
  overTarget ||= !ok;
  rows.push({
    entry: ENTRIES[name],
    functions: servedBy(name),
    'bundle KB': Number(sizeKb.toFixed(1)),
    'build ms': Math.round(buildMs),
    'init ms (median)': Number(initMs.toFixed(1)),
    'init ms (min–max)': `${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)}`,
    'init CPU ms (median)': Number(median(runs.map((run) => run.cpu)).toFixed(1)),
    'CPU ms without SDK load': Number(median(ownRuns.map((run) => run.cpu)).toFixed(1)),
    target: ok ? 'met' : `MISSED (≤ ${TARGET_KB} KB, ≤ ${TARGET_INIT_MS} ms)`,
  });
}

console.log(
  `Load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores (init times grow with it).\n` +
    `Lambda bundles (esbuild, minified ESM, node target as deployed, @aws-sdk external); init = fresh-process import, median of ${RUNS}.\n` +
    'Init includes loading the AWS SDK from node_modules, as Lambda loads the runtime\'s; "without SDK load" has it preloaded.',
);
console.table(rows);
console.log('\nLargest contributors:');
for (const [name, packages] of heaviest) console.log(`  ${name}: ${packages}`);
if (overTarget) process.exitCode = 1;
