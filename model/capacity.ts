// Local specialist capacity against projected specialist demand, by need × phase × census year:
// utilisation, shortfall, and the children who overflow to independent / out-of-borough places at their
// unit cost. Decision record: model/decisions/capacity.md.
import { PHASES, type Phase } from '../domain/codes';
import { apportionPlaces, type Provision, placesInAcademicYear } from '../domain/provision';
import type { Rollups } from './engine';
import type { MarkovModel } from './estimate';
import type { CapacityRow } from './output';
import { summariseDraws } from './quantiles';

/** Places added (or removed, if negative) for one need × phase from an academic year (a scenario lever). */
export interface PlaceChange {
  need: string;
  phase: Phase;
  places: number;
  fromAcademicYear: number;
}

export interface CapacityPlan {
  /** One entry per need × phase that some provision (or place change) serves. */
  cells: { need: number; phase: number; places: Float64Array }[];
  /** Total local places per census year t. */
  totalPlaces: Float64Array;
  /**
   * Per draw × year: children beyond local places, and the cost of all specialist children under the
   * capacity view (local up to the places at the local unit cost, the rest at the overflow unit cost).
   */
  overflow: Float64Array;
  capacityCost: Float64Array;
  /** Per cell × draw × year: overflow count and cost (for the per-row quantiles). */
  cellOverflow: Float64Array;
  cellOverflowCost: Float64Array;
}

/** Academic year (by its starting calendar year) that contains the January census of `censusYear`. */
export const academicYearOfCensus = (censusYear: number) => censusYear - 1;

const isOverflowSetting = (setting: string) =>
  setting.endsWith('@OB') || /^(independent-special|non-maintained-special)/.test(setting);

/**
 * Unit costs a specialist child has locally and when overflowing, per need and year: the mean over the
 * specialist in-borough maintained settings, and over the specialist out-of-borough / independent ones;
 * a missing side falls back to the other (so the overflow premium is 0, never NaN).
 */
function specialistUnitCosts(model: MarkovModel, specialist: Uint8Array, unitCost: Float64Array[]) {
  const { needs, settings } = model.space;
  const S = settings.length;
  return unitCost.map((table) =>
    needs.map((_, n) => {
      const local: number[] = [];
      const outside: number[] = [];
      settings.forEach((setting, s) => {
        if (specialist[s] !== 1) return;
        (isOverflowSetting(setting) ? outside : local).push(table[n * S + s] as number);
      });
      const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
      const localCost = mean(local) ?? mean(outside) ?? 0;
      return { local: localCost, overflow: mean(outside) ?? localCost };
    }),
  );
}

/**
 * Places per need × phase × census year. A provision serving several needs and phases has its places shared
 * evenly across them, in whole places (`apportionPlaces`: the register does not say how a school fills them).
 */
export function planCapacity(
  model: MarkovModel,
  rollups: Rollups,
  provisions: readonly Pick<Provision, 'needs' | 'phases' | 'commissionedPlaces' | 'plannedChanges'>[],
  placeChanges: readonly PlaceChange[],
  unitCost: Float64Array[],
  specialist: Uint8Array,
): CapacityPlan {
  const { needs } = model.space;
  const N = needs.length;
  const P = PHASES.length;
  const T = rollups.years.length;
  const draws = rollups.draws;
  const places = new Map<number, Float64Array>();
  const cellOf = (need: string, phase: Phase) => {
    const n = needs.indexOf(need);
    if (n < 0) return null;
    const key = n * P + PHASES.indexOf(phase);
    const row = places.get(key) ?? new Float64Array(T);
    places.set(key, row);
    return row;
  };
  for (const provision of provisions) {
    const served = provision.needs.flatMap((need) => provision.phases.map((phase) => ({ need, phase })));
    rollups.years.forEach((year, t) => {
      const shares = apportionPlaces(
        placesInAcademicYear(provision, academicYearOfCensus(year)),
        served.length,
      );
      served.forEach(({ need, phase }, index) => {
        const row = cellOf(need, phase);
        if (row) row[t] = (row[t] as number) + (shares[index] as number); // a need with no history is not modelled
      });
    });
  }
  for (const change of placeChanges) {
    const row = cellOf(change.need, change.phase);
    if (!row) continue;
    rollups.years.forEach((year, t) => {
      if (academicYearOfCensus(year) >= change.fromAcademicYear)
        row[t] = Math.max(0, (row[t] as number) + change.places);
    });
  }
  const cells = [...places.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, row]) => ({ need: Math.floor(key / P), phase: key % P, places: row }));
  const costs = specialistUnitCosts(model, specialist, unitCost);
  const totalPlaces = new Float64Array(T);
  for (const cell of cells)
    for (let t = 0; t < T; t++) totalPlaces[t] = (totalPlaces[t] as number) + (cell.places[t] as number);

  const overflow = new Float64Array(draws * T);
  const capacityCost = new Float64Array(draws * T);
  const cellOverflow = new Float64Array(cells.length * draws * T);
  const cellOverflowCost = new Float64Array(cells.length * draws * T);
  const covered = new Set(cells.map((cell) => cell.need * P + cell.phase));
  for (let d = 0; d < draws; d++) {
    for (let t = 0; t < T; t++) {
      const row = d * T + t;
      let over = 0;
      // Covered cells are re-priced; specialist children in cells no provision serves keep their chain cost.
      let cost = 0;
      for (let n = 0; n < N; n++) {
        for (let p = 0; p < P; p++) {
          if (!covered.has(n * P + p)) cost += rollups.specialistCost[(row * N + n) * P + p] as number;
        }
      }
      cells.forEach((cell, k) => {
        const demand = rollups.specialist[(row * N + cell.need) * P + cell.phase] as number;
        const available = cell.places[t] as number;
        const beyond = Math.max(0, demand - available);
        const unit = costs[t]?.[cell.need] ?? { local: 0, overflow: 0 };
        over += beyond;
        cost += (demand - beyond) * unit.local + beyond * unit.overflow;
        cellOverflow[(k * draws + d) * T + t] = beyond;
        cellOverflowCost[(k * draws + d) * T + t] = beyond * unit.overflow;
      });
      overflow[row] = over;
      capacityCost[row] = cost;
    }
  }
  return { cells, totalPlaces, overflow, capacityCost, cellOverflow, cellOverflowCost };
}

export function capacityRows(plan: CapacityPlan, rollups: Rollups, needs: readonly string[]): CapacityRow[] {
  const T = rollups.years.length;
  const N = needs.length;
  const P = PHASES.length;
  const draws = rollups.draws;
  const summary = (pick: (d: number) => number) => summariseDraws(draws, pick);
  return plan.cells.flatMap((cell, k) =>
    rollups.years.map((year, t) => {
      const demand = summary(
        (d) => rollups.specialist[((d * T + t) * N + cell.need) * P + cell.phase] as number,
      );
      const places = cell.places[t] as number;
      return {
        need: needs[cell.need] as string,
        phase: PHASES[cell.phase] as string,
        year,
        places,
        demand,
        shortfall: { p50: Math.max(0, demand.p50 - places), p95: Math.max(0, demand.p95 - places) },
        utilisation: places > 0 ? demand.p50 / places : null,
        overflow: summary((d) => plan.cellOverflow[(k * draws + d) * T + t] as number),
        overflowCost: summary((d) => plan.cellOverflowCost[(k * draws + d) * T + t] as number),
      };
    }),
  );
}
