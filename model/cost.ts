// Unit costs by need × setting, inflation, and the financial-year view of census-year costs.
// Decision record: model/decisions/cost.md.
import type { CostRow } from './data';
import type { StateSpace } from './estimate';

/** Default annual inflation of unit costs: 3%, near the 2015–2025 average rise in high-needs unit costs. */
export const DEFAULT_INFLATION = 0.03;

/**
 * Annual unit cost (£, base-year prices) per need × setting, index need * S + setting. A pair missing from
 * the costs falls back to the mean cost of its setting over the needs that have one, then to the mean of
 * all costs, then 0 — each fallback reported in `warnings`.
 */
export function unitCostTable(
  space: StateSpace,
  costs: readonly CostRow[],
  warnings: string[] = [],
): Float64Array {
  const S = space.settings.length;
  const table = new Float64Array(space.needs.length * S);
  const given = new Map(costs.map((row) => [`${row.need}\u0000${row.setting}`, row.cost]));
  const bySetting = new Map<string, number[]>();
  for (const row of costs) bySetting.set(row.setting, [...(bySetting.get(row.setting) ?? []), row.cost]);
  const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const overall = costs.length > 0 ? average(costs.map((row) => row.cost)) : 0;
  const fallbacks = new Set<string>();
  space.needs.forEach((need, n) => {
    space.settings.forEach((setting, s) => {
      const exact = given.get(`${need}\u0000${setting}`);
      if (exact !== undefined) {
        table[n * S + s] = exact;
        return;
      }
      const sameSetting = bySetting.get(setting);
      table[n * S + s] = sameSetting ? average(sameSetting) : overall;
      fallbacks.add(sameSetting ? `${setting} (mean over needs)` : `${setting} (mean of all costs)`);
    });
  });
  if (costs.length === 0) warnings.push('no unit costs: every cost is 0');
  else if (fallbacks.size > 0) warnings.push(`unit costs filled in for: ${[...fallbacks].sort().join(', ')}`);
  return table;
}

/** Price index of each year relative to the base year: (1 + inflation)^(year − baseYear). */
export function inflationFactor(inflation: number, baseYear: number, year: number): number {
  if (!(inflation > -1) || !Number.isFinite(inflation))
    throw new RangeError('inflation must be a rate above −100%');
  return (1 + inflation) ** (year - baseYear);
}

/** `2025-26` for the financial year starting April 2025. */
export const financialYearLabel = (startYear: number) =>
  `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;

/**
 * Financial year Y–(Y+1) (April Y to March Y+1) from two January census costs. Census Y counts the children of
 * academic year (Y−1)/Y, who change NCY, phase and often setting in September: April–August (5 months) is at
 * census Y's caseload, September–March (7 months) at census Y+1's, i.e. 5/12 · annualCost(Y) + 7/12 ·
 * annualCost(Y+1), as the finance forecast prices it. Each annual cost is a full year's spend at that census.
 */
export const financialYearCost = (censusCost: number, nextCensusCost: number) =>
  (5 * censusCost + 7 * nextCensusCost) / 12;
