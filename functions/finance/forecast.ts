// The finance forecast behind GET /forecast and the multi-year DSG plan export: loads what it needs through
// the stores (placements from the projection, budgets, settings, population, provisions, scenarios), runs
// the Markov projection once through `projectionDraws` and prices every census of every draw as the model
// makes it (domain/forecast.ts). The priced runs are kept per state of the records, population and
// provisions, so the dashboard, the export and the CLI asking again do not run the model again; the census
// snapshots and the baseline's joiners are shared with the outturn (model-run.ts).
// Decision record: model/decisions/finance-forecast.md.
import type { Budget } from '../../domain/budget';
import type { Phase } from '../../domain/codes';
import { financialYearLabel, financialYearStartOf } from '../../domain/dates';
import { effectiveFinanceSettings, type StoredFinanceSettings } from '../../domain/finance-settings';
import {
  type CostOverride,
  type Forecast,
  type ForecastQuery,
  forecastSpend,
  forecastYearRange,
  lastCensusNeeded,
  type MitigationRun,
  type ObservedCensus,
  type PlaceChange,
  PricedRun,
  planYears,
} from '../../domain/forecast';
import { UnitCosts } from '../../domain/forecast-pricing';
import type { ProjectedJoiners } from '../../domain/outturn';
import type { Placement } from '../../domain/placement';
import { type Provision, placesInAcademicYear } from '../../domain/provision';
import type { PopulationRow } from '../../model/data';
import { projectionDraws } from '../../model/draws';
import { ModelInputError } from '../../model/estimate';
import { MAX_HORIZON } from '../../model/markov';
import type { PopulationSource } from '../../model/population';
import type { Scenario } from '../../model/scenario';
import { SnapshotInputError, type Snapshots } from '../../model/snapshots';
import type { AppDeps } from '../api/deps';
import { AppError, ValidationError } from '../api/errors';
import { requirePopulation } from '../api/routes/population';
import { keyOf, PerState } from '../store/per-state';
import { keepJoiners, MODEL_DRAWS, MODEL_SEED, modelSnapshots } from './model-run';

/** The model cannot run on these records (too little history): a 409 saying why, not a 500. */
export class ForecastUnavailableError extends AppError {
  constructor(reason: string) {
    super(409, 'forecast_unavailable', `the forecast cannot be computed: ${reason}`);
  }
}

interface Runs {
  baseline: PricedRun;
  mitigations: MitigationRun[];
  observed: ObservedCensus;
}

/** Priced runs per state of the records: a few questions each (as at today, with or without mitigations). */
const cache = new PerState<Runs>(8);
/** Priced answers per state of the records and question (budgets, settings and the query included). */
const answers = new PerState<Forecast>(16);

/** Local specialist places by need × phase in each census year's academic year (as the capacity view). */
function localPlaces(provisions: readonly Provision[]) {
  return (need: string, phase: Phase, censusYear: number): number => {
    let places = 0;
    for (const provision of provisions) {
      if (!provision.needs.includes(need as never) || !provision.phases.includes(phase)) continue;
      const share = 1 / (provision.needs.length * provision.phases.length);
      places += placesInAcademicYear(provision, censusYear - 1) * share;
    }
    return places;
  };
}

/** What of a scenario the forecast prices on top of its run: unit-cost changes, place changes, inflation. */
function pricingOf(scenario: Scenario): {
  overrides: CostOverride[];
  places: PlaceChange[];
  uplift?: number;
} {
  const overrides: CostOverride[] = [];
  const places: PlaceChange[] = [];
  let uplift: number | undefined;
  for (const change of scenario.changes) {
    if (change.kind === 'unit-cost')
      overrides.push({
        need: change.need,
        setting: change.setting,
        allFunders: change.cost,
        fromYear: change.fromYear,
      });
    else if (change.kind === 'places') places.push(change);
    else if (change.kind === 'inflation') uplift = change.rate;
  }
  return { overrides, places, ...(uplift === undefined ? {} : { uplift }) };
}

/** Children and out-of-borough children in each observed January census. */
function observedCensuses(
  censuses: ReadonlyMap<number, ReadonlyMap<string, { setting: string }>>,
): ObservedCensus {
  const counts = new Map<number, { children: number; outOfBorough: number }>();
  for (const [year, census] of censuses) {
    let outOfBorough = 0;
    for (const entry of census.values()) if (entry.setting.endsWith('@OB')) outOfBorough += 1;
    counts.set(year, { children: census.size, outOfBorough });
  }
  return (year) => counts.get(year);
}

