// Scenarios: a zod-validated JSON list of changes, compiled to engine adjustments, and the scenario-vs-
// baseline comparison. Both runs use the same seed and per-state random streams (common random numbers),
// so the difference is the scenario's effect, not Monte Carlo noise. Decision record:
// model/decisions/scenarios.md.
import { PHASES, Phase } from '../domain/codes';
import { FreeText, Name } from '../domain/text';
import * as z from '../domain/zod';
import type { CapacityPlan, PlaceChange } from './capacity';
import { type Adjustments, noAdjustments, type Redirect, type Rollups } from './engine';
import { type MarkovModel, ModelInputError } from './estimate';
import type { ScenarioComparison } from './output';

const Year = z.number().int().min(1900).max(2200);
const Code = Name(64);

const PlacesChange = z.strictObject({
  kind: z.literal('places'),
  /** Name of the provision (new or existing) the places belong to; informative. */
  provision: Name(200).optional(),
  need: Code,
  phase: Phase,
  /** Places added (positive) or removed (negative). */
  places: z.number().int(),
  fromAcademicYear: Year,
});

const ScaleChange = z.strictObject({
  kind: z.literal('scale'),
  transition: z.enum(['joiners', 'leavers', 'movers']),
  need: Code.optional(),
  /** Setting joined / left / moved out of; all settings when absent. */
  setting: Code.optional(),
  factor: z.number().min(0).max(100),
  fromYear: Year,
});

const RedirectChange = z.strictObject({
  kind: z.literal('redirect'),
  transition: z.enum(['joiners', 'movers']),
  need: Code.optional(),
  phase: Phase.optional(),
  fromSetting: Code,
  toSetting: Code,
  share: z.number().min(0).max(1),
  fromYear: Year,
});

const CloseChange = z.strictObject({
  kind: z.literal('close'),
  setting: Code,
  fromYear: Year,
});

const UnitCostChange = z.strictObject({
  kind: z.literal('unit-cost'),
  need: Code.optional(),
  setting: Code,
  /** Annual unit cost at base-year prices. */
  cost: z.number().min(0),
  fromYear: Year.optional(),
});

const InflationChange = z.strictObject({
  kind: z.literal('inflation'),
  rate: z.number().gt(-1).lt(1),
});

export const ScenarioChange = z.discriminatedUnion('kind', [
  PlacesChange,
  ScaleChange,
  RedirectChange,
  CloseChange,
  UnitCostChange,
  InflationChange,
]);
export type ScenarioChange = z.infer<typeof ScenarioChange>;

export const Scenario = z
  .strictObject({
    name: Name(200),
    description: FreeText(2000).optional(),
    /** One-off capital cost (£) the savings must pay back: sets the break-even year. */
    capitalCost: z.number().min(0).optional(),
    changes: z.array(ScenarioChange).min(1).max(200),
  })
  .meta({ id: 'Scenario' });
export type Scenario = z.infer<typeof Scenario>;

export interface CompiledScenario {
  adjustments: Adjustments;
  /** Unit-cost table per year t (base-year prices) where the scenario changes it, else null. */
  unitCost: (Float64Array | null)[];
  inflation: number | undefined;
  placeChanges: PlaceChange[];
}

const PHASE_NCY: Record<Phase, [number, number]> = {
  'early-years': [-10, -1],
  primary: [0, 6],
  secondary: [7, 11],
  'post-16': [12, 14],
  'post-19': [15, 30],
};

