// The files generated from the OpenAPI document (functions/api/openapi.ts):
// - `domain/api-types.ts`: TypeScript types of every path, operation and named schema (openapi-typescript),
//   for the typed client the CLIs and the dashboard call the API through (domain/api-client.ts). Committed,
//   and a test fails when it is stale (tests/unit/openapi-contract.test.ts).
// - `docs/openapi/<version>.json` (with `--release`): the document as released, which the breaking-change
//   test compares the current document with.
// `npm run api:types` writes the types; `npm run api:types -- --release` also stores the release document.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS from 'openapi-typescript';
import { openApiDocument } from './openapi';

const ROOT = join(import.meta.dirname, '..', '..');
export const API_TYPES_FILE = join(ROOT, 'domain', 'api-types.ts');
export const RELEASES_DIR = join(ROOT, 'docs', 'openapi');

const HEADER = `// Generated from the OpenAPI document by \`npm run api:types\` (functions/api/contract-files.ts): do not edit.
// The types of every route's parameters, bodies and answers, for a typed client such as openapi-fetch.
// tests/unit/openapi-contract.test.ts fails when this file is stale.
/* biome-ignore-all format: generated */
/* biome-ignore-all lint: generated */
`;

/** The text of domain/api-types.ts for the current document. */
export async function apiTypesText(): Promise<string> {
  const types = await openapiTS(openApiDocument() as never, { exportType: false });
  return HEADER + types.replace(/^\/\*\*\n \* This file was auto-generated[\s\S]*?\*\/\n+/, '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(API_TYPES_FILE, await apiTypesText());
  console.log(`wrote ${API_TYPES_FILE}`);
  if (process.argv.includes('--release')) {
    const document = openApiDocument();
    const file = join(RELEASES_DIR, `${document.info.version}.json`);
    await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
}
