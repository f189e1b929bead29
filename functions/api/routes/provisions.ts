// /provisions: local commissioned capacity. Planners write; everyone signed in reads. /occupancy: how full
// each provision is on a date, computed as the monthly occupancy alert computes it (domain/occupancy.ts).
import { academicYearStartOf } from '../../../domain/dates';
import {
  OccupancyQuery,
  type OccupancyReport,
  occupancyLevel,
  occupancyShare,
  provisionOccupancy,
} from '../../../domain/occupancy';
import { ProvisionInput, ProvisionPatch } from '../../../domain/provision';
import { Id } from '../../../domain/text';
import type { RouteHandlers } from '../app';
import { NotFoundError } from '../errors';
import { parseWith, readJson, readQuery } from '../http';
import { requireIdentity } from '../identity';
import { actorOf, etag, requiredVersion } from './concurrency';

const provisionId = (raw: string) => parseWith(Id, raw, 'id');

export const provisionRoutes: RouteHandlers<'provisions'> = {
  'POST /provisions': async (c) => {
    const identity = requireIdentity(c);
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
  },

  'GET /provisions': async (c) => {
    return c.json({ items: await c.get('deps').provisions.all() });
  },

  'GET /occupancy': async (c) => {
    const deps = c.get('deps');
    const { asOf = deps.now().toISOString().slice(0, 10) } = readQuery(c, OccupancyQuery);
    const { occupancyWarn, occupancyCritical } = deps.alerting.settings.thresholds;
    // Every placement from the projection (a few item reads, kept in memory per state of the records): at
    // 50,000 records paging each provision's index took over a second.
    const [provisions, placements] = await Promise.all([deps.provisions.all(), deps.placements.all()]);
    const items = provisionOccupancy(provisions, placements, asOf).map((row) => {
      const share = occupancyShare(row);
      return {
        ...row,
        // Children in a provision with no places: over capacity, a share JSON cannot write.
        share: Number.isFinite(share) ? share : null,
        level: occupancyLevel(share, { occupancyWarn, occupancyCritical }),
      };
    });
    const report: OccupancyReport = {
      asOf,
      academicYear: academicYearStartOf(asOf),
      thresholds: { occupancyWarn, occupancyCritical },
      items,
    };
    return c.json(report);
  },

  'GET /provisions/{id}': async (c) => {
    const id = provisionId(c.req.param('id'));
    const provision = await c.get('deps').provisions.get(id);
    if (!provision) throw new NotFoundError('provision', id);
    c.header('ETag', etag(provision.version));
    return c.json(provision);
  },

  'PATCH /provisions/{id}': async (c) => {
    const identity = requireIdentity(c);
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
  },
};
