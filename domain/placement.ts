// Placement: one child's EHCP placement in one setting over a period, with its annual cost by funder.
// The zod schemas are the single source of truth for validation and types across API, importer, CLI and UI.
import { FUNDERS, MAX_NCY, MIN_NCY, Need, Setting } from './codes';
import {
  assertDomainDate,
  BirthMonth,
  DateRangeError,
  FIRST_YEAR,
  IsoDate,
  isCalendarDate,
  LAST_YEAR,
  ncyFromBirthMonth,
} from './dates';
import { personalDataIn } from './identifiers';
import { Pounds } from './money';
import { Id, Name } from './text';
import * as z from './zod';

/**
 * A pseudonymous child reference: the authority's own case number or a key made for the purpose. Never a UPN,
 * ULN or NHS number, nor a date (of birth), anywhere inside it (domain/identifiers.ts); the message names what
 * was found, never the value. The dashboard's forms use this schema too, so such a reference is refused
 * before it leaves the browser.
 */
export const ChildRef = z
  .string()
  .min(1, 'give a child reference')
  .max(64, 'a child reference has at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'a pseudonymous reference uses only letters, digits, ".", "_" or "-"')
  .superRefine((ref, ctx) => {
    const found = personalDataIn(ref);
    if (found)
      ctx.addIssue({
        code: 'custom',
        message: `contains ${found}: use a pseudonymous reference, never a UPN, ULN, NHS number or date of birth`,
      });
  });

const money = Pounds(0, 10_000_000, 'an annual cost above £10m is not plausible');

/** Annual cost in GBP by funder. Missing funders count as 0. */
export const Costs = z.strictObject({
  education: money.default(0),
  socialCare: money.default(0),
  health: money.default(0),
  transport: money.default(0),
});
export type Costs = z.infer<typeof Costs>;
export const totalAnnualCost = (costs: Costs): number =>
  FUNDERS.reduce((sum, funder) => sum + costs[funder], 0);

/** Costs in force from a date; a placement keeps every change so spend can be recomputed for any period. */
export const CostPeriod = z.strictObject({ effectiveFrom: IsoDate, costs: Costs });
export type CostPeriod = z.infer<typeof CostPeriod>;

export const END_REASONS = [
  'moved-setting',
  'moved-out-of-area',
  'plan-ceased-needs-met',
  'plan-ceased-other',
  'transferred-to-adult-services',
  'left-education',
  'other',
] as const;
export const EndReason = z.enum(END_REASONS);
export type EndReason = z.infer<typeof EndReason>;

export const END_REASON_LABELS: Record<EndReason, string> = {
  'moved-setting': 'Moved to another setting',
  'moved-out-of-area': 'Moved out of the area',
  'plan-ceased-needs-met': 'Plan ceased: needs met',
  'plan-ceased-other': 'Plan ceased: other reason',
  'transferred-to-adult-services': 'Transferred to adult services',
  'left-education': 'Left education or training',
  other: 'Other',
};

const placementFields = {
  childRef: ChildRef,
  primaryNeed: Need,
  secondaryNeed: Need.optional(),
  setting: Setting,
  residential: z.boolean(),
  inBorough: z.boolean(),
  hostLaCode: z
    .string()
    .regex(/^\d{3}$/, 'expected a 3-digit LA code')
    .optional(),
  providerUrn: z
    .string()
    .regex(/^\d{6,7}$/, 'expected a 6- or 7-digit URN')
    .optional(),
  providerName: Name(200).optional(),
  lookedAfter: z.boolean(),
  ncy: z.number().int().min(MIN_NCY).max(MAX_NCY).optional(),
  birthMonth: BirthMonth.optional(),
  startDate: IsoDate,
  endDate: IsoDate.optional(),
  endReason: EndReason.optional(),
  costs: Costs,
  provisionId: Id.optional(),
};

type PlacementShape = {
  primaryNeed: string;
  secondaryNeed?: string | undefined;
  inBorough: boolean;
  hostLaCode?: string | undefined;
  ncy?: number | undefined;
  birthMonth?: string | undefined;
  startDate: string;
  endDate?: string | undefined;
  endReason?: string | undefined;
};

/** Rules across fields, shared by create and by the merged result of an update. */
function checkPlacementRules(p: PlacementShape, ctx: z.RefinementCtx): void {
  if (!p.inBorough && !p.hostLaCode)
    ctx.addIssue({
      code: 'custom',
      path: ['hostLaCode'],
      message: 'required when the placement is out of borough',
    });
  if (p.ncy === undefined && p.birthMonth === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['ncy'],
      message: 'give the year group (ncy) or the birth month (birthMonth)',
    });
  if (p.secondaryNeed !== undefined && p.secondaryNeed === p.primaryNeed)
    ctx.addIssue({ code: 'custom', path: ['secondaryNeed'], message: 'must differ from the primary need' });
  if (p.endDate !== undefined && p.endDate < p.startDate)
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before the start date' });
  if ((p.endDate === undefined) !== (p.endReason === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [p.endDate === undefined ? 'endDate' : 'endReason'],
      message: 'give the end date and the reason it ended together',
    });
  checkAgeRules(p, ctx);
}

/** NCY a child taught out of their year group may be from the one their birth month gives: a year either side. */
export const NCY_TOLERANCE = 1;

/**
 * The birth month and the NCY at the start must describe one child: born before the placement starts, at most
 * 25 then (NCY 20), and in the NCY their age gives, give or take a year (domain.md: NCY = age on 31 August − 5).
 */
