// Occupancy of local provisions: the children placed in each one on a date against its places that
// academic year. The monthly occupancy alert (domain/alerts.ts) and the dashboard's provisions view both
// read it from here, so a bar at 90% and the alert at 90% can never disagree.
import { academicYearStartOf, IsoDate } from './dates';
import { isActiveOn, type Placement } from './placement';
import { type Provision, placesInAcademicYear } from './provision';
import * as z from './zod';

export interface ProvisionOccupancy {
  provisionId: string;
  name: string;
  places: number;
  occupied: number;
}

/** Occupancy thresholds, as shares of places (the authority's alert thresholds). */
export interface OccupancyThresholds {
  occupancyWarn: number;
  occupancyCritical: number;
}

export const OCCUPANCY_LEVELS = ['ok', 'warn', 'critical'] as const;
export type OccupancyLevel = (typeof OCCUPANCY_LEVELS)[number];

/** `GET /occupancy?asOf=`: each provision's places and how many are filled (counts only, no child). */
export const OccupancyQuery = z.strictObject({ asOf: IsoDate.optional() });

/** The `/occupancy` answer. */
export const OccupancyReport = z
  .object({
    asOf: z.string().meta({ format: 'date' }),
    /** The academic year (its starting calendar year) whose places count. */
    academicYear: z.number().int(),
    thresholds: z.object({ occupancyWarn: z.number(), occupancyCritical: z.number() }),
    items: z.array(
      z.object({
        provisionId: z.string(),
        name: z.string(),
        places: z.number().int(),
        occupied: z.number().int(),
        /** occupied ÷ places; null when children are placed in a provision with no places. */
        share: z.number().nullable(),
        level: z.enum(OCCUPANCY_LEVELS),
      }),
    ),
  })
  .meta({ id: 'OccupancyReport' });
export type OccupancyReport = z.infer<typeof OccupancyReport>;

/** Placements naming each provision, active on `asOf`, against its places in that academic year. */
export function provisionOccupancy(
  provisions: readonly Provision[],
  placements: readonly Pick<Placement, 'provisionId' | 'startDate' | 'endDate'>[],
  asOf: string,
): ProvisionOccupancy[] {
  const year = academicYearStartOf(asOf);
  const occupied = new Map<string, number>();
  for (const p of placements)
    if (p.provisionId && isActiveOn(p, asOf))
      occupied.set(p.provisionId, (occupied.get(p.provisionId) ?? 0) + 1);
  return provisions.map((provision) => ({
    provisionId: provision.id,
    name: provision.name,
    places: placesInAcademicYear(provision, year),
    occupied: occupied.get(provision.id) ?? 0,
  }));
}

/**
 * Share of places filled. A provision with no places that still has children in it is over capacity
 * (infinite), not "infinitely full" of nothing: with no children it is 0.
 */
export const occupancyShare = ({ places, occupied }: Pick<ProvisionOccupancy, 'places' | 'occupied'>) =>
  places > 0 ? occupied / places : occupied > 0 ? Number.POSITIVE_INFINITY : 0;

export function occupancyLevel(share: number, thresholds: OccupancyThresholds): OccupancyLevel {
  if (share >= thresholds.occupancyCritical) return 'critical';
  if (share >= thresholds.occupancyWarn) return 'warn';
  return 'ok';
}