function priceRuns(
  placements: readonly Placement[],
  input: {
    asOf: string;
    lastCensus: number;
    population: PopulationRow[];
    provisions: Provision[];
    scenarios: NamedScenario[];
  },
): Runs {
  const { asOf, provisions } = input;
  let snapshots: Snapshots;
  try {
    snapshots = modelSnapshots(placements, asOf, input.population);
  } catch (error) {
    if (error instanceof SnapshotInputError) throw new ForecastUnavailableError(error.message);
    throw error;
  }
  const baseYear = snapshots.censusYears.at(-1) as number;
  const horizon = Math.max(1, input.lastCensus - baseYear);
  if (horizon > MAX_HORIZON)
    throw new ValidationError([
      { field: 'query.years', message: `the model projects at most ${MAX_HORIZON} years from ${baseYear}` },
    ]);
  const unitCosts = new UnitCosts(placements, asOf);
  const options = { horizon, draws: MODEL_DRAWS, seed: MODEL_SEED, provisions };
  const baseline = new PricedRun(unitCosts, MODEL_DRAWS, baseYear, horizon);
  const places = localPlaces(provisions);
  const mitigations: MitigationRun[] = [];
  try {
    // The baseline's joiners serve the outturn too (the same draws whatever the horizon or scenario).
    const keep = (output: { joiners?: ProjectedJoiners[] }) =>
      keepJoiners(placements, asOf, input.population, output.joiners ?? []);
    if (input.scenarios.length === 0) keep(projectionDraws(snapshots.data, options, baseline.visit));
    // Each scenario's run comes with the baseline's (common random numbers: draw d of both from the same
    // numbers), so the baseline is the same in every call: it is priced from the first.
    input.scenarios.forEach(({ scenario, ...named }, index) => {
      const pricing = pricingOf(scenario);
      const run = new PricedRun(unitCosts, MODEL_DRAWS, baseYear, horizon, pricing.overrides);
      const output = projectionDraws(snapshots.data, { ...options, scenario }, (census) => {
        if (census.run === 'scenario') run.visit(census);
        else if (index === 0) baseline.visit(census);
      });
      if (index === 0) keep(output);
      run.checkComplete();
      run.applyPlaceChanges(pricing.places, places);
      mitigations.push({
        ...named,
        run,
        ...(pricing.uplift === undefined ? {} : { uplift: pricing.uplift }),
      });
    });
  } catch (error) {
    if (error instanceof ModelInputError) throw new ForecastUnavailableError(error.message);
    throw error;
  }
  baseline.checkComplete();
  return { baseline, mitigations, observed: observedCensuses(snapshots.censuses) };
}

/** Everything the forecast reads, loaded (forecastFor) or given (tests, benches). */
export interface ForecastSources {
  placements: readonly Placement[];
  provisions: Provision[];
  population: { rows: PopulationRow[]; source: PopulationSource };
  settings: StoredFinanceSettings | undefined;
  /** Stored budgets by year; a year not in the map has none. */
  budgets: ReadonlyMap<string, Budget | undefined>;
  scenarios: NamedScenario[];
}

interface NamedScenario {
  id: string;
  name: string;
  description?: string;
  capitalCost?: number;
  scenario: Scenario;
}

/** The years a query covers as at asOf, or a 400 naming the field that takes it out of range. */
export function forecastYears(query: Pick<ForecastQuery, 'from' | 'years'>, asOf: string) {
  const current = financialYearStartOf(asOf);
  const range = forecastYearRange(current);
  const from = query.from ?? financialYearLabel(current);
  const first = Number(from.slice(0, 4));
  const last = first + query.years - 1;
  if (first < range.first || last > range.last)
    throw new ValidationError([
      {
        field: first < range.first ? 'query.from' : 'query.years',
        message: `the forecast as at ${asOf} covers ${financialYearLabel(range.first)} to ${financialYearLabel(range.last)}: ${from} and ${query.years} year(s) reach ${financialYearLabel(last)}`,
      },
    ]);
  return {
    financialYears: planYears(from, query.years),
    /** Budgets are read from the range's first year: one to grow from, an opening balance's year. */
    budgetYears: planYears(financialYearLabel(range.first), last - range.first + 1),
  };
}

/** The forecast from sources already read: runs (or reuses) the model and prices it. */
export function computeForecast(sources: ForecastSources, query: ForecastQuery, today: string): Forecast {
  const asOf = query.asOf ?? today;
  const { financialYears } = forecastYears(query, asOf);
  const { placements, provisions, population, scenarios } = sources;
  const lastCensus = lastCensusNeeded(financialYears);
  const key = keyOf({ asOf, lastCensus, population: population.rows, provisions, scenarios });
  const runs = cache.get(placements, key, () =>
    priceRuns(placements, { asOf, lastCensus, population: population.rows, provisions, scenarios }),
  );
  const { areaName, areaCode, source } = population.source;
  const question = keyOf({
    key,
    query,
    source: population.source,
    settings: sources.settings ?? null,
    budgets: [...sources.budgets],
  });
  return answers.get(placements, question, () =>
    forecastSpend({
      placements,
      asOf,
      financialYears,
      funder: query.funder,
      settings: effectiveFinanceSettings(sources.settings),
      budgets: sources.budgets,
      baseline: runs.baseline,
      observed: runs.observed,
      mitigations: runs.mitigations,
      model: {
        method: 'markov',
        draws: MODEL_DRAWS,
        seed: MODEL_SEED,
        population: `${areaName} (${areaCode}): ${source}`,
      },
    }),
  );
}

/** The forecast the query asks for, as at `today` unless the query names asOf, from the stores. */
export async function forecastFor(deps: AppDeps, query: ForecastQuery, today: string): Promise<Forecast> {
  const { budgetYears } = forecastYears(query, query.asOf ?? today);
  const population = await requirePopulation(deps, 'the forecast');
  const scenarios = await Promise.all(
    (query.mitigations ?? []).map(async (id): Promise<NamedScenario> => {
      const stored = await deps.projections.getScenario(id);
      if (!stored)
        throw new ValidationError([
          { field: 'query.mitigations', message: `no scenario ${id} (GET /scenarios lists them)` },
        ]);
      const { name, description, capitalCost } = stored.scenario;
      return {
        id,
        name,
        ...(description ? { description } : {}),
        ...(capitalCost === undefined ? {} : { capitalCost }),
        scenario: stored.scenario,
      };
    }),
  );
  const [placements, provisions, settings, budgetList] = await Promise.all([
    deps.placements.all(),
    deps.provisions.all(),
    deps.financeSettings.get(),
    Promise.all(budgetYears.map((year) => deps.budgets.get(year))),
  ]);
  const budgets = new Map(budgetYears.map((year, i) => [year, budgetList[i]]));
  return computeForecast({ placements, provisions, population, settings, budgets, scenarios }, query, today);
}
