// The OpenAPI 3.1 document, generated from the route table with each route's contract (infra/routes.ts:
// paths, methods, groups and each operation's zod schemas) with zod's own JSON Schema output (draft 2020-12,
// OpenAPI 3.1's dialect). Nothing here is written per route: a route documents itself in the table, so the
// app, the stack and this document cannot disagree (tests/unit/openapi.test.ts compares all three).
// docs/decisions/openapi-generation.md says why.
import { FinancialYear } from '../../domain/dates';
import { Id } from '../../domain/text';
import * as z from '../../domain/zod';
import { type ApiRoute, DEPLOYED_ROUTES } from '../../infra/routes';
import { version as packageVersion } from '../../package.json';
import { MAX_ANSWER_BYTES, MAX_BODY_BYTES } from './errors';
import { type Content, type ErrorStatus, JSON_TYPE, type Operation } from './operation';
import { ApiErrorBody } from './schemas';

/** Path parameters shared by every route that has one of these names (a route's `params` overrides). */
const PATH_PARAMETERS: Record<string, z.ZodType> = {
  id: Id,
  financialYear: FinancialYear,
  proxy: z.string().meta({ description: 'the rest of the path' }),
};

type JsonSchema = Record<string, unknown>;

/** OpenAPI has no greedy `{proxy+}` (API Gateway's form): the document names it `{proxy}`. */
export const openApiPath = (path: string) => path.replace(/\{(\w+)\+\}/g, '{$1}');

/** `GET /placements/{id}/history` → `getPlacementsIdHistory`: stable, unique per method and path. */
export function operationId(route: Pick<ApiRoute, 'method' | 'path'>): string {
  const words = route.path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1));
  return route.method.toLowerCase() + (words.join('') || 'Root');
}

/**
 * zod schemas → JSON Schema, with the named schemas (`.meta({ id })`) collected once under
 * components/schemas. A request reads a schema's input (defaults optional, coercions as sent), an answer its
 * output; when the two differ, the input is named `<id>Input`.
 */
class SchemaSet {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const {
      $defs = {},
      $schema: _dialect,
      ...root
    } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      // Transforms and refinements have no JSON Schema: the document says what the value looks like.
      unrepresentable: 'any',
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const names = new Map(Object.keys($defs).map((id) => [id, id]));
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) =>
          key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')
            ? [key, `#/components/schemas/${names.get(inner.slice('#/$defs/'.length))}`]
            : [key, rewrite(inner)],
        ),
      );
    };
    // A name already taken by a different schema (the input of a schema whose output is there): suffixed.
    for (const [id, definition] of Object.entries($defs)) {
      const existing = this.components[id];
      if (existing !== undefined && !sameJson(existing, rewrite(definition)))
        names.set(id, io === 'input' ? `${id}Input` : `${id}Output`);
    }
    for (const [id, definition] of Object.entries($defs))
      this.components[names.get(id) as string] ??= rewrite(definition) as JsonSchema;
    return rewrite(root) as JsonSchema;
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const ERROR_DESCRIPTIONS: Record<ErrorStatus | 401 | 403 | 500, string> = {
  400: 'Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong.',
  401: 'No valid sign-in: send a Cognito access token as `Authorization: Bearer …`.',
  403: 'Signed in, but not in a group that may call this route (`x-groups`).',
  404: 'No such record (or file).',
  409: 'Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`).',
  413: `Body over ${Math.round(MAX_BODY_BYTES / 1024)} KB; or, from an export, a file over the ${MAX_ANSWER_BYTES / 1_000_000} MB one answer carries (\`export_too_large\`: ask for it with \`Accept-Encoding: gzip\`, or narrow it with a filter).`,
  415: 'Body not in a media type the route reads (JSON unless the route says otherwise).',
  422: 'Valid input the stored data cannot answer (too little history, a stored date out of range).',
  503: 'Not available in this deployment (e.g. alerts run only from the schedule).',
  500: 'Unexpected failure on our side; quote `requestId`.',
};

/** Every error status a route may answer: its own, and those its inputs and access imply. */
function errorsOf(route: ApiRoute): (ErrorStatus | 401 | 403 | 500)[] {
  const op = route.doc;
  const statuses = new Set<ErrorStatus | 401 | 403 | 500>(op.errors ?? []);
  const hasInput =
    op.query !== undefined ||
    op.body !== undefined ||
    op.ifMatch !== undefined ||
    op.idempotencyKey === true ||
    Object.keys(pathParameters(route)).some((name) => name !== 'proxy');
  if (hasInput) statuses.add(400);
  if (op.body !== undefined) {
    statuses.add(413);
    statuses.add(415);
  }
  if (route.groups !== 'public') {
    statuses.add(401);
    statuses.add(403);
  }
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

function pathParameters(route: ApiRoute): Record<string, z.ZodType> {
  const names = [...route.path.matchAll(/\{(\w+)\+?\}/g)].map((match) => match[1] as string);
  return Object.fromEntries(
    names.map((name) => {
      const schema = route.doc.params?.[name] ?? PATH_PARAMETERS[name];
      if (schema === undefined)
        throw new Error(`${route.method} ${route.path}: no schema for path parameter {${name}}`);
      return [name, schema];
    }),
  );
}

/** A value the schema accepts without it (optional, or with a default) is not required. */
const isOptional = (schema: z.ZodType) => schema.safeParse(undefined).success;

function parameters(route: ApiRoute, schemas: SchemaSet) {
  const op = route.doc;
  const example = op.examples?.[0];
  const list: JsonSchema[] = Object.entries(pathParameters(route)).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema: schemas.convert(schema, 'input'),
    ...(example?.params?.[name] !== undefined ? { example: example.params[name] } : {}),
  }));
  for (const [name, schema] of Object.entries(op.query?.shape ?? {})) {
    const converted = schemas.convert(schema as z.ZodType, 'input');
    const { description, ...rest } = converted;
    list.push({
      name,
      in: 'query',
      required: !isOptional(schema as z.ZodType),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    });
  }
  if (op.ifMatch !== undefined)
    list.push({
      name: 'If-Match',
      in: 'header',
      required: op.ifMatch === 'required',
      description:
        op.ifMatch === 'required'
          ? 'The version you read (its `ETag`, e.g. `"3"`), or send `version` in the body. A stale version is a 409 with `currentVersion`.'
          : 'The version you read (its `ETag`), to refuse the write if the record changed since (409 with `currentVersion`); optional.',
      schema: { type: 'string', pattern: '^\\s*(W/)?"?[1-9][0-9]{0,14}"?\\s*$' },
    });
  if (op.idempotencyKey)
    list.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any 1–200 printable characters (a UUID is usual). A retry with the same key answers exactly as the first request did, with `Idempotent-Replayed: true`; the same key with a different body is a 409.',
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
    });
  return list;
}

