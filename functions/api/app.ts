// The HTTP API: one Hono app, the same code in Lambda and in the local runtime (infra/local). It serves the
// routes of the route table (infra/route-access.ts), each answered by a handler of its route module
// (routes/), in two sets: the main API (api-routes.ts, served by lambda.ts) and the file routes
// (file-routes.ts, served by files-lambda.ts). A route module is imported on its first request, so a cold
// start loads none of them, and each first request only its own. Errors are mapped to HTTP here and only
// here.
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DateRangeError } from '../../domain/dates';
import {
  type ModuleName,
  ROUTE_ACCESS,
  type RouteKey,
  type RouteKeyOf,
  routeKey,
} from '../../infra/route-access';
import { isDatabaseUnavailable } from '../store/table-client';
import { type HonoPath, honoPath, routeAccess } from './access';
import { API_ROUTES } from './api-routes';
import type { AppDeps } from './deps';
import { AppError, MAX_BODY_BYTES, tooLarge } from './errors';
import type { Identity, IdentitySource } from './identity';

/** Seconds a client is told to wait when the database is not answering. */
const DATABASE_RETRY_AFTER = 5;

/**
 * A body over the limit is read and thrown away, up to this much, before the 413 goes out: a server that answers
 * while the client is still sending, then closes, makes the client see a reset instead of the 413 (and Node's
 * server, a reset of the next connection too). API Gateway refuses anything over 10 MB itself.
 */
const DISCARD_BYTES = 10 * 1024 * 1024;

async function discardBody(request: Request, limit: number): Promise<void> {
  // A body sent without its length is read by the limit itself, which stops at the limit (its stream is locked).
  if (!request.body || request.body.locked) return;
  const reader = request.body.getReader();
  try {
    for (let read = 0; read < limit; ) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: there is no one left to answer.
  }
}

export type AppEnv = { Variables: { identity: Identity | undefined; deps: AppDeps } };

/** Any route's handler (Hono's Context types its path parameters as any path's). */
type RouteHandler = (c: Context<AppEnv>) => Response | Promise<Response>;
/** A route key's path as Hono types it, so that `c.req.param('id')` is a string. */
type PathOf<K extends string> = K extends `${string} ${infer Path}` ? HonoPath<Path> : never;
/** A route module's handlers: one for each route the table gives the module, and no other. */
export type RouteHandlers<M extends ModuleName> = {
  [K in RouteKeyOf<M>]: (c: Context<AppEnv, PathOf<K>>) => Response | Promise<Response>;
};
/** Route modules by name, each imported when first needed: `() => import('./routes/x').then(…)`. */
export type RouteModules = { [M in ModuleName]?: () => Promise<RouteHandlers<M>> };

/** A route answered by its module's handler, the module imported on the route's first request. */
function lazyHandler(load: () => Promise<Partial<Record<RouteKey, RouteHandler>>>, key: RouteKey) {
  // Kept: a later request skips the module loader (about 10 µs a call in Node, far more under tsx).
  let handlers: ReturnType<typeof load> | undefined;
  return async (c: Context<AppEnv>) => {
    handlers ??= load();
    const handler = (await handlers)[key];
    // The module types rule this out; a module built some other way is refused loudly.
    if (!handler) throw new Error(`${key}: its route module has no handler for it`);
    return handler(c);
  };
}

export interface AppOptions {
  deps: AppDeps;
  identity: IdentitySource;
  /**
   * The route modules to serve. Default: the main API (API_ROUTES); add FILE_ROUTES (file-routes.ts) for
   * imports and export files, as the local runtime does.
   */
  routes?: RouteModules;
  /** Logs unexpected errors; clients only get a generic 500 with a request id. */
  logError?: (error: unknown, requestId: string) => void;
}

export function createApp({ deps, identity, routes = API_ROUTES, logError = console.error }: AppOptions) {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('identity', identity(c));
    await next();
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: async (c) => {
        await discardBody(c.req.raw, DISCARD_BYTES);
        throw tooLarge(MAX_BODY_BYTES);
      },
    }),
  );

  // Up means able to serve: the database answers too.
  app.get('/health', async (c) => {
    try {
      await deps.checkDatabase();
      return c.json({ ok: true, database: 'ok' });
    } catch (error) {
      c.header('Retry-After', String(DATABASE_RETRY_AFTER));
      return c.json({ ok: false, database: 'unavailable', message: (error as Error).message }, 503);
    }
  });
  // Who may call what: the route table (infra/routes.ts), for every route; a public route (the OpenAPI
  // document) needs no sign-in, any other request does.
  app.use('*', routeAccess);

  // A new route module joins API_ROUTES (api-routes.ts), or FILE_ROUTES (file-routes.ts) if it reads or
  // writes spreadsheets or CSV files; its routes join the table.
  for (const route of ROUTE_ACCESS) {
    const load = route.module === 'static' ? undefined : routes[route.module];
    if (load) app.on(route.method, honoPath(route.path), lazyHandler(load, routeKey(route)));
  }

  app.notFound((c) => c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof AppError) {
      // An answer that says when to try again says it in the standard header too.
      const retryAfter = error.details?.retryAfter;
      if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
      return c.json(
        { error: error.code, message: error.message, ...error.details },
        error.status as ContentfulStatusCode,
      );
    }
    if (isDatabaseUnavailable(error)) {
      const requestId = crypto.randomUUID();
      logError(error, requestId);
      c.header('Retry-After', String(DATABASE_RETRY_AFTER));
      return c.json(
        {
          error: 'database_unavailable',
          message: `the database is not answering: try again in ${DATABASE_RETRY_AFTER} s (a create sent again with the same Idempotency-Key is never made twice)`,
          retryAfter: DATABASE_RETRY_AFTER,
          requestId,
        },
        503,
      );
    }
    // Query and body dates are refused by their schemas first, so this is a stored record out of range.
    if (error instanceof DateRangeError)
      return c.json(
        { error: 'date_out_of_range', message: `stored data out of range: ${error.message}` },
        422,
      );
    const requestId = crypto.randomUUID();
    logError(error, requestId);
    return c.json({ error: 'internal', message: 'something went wrong on our side', requestId }, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
