// The placements the service stores → ModelData: January census snapshots, year-to-year transitions,
// unit costs and valid states, with the authority's population (model/population.ts) passed through.
// Decision record: model/decisions/snapshots.md.
import { MAX_NCY, SETTING_INFO } from '../domain/codes';
import { academicYearStartOf, censusDate, eachYear, ncyFromBirthMonth } from '../domain/dates';
import {
  assertPlacementDates,
  costsOn,
  isActiveOn,
  type Placement,
  totalAnnualCost,
} from '../domain/placement';
import {
  type CostRow,
  type ModelData,
  NONSEND,
  type PopulationRow,
  stateSetting,
  type Transition,
  type ValidState,
} from './data';

/** One child in one census: the state the Markov model counts, and what the placement cost then. */
export interface CensusEntry {
  childRef: string;
  placementId: string;
  /** State setting `<setting>@IB` or `<setting>@OB`. */
  setting: string;
  need: string;
  ncy: number;
  annualCost: number;
}

export class SnapshotInputError extends Error {}

/**
 * NCY on a census date: from the birth month when recorded (exact), else the NCY recorded at the start
 * of the placement plus the academic years since.
 */
export function ncyAt(placement: Pick<Placement, 'ncy' | 'birthMonth' | 'startDate'>, date: string): number {
  if (placement.birthMonth !== undefined) return ncyFromBirthMonth(placement.birthMonth, date);
  if (placement.ncy === undefined) throw new SnapshotInputError('a placement needs ncy or birthMonth');
  return placement.ncy + academicYearStartOf(date) - academicYearStartOf(placement.startDate);
}

/**
 * The January census of `year`: each child with a placement active on census day, once. When a child has
 * two (a move recorded with a day's overlap) the later-starting placement counts. Children past NCY 20
 * (age 25) have left the SEND system and are not counted.
 */
export function censusSnapshot(placements: readonly Placement[], year: number): Map<string, CensusEntry> {
  return censusSnapshots(placements, year, year).get(year) ?? new Map();
}

/**
 * The January censuses `firstYear`…`lastYear` (as censusSnapshot), in one pass over the placements: each
 * placement visits only the censuses it spans, so the work is placements × years in place, not × all years.
 */
export function censusSnapshots(
  placements: readonly Placement[],
  firstYear: number,
  lastYear: number,
): Map<number, Map<string, CensusEntry>> {
  const chosen = new Map<number, Map<string, Placement>>();
  for (const year of eachYear(firstYear, lastYear)) chosen.set(year, new Map());
  for (const p of placements) {
    const startYear = Number(p.startDate.slice(0, 4));
    const from = Math.max(firstYear, p.startDate <= censusDate(startYear) ? startYear : startYear + 1);
    const to = Math.min(lastYear, p.endDate === undefined ? lastYear : Number(p.endDate.slice(0, 4)));
    // Within firstYear…lastYear, already bounded by eachYear above.
    for (let year = from; year <= to; year++) {
      if (!isActiveOn(p, censusDate(year))) continue;
      const byChild = chosen.get(year) as Map<string, Placement>;
      const current = byChild.get(p.childRef);
      if (
        !current ||
        p.startDate > current.startDate ||
        (p.startDate === current.startDate && p.id > current.id)
      )
        byChild.set(p.childRef, p);
    }
  }
  const censuses = new Map<number, Map<string, CensusEntry>>();
  for (const [year, byChild] of chosen) {
    const date = censusDate(year);
    const census = new Map<string, CensusEntry>();
    for (const [childRef, p] of byChild) {
      const ncy = ncyAt(p, date);
      if (ncy > MAX_NCY) continue;
      census.set(childRef, {
        childRef,
        placementId: p.id,
        setting: stateSetting(p.setting, !p.inBorough),
        need: p.primaryNeed,
        ncy,
        annualCost: totalAnnualCost(costsOn(p, date)),
      });
    }
    censuses.set(year, census);
  }
  return censuses;
}

/**
 * Transitions between the censuses of `year` and `year + 1`: stayers and movers; a child in `year` but not
 * `year + 1` leaves to NONSEND; a child in `year + 1` but not `year` joins from NONSEND. The NONSEND side's
 * NCY is the other side's ± 1, as in witan.send.
 */
export function transitionsBetween(
  year: number,
  from: Map<string, CensusEntry>,
  to: Map<string, CensusEntry>,
): Transition[] {
  const transitions: Transition[] = [];
  for (const [childRef, a] of from) {
    const b = to.get(childRef);
    transitions.push({
      calendarYear: year,
      setting1: a.setting,
      need1: a.need,
      ncy1: a.ncy,
      setting2: b?.setting ?? NONSEND,
      need2: b?.need ?? NONSEND,
      ncy2: b?.ncy ?? a.ncy + 1,
    });
  }
  for (const [childRef, b] of to)
    if (!from.has(childRef))
      transitions.push({
        calendarYear: year,
        setting1: NONSEND,
        need1: NONSEND,
        ncy1: b.ncy - 1,
        setting2: b.setting,
        need2: b.need,
        ncy2: b.ncy,
      });
  return transitions;
}

/**
 * Mean annual cost per need × state setting, from the latest census in which the cell has children (so
 * costs are at the most recent prices recorded).
 */
