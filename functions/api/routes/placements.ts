// /placements: thin handlers; validation is the domain's zod schemas, rules and storage are in the store.
import type { Context } from 'hono';
import { PlacementEnd, PlacementInput, PlacementPatch } from '../../../domain/placement';
import { Id } from '../../../domain/text';
import type { AppEnv, RouteHandlers } from '../app';
import { NotFoundError, ValidationError } from '../errors';
import { parseWith, readJson, readQuery } from '../http';
import { requireIdentity } from '../identity';
import { PlacementListQuery } from '../schemas';
import { actorOf, etag, expectedVersion, requiredVersion } from './concurrency';

/** Idempotency-Key: any printable ASCII up to 200 characters (a UUID is the usual choice). */
function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header))
    throw new ValidationError([
      { field: 'Idempotency-Key', message: 'expected 1–200 printable characters without spaces' },
    ]);
  return header;
}

const placementId = (raw: string) => parseWith(Id, raw, 'id');

/** A placement may only fill a provision that exists (provisions are never deleted, so this cannot go stale). */
async function checkProvisionExists(
  c: Context<AppEnv>,
  provisionId: string | null | undefined,
): Promise<void> {
  // undefined leaves the provision as it is and null removes it (PATCH): only an id names one.
  if (typeof provisionId === 'string' && !(await c.get('deps').provisions.get(provisionId)))
    throw new ValidationError([
      { field: 'provisionId', message: 'no provision has this id: a planner creates the provision first' },
    ]);
}

export const placementRoutes: RouteHandlers<'placements'> = {
  'POST /placements': async (c) => {
    const identity = requireIdentity(c);
    const key = idempotencyKey(c.req.header('idempotency-key'));
    const input = await readJson(c, PlacementInput);
    await checkProvisionExists(c, input.provisionId);
    const deps = c.get('deps');
    const { placement, created } = await deps.placements.create(input, {
      actor: actorOf(identity),
      now: deps.now(),
      ...(key !== undefined ? { idempotencyKey: key } : {}),
    });
    c.header('Location', `/placements/${encodeURIComponent(placement.id)}`);
    c.header('ETag', etag(placement.version));
    // A retried create answers exactly as the first did; this header tells the client it was a replay.
    if (!created) c.header('Idempotent-Replayed', 'true');
    return c.json(placement, 201);
  },

  'GET /placements': async (c) => {
    const { limit, cursor, ...filter } = readQuery(c, PlacementListQuery);
    const page = await c.get('deps').placements.list(filter, { limit, ...(cursor ? { cursor } : {}) });
    return c.json(page);
  },

  'GET /placements/{id}': async (c) => {
    const id = placementId(c.req.param('id'));
    const placement = await c.get('deps').placements.get(id);
    if (!placement) throw new NotFoundError('placement', id);
    c.header('ETag', etag(placement.version));
    return c.json(placement);
  },

  'PATCH /placements/{id}': async (c) => {
    const identity = requireIdentity(c);
    const id = placementId(c.req.param('id'));
    const patch = await readJson(c, PlacementPatch);
    await checkProvisionExists(c, patch.provisionId);
    const deps = c.get('deps');
    const placement = await deps.placements.update(id, patch, {
      actor: actorOf(identity),
      now: deps.now(),
      expectedVersion: requiredVersion(c, patch.version),
    });
    c.header('ETag', etag(placement.version));
    return c.json(placement);
  },

  'POST /placements/{id}/end': async (c) => {
    const identity = requireIdentity(c);
    const id = placementId(c.req.param('id'));
    const end = await readJson(c, PlacementEnd);
    const deps = c.get('deps');
    const version = expectedVersion(c, end.version);
    const placement = await deps.placements.end(id, end, {
      actor: actorOf(identity),
      now: deps.now(),
      ...(version !== undefined ? { expectedVersion: version } : {}),
    });
    c.header('ETag', etag(placement.version));
    return c.json(placement);
  },

  'GET /placements/{id}/history': async (c) => {
    const id = placementId(c.req.param('id'));
    return c.json({ items: await c.get('deps').placements.history(id) });
  },
};
