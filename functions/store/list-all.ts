// Every placement a filter matches, read through the store's paginated list (the filter's own index, a
// page at a time), for exports and per-provision counts: never a read of the whole table for a few rows.
import type { Placement } from '../../domain/placement';
import type { PlacementFilter, PlacementStore } from './ports';

/** The store's largest page: fewest round trips. */
const PAGE = 500;

export async function listAll(
  store: Pick<PlacementStore, 'list'>,
  filter: PlacementFilter,
): Promise<Placement[]> {
  const items: Placement[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(filter, { limit: PAGE, ...(cursor !== undefined ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return items;
}
