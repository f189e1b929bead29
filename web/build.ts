// Builds the dashboard into web/dist: index.html at the root and the bundled script and styles under
// assets/, the layout the local runtime and the API's read function both serve. esbuild bundles the
// TypeScript, ECharts and the shared domain/model schemas in well under a second, so the local server
// simply builds at start.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type OutputFile } from 'esbuild';

const webDir = dirname(fileURLToPath(import.meta.url));
export const DASHBOARD_DIST = join(webDir, 'dist');

export interface BuildResult {
  outdir: string;
  /** Output files relative to outdir, with their sizes in bytes. */
  files: { path: string; bytes: number }[];
  ms: number;
}

/**
 * Each file is written to a temporary name and renamed into place, so a server (or a parallel test run)
 * reading web/dist while another process rebuilds never sees half a file.
 */
async function writeAtomically(path: string, contents: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, path);
}

export async function buildDashboard(
  options: { outdir?: string; minify?: boolean } = {},
): Promise<BuildResult> {
  const started = performance.now();
  const outdir = options.outdir ?? DASHBOARD_DIST;
  const assets = join(outdir, 'assets');
  const common = {
    bundle: true,
    minify: options.minify ?? true,
    outdir: assets,
    write: false,
    logLevel: 'silent',
  } as const;
  const [script, styles] = await Promise.all([
    build({
      ...common,
      entryPoints: { app: join(webDir, 'src', 'main.ts') },
      format: 'esm',
      platform: 'browser',
      target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
      sourcemap: 'linked',
      legalComments: 'linked',
    }),
    build({ ...common, entryPoints: { app: join(webDir, 'src', 'styles.css') } }),
  ]);
  const outputs: OutputFile[] = [...script.outputFiles, ...styles.outputFiles];
  await Promise.all([
    ...outputs.map((file) => writeAtomically(file.path, file.contents)),
    writeAtomically(join(outdir, 'index.html'), await readFile(join(webDir, 'src', 'index.html'))),
    // Locally there is no sign-in; the read function answers this path itself when deployed (web/serve.ts).
    writeAtomically(join(assets, 'config.json'), JSON.stringify({ auth: null })),
    buildApiDocs(join(outdir, 'docs')),
  ]);
  return {
    outdir,
    files: outputs.map((file) => ({ path: relative(outdir, file.path), bytes: file.contents.byteLength })),
    ms: Math.round(performance.now() - started),
  };
}

/** Where swagger-ui-dist (the interactive docs' renderer, from npm) keeps its prebuilt files. */
const swaggerUiDir = () => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The interactive API docs (`/docs`): our page and init script, Swagger UI's bundle and styles copied from
 * npm (served by us: no CDN, works offline) and the API changelog as a page of its own.
 */
async function buildApiDocs(outdir: string): Promise<void> {
  const swagger = swaggerUiDir();
  const changelog = await readFile(join(webDir, '..', 'docs', 'api-changelog.md'), 'utf8');
  await Promise.all([
    writeAtomically(join(outdir, 'index.html'), await readFile(join(webDir, 'src', 'docs', 'index.html'))),
    writeAtomically(join(outdir, 'docs.js'), await readFile(join(webDir, 'src', 'docs', 'docs.js'))),
    writeAtomically(
      join(outdir, 'swagger-ui-bundle.js'),
      await readFile(join(swagger, 'swagger-ui-bundle.js')),
    ),
    writeAtomically(join(outdir, 'swagger-ui.css'), await readFile(join(swagger, 'swagger-ui.css'))),
    writeAtomically(
      join(outdir, 'changelog.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API changelog</title></head><body><p><a href="/docs">API docs</a></p><pre style="white-space: pre-wrap; font: 14px/1.5 system-ui, sans-serif">${escapeHtml(changelog)}</pre></body></html>`,
    ),
  ]);
}

// `npx tsx web/build.ts` builds once and prints the files (run before `cdk synth`/deploy: the read
// function's bundling copies web/dist).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { outdir, files, ms } = await buildDashboard();
  console.log(`dashboard built in ${ms} ms → ${outdir}`);
  for (const file of files) console.log(`  ${file.path}  ${(file.bytes / 1024).toFixed(0)} KB`);
}
