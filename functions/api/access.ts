// Route-level access in the app: every request's matched route is looked up in the route table
// (infra/route-access.ts), the same table the stack's authorizer scopes come from, and the caller must be in
// one of its groups. Routes only read the identity (for the audit trail); none decides access itself.
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { ROUTE_ACCESS, type RouteAccess } from '../../infra/route-access';
import type { AppEnv } from './app';
import { ForbiddenError } from './errors';
import { requireIdentity } from './identity';

/** The table's `{param}` is Hono's `:param`: at run time, and as the types see it. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
export type HonoPath<P extends string> = P extends `${infer Head}{${infer Name}}${infer Tail}`
  ? `${Head}:${Name}${HonoPath<Tail>}`
  : P;

const TABLE = new Map<string, RouteAccess>(
  ROUTE_ACCESS.map((route) => [`${route.method} ${honoPath(route.path)}`, route]),
);

export const routeAccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  // The route that will answer (middleware is registered for ALL methods; a HEAD request matches GET).
  const handler = matchedRoutes(c).find((route) => route.method !== 'ALL');
  const route = handler && TABLE.get(`${handler.method} ${handler.path}`);
  if (route?.groups === 'public') return next();
  // Anything else needs a signed-in caller first, even a path no route answers (401 before 404).
  const identity = requireIdentity(c);
  if (handler === undefined) return next(); // no API route: not found, or a dashboard file locally
  if (route === undefined)
    throw new ForbiddenError(
      `${handler.method} ${handler.path} is not in the route table, so nobody may call it`,
    );
  if (!identity.groups.some((group) => route.groups.includes(group)))
    throw new ForbiddenError(`only ${route.groups.join(' or ')} may do this (${route.method} ${route.path})`);
  return next();
};
