// Which placements a list or an export asks for: the query of `GET /placements` and of the filtered export
// files, and the filters the dashboard keeps in its URL — one schema, so a shared link, the API and the
// export always mean the same placements.
import { NEED_LABELS, Need, SETTING_INFO, Setting } from './codes';
import { FIRST_DATE, IsoDate, isDomainDate, LAST_DATE } from './dates';
import { ChildRef } from './placement';
import { Id, Name } from './text';
import * as z from './zod';

const QueryBoolean = z
  .enum(['true', 'false'], 'expected true or false')
  .transform((value) => value === 'true');

/** A date (midnight UTC) or a timestamp with offset, normalised to the UTC form updatedAt is stored in. */
const Instant = z
  .union([IsoDate, z.iso.datetime({ offset: true })], 'expected a date YYYY-MM-DD or an ISO timestamp')
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString())
  .refine((value) => isDomainDate(value.slice(0, 10)), `expected a time from ${FIRST_DATE} to ${LAST_DATE}`);

/** A provider is named by its URN (6 or 7 digits: an exact match) or by part of its name (any case). */
export const PROVIDER_URN = /^\d{6,7}$/;

export const PlacementFilterQuery = z.strictObject({
  primaryNeed: Need.optional(),
  setting: Setting.optional(),
  status: z.enum(['active', 'ended']).optional(),
  inBorough: QueryBoolean.optional(),
  lookedAfter: QueryBoolean.optional(),
  provisionId: Id.optional(),
  provider: Name(200).optional(),
  /** The start of a child reference (any case); a search that looks like a UPN is refused like a record. */
  childRef: ChildRef.optional(),
  /** Only placements changed at or after this instant. */
  changedSince: Instant.optional(),
});
export type PlacementFilter = z.output<typeof PlacementFilterQuery>;
export const PLACEMENT_FILTER_KEYS = Object.keys(PlacementFilterQuery.shape) as (keyof PlacementFilter)[];

/** The filter in plain words, one phrase per condition (empty: every placement). */
export function describePlacementFilter(filter: PlacementFilter): string[] {
  const words: string[] = [];
  if (filter.status !== undefined) words.push(filter.status === 'active' ? 'Active' : 'Ended');
  if (filter.inBorough !== undefined) words.push(filter.inBorough ? 'In borough' : 'Out of borough');
  if (filter.lookedAfter !== undefined) words.push(filter.lookedAfter ? 'Looked after' : 'Not looked after');
  if (filter.primaryNeed !== undefined)
    words.push(`Need ${filter.primaryNeed} (${NEED_LABELS[filter.primaryNeed].toLowerCase()})`);
  if (filter.setting !== undefined)
    words.push(`Setting: ${SETTING_INFO[filter.setting].label.toLowerCase()}`);
  if (filter.provider !== undefined)
    words.push(
      PROVIDER_URN.test(filter.provider)
        ? `Provider URN ${filter.provider}`
        : `Provider name contains "${filter.provider}"`,
    );
  if (filter.provisionId !== undefined) words.push(`Provision ${filter.provisionId}`);
  if (filter.childRef !== undefined) words.push(`Child reference starts "${filter.childRef}"`);
  if (filter.changedSince !== undefined)
    words.push(`Changed since ${filter.changedSince.slice(0, 16).replace('T', ' ')} UTC`);
  return words;
}

/** A file name part for an export of the filter: `out-of-borough-looked-after` (or `all`). */
export const placementFilterSlug = (filter: PlacementFilter): string =>
  describePlacementFilter(filter)
    .join(' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
    .replace(/-$/, '') || 'all';
