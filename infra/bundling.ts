// How every function is bundled: one set of esbuild options shared by the stack (NodejsFunction) and the
// bundle benchmark, so the benchmark measures exactly what is deployed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type BuildOptions, build } from 'esbuild';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Current Node LTS on Lambda (cdk-nag AwsSolutions-L1 asks for the newest runtime of the family). */
export const RUNTIME = Runtime.NODEJS_24_X;
export const NODE_TARGET = 'node24';

export const ENTRIES = {
  /** The main HTTP API (every route but the files), deployed as one function per permission set. */
  api: 'functions/api/lambda.ts',
  /** The file routes (bulk import, export files: exceljs, csv-parse), deployed as exports and imports. */
  files: 'functions/api/files-lambda.ts',
  /** The monthly alerts run, invoked by EventBridge Scheduler. */
  alerts: 'functions/alerts/lambda.ts',
  /** Cognito pre-token-generation trigger: groups → access-token scopes. */
  groupScopes: 'functions/auth/group-scopes.ts',
} as const;
export type EntryName = keyof typeof ENTRIES;

export const entryPath = (name: EntryName) => join(REPO_ROOT, ENTRIES[name]);

// ESM output: bundled CommonJS dependencies may still call require() for Node built-ins.
const REQUIRE_SHIM = "import{createRequire}from'node:module';const require=createRequire(import.meta.url);";

/**
 * The AWS SDK v3 clients are bundled, tree-shaken and minified, rather than loaded from the Lambda runtime's
 * copy: a fresh process initialises the bundled ones faster (no module resolution across hundreds of files, no
 * CommonJS export scanning), as `npm run bench -- infra` measures side by side (docs/benchmarks.md). The
 * deployed code then also runs the SDK version the lock file pins, the one the tests ran.
 */
export const BUNDLE_AWS_SDK = true;
export const EXTERNAL_MODULES = BUNDLE_AWS_SDK ? [] : ['@aws-sdk/*'];

export const BUNDLING: BundlingOptions = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: NODE_TARGET,
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  banner: REQUIRE_SHIM,
  externalModules: EXTERNAL_MODULES,
  forceDockerBundling: false,
};

/**
 * esbuild options for an entry, as deployed: one `index.mjs`, and code loaded with `import()` (exceljs) in
 * chunks of its own under `chunks/`, read only when a route first needs it.
 */
export const esbuildOptions = (name: EntryName, options: { bundleSdk?: boolean } = {}): BuildOptions => ({
  entryPoints: { index: entryPath(name) },
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  platform: 'node',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  target: NODE_TARGET,
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: { js: REQUIRE_SHIM },
  external: (options.bundleSdk ?? BUNDLE_AWS_SDK) ? [] : ['@aws-sdk/*'],
});

/**
 * Builds an entry into `outdir` (index.mjs, its chunks and source maps). The stack runs it after CDK's own
 * esbuild pass (which cannot split code) and so ships exactly this output; the benchmark measures it.
 */
export async function bundleFunction(name: EntryName, outdir: string, options: { bundleSdk?: boolean } = {}) {
  return build({ ...esbuildOptions(name, options), outdir, metafile: true, logLevel: 'error' });
}

// A static import between bundle files, as esbuild writes it minified: `from"./chunks/x.mjs"` or `import"./x.mjs"`
// (a lazy `import("./chunks/x.mjs")` has a parenthesis and does not match).
const STATIC_IMPORT = /from\s*"(\.[^"]+\.mjs)"|import\s*"(\.[^"]+\.mjs)"/g;

/**
 * The files a cold start reads: the bundle and every chunk it imports statically, transitively (esbuild puts
 * code that the bundle shares with a lazy `import()` in such a chunk), but not the lazy chunks themselves.
 */
export function coldStartFiles(bundle: string): string[] {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, from, bare] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT))
      visit(join(dirname(file), (from ?? bare) as string));
  };
  visit(bundle);
  return [...files];
}
