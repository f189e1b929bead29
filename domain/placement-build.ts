// Pure construction of stored placements: from a create body, from a patch, and on ending. The store adds
// keys and writes; routes map the field problems returned here to 400s.
import {
  type CostPeriod,
  type Placement,
  type PlacementEnd,
  type PlacementInput,
  type PlacementPatch,
  validatePlacementRules,
} from './placement';

interface Actor {
  userId: string;
  name: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export type BuildResult = { ok: true; placement: Placement } | { ok: false; problems: FieldProblem[] };

/** A new placement at version 1. Its cost history starts with the given costs from the start date. */
export function buildPlacement(
  input: PlacementInput,
  options: { id: string; now: Date; actor: Actor; costHistory?: CostPeriod[] },
): Placement {
  const { id: _clientId, ...fields } = input;
  const at = options.now.toISOString();
  return {
    id: options.id,
    ...fields,
    costHistory: options.costHistory ?? [{ effectiveFrom: input.startDate, costs: input.costs }],
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: options.actor.name,
    updatedBy: options.actor.name,
  };
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * The placement after a patch, at the next version. A cost change is a new period in the cost history,
 * effective from `costsEffectiveFrom` (default: today); the same effective date replaces that period.
 * The merged record must still pass every cross-field rule.
 */
export function applyPlacementPatch(
  current: Placement,
  patch: PlacementPatch,
  options: { now: Date; actor: Actor },
): BuildResult {
  const { version: _version, costsEffectiveFrom, ...changes } = patch;
  const problems: FieldProblem[] = [];
  if (costsEffectiveFrom !== undefined && changes.costs === undefined)
    problems.push({ field: 'costsEffectiveFrom', message: 'only with a change of costs' });

  // `null` removes an optional detail (PlacementPatch allows it only for those).
  const merged = Object.fromEntries(
    Object.entries({ ...current, ...changes }).filter(([, value]) => value !== null),
  ) as Placement;
  let costHistory = current.costHistory.map((period) => ({ ...period }));
  const first = costHistory[0];
  // The first period always starts with the placement, so moving the start date moves it too.
  if (first && changes.startDate !== undefined) first.effectiveFrom = changes.startDate;
  if (changes.costs !== undefined) {
    const effectiveFrom = costsEffectiveFrom ?? today(options.now);
    const last = costHistory.at(-1);
    if (effectiveFrom < merged.startDate)
      problems.push({
        field: 'costsEffectiveFrom',
        message: `must not be before the start date, ${merged.startDate}`,
      });
    else if (last && effectiveFrom < last.effectiveFrom)
      problems.push({
        field: 'costsEffectiveFrom',
        message: `must not be before the last cost change, effective ${last.effectiveFrom}`,
      });
    else if (last && effectiveFrom === last.effectiveFrom)
      costHistory = [...costHistory.slice(0, -1), { effectiveFrom, costs: changes.costs }];
    else costHistory = [...costHistory, { effectiveFrom, costs: changes.costs }];
  }
  for (let i = 1; i < costHistory.length; i++) {
    const previous = costHistory[i - 1];
    const period = costHistory[i];
    if (previous && period && period.effectiveFrom <= previous.effectiveFrom) {
      problems.push({
        field: 'startDate',
        message: `must be before the cost change effective ${period.effectiveFrom}`,
      });
      break;
    }
  }
  const rules = validatePlacementRules(merged);
  if (!rules.success)
    problems.push(
      ...rules.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    );
  if (problems.length > 0) return { ok: false, problems };

  return {
    ok: true,
    placement: {
      ...merged,
      costs: costHistory.at(-1)?.costs ?? merged.costs,
      costHistory,
      version: current.version + 1,
      updatedAt: options.now.toISOString(),
      updatedBy: options.actor.name,
    },
  };
}

/** The placement ended on a date for a reason, at the next version (the store refuses to end one twice). */
export function endPlacement(
  current: Placement,
  end: PlacementEnd,
  options: { now: Date; actor: Actor },
): BuildResult {
  if (end.endDate < current.startDate)
    return {
      ok: false,
      problems: [{ field: 'endDate', message: `must not be before the start date, ${current.startDate}` }],
    };
  return {
    ok: true,
    placement: {
      ...current,
      endDate: end.endDate,
      endReason: end.endReason,
      version: current.version + 1,
      updatedAt: options.now.toISOString(),
      updatedBy: options.actor.name,
    },
  };
}