function checkAgeRules(p: PlacementShape, ctx: z.RefinementCtx): void {
  // Malformed values are refused by their own schemas; these rules only compare well-formed ones.
  if (
    p.birthMonth === undefined ||
    !/^\d{4}-(0[1-9]|1[0-2])$/.test(p.birthMonth) ||
    !isCalendarDate(p.startDate)
  )
    return;
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const expected = ncyFromBirthMonth(p.birthMonth, p.startDate);
  if (p.birthMonth > p.startDate.slice(0, 7))
    issue('birthMonth', 'must not be after the month the placement starts');
  else if (expected > MAX_NCY)
    issue('birthMonth', `the child would be past NCY ${MAX_NCY} (age 25) when the placement starts`);
  else if (p.ncy !== undefined && Number.isInteger(p.ncy) && Math.abs(p.ncy - expected) > NCY_TOLERANCE)
    issue(
      'ncy',
      `does not fit birthMonth: a child born then is in NCY ${expected} when the placement starts (one year either side is allowed)`,
    );
}

/** Body of `POST /placements`. `id` is optional: a client-given id makes a retried create idempotent. */
export const PlacementInput = z
  .strictObject({ id: Id.optional(), ...placementFields })
  .superRefine(checkPlacementRules)
  .meta({ id: 'PlacementInput' });
export type PlacementInput = z.infer<typeof PlacementInput>;

/** Optional details a correction may remove: `null` for one of them in a PATCH clears it. */
export const REMOVABLE_FIELDS = [
  'secondaryNeed',
  'hostLaCode',
  'providerUrn',
  'providerName',
  'ncy',
  'birthMonth',
  'provisionId',
] as const;
type Removable = (typeof REMOVABLE_FIELDS)[number];
const isRemovable = (key: string): key is Removable => (REMOVABLE_FIELDS as readonly string[]).includes(key);

/** Body of `PATCH /placements/{id}`: any placement field (`null` removes an optional one); `version` here or in `If-Match`. */
export const PlacementPatch = z
  .strictObject({
    ...Object.fromEntries(
      Object.entries(placementFields).map(([key, schema]) => [
        key,
        isRemovable(key) ? schema.nullable().optional() : schema.optional(),
      ]),
    ),
    // A cost change is effective from this date (default: the day of the change); earlier costs are kept.
    costsEffectiveFrom: IsoDate.optional(),
    version: z.number().int().positive().optional(),
  } as {
    [K in Exclude<keyof typeof placementFields, Removable>]: z.ZodOptional<(typeof placementFields)[K]>;
  } & {
    [K in Removable]: z.ZodOptional<z.ZodNullable<(typeof placementFields)[K]>>;
  } & {
    costsEffectiveFrom: z.ZodOptional<typeof IsoDate>;
    version: z.ZodOptional<z.ZodNumber>;
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version' && key !== 'costsEffectiveFrom'), {
    message: 'nothing to change',
  })
  .meta({ id: 'PlacementPatch' });
export type PlacementPatch = z.infer<typeof PlacementPatch>;

/** Body of `POST /placements/{id}/end`. */
export const PlacementEnd = z
  .strictObject({
    endDate: IsoDate,
    endReason: EndReason,
    version: z.number().int().positive().optional(),
  })
  .meta({ id: 'PlacementEnd' });
export type PlacementEnd = z.infer<typeof PlacementEnd>;

/** A stored placement, as the API returns it. */
export const Placement = z
  .object({
    id: Id,
    ...placementFields,
    costHistory: z.array(CostPeriod).min(1),
    version: z.number().int().positive(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
    updatedBy: z.string(),
  })
  .superRefine(checkPlacementRules)
  .meta({ id: 'Placement' });
export type Placement = z.infer<typeof Placement>;

export const validatePlacementRules = (candidate: PlacementShape) =>
  z.custom<PlacementShape>().superRefine(checkPlacementRules).safeParse(candidate);

/** Active on a date: started on or before it and not ended before it (end dates are inclusive). */
export const isActiveOn = (p: Pick<Placement, 'startDate' | 'endDate'>, isoDate: string): boolean =>
  p.startDate <= isoDate && (p.endDate === undefined || p.endDate >= isoDate);

/** The costs in force on a date (the last period whose effectiveFrom is on or before it). */
export function costsOn(p: Pick<Placement, 'costHistory' | 'costs'>, isoDate: string): Costs {
  let current = p.costHistory[0]?.costs ?? p.costs;
  for (const period of p.costHistory) if (period.effectiveFrom <= isoDate) current = period.costs;
  return current;
}

/**
 * The dates of a placement as read back from the store, checked before a calendar engine (census snapshots,
 * exports) relies on them: one stored before the bounds existed, or written around the API, is a
 * DateRangeError naming the placement and field, never a runaway loop or a "NaN" in a file.
 */
export function assertPlacementDates(
  p: Pick<Placement, 'id' | 'startDate' | 'endDate' | 'birthMonth' | 'costHistory'>,
): void {
  const what = (field: string) => `placement ${p.id}: ${field}`;
  assertDomainDate(p.startDate, what('startDate'));
  if (p.endDate !== undefined) assertDomainDate(p.endDate, what('endDate'));
  for (const period of p.costHistory)
    assertDomainDate(period.effectiveFrom, what('costHistory.effectiveFrom'));
  if (p.birthMonth !== undefined) {
    const year = Number(p.birthMonth.slice(0, 4));
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(p.birthMonth) || year < FIRST_YEAR || year > LAST_YEAR)
      throw new DateRangeError(
        `${what('birthMonth')} ${JSON.stringify(p.birthMonth)} is not a month in ${FIRST_YEAR}–${LAST_YEAR}`,
      );
  }
}
