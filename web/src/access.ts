// What the signed-in user may do, from the same route table the API and the stack enforce
// (infra/route-access.ts) and the groups GET /me reports. Views show only what `can` allows; the API refuses
// the rest regardless, so hiding is a courtesy, never the control.
import type { Group } from '../../functions/api/identity';
import { type Method, ROUTE_ACCESS, type RouteAccess } from '../../infra/route-access';
import { getMe, type Me } from './api';

let me: Me | undefined;

/** Reads who is signed in once, before the first view renders. */
export async function loadAccess(): Promise<Me> {
  me = await getMe();
  return me;
}

export const currentUser = (): Me | undefined => me;

/** Literal segments beat `{param}`, which beats `{proxy+}`: the route API Gateway would pick. */
function specificity(route: RouteAccess, segments: string[]): number | undefined {
  const pattern = route.path.split('/').filter(Boolean);
  let score = 0;
  for (const [index, part] of pattern.entries()) {
    if (part.endsWith('+}')) return index < segments.length ? score : undefined;
    const segment = segments[index];
    if (segment === undefined) return undefined;
    if (part.startsWith('{')) score += 1;
    else if (part === segment) score += 2;
    else return undefined;
  }
  return pattern.length === segments.length ? score : undefined;
}

/** The deployed route that serves a concrete request path (query ignored). */
export function routeFor(method: Method, path: string): RouteAccess | undefined {
  const segments = path.split('?')[0]?.split('/').filter(Boolean) ?? [];
  let best: { route: RouteAccess; score: number } | undefined;
  for (const route of ROUTE_ACCESS) {
    if (route.method !== method) continue;
    const score = specificity(route, segments);
    if (score !== undefined && (!best || score > best.score)) best = { route, score };
  }
  return best?.route;
}

/** True when the route table lets one of the user's groups make this request. */
export function can(method: Method, path: string, groups: readonly Group[] = me?.groups ?? []): boolean {
  const route = routeFor(method, path);
  if (!route) return false;
  return route.groups === 'public' || route.groups.some((group) => groups.includes(group));
}
