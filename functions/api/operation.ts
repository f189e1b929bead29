// What each route's contract (infra/routes.ts) says about the route for the OpenAPI document
// (functions/api/openapi.ts): its query, body and answers as the same zod schemas the route parses and
// returns, so the app, the stack and the published contract cannot disagree. Kept free of Hono and of the
// stores: the stack and every Lambda bundle import the route table.
import type * as z from '../../domain/zod';

export const JSON_TYPE = 'application/json';
export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A body (request or answer): JSON described by a zod schema, or a file of another media type. */
export interface Content {
  mediaType: string;
  description: string;
  /** For JSON: the schema the route parses (request) or returns (answer). Absent for files. */
  schema?: z.ZodType;
}

/** JSON described by a schema. */
export const json = (schema: z.ZodType, description: string): Content => ({
  mediaType: JSON_TYPE,
  description,
  schema,
});
/** A file (CSV, XLSX, HTML, script…): described in words, not by a schema. */
export const file = (mediaType: string, description: string): Content => ({ mediaType, description });

/** Error statuses a route answers besides those every route may (see `openapi.ts` `errorsOf`). */
export type ErrorStatus = 400 | 404 | 409 | 413 | 415 | 422 | 503;

/** A request the example test sends to the local runtime (tests/integration/openapi-examples.test.ts). */
export interface Example {
  /** Short name, shown in the docs' example picker. */
  name: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** JSON value, or the text of a file body. */
  body?: unknown;
  /** A body that cannot be written here (a workbook, several files): read from the repository by the test. */
  upload?: ExampleUpload;
  /**
   * Fills the path's `{id}` with the `id` answered by an example that runs before it, named
   * `<METHOD> <path>: <name>` (e.g. `POST /imports: a job for rows sent in batches`): ids the API makes
   * itself cannot be written in advance.
   */
  idFrom?: string;
  /** The status it answers on the example data set the test builds. */
  status: number;
}

export type ExampleUpload =
  /** One file as the whole body, e.g. a workbook, with its media type. */
  | { file: string; mediaType: string }
  /** `multipart/form-data`: every file of a folder as a part, and text fields (e.g. SEN2's `salt`). */
  | { folder: string; fields?: Record<string, string> };

export interface Operation {
  /** The docs' section, e.g. `Placements`. */
  tag: string;
  summary: string;
  description?: string;
  /**
   * Path parameters other than the shared ones (`PATH_PARAMETERS` in openapi.ts: `id`, `financialYear`,
   * `proxy`), or to override them.
   */
  params?: Record<string, z.ZodType>;
  /** The query schema the route reads with `readQuery` (a zod object). */
  query?: z.ZodObject;
  /** The request body; several when the route reads more than one media type. */
  body?: Content | readonly Content[];
  /** Successful answers by status. */
  responses: Partial<Record<200 | 201, Content>>;
  /** The answer carries the record's version as `ETag`. */
  etag?: boolean;
  /** `If-Match` with the version read: required, or optional (the body's `version` may say it instead). */
  ifMatch?: 'required' | 'optional';
  /** Accepts `Idempotency-Key` (a retried create answers as the first did). */
  idempotencyKey?: boolean;
  /** Route-specific error statuses (401, 403, and 400 for any input are added for every route that has them). */
  errors?: readonly ErrorStatus[];
  /** Requests the example test sends; the first JSON body is also the body's example in the document. */
  examples?: readonly Example[];
}