export function unitCostsFrom(censuses: ReadonlyMap<number, Map<string, CensusEntry>>): CostRow[] {
  const costs = new Map<string, CostRow>();
  for (const year of [...censuses.keys()].sort((a, b) => b - a)) {
    const sums = new Map<string, { need: string; setting: string; total: number; n: number }>();
    for (const entry of censuses.get(year)?.values() ?? []) {
      const key = `${entry.need}|${entry.setting}`;
      if (costs.has(key)) continue;
      const sum = sums.get(key) ?? { need: entry.need, setting: entry.setting, total: 0, n: 0 };
      sum.total += entry.annualCost;
      sum.n += 1;
      sums.set(key, sum);
    }
    for (const [key, { need, setting, total, n }] of sums) costs.set(key, { need, setting, cost: total / n });
  }
  return [...costs.values()].sort(
    (a, b) => a.need.localeCompare(b.need) || a.setting.localeCompare(b.setting),
  );
}

/**
 * Valid states from what was observed: each state setting serves the NCY range seen in it, takes every need
 * seen anywhere (a school's need mix is not a rule) and may send children to any observed setting (the
 * NCY range of the destination still applies).
 */
export function validStatesFrom(entries: readonly CensusEntry[]): ValidState[] {
  const needs = [...new Set(entries.map((e) => e.need))].sort();
  const ranges = new Map<string, { min: number; max: number }>();
  for (const e of entries) {
    const range = ranges.get(e.setting) ?? { min: e.ncy, max: e.ncy };
    ranges.set(e.setting, { min: Math.min(range.min, e.ncy), max: Math.max(range.max, e.ncy) });
  }
  const settings = [...ranges.keys()].sort();
  return settings.map((setting) => {
    const base = setting.slice(0, setting.lastIndexOf('@')) as keyof typeof SETTING_INFO;
    const range = ranges.get(setting) as { min: number; max: number };
    return {
      setting,
      settingGroup: SETTING_INFO[base]?.dsg ?? 'OTHER',
      minNcy: range.min,
      maxNcy: range.max,
      needs,
      settingTransitions: settings,
    };
  });
}

export interface SnapshotOptions {
  /** General population by census year and NCY: the authority's stored one (model/population.ts). */
  population: PopulationRow[];
  /** First census year (default: the first census on or after the earliest placement start). */
  firstYear?: number;
  /** Last census year (default: the last census on or before `asOf`). */
  lastYear?: number;
  /** Date the data is complete to (default: the latest start or end date recorded). */
  asOf?: string;
}

export interface Snapshots {
  data: ModelData;
  censusYears: number[];
  censuses: Map<number, Map<string, CensusEntry>>;
}

/**
 * Placements → census snapshots → ModelData for projectMarkov. A placement with a date outside 1990–2100 is a
 * DateRangeError (domain/dates.ts) naming it.
 */
export function placementsToModelData(placements: readonly Placement[], options: SnapshotOptions): Snapshots {
  if (placements.length === 0) throw new SnapshotInputError('no placements: nothing to build a model from');
  for (const p of placements) assertPlacementDates(p);
  let earliest = (placements[0] as Placement).startDate;
  let latest = earliest;
  for (const p of placements) {
    if (p.startDate < earliest) earliest = p.startDate;
    const last = p.endDate ?? p.startDate; // never before the start
    if (last > latest) latest = last;
  }
  const asOf = options.asOf ?? latest;
  const firstCensusOnOrAfter = (date: string) => {
    const year = Number(date.slice(0, 4));
    return censusDate(year) >= date ? year : year + 1;
  };
  const lastCensusOnOrBefore = (date: string) => {
    const year = Number(date.slice(0, 4));
    return censusDate(year) <= date ? year : year - 1;
  };
  const firstYear = options.firstYear ?? firstCensusOnOrAfter(earliest);
  const lastYear = options.lastYear ?? lastCensusOnOrBefore(asOf);
  if (lastYear - firstYear < 1)
    throw new SnapshotInputError(
      `placements span censuses ${firstYear}–${lastYear}: at least two January censuses are needed for transitions`,
    );

  const censusYears = eachYear(firstYear, lastYear);
  const censuses = censusSnapshots(placements, firstYear, lastYear);
  return { data: modelDataFrom(censusYears, censuses, options.population), censusYears, censuses };
}

/** ModelData from census snapshots: transitions between consecutive censuses, unit costs and valid states. */
function modelDataFrom(
  censusYears: readonly number[],
  censuses: ReadonlyMap<number, Map<string, CensusEntry>>,
  population: PopulationRow[],
): ModelData {
  const transitions = censusYears
    .slice(0, -1)
    .flatMap((year) =>
      transitionsBetween(year, censuses.get(year) ?? new Map(), censuses.get(year + 1) ?? new Map()),
    );
  const entries = [...censuses.values()].flatMap((census) => [...census.values()]);
  return { transitions, population, costs: unitCostsFrom(censuses), validStates: validStatesFrom(entries) };
}

/**
 * What `placementsToModelData` gives with `lastYear` (a back-test origin: only what was known then), taken from
 * snapshots already built to a later year. A census is the placements active on its own date, whatever year the
 * snapshots end in, so the censuses up to `lastYear` are reused rather than rebuilt from every placement again
 * (on 50,000 records that rebuild was 0.4 s per origin).
 */
export function modelDataUpTo(
  snapshots: Snapshots,
  lastYear: number,
  population: PopulationRow[],
): ModelData {
  const censusYears = snapshots.censusYears.filter((year) => year <= lastYear);
  if (censusYears.length < 2)
    throw new SnapshotInputError(
      `censuses up to ${lastYear}: at least two January censuses are needed for transitions`,
    );
  const censuses = new Map([...snapshots.censuses].filter(([year]) => year <= lastYear));
  return modelDataFrom(censusYears, censuses, population);
}
