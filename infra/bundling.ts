// How every function is bundled: one set of esbuild options shared by the stack (NodejsFunction) and the
// bundle benchmark, so the benchmark measures exactly what is deployed.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

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
 * The AWS SDK v3 is part of the Lambda Node runtime, so it stays out of the bundle (smaller zip,
 * faster cold start); everything else, Powertools included, is bundled and tree-shaken.
 */
export const EXTERNAL_MODULES = ['@aws-sdk/*'];

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

/** The same options in esbuild's own terms, for the benchmark. */
export const esbuildOptions = (name: EntryName): BuildOptions => ({
  entryPoints: [entryPath(name)],
  bundle: true,
  platform: 'node',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  target: NODE_TARGET,
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: { js: REQUIRE_SHIM },
  external: EXTERNAL_MODULES,
});
