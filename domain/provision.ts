// Provision: local specialist capacity the LA commissions (a resourced provision, a special school, …),
// with commissioned places per academic year and planned openings, expansions and closures.
import { Need, Phase, type Setting } from './codes';
import { IsoDate } from './dates';
import { FreeText, Id, Name } from './text';
import * as z from './zod';

export const PROVISION_TYPES = [
  'resourced-provision',
  'maintained-special',
  'special-academy',
  'alternative-provision',
  'specialist-post16',
] as const satisfies readonly Setting[];
export const ProvisionType = z.enum(PROVISION_TYPES);

/** Academic year by its starting calendar year: 2025 is September 2025 to August 2026. */
const AcademicYear = z.number().int().min(2000).max(2100);

export const CommissionedPlaces = z.strictObject({
  academicYear: AcademicYear,
  places: z.number().int().min(0),
});

export const PLANNED_CHANGE_KINDS = ['opening', 'expansion', 'reduction', 'closing'] as const;
export const PLANNED_CHANGE_LABELS: Record<(typeof PLANNED_CHANGE_KINDS)[number], string> = {
  opening: 'Opening',
  expansion: 'Expansion',
  reduction: 'Reduction',
  closing: 'Closing',
};

export const PlannedChange = z.strictObject({
  kind: z.enum(PLANNED_CHANGE_KINDS),
  date: IsoDate,
  /** Places added (positive) or removed (negative) from this date. */
  places: z.number().int(),
  note: FreeText(500).optional(),
});

const provisionFields = {
  name: Name(200),
  type: ProvisionType,
  providerUrn: z
    .string()
    .regex(/^\d{6,7}$/, 'expected a 6- or 7-digit URN')
    .optional(),
  needs: z.array(Need).min(1),
  phases: z.array(Phase).min(1),
  commissionedPlaces: z.array(CommissionedPlaces).min(1),
  plannedChanges: z.array(PlannedChange).default([]),
};

const uniqueAcademicYears = (rows: { academicYear: number }[]) =>
  new Set(rows.map((row) => row.academicYear)).size === rows.length;

export const ProvisionInput = z
  .strictObject({ id: Id.optional(), ...provisionFields })
  .refine((p) => uniqueAcademicYears(p.commissionedPlaces), {
    path: ['commissionedPlaces'],
    message: 'one row per academic year',
  })
  .meta({ id: 'ProvisionInput' });
export type ProvisionInput = z.infer<typeof ProvisionInput>;

export const ProvisionPatch = z
  .strictObject({
    name: provisionFields.name.optional(),
    type: provisionFields.type.optional(),
    providerUrn: provisionFields.providerUrn,
    needs: provisionFields.needs.optional(),
    phases: provisionFields.phases.optional(),
    commissionedPlaces: provisionFields.commissionedPlaces
      .refine(uniqueAcademicYears, 'one row per academic year')
      .optional(),
    plannedChanges: z.array(PlannedChange).optional(),
    version: z.number().int().positive().optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), { message: 'nothing to change' })
  .meta({ id: 'ProvisionPatch' });
export type ProvisionPatch = z.infer<typeof ProvisionPatch>;

export const Provision = z
  .object({
    id: Id,
    ...provisionFields,
    version: z.number().int().positive(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: 'Provision' });
export type Provision = z.infer<typeof Provision>;

/**
 * Places available in an academic year: the commissioned figure for that year (or the latest earlier one),
 * plus planned changes dated on or before 1 September of that year.
 */
export function placesInAcademicYear(
  provision: Pick<Provision, 'commissionedPlaces' | 'plannedChanges'>,
  year: number,
) {
  const known = provision.commissionedPlaces
    .filter((row) => row.academicYear <= year)
    .sort((a, b) => a.academicYear - b.academicYear);
  const base = known.at(-1);
  const since = base?.academicYear ?? Number.NEGATIVE_INFINITY;
  const changes = provision.plannedChanges
    .filter((change) => {
      const changeYear = Number(change.date.slice(0, 4)) - (Number(change.date.slice(5, 7)) < 9 ? 1 : 0);
      return changeYear > since && changeYear <= year;
    })
    .reduce((sum, change) => sum + change.places, 0);
  return Math.max(0, (base?.places ?? 0) + changes);
}

/**
 * A provision's places shared out over the needs × phases it serves, in whole places (a planner never sees
 * 34.5 places). The register does not say how a school fills its places, so each gets an even share; the
 * places that do not divide evenly go one each to the first needs × phases in the order the provision lists
 * them. The shares add up to the places.
 */
export function apportionPlaces(places: number, shares: number): number[] {
  if (!Number.isInteger(shares) || shares < 1)
    throw new RangeError(`shares must be a whole number ≥ 1, got ${shares}`);
  const whole = Math.max(0, Math.round(places));
  const each = Math.floor(whole / shares);
  const left = whole - each * shares;
  return Array.from({ length: shares }, (_, index) => each + (index < left ? 1 : 0));
}
