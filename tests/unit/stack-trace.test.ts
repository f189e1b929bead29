// Deployed functions run without --enable-source-maps (it parses each bundle's map at every cold start), so
// a logged error's stack is mapped to the TypeScript source on the error path (functions/stack-trace.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceMappedStack, withSourceStack } from '../../functions/stack-trace';

const dir = mkdtempSync(join(tmpdir(), 'stack-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The stack of an error thrown in a minified ESM bundle (with or without its source map beside it, as
 * infra/bundling.ts builds a function), run in plain Node as Lambda runs it (vitest maps stacks itself).
 */
async function thrownIn(sourceMap: boolean): Promise<Error> {
  const source = join(dir, 'thrower.ts');
  writeFileSync(
    source,
    'export function fail(reason: string): never {\n  throw new Error("failed: " + reason);\n}\n',
  );
  const outfile = join(dir, sourceMap ? 'mapped' : 'unmapped', 'index.mjs');
  await build({
    entryPoints: [source],
    bundle: true,
    minify: true,
    sourcemap: sourceMap,
    sourcesContent: false,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'error',
  });
  const script =
    "const { fail } = await import(process.argv[1]); try { fail('on purpose'); } catch (error) { process.stdout.write(error.stack); }";
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', script, pathToFileURL(outfile).href],
    { encoding: 'utf8', env: { PATH: process.env.PATH } },
  );
  const error = new Error('failed: on purpose');
  error.stack = run.stdout;
  return error;
}

describe('stack traces of a minified bundle', () => {
  it('name the source file, line and column where the bundle has a source map', async () => {
    const error = await thrownIn(true);
    expect(error.stack).toMatch(/mapped\/index\.mjs:1:\d+/);
    expect(sourceMappedStack(error.stack as string)).toMatch(/at \w+ \(.*thrower\.ts:2:9\)/);
    expect(sourceMappedStack(error.stack as string)).not.toContain('index.mjs');
    // withSourceStack maps the error's own stack, as the handlers log it; its message is untouched.
    expect((withSourceStack(error) as Error).stack).toMatch(/^Error: failed: on purpose\n.*thrower\.ts:2:9/);
  });

  it('keep the bundle location where there is no source map', async () => {
    const error = await thrownIn(false);
    expect(sourceMappedStack(error.stack as string)).toBe(error.stack);
  });

  it('leave anything but an error alone', () => {
    expect(withSourceStack('not an error')).toBe('not an error');
  });
});
