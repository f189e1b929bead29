// Who is calling. In Lambda it comes only from the API Gateway JWT authorizer's claims; the local runtime
// injects a developer identity instead, and that path exists only in infra/local (never bundled).
import type { Context } from 'hono';
import { UnauthorizedError } from './errors';

export const GROUPS = ['caseworkers', 'planners', 'finance', 'readers'] as const;
export type Group = (typeof GROUPS)[number];

export interface Identity {
  /** Stable subject (Cognito `sub`), recorded in audit entries. */
  userId: string;
  /** Display name for audit entries (e-mail or username). */
  name: string;
  groups: Group[];
}

export type IdentitySource = (c: Context) => Identity | undefined;

interface JwtClaimsEvent {
  requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
}

/** Cognito puts groups in `cognito:groups`, which API Gateway passes on as "[a b]" or as an array. */
function parseGroups(raw: unknown): Group[] {
  const list = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string'
      ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return list.filter((group): group is Group => (GROUPS as readonly string[]).includes(group));
}

export const jwtIdentity: IdentitySource = (c) => {
  const event = (c.env as { event?: JwtClaimsEvent } | undefined)?.event;
  const claims = event?.requestContext?.authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const name = [claims.email, claims['cognito:username'], claims.username, claims.sub].find(
    (value): value is string => typeof value === 'string',
  );
  return { userId: claims.sub, name: name ?? claims.sub, groups: parseGroups(claims['cognito:groups']) };
};

export function requireIdentity(c: Context): Identity {
  const identity = c.get('identity') as Identity | undefined;
  if (!identity) throw new UnauthorizedError();
  return identity;
}