/** Resolve the scenario's names against the model and expand it into per-year engine adjustments. */
export function compileScenario(
  scenario: Scenario,
  model: MarkovModel,
  years: readonly number[],
  baseCosts: Float64Array,
): CompiledScenario {
  const { needs, settings } = model.space;
  const N = needs.length;
  const S = settings.length;
  const T = years.length;
  const lookup = (list: readonly string[], value: string, field: string, index: number) => {
    const at = list.indexOf(value);
    if (at < 0) {
      throw new ModelInputError(
        `scenario changes[${index}].${field}: "${value}" is not in the data (known: ${list.join(', ')})`,
      );
    }
    return at;
  };
  const adjustments = noAdjustments(T - 1);
  const unitCost: (Float64Array | null)[] = Array(T).fill(null);
  const placeChanges: PlaceChange[] = [];
  let inflation: number | undefined;
  const factorTable = (tables: (Float64Array | null)[], t: number) => {
    const table = tables[t] ?? new Float64Array(N * S).fill(1);
    tables[t] = table;
    return table;
  };

  scenario.changes.forEach((change, index) => {
    switch (change.kind) {
      case 'places': {
        lookup(needs, change.need, 'need', index);
        placeChanges.push({
          need: change.need,
          phase: change.phase,
          places: change.places,
          fromAcademicYear: change.fromAcademicYear,
        });
        return;
      }
      case 'scale': {
        const n = change.need === undefined ? -1 : lookup(needs, change.need, 'need', index);
        const s = change.setting === undefined ? -1 : lookup(settings, change.setting, 'setting', index);
        const tables =
          change.transition === 'joiners'
            ? adjustments.joinerFactor
            : change.transition === 'leavers'
              ? adjustments.leaveFactor
              : adjustments.moveFactor;
        years.forEach((year, t) => {
          if (t === 0 || year < change.fromYear) return;
          const table = factorTable(tables, t);
          for (let needAt = 0; needAt < N; needAt++) {
            if (n !== -1 && needAt !== n) continue;
            for (let settingAt = 0; settingAt < S; settingAt++) {
              if (s !== -1 && settingAt !== s) continue;
              table[needAt * S + settingAt] = (table[needAt * S + settingAt] as number) * change.factor;
            }
          }
        });
        return;
      }
      case 'redirect': {
        const [minNcy, maxNcy] = change.phase ? PHASE_NCY[change.phase] : [-10, 30];
        const rule: Redirect = {
          need: change.need === undefined ? -1 : lookup(needs, change.need, 'need', index),
          minNcy,
          maxNcy,
          from: lookup(settings, change.fromSetting, 'fromSetting', index),
          to: lookup(settings, change.toSetting, 'toSetting', index),
          share: change.share,
        };
        const lists =
          change.transition === 'joiners' ? adjustments.joinerRedirects : adjustments.moverRedirects;
        years.forEach((year, t) => {
          if (t > 0 && year >= change.fromYear) lists[t]?.push(rule);
        });
        return;
      }
      case 'close': {
        const s = lookup(settings, change.setting, 'setting', index);
        years.forEach((year, t) => {
          if (t === 0 || year < change.fromYear) return;
          const closed = adjustments.closed[t] ?? new Uint8Array(S);
          closed[s] = 1;
          adjustments.closed[t] = closed;
        });
        return;
      }
      case 'unit-cost': {
        const n = change.need === undefined ? -1 : lookup(needs, change.need, 'need', index);
        const s = lookup(settings, change.setting, 'setting', index);
        years.forEach((year, t) => {
          if (change.fromYear !== undefined && year < change.fromYear) return;
          const table = unitCost[t] ?? Float64Array.from(baseCosts);
          for (let needAt = 0; needAt < N; needAt++) {
            if (n === -1 || needAt === n) table[needAt * S + s] = change.cost;
          }
          unitCost[t] = table;
        });
        return;
      }
      case 'inflation':
        inflation = change.rate;
        return;
    }
  });
  return { adjustments, unitCost, inflation, placeChanges };
}

export interface ScenarioRunResult {
  rollups: Rollups;
  capacity: CapacityPlan | null;
}

const meanOver = (values: Float64Array, draws: number, T: number, t: number) => {
  let sum = 0;
  for (let d = 0; d < draws; d++) sum += values[d * T + t] as number;
  return sum / draws;
};

/** Per draw × year: the sum of a roll-up's `width` cells (e.g. every need × phase). */
function sumCells(values: Float64Array, rows: number, width: number): Float64Array {
  const totals = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    let sum = 0;
    for (let k = 0; k < width; k++) sum += values[row * width + k] as number;
    totals[row] = sum;
  }
  return totals;
}

/**
 * Scenario against baseline, year by year (means across draws of per-draw values). With capacity the cost
 * is the capacity view (specialist children local up to the places, the rest at the overflow cost) and
 * out-of-borough placements are the overflow; without it, the chain's cost and out-of-borough settings.
 * Saving = baseline − scenario; break-even = first year the cumulative saving reaches the capital cost
 * (or turns positive when there is none).
 */
export function compareScenario(
  scenario: Scenario,
  model: MarkovModel,
  baseline: ScenarioRunResult,
  alternative: ScenarioRunResult,
): ScenarioComparison {
  const N = model.space.needs.length;
  const T = baseline.rollups.years.length;
  const draws = baseline.rollups.draws;
  const view = (run: ScenarioRunResult) => {
    const capacity = baseline.capacity || alternative.capacity ? run.capacity : null;
    const width = N * PHASES.length;
    const specialistChainCost = sumCells(run.rollups.specialistCost, draws * T, width);
    return {
      demand: sumCells(run.rollups.specialist, draws * T, width),
      places: capacity?.totalPlaces ?? new Float64Array(T),
      outOfBorough: capacity?.overflow ?? run.rollups.outOfBorough,
      cost: capacity
        ? run.rollups.cost.map(
            (cost, row) =>
              cost - (specialistChainCost[row] as number) + (capacity.capacityCost[row] as number),
          )
        : run.rollups.cost,
    };
  };
  const base = view(baseline);
  const alt = view(alternative);
  let cumulative = 0;
  let breakEvenYear: number | null = null;
  const target = scenario.capitalCost ?? 0;
  const rows = baseline.rollups.years.slice(1).map((year, index) => {
    const t = index + 1;
    const baselineCost = meanOver(base.cost, draws, T, t);
    const scenarioCost = meanOver(alt.cost, draws, T, t);
    const saving = baselineCost - scenarioCost;
    cumulative += saving;
    if (breakEvenYear === null && cumulative > 0 && cumulative >= target) breakEvenYear = year;
    return {
      year,
      specialistDemand: {
        baseline: meanOver(base.demand, draws, T, t),
        scenario: meanOver(alt.demand, draws, T, t),
      },
      localPlaces: { baseline: base.places[t] as number, scenario: alt.places[t] as number },
      outOfBoroughAvoided: meanOver(base.outOfBorough, draws, T, t) - meanOver(alt.outOfBorough, draws, T, t),
      cost: { baseline: baselineCost, scenario: scenarioCost },
      saving,
      cumulativeSaving: cumulative,
    };
  });
  return {
    name: scenario.name,
    ...(scenario.capitalCost !== undefined && { capitalCost: scenario.capitalCost }),
    rows,
    breakEvenYear,
  };
}
