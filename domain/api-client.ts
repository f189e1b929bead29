// The typed HTTP client that the CLIs (bin/api-client.ts) and the dashboard (web/src/api.ts) call the API
// through: openapi-fetch over the types generated from the OpenAPI document (domain/api-types.ts, `npm run
// api:types`). A path, parameter, header, body or answer field the contract renames breaks the build of
// both (tests/unit/api-client-types.test.ts shows it); each side only adds its own words for failures.
import createClient, { type FetchOptions, type FetchResponse } from 'openapi-fetch';
import type { components, paths } from './api-types';

export type ApiPaths = paths;
/** The contract's named schemas (`components/schemas`), e.g. `ApiSchemas['Placement']`. */
export type ApiSchemas = components['schemas'];
/** The API's error body: a code and message, a 400's field errors, a 409's current version. */
export type ApiErrorBody = ApiSchemas['Error'];

type Method = 'get' | 'put' | 'post' | 'patch';
type Operation<P extends keyof paths, M extends Method> = M extends keyof paths[P] ? paths[P][M] : never;
type PathsWith<M extends Method> = { [P in keyof paths]: M extends keyof paths[P] ? P : never }[keyof paths];

/** What a call sends: `params` (path, query, header), `body`, and fetch's own options (`parseAs`, `headers`). */
export type CallInit<P extends keyof paths, M extends Method> = FetchOptions<Operation<P, M>>;
type CallArgs<P extends keyof paths, M extends Method> =
  // biome-ignore lint/complexity/noBannedTypes: "no field is required" is exactly `{} extends …`
  {} extends CallInit<P, M> ? [init?: CallInit<P, M>] : [init: CallInit<P, M>];
type CallResult<P extends keyof paths, M extends Method> = Promise<
  Operation<P, M> extends infer O extends Record<string, unknown>
    ? FetchResponse<O, CallInit<P, M>, `${string}/${string}`>
    : never
>;

/**
 * openapi-fetch's client with its calls typed by the route, not by the argument: openapi-fetch infers the
 * options object as a type parameter, which skips TypeScript's excess-property check, so a query parameter
 * or body field the contract renamed would still compile. Here the options have the operation's own type,
 * and a name the contract does not have is an error.
 */
export interface ApiClient {
  GET<P extends PathsWith<'get'>>(path: P, ...init: CallArgs<P, 'get'>): CallResult<P, 'get'>;
  POST<P extends PathsWith<'post'>>(path: P, ...init: CallArgs<P, 'post'>): CallResult<P, 'post'>;
  PUT<P extends PathsWith<'put'>>(path: P, ...init: CallArgs<P, 'put'>): CallResult<P, 'put'>;
  PATCH<P extends PathsWith<'patch'>>(path: P, ...init: CallArgs<P, 'patch'>): CallResult<P, 'patch'>;
}
type Responses<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON a route answers with on success (its 200 or 201). */
export type Answer<P extends keyof paths, M extends Method = 'get'> =
  | JsonOf<Responses<P, M>[200 & keyof Responses<P, M>]>
  | JsonOf<Responses<P, M>[201 & keyof Responses<P, M>]>;

/** A route's query parameters, as the contract names and types them. */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends {
    parameters: { query?: infer Q };
  }
    ? NonNullable<Q>
    : never;

export interface ApiClientOptions {
  /** The API's origin (a CLI's API_URL); '' for the dashboard, which the API serves itself. */
  baseUrl: string;
  /** The bearer token, read at each call (a session's token can change). */
  token: () => string | undefined;
  /** The API could not be reached at all (network down, refused, DNS), said in the caller's words. */
  unreachable: (error: unknown, request: Request) => Error;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { accept: 'application/json' },
    // Looked up at each call, not captured once: the runtime's fetch may be installed after this module.
    fetch: (request) => globalThis.fetch(request),
  });
  client.use({
    onRequest({ request }) {
      const token = options.token();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    onError: ({ error, request }) => options.unreachable(error, request),
  });
  // The same functions; only their parameter types are the stricter ones above.
  return client as unknown as ApiClient;
}

/** A 4xx/5xx answer: its status, the path asked (with its query), the API's message and error body. */
export interface ApiFailure {
  status: number;
  path: string;
  /** The API's `message`, else the start of the text it sent, else the status text. */
  message: string;
  /** A 400's field errors as one phrase, `field: what is wrong; …`, or '' when there are none. */
  fields: string;
  body: ApiErrorBody | undefined;
}

const isErrorBody = (value: unknown): value is ApiErrorBody =>
  typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';

function pathOf(response: Response): string {
  try {
    const url = new URL(response.url);
    return `${url.pathname}${url.search}`;
  } catch {
    return response.url;
  }
}

export function failureOf(response: Response, error: unknown): ApiFailure {
  const body = isErrorBody(error) ? error : undefined;
  const text = typeof error === 'string' ? error : '';
  return {
    status: response.status,
    path: pathOf(response),
    message: body?.message ?? (text.slice(0, 200) || response.statusText),
    fields: body?.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') ?? '',
    body,
  };
}

/**
 * The answer of a call made with the typed client, or the caller's error for a 4xx/5xx (`failed`) or for
 * a success with no body where one was documented.
 */
export async function answer<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
  failed: (failure: ApiFailure) => Error,
): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw failed(failureOf(response, error));
  if (data === undefined)
    throw failed({ ...failureOf(response, undefined), message: 'the API sent an empty reply' });
  return data;
}
