// The large-authority bench data set, shared by the benchmarks and the scale tests: about 50,000 placement
// records of which about 22,000 are active, with the demo authority's need, setting, cost and history mix
// (infra/local/demo: calibrated to docs/domain.md). It is built from copies of the demo authority with
// different seeds, each copy a distinct set of children, keeping the active placements of enough copies and
// only the most recent ended ones: a large authority's table with about five years of ended placements.
// Also the 50,000-row import CSV, in the import's own headers, generated at run time (nothing big is committed).
import { isActiveOn, type Placement } from '../../domain/placement';
import type { Provision } from '../../domain/provision';
import { DEFAULT_DEMO_AS_OF, generateDemoAuthority } from '../../infra/local/demo/generate';

export const LARGE_RECORDS = 50_000;
export const LARGE_ACTIVE = 22_000;
export const LARGE_AS_OF = DEFAULT_DEMO_AS_OF;

export interface LargeAuthority {
  asOf: string;
  placements: Placement[];
  provisions: Provision[];
  active: number;
}

/** Prefixes every id and child reference with the copy's tag, so copies never share a child or a record. */
function relabel(placement: Placement, tag: string): Placement {
  return {
    ...placement,
    id: `${tag}-${placement.id}`,
    childRef: `${tag}-${placement.childRef}`,
    ...(placement.provisionId !== undefined ? { provisionId: `${tag}-${placement.provisionId}` } : {}),
  };
}

/**
 * `records` placements, `active` of them active on `LARGE_AS_OF`. Deterministic: the same arguments give the
 * same records. Local provisions are copied with each authority copy, so occupancy stays realistic.
 */
export function largeAuthority(records = LARGE_RECORDS, active = LARGE_ACTIVE): LargeAuthority {
  if (!(Number.isInteger(records) && Number.isInteger(active) && active > 0 && active <= records))
    throw new RangeError(`need whole numbers with 0 < active ≤ records, got ${active} of ${records}`);
  const asOf = LARGE_AS_OF;
  const current: Placement[] = [];
  const ended: Placement[] = [];
  const provisions: Provision[] = [];
  for (let copy = 1; current.length < active; copy++) {
    if (copy > 1_000) throw new Error('the demo authority has no active placements to copy');
    const tag = `L${String(copy).padStart(3, '0')}`;
    const demo = generateDemoAuthority({ seed: copy, asOf });
    provisions.push(
      ...demo.provisions.map((p) => ({ ...p, id: `${tag}-${p.id}`, name: `${p.name} (${tag})` })),
    );
    // Whole children, in the order the generator made them, until the active count is reached.
    const byChild = new Map<string, Placement[]>();
    for (const p of demo.placements) byChild.set(p.childRef, [...(byChild.get(p.childRef) ?? []), p]);
    for (const placements of byChild.values()) {
      if (current.length >= active) break;
      for (const p of placements) (isActiveOn(p, asOf) ? current : ended).push(relabel(p, tag));
    }
  }
  // Keep the most recently ended: a large authority's table holds its last few years of ended placements.
  ended.sort((a, b) => ((a.endDate ?? '') > (b.endDate ?? '') ? -1 : 1));
  const placements = [...current.slice(0, active), ...ended.slice(0, records - active)];
  if (placements.length < records)
    throw new Error(`only ${placements.length} placements generated, ${records} asked for`);
  return { asOf, placements, provisions, active };
}

const NEEDS = ['ASD', 'SEMH', 'SLCN', 'MLD', 'SLD', 'PD', 'SPLD', 'HI', 'VI', 'MSI', 'PMLD', 'OTH'];
const SETTINGS = ['Mainstream', 'ISS', 'Maintained special', 'Resourced provision', 'FE college', 'NMSS'];

/**
 * A placements CSV of `rows` distinct children, every row valid, in the header spellings an authority's
 * export uses (the import maps them): what the import benchmark and the import tests feed the importer.
 */
export function importCsv(rows: number, childPrefix = 'G'): Uint8Array {
  const lines = [
    'Child Ref,Primary Need,Setting,Out of Area,Host LA,LAC,NCY,Start Date,Education Cost,Transport Cost',
  ];
  for (let i = 0; i < rows; i++) {
    const outOfArea = i % 9 === 0;
    lines.push(
      [
        `${childPrefix}-${i}`,
        NEEDS[i % NEEDS.length],
        SETTINGS[i % SETTINGS.length],
        outOfArea ? 'Y' : 'N',
        outOfArea ? '840' : '',
        i % 4 === 0 ? 'Y' : 'N',
        String(i % 14),
        `${String((i % 28) + 1).padStart(2, '0')}/09/${2018 + (i % 7)}`,
        `"£${(8000 + (i % 50) * 1000).toLocaleString('en-GB')}"`,
        String(i % 3000),
      ].join(','),
    );
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}
