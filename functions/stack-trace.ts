// Stack traces of the deployed (minified) bundles, mapped back to the TypeScript source on the error path
// only. Node's --enable-source-maps would parse every bundle's source map at each cold start (about 15 ms of
// CPU for the api function, docs/benchmarks.md); here a bundle's map is read the first time a logged error's
// stack names that bundle, and kept for the life of the instance.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const maps = new Map<string, SourceMap | undefined>();

/** The source map beside a bundle (`index.mjs.map` for `index.mjs`), or undefined when there is none. */
function mapOf(bundle: string): SourceMap | undefined {
  if (!maps.has(bundle)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
    } catch {
      // No readable map beside the bundle: its frames stay as they are.
    }
    maps.set(bundle, map);
  }
  return maps.get(bundle);
}

// A frame's location in a bundle: `file:///var/task/index.mjs:1:2345` (or a plain path), line and column 1-based.
const BUNDLE_LOCATION = /((?:file:\/\/)?\/[^\s()]+?\.mjs):(\d+):(\d+)/g;

/** The stack with each bundle location replaced by its source location (e.g. `functions/api/app.ts:108:7`). */
export function sourceMappedStack(stack: string): string {
  return stack.replace(BUNDLE_LOCATION, (location, bundle: string, line: string, column: string) => {
    const map = mapOf(bundle.startsWith('file:') ? fileURLToPath(bundle) : bundle);
    const entry = map?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry)) return location;
    // Sources are relative to the bundle's folder; from the repository root they read better.
    const source = entry.originalSource.replace(/^(?:file:\/\/)?(?:.*?\/)?(?:\.\.\/)+/, '');
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

/** The error, its stack mapped to the source, for a log line (anything else is returned unchanged). */
export function withSourceStack(error: unknown): unknown {
  if (error instanceof Error && error.stack) error.stack = sourceMappedStack(error.stack);
  return error;
}
