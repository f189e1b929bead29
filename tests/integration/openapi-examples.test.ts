// Every example the OpenAPI document carries (each route table entry's `doc.examples`) is sent to the app on
// DynamoDB Local, as its caller's group, and the answer is checked against the document: the status the
// example names, and the body against the schema documented for that status (ajv, JSON Schema 2020-12, the
// dialect of OpenAPI 3.1). Answers are checked strictly: a field the app returns that the schema does not
// name fails (zod objects are `additionalProperties: false` in the document), so the contract cannot lag.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../../functions/api/identity';
import { openApiDocument, openApiPath } from '../../functions/api/openapi';
import type { Example, ExampleUpload } from '../../functions/api/operation';
import { type ApiRoute, DEPLOYED_ROUTES } from '../../infra/routes';
import { REPO_ROOT } from '../helpers/data';
import { authorityPlacements } from '../helpers/placement';
import { type Caller, placementsApp } from '../helpers/placements-app';
import { onsPopulation, SOUTH_TYNESIDE } from '../helpers/population';

const CALLER_OF: Record<Group, Caller> = {
  caseworkers: 'caseworker',
  planners: 'planner',
  finance: 'finance',
  readers: 'reader',
};

const document = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

/** JSON Pointer escaping of one path segment. */
const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** The documented answer of a route for a status: its media type and, for JSON, a validator. */
function documented(route: ApiRoute, status: number) {
  const path = ['paths', openApiPath(route.path), route.method.toLowerCase(), 'responses', String(status)];
  const response = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], document);
  if (response === undefined) return undefined;
  const [mediaType] = Object.keys((response as { content: object }).content);
  const schemaPointer = `openapi.json#/${[...path, 'content', mediaType as string, 'schema'].map(pointer).join('/')}`;
  return {
    mediaType: mediaType as string,
    validate: mediaType === 'application/json' ? ajv.compile({ $ref: schemaPointer }) : undefined,
  };
}

function requestOf(route: ApiRoute, example: Example, params: Record<string, string> | undefined) {
  const path = route.path.replace(/\{(\w+)\+?\}/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${route.method} ${route.path} "${example.name}": no {${name}}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(example.query ?? {}).toString();
  return `${path}${query ? `?${query}` : ''}`;
}

/** A file body the example names: one file from the repository, or a folder's files as multipart parts. */
function uploadOf(upload: ExampleUpload): { body: BodyInit; headers: Record<string, string> } {
  if ('file' in upload)
    return {
      body: new Uint8Array(readFileSync(join(REPO_ROOT, upload.file))),
      headers: { 'content-type': upload.mediaType },
    };
  const form = new FormData();
  for (const name of readdirSync(join(REPO_ROOT, upload.folder)))
    form.append(name, new Blob([readFileSync(join(REPO_ROOT, upload.folder, name))]), name);
  for (const [name, value] of Object.entries(upload.fields ?? {})) form.append(name, value);
  return { body: form, headers: {} };
}

const nameOf = (route: ApiRoute, example: Example) => `${route.method} ${route.path}: ${example.name}`;

// Creations first (their examples answer 201), then the rest in table order: reads and changes find the
// records the examples created (the README tour's placement, the example provision, the budget).
const examples = DEPLOYED_ROUTES.flatMap((route) =>
  (route.doc.examples ?? []).map((example) => ({ route, example })),
).sort((a, b) => Number(b.example.status === 201) - Number(a.example.status === 201));

describe('every documented example, sent to the local runtime', () => {
  let harness: Awaited<ReturnType<typeof placementsApp>>;
  /** The `id` each example's answer carried, by example name, for the examples that name it (`idFrom`). */
  const answeredIds = new Map<string, string>();
  const published: string[] = [];
  beforeAll(async () => {
    harness = await placementsApp('2026-01-10');
    // The local runtime's publisher (a deployed stack runs alerts from its schedule and answers 503).
    harness.deps.alerting = {
      ...harness.deps.alerting,
      publisher: { publish: async (message) => void published.push(message.subject) },
    };
    const seed = { actor: { userId: 'u-seed', name: 'seed' }, now: new Date('2025-12-01T00:00:00Z') };
    // Enough history for the model (three January censuses) and a population to divide joiners by.
    await harness.deps.placements.createMany(authorityPlacements(60, 4), seed);
    await harness.deps.population.put(onsPopulation(SOUTH_TYNESIDE), seed);
  });

  it('documents an example for every operation but the dashboard and docs assets', () => {
    const without = DEPLOYED_ROUTES.filter((route) => (route.doc.examples ?? []).length === 0).map(
      (route) => `${route.method} ${route.path}`,
    );
    expect(without).toEqual(['GET /docs', 'GET /docs/{proxy+}', 'GET /', 'GET /assets/{proxy+}']);
  });

  it('names, in `idFrom`, only examples that run before and answer an id', () => {
    const order = examples.map(({ route, example }) => nameOf(route, example));
    for (const [index, { example }] of examples.entries())
      if (example.idFrom) expect(order.indexOf(example.idFrom), example.idFrom).toBeLessThan(index);
  });

  it.each(examples.map(({ route, example }) => [nameOf(route, example), route, example] as const))(
    '%s',
    async (name, route, example) => {
      const group = route.groups === 'public' ? undefined : route.groups[0];
      const as = group ? CALLER_OF[group] : 'anonymous';
      const id = example.idFrom === undefined ? undefined : answeredIds.get(example.idFrom);
      if (example.idFrom) expect(id, `no id answered by "${example.idFrom}"`).toBeDefined();
      const path = requestOf(route, example, id === undefined ? example.params : { ...example.params, id });
      let response: Response;
      if (example.upload) {
        const { body, headers } = uploadOf(example.upload);
        response = await harness.app.request(path, {
          method: route.method,
          headers: { 'x-test-caller': as, ...headers, ...example.headers },
          body,
        });
      } else {
        const body =
          example.body === undefined
            ? undefined
            : typeof example.body === 'string'
              ? example.body
              : JSON.stringify(example.body);
        response = await harness.call(route.method, path, {
          ...(body !== undefined ? { body } : {}),
          headers: {
            ...(typeof example.body === 'string' ? { 'content-type': 'text/csv' } : {}),
            ...example.headers,
          },
          as,
        });
      }
      const text = await response.text();
      expect(response.status, text.slice(0, 500)).toBe(example.status);
      const answer = documented(route, response.status);
      expect(answer, `status ${response.status} is not documented`).toBeDefined();
      expect(response.headers.get('content-type') ?? '').toContain(answer?.mediaType.split(';')[0]);
      if (answer?.validate) {
        const json = JSON.parse(text) as { id?: unknown };
        const valid = answer.validate(json);
        expect(valid, JSON.stringify(answer.validate.errors?.slice(0, 5), null, 1)).toBe(true);
        if (typeof json.id === 'string') answeredIds.set(name, json.id);
      }
      if (route.path === '/alerts/runs' && response.status === 201) expect(published).toHaveLength(1);
    },
  );
});
