// Builds the command-line tools ahead of time into dist/bin (ignored by git): `npm ci` runs it through the
// `prepare` script and the tests' global setup runs it again, so `npm run -s model` and the others start plain
// `node` on one bundled file instead of compiling TypeScript on every run, and the tests run that same build.
// Plain JavaScript, so it runs before anything else is built.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The commands, by their file in bin/ (the other files there are modules they share). */
export const CLIS = ['model', 'spend', 'alerts', 'import', 'population', 'admin'];
export const CLI_DIR = join(root, 'dist', 'bin');
export const cliPath = (name) => join(CLI_DIR, `${name}.mjs`);

// Bundled CommonJS dependencies may still call require() for Node built-ins.
const REQUIRE_SHIM = "import{createRequire}from'node:module';const require=createRequire(import.meta.url);";

export async function buildClis() {
  // Chunk names carry a hash of their content: without this, every rebuild would leave the old ones behind.
  rmSync(CLI_DIR, { recursive: true, force: true });
  await build({
    entryPoints: Object.fromEntries(CLIS.map((name) => [name, join(root, 'bin', `${name}.ts`)])),
    outdir: CLI_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Every dependency in the bundle too: one file to read and parse beats resolving hundreds of modules.
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_SHIM },
    // Code reached only through import() (exceljs, for spreadsheets) goes into chunks a command reads only
    // when it needs them: `import --help` or a CSV import does not parse 1 MB of spreadsheet code.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildClis();