function content(body: Content, schemas: SchemaSet, io: 'input' | 'output', example?: unknown) {
  const media: JsonSchema = {};
  if (body.schema !== undefined) media.schema = schemas.convert(body.schema, io);
  else media.schema = body.mediaType === JSON_TYPE ? {} : { type: 'string' };
  if (example !== undefined) media.example = example;
  return { [body.mediaType]: media };
}

function requestBody(body: Content | readonly Content[], schemas: SchemaSet, example: unknown) {
  const bodies: readonly Content[] = Array.isArray(body) ? body : [body as Content];
  return {
    required: true,
    description: bodies
      .map((one) => (bodies.length > 1 ? `${one.mediaType}: ${one.description}` : one.description))
      .join('\n\n'),
    content: Object.assign(
      {},
      ...bodies.map((one) =>
        content(
          one,
          schemas,
          'input',
          one.mediaType === JSON_TYPE || typeof example === 'string' ? example : undefined,
        ),
      ),
    ),
  };
}

const ETAG_HEADER = {
  ETag: {
    description: 'The record\'s version, e.g. `"3"`: send it back as `If-Match` to update it.',
    schema: { type: 'string' },
  },
};

function responses(route: ApiRoute, schemas: SchemaSet) {
  const op = route.doc;
  const answers: Record<string, unknown> = {};
  for (const [status, body] of Object.entries(op.responses) as [string, Content][])
    answers[status] = {
      description: body.description,
      ...(op.etag ? { headers: ETAG_HEADER } : {}),
      content: content(body, schemas, 'output'),
    };
  for (const status of errorsOf(route))
    answers[status] = {
      description: ERROR_DESCRIPTIONS[status],
      content: { [JSON_TYPE]: { schema: { $ref: '#/components/schemas/Error' } } },
    };
  return answers;
}

function operation(route: ApiRoute, schemas: SchemaSet) {
  const op: Operation = route.doc;
  const who =
    route.groups === 'public'
      ? 'Public: no sign-in (it holds no data).'
      : `Who may call it: ${route.groups.join(', ')}.`;
  const bodyExample = op.examples?.find((example) => example.body !== undefined)?.body;
  return {
    operationId: operationId(route),
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, who].filter(Boolean).join('\n\n'),
    'x-groups': route.groups === 'public' ? [] : [...route.groups],
    security: route.groups === 'public' ? [] : [{ cognito: [...route.groups] }],
    parameters: parameters(route, schemas),
    ...(op.body ? { requestBody: requestBody(op.body, schemas, bodyExample) } : {}),
    responses: responses(route, schemas),
  };
}

export interface OpenApiDocument {
  openapi: '3.1.1';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, unknown>;
  [key: string]: unknown;
}

/** The whole document. Pure and deterministic: the same table and schemas give the same JSON. */
export function openApiDocument(
  routes: readonly ApiRoute[] = DEPLOYED_ROUTES,
  version = packageVersion,
): OpenApiDocument {
  const schemas = new SchemaSet();
  schemas.components.Error = schemas.convert(ApiErrorBody, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route, schemas);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'send-sufficiency API',
      version,
      description: [
        'Out-of-borough placement and sufficiency modeller for an English local authority: placements, provisions, projections, finance, alerts, imports and exports.',
        'Every data route needs a Cognito access token (`Authorization: Bearer …`); each operation names the groups that may call it (`x-groups`). Errors are JSON `{ error, message, … }`; a 400 lists each field in `errors`. Lists page with an opaque `cursor`: pass the `cursor` of one page to get the next; the last page has none. Writes to a record name the version read (`If-Match`, or `version` in the body).',
        'The version follows semantic versioning: a breaking change raises the major number. Changes: [API changelog](/docs/changelog.html).',
      ].join('\n\n'),
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/', description: 'This deployment' }],
    security: [{ cognito: [] }],
    tags: [...new Set(routes.map((route) => route.doc.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A Cognito user pool access token. The caller's groups (`cognito:groups`, also as `send/<group>` scopes) decide which operations it may call.",
        },
      },
      schemas: Object.fromEntries(Object.entries(schemas.components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

let cached: string | undefined;
/** The document as served: built once per process (cold start of the read function), then reused. */
export function openApiJson(): string {
  cached ??= JSON.stringify(openApiDocument());
  return cached;
}
