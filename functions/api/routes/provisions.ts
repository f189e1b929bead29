// /provisions: local commissioned capacity. Planners write; everyone signed in reads.
import { Hono } from 'hono';
import { Id } from '../../../domain/placement';
import { ProvisionInput, ProvisionPatch } from '../../../domain/provision';
import type { AppEnv } from '../app';
import { NotFoundError } from '../errors';
import { parseWith, readJson } from '../http';
import { requireGroup, requireIdentity } from '../identity';
import { actorOf, etag, requiredVersion } from './concurrency';

const provisionId = (raw: string) => parseWith(Id, raw, 'id');

export function provisionRoutes() {
  const routes = new Hono<AppEnv>();

  routes.post('/provisions', async (c) => {
    const identity = requireGroup(c, 'planners');
    const input = await readJson(c, ProvisionInput);
    const deps = c.get('deps');
    const { provision, created } = await deps.provisions.create(input, {
      actor: actorOf(identity),
      now: deps.now(),
    });
    c.header('Location', `/provisions/${encodeURIComponent(provision.id)}`);
    c.header('ETag', etag(provision.version));
    if (!created) c.header('Idempotent-Replayed', 'true');
    return c.json(provision, 201);
  });

  routes.get('/provisions', async (c) => {
    requireIdentity(c);
    return c.json({ items: await c.get('deps').provisions.all() });
  });

  routes.get('/provisions/:id', async (c) => {
    requireIdentity(c);
    const id = provisionId(c.req.param('id'));
    const provision = await c.get('deps').provisions.get(id);
    if (!provision) throw new NotFoundError('provision', id);
    c.header('ETag', etag(provision.version));
    return c.json(provision);
  });

  routes.patch('/provisions/:id', async (c) => {
    const identity = requireGroup(c, 'planners');
    const id = provisionId(c.req.param('id'));
    const patch = await readJson(c, ProvisionPatch);
    const deps = c.get('deps');
    const provision = await deps.provisions.update(id, patch, {
      actor: actorOf(identity),
      now: deps.now(),
      expectedVersion: requiredVersion(c, patch.version),
    });
    c.header('ETag', etag(provision.version));
    return c.json(provision);
  });

  return routes;
}
