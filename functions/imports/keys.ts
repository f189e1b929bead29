// Identity of imported rows. A placement's natural key is childRef + startDate + setting: the same
// child starting in the same kind of setting on the same day is the same placement, whichever file says so.
// Its id is derived from that key, so re-importing, or retrying a batch, can only rewrite the same record.
import { createHash } from 'node:crypto';
import type { PlacementInput } from '../../domain/placement';

export const naturalKey = (p: Pick<PlacementInput, 'childRef' | 'startDate' | 'setting'>): string =>
  `${p.childRef}|${p.startDate}|${p.setting}`;

/** `imp-` + 40 hex digits of sha256(natural key): a valid placement Id, stable across imports. */
export const importedPlacementId = (p: Pick<PlacementInput, 'childRef' | 'startDate' | 'setting'>): string =>
  `imp-${createHash('sha256').update(naturalKey(p)).digest('hex').slice(0, 40)}`;
