// The demo authority: a synthetic but realistic "Demo Borough" (LA code 999, not a real authority), built
// from the real figures in docs/domain.md. Pure and seeded: the same seed and as-of date give
// byte-identical records. Where each figure comes from: figures.ts, costs.ts, catalogue.ts and the readme
// section "Demo authority".
//
// A small microsimulation between January censuses: the plans in place at the 2018 census, then for each
// census interval every child may leave (plan ceased, moved away, left education, aged out at 25), move
// setting mid-year (a breakdown, usually escalating) or on changing phase (a new school); joiners then fill
// each need up to its target at the next census, so the censuses follow the calibrated growth while the
// individual histories stay random. Local provisions take children only up to their commissioned places;
// the rest are placed out of borough or in mainstream, as happens when growth outruns local capacity.
import { MAX_NCY, MIN_NCY, NEEDS, type Need, type Phase, phaseOfNcy } from '../../../domain/codes';
import { IsoDate, toDayNumber } from '../../../domain/dates';
import type { CostPeriod, END_REASONS, Placement, PlacementInput } from '../../../domain/placement';
import { buildPlacement } from '../../../domain/placement-build';
import { type Provision, placesInAcademicYear } from '../../../domain/provision';
import { academicYearOfDay, censusDay, dayOf, isoOf, ncyOnDay, septemberFirst } from './calendar';
import {
  LOCAL_AP,
  LOCAL_COLLEGE,
  LOCAL_INDEPENDENT,
  LOCAL_NURSERIES,
  LOCAL_PRIMARY,
  LOCAL_PROVISIONS,
  LOCAL_SECONDARY,
  type LocalProvision,
  type NamedPlace,
  NEIGHBOUR_LA_CODES,
  NEIGHBOUR_MAINSTREAM,
  OUT_OF_BOROUGH_PROVIDERS,
  type OutOfBoroughProvider,
} from './catalogue';
import { COST_CHANGE_CHANCE_PER_APRIL, MAX_COST_CHANGES, placementCosts, reviewedCosts } from './costs';
import {
  CEASED_NEEDS_MET_OTHERWISE,
  CEASED_NEEDS_MET_PER_YEAR,
  ESCALATION,
  FAST_NEEDS,
  FIRST_CENSUS,
  INITIAL_STOCK_ROUTE_FACTOR,
  initialNcyWeights,
  joinerNcyWeights,
  LAST_ANCHOR_CENSUS,
  LEFT_EDUCATION_POST16_PER_YEAR,
  LOOKED_AFTER_BY_NEED,
  LOOKED_AFTER_OOB_ODDS,
  LOOKED_AFTER_OTHERWISE,
  LOOKED_AFTER_ROUTE_FACTOR,
  MOVE_LOOKED_AFTER_FACTOR,
  MOVE_PER_YEAR,
  MOVE_SEMH_FACTOR,
  MOVED_AWAY_PER_YEAR,
  OOB_BASE,
  OOB_NEED_ODDS,
  OOB_NEED_ODDS_OTHERWISE,
  OTHER_NEED_SHARES,
  OVERFLOW,
  type Overflow,
  ROUTE_PERSISTENCE,
  ROUTES_BY_PHASE,
  type Route,
  routeWeights,
  SECONDARY_NEED_CHANCE,
  SECONDARY_NEEDS,
  TARGET_NOISE,
  TOTAL_AT_CENSUS,
  TRANSFER_CHANCE,
  yearEndLeavingChance,
} from './figures';
import { createSampler, type Sampler } from './sample';

export interface DemoAuthority {
  name: string;
  laCode: string;
  /** The day the demo is as at: nothing starts or ends after it. */
  asOf: string;
  provisions: Provision[];
  placements: Placement[];
}

export const DEMO_AUTHORITY_NAME = 'Demo Borough';
/** 999 is not a real LA code: the demo authority is synthetic. */
export const DEMO_LA_CODE = '999';
export const DEFAULT_DEMO_SEED = 20260115;
export const DEFAULT_DEMO_AS_OF = '2026-11-01';
export const DEMO_ACTOR = 'demo-generator';
const LATEST_AS_OF = '2040-12-31';

const DAYS_PER_YEAR = 365.25;
/** Share of joiners whose placement starts on 1 September (the rest start through the year). */
const SEPTEMBER_START_SHARE = 0.35;
/** The academic year of the first commissioned places: the one containing the first census. */
const FIRST_ACADEMIC_YEAR = FIRST_CENSUS - 1;
/** The academic year whose places the catalogue gives last; later years keep them. */
const LAST_PLACES_YEAR = 2026;

/** The first NCY of each phase (domain/codes.ts phaseOfNcy). */
const PHASE_FIRST_NCY: Record<Phase, number> = {
  'early-years': MIN_NCY,
  primary: 0,
  secondary: 7,
  'post-16': 12,
  'post-19': 15,
};

type EndReason = (typeof END_REASONS)[number];

interface OpenPlacement {
  id: string;
  route: Route;
  input: PlacementInput;
}

interface Child {
  ref: string;
  need: Need;
  secondaryNeed: Need | undefined;
  birthYear: number;
  birthMonth: number;
  lookedAfter: boolean;
  open: OpenPlacement | undefined;
}

/** Target plans by need at a census: the calibrated totals, ASD and SEMH growth, and England's mix. */
function censusTargets(year: number): Map<Need, number> {
  const lastTotal = TOTAL_AT_CENSUS[LAST_ANCHOR_CENSUS] as number;
  const slope = lastTotal - (TOTAL_AT_CENSUS[LAST_ANCHOR_CENSUS - 1] as number);
  const total = TOTAL_AT_CENSUS[year] ?? lastTotal + slope * (year - LAST_ANCHOR_CENSUS);
  // After the last anchor every need grows with the total, so no need can crowd out the others.
  const fast = (need: keyof typeof FAST_NEEDS) => {
    const { at2026, annualGrowth } = FAST_NEEDS[need];
    return year <= LAST_ANCHOR_CENSUS
      ? at2026 * annualGrowth ** (year - LAST_ANCHOR_CENSUS)
      : (at2026 * total) / lastTotal;
  };
  const targets = new Map<Need, number>([
    ['ASD', fast('ASD')],
    ['SEMH', fast('SEMH')],
  ]);
  const rest = total - fast('ASD') - fast('SEMH');
  const shareTotal = OTHER_NEED_SHARES.reduce((sum, [, share]) => sum + share, 0);
  for (const [need, share] of OTHER_NEED_SHARES) targets.set(need, (rest * share) / shareTotal);
  return targets;
}

/** Targets on any day: straight lines between the censuses either side. */
function targetsOn(day: number): Map<Need, number> {
  let year = academicYearOfDay(day) + 1;
  if (censusDay(year) > day) year--;
  const from = censusTargets(year);
  const to = censusTargets(year + 1);
  const share = (day - censusDay(year)) / (censusDay(year + 1) - censusDay(year));
  return new Map(
    NEEDS.map((need) => [need, (from.get(need) ?? 0) * (1 - share) + (to.get(need) ?? 0) * share]),
  );
}

/** Census days from the first census to the as-of date, then the as-of date itself. */
function checkpoints(asOfDay: number): number[] {
  const days: number[] = [];
  for (let year = FIRST_CENSUS; censusDay(year) <= asOfDay; year++) days.push(censusDay(year));
  if (days.at(-1) !== asOfDay) days.push(asOfDay);
  return days;
}

function parseOptions(options: { seed?: number; asOf?: string }): { seed: number; asOf: string } {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const asOf = options.asOf ?? DEFAULT_DEMO_AS_OF;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!IsoDate.safeParse(asOf).success)
    throw new RangeError(`asOf must be a date written YYYY-MM-DD, got ${asOf}`);
  const first = isoOf(censusDay(FIRST_CENSUS));
  if (asOf <= first || asOf > LATEST_AS_OF)
    throw new RangeError(`asOf must be after ${first} and no later than ${LATEST_AS_OF}, got ${asOf}`);
  return { seed, asOf };
}

/** The route a provision's places are filled from. */
const provisionRoute = (provision: Pick<LocalProvision, 'type'>): Route =>
  provision.type === 'maintained-special' || provision.type === 'special-academy'
    ? 'special'
    : provision.type;

/**
 * The provision records: places from the catalogue per academic year up to the as-of year, and the next
 * year's as agreed in the autumn (the catalogue's figure with that September's planned opening or expansion
 * in it: a year's commissioned figure includes the changes dated in that year, as placesInAcademicYear reads it).
 */
function buildProvisions(asOf: string): Provision[] {
  const lastYear = academicYearOfDay(toDayNumber(asOf));
  return LOCAL_PROVISIONS.map((local) => {
    const [first, last] = local.places;
    const planned = (local.plannedChanges ?? []).reduce((sum, change) => sum + change.places, 0);
    const known = local.opensLater
      ? [{ academicYear: lastYear, places: 0 }]
      : Array.from({ length: lastYear - FIRST_ACADEMIC_YEAR + 1 }, (_, index) => {
          const year = FIRST_ACADEMIC_YEAR + index;
          const progress = Math.min(1, index / (LAST_PLACES_YEAR - FIRST_ACADEMIC_YEAR));
          return { academicYear: year, places: Math.round(first + (last - first) * progress) };
        });
    const commissionedPlaces = [
      ...known,
      { academicYear: lastYear + 1, places: (known.at(-1)?.places ?? 0) + planned },
    ];
    const createdAt = `${local.opensLater ? asOf : isoOf(septemberFirst(FIRST_ACADEMIC_YEAR))}T00:00:00.000Z`;
    return {
      id: local.id,
      name: local.name,
      type: local.type,
      providerUrn: local.providerUrn,
      needs: [...local.needs],
      phases: [...local.phases],
      commissionedPlaces,
      plannedChanges: (local.plannedChanges ?? []).map((change) => ({
        kind: change.kind,
        date: isoOf(septemberFirst(lastYear + 1)),
        places: change.places,
        note: change.note,
      })),
      version: 1,
      createdAt,
      updatedAt: createdAt,
      createdBy: DEMO_ACTOR,
      updatedBy: DEMO_ACTOR,
    };
  });
}

class DemoSimulation {
  private readonly finished: Placement[] = [];
  private readonly children: Child[] = [];
  private readonly occupied = new Map<string, number>();
  private readonly records: Map<string, Provision>;
  private readonly placesByYear = new Map<string, number>();
  private placementCount = 0;

  constructor(
    private readonly rng: Sampler,
    private readonly asOfDay: number,
    provisions: Provision[],
  ) {
    this.records = new Map(provisions.map((p) => [p.id, p]));
  }

  run(): Placement[] {
    const [first, ...rest] = checkpoints(this.asOfDay);
    if (first === undefined) return [];
    this.seedInitialStock(first);
    let from = first;
    for (const to of rest) {
      this.step(from, to);
      from = to;
    }
    for (const child of this.children) if (child.open) this.close(child, undefined, undefined);
    return this.finished.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** One entry per plan to create, in random order so no need is first in the queue for local places. */
  private shuffledNeeds(counts: Iterable<[Need, number]>): Need[] {
    const needs: Need[] = [];
    for (const [need, count] of counts) for (let i = 0; i < count; i++) needs.push(need);
    for (let i = needs.length - 1; i > 0; i--) {
      const j = this.rng.int(0, i);
      [needs[i], needs[j]] = [needs[j] as Need, needs[i] as Need];
    }
    return needs;
  }

  private noisyTargets(day: number): Map<Need, number> {
    const targets = targetsOn(day);
    for (const [need, target] of targets)
      targets.set(need, Math.round(target * (1 + TARGET_NOISE * (2 * this.rng.next() - 1))));
    return targets;
  }

  /** The plans in place at the first census, each in a placement that began up to three years before. */
  private seedInitialStock(census: number): void {
    const september = septemberFirst(academicYearOfDay(census));
    for (const need of this.shuffledNeeds(this.noisyTargets(census))) {
      const ncy = this.rng.weighted(initialNcyWeights(need));
      const child = this.newChild(need, ncy, census);
      const phase = phaseOfNcy(ncy);
      const yearsBack = this.rng.int(0, Math.min(3, ncy - PHASE_FIRST_NCY[phase]));
      const lateStart = this.rng.chance(0.5) ? this.rng.int(0, census - 1 - september) : 0;
      const start = septemberFirst(academicYearOfDay(census) - yearsBack) + lateStart;
      const routes = this.routesFor(child, phase).map(([route, weight]): [Route, number] => [
        route,
        weight * (INITIAL_STOCK_ROUTE_FACTOR[route] ?? 1),
      ]);
      this.open(child, start, this.rng.weighted(routes));
    }
  }

  private newChild(need: Need, ncy: number, onDay: number): Child {
    // Born in a month consistent with the NCY on that day: NCY = age on 31 August before the year − 5.
    const birthMonth = this.rng.int(1, 12);
    const secondaryCandidates = SECONDARY_NEEDS[need] ?? ['SLCN', 'SEMH', 'MLD'].filter((n) => n !== need);
    const child: Child = {
      ref: `C-${String(this.children.length + 1).padStart(6, '0')}`,
      need,
      secondaryNeed: this.rng.chance(SECONDARY_NEED_CHANCE)
        ? (this.rng.pick(secondaryCandidates) as Need)
        : undefined,
      birthYear: academicYearOfDay(onDay) - ncy - 5 - (birthMonth > 8 ? 1 : 0),
      birthMonth,
      lookedAfter: this.rng.chance(LOOKED_AFTER_BY_NEED[need] ?? LOOKED_AFTER_OTHERWISE),
      open: undefined,
    };
    this.children.push(child);
    return child;
  }

  private ncyOn(child: Child, day: number): number {
    return ncyOnDay(child.birthYear, child.birthMonth, day);
  }

  /** The phase mix for the child's need; looked-after children go to independent schools more often. */
  private routesFor(child: Child, phase: Phase): [Route, number][] {
    return (Object.entries(routeWeights(child.need, phase)) as [Route, number][]).map(([route, weight]) => [
      route,
      child.lookedAfter ? weight * (LOOKED_AFTER_ROUTE_FACTOR[route] ?? 1) : weight,
    ]);
  }

  /** One census interval: what happens to everyone in place, then joiners up to the next census target. */
  private step(from: number, to: number): void {
    const stayed = new Map<Need, number>();
    for (const child of this.children) {
      if (!child.open) continue;
      this.advance(child, from, to, true);
      if (child.open) stayed.set(child.need, (stayed.get(child.need) ?? 0) + 1);
    }
    const joiners = [...this.noisyTargets(to)].map(([need, target]): [Need, number] => [
      need,
      target - (stayed.get(need) ?? 0),
    ]);
    const september = septemberFirst(academicYearOfDay(to));
    for (const need of this.shuffledNeeds(joiners)) {
      const startDay =
        september > from && this.rng.chance(SEPTEMBER_START_SHARE) ? september : this.rng.int(from + 1, to);
      const ncy = this.rng.weighted(joinerNcyWeights(need));
      const child = this.newChild(need, ncy, startDay);
      this.open(child, startDay, this.rng.weighted(this.routesFor(child, phaseOfNcy(ncy))));
      // A joiner stays at least until the census that counts them, but still changes school in September.
      this.advance(child, startDay, to, false);
    }
  }

  /** Events after `from` up to `to`: leaving and breakdowns through the year, transfers on 1 September. */
  private advance(child: Child, from: number, to: number, mayLeave: boolean): void {
    let cursor = from;
    while (child.open && cursor < to) {
      const nextSeptember = septemberFirst(academicYearOfDay(cursor) + 1);
      // Nobody leaves on a checkpoint day itself, so each census counts exactly the plans that stayed.
      const segmentEnd = Math.min(nextSeptember - 1, to - 1);
      if (segmentEnd > cursor) this.eventsWithin(child, cursor + 1, segmentEnd, mayLeave);
      if (!child.open || nextSeptember > to) return;
      this.newAcademicYear(child, nextSeptember, mayLeave);
      cursor = nextSeptember;
    }
  }

  private eventsWithin(child: Child, firstDay: number, lastDay: number, mayLeave: boolean): void {
    const years = (lastDay - firstDay + 1) / DAYS_PER_YEAR;
    const ncy = this.ncyOn(child, firstDay);
    const ceased = ncy < 12 ? (CEASED_NEEDS_MET_PER_YEAR[child.need] ?? CEASED_NEEDS_MET_OTHERWISE) : 0;
    const leftEducation = ncy >= 12 ? LEFT_EDUCATION_POST16_PER_YEAR : 0;
    const leaving = mayLeave ? ceased + MOVED_AWAY_PER_YEAR + leftEducation : 0;
    const moving =
      MOVE_PER_YEAR *
      (child.need === 'SEMH' ? MOVE_SEMH_FACTOR : 1) *
      (child.lookedAfter ? MOVE_LOOKED_AFTER_FACTOR : 1);
    const pLeave = 1 - Math.exp(-leaving * years);
    const pMove = (1 - Math.exp(-moving * years)) * (1 - pLeave);
    const u = this.rng.next();
    if (u < pLeave) {
      const reason = this.rng.weighted<EndReason>([
        ['plan-ceased-needs-met', ceased],
        ['moved-out-of-area', MOVED_AWAY_PER_YEAR],
        ['left-education', leftEducation],
      ]);
      this.close(child, this.rng.int(firstDay, lastDay), reason);
    } else if (u < pLeave + pMove) {
      const day = this.rng.int(firstDay, lastDay);
      const open = child.open as OpenPlacement;
      if (day <= toDayNumber(open.input.startDate)) return;
      this.close(child, day - 1, 'moved-setting');
      this.open(child, day, this.escalatedRoute(child, open.route, phaseOfNcy(this.ncyOn(child, day))));
    }
  }

  /** 1 September: leave at the end of the year, or change placement on entering a new phase. */
  private newAcademicYear(child: Child, september: number, mayLeave: boolean): void {
    const open = child.open as OpenPlacement;
    const previousNcy = this.ncyOn(child, september - 1);
    if (previousNcy >= MAX_NCY || (mayLeave && this.rng.chance(yearEndLeavingChance(previousNcy)))) {
      this.close(child, september - 1, this.leavingReason(previousNcy));
      return;
    }
    const phase = phaseOfNcy(previousNcy + 1);
    const stillValid = ROUTES_BY_PHASE[phase].includes(open.route);
    const transferChance = !stillValid
      ? 1
      : phase === phaseOfNcy(previousNcy)
        ? 0
        : (TRANSFER_CHANCE[phase][open.route] ?? 0);
    if (!this.rng.chance(transferChance)) return;
    const route =
      stillValid && this.rng.chance(ROUTE_PERSISTENCE)
        ? open.route
        : this.rng.weighted(this.routesFor(child, phase));
    this.close(child, september - 1, 'moved-setting');
    this.open(child, september, route);
  }

  private leavingReason(ncy: number): EndReason {
    if (ncy >= MAX_NCY) return 'transferred-to-adult-services';
    if (ncy >= 15) return this.rng.chance(0.5) ? 'transferred-to-adult-services' : 'left-education';
    return this.rng.chance(0.65) ? 'left-education' : 'plan-ceased-needs-met';
  }

  /** After a breakdown a child usually goes somewhere more specialist (ESCALATION), within their phase. */
  private escalatedRoute(child: Child, from: Route, phase: Phase): Route {
    const open = ROUTES_BY_PHASE[phase];
    const escalation = Object.entries(ESCALATION[from] ?? {}).filter(([route]) =>
      open.includes(route as Route),
    ) as [Route, number][];
    return this.rng.weighted(escalation.length > 0 ? escalation : this.routesFor(child, phase));
  }

  private outOfBoroughChance(child: Child, route: Route): number {
    const base = OOB_BASE[route];
    if (base <= 0) return 0;
    const odds =
      (base / (1 - base)) *
      (OOB_NEED_ODDS[child.need] ?? OOB_NEED_ODDS_OTHERWISE) *
      (child.lookedAfter ? LOOKED_AFTER_OOB_ODDS : 1);
    return odds / (1 + odds);
  }

  private places(provisionId: string, year: number): number {
    const key = `${provisionId} ${year}`;
    let places = this.placesByYear.get(key);
    if (places === undefined) {
      places = placesInAcademicYear(this.records.get(provisionId) as Provision, year);
      this.placesByYear.set(key, places);
    }
    return places;
  }

  /** A local provision for this need and phase with a place free on the day, if any. */
  private localPlace(child: Child, route: Route, phase: Phase, day: number): Provision | undefined {
    // Plans already in place at the first census started earlier, in the places of the first known year.
    const year = Math.max(FIRST_ACADEMIC_YEAR, academicYearOfDay(day));
    const free = LOCAL_PROVISIONS.filter((local) => {
      if (local.opensLater || provisionRoute(local) !== route) return false;
      if (!local.needs.includes(child.need) || !local.phases.includes(phase)) return false;
      return (this.occupied.get(local.id) ?? 0) < this.places(local.id, year) * (1 + (local.overfill ?? 0));
    });
    if (free.length === 0) return undefined;
    const chosen = this.rng.weighted(free.map((local) => [local, local.weight] as const));
    return this.records.get(chosen.id);
  }

  private open(child: Child, day: number, chosen: Route): void {
    const startDate = isoOf(day);
    const ncy = this.ncyOn(child, day);
    const phase = phaseOfNcy(ncy);
    let route = chosen;
    let inBorough = !this.rng.chance(this.outOfBoroughChance(child, route));
    let provision: Provision | undefined;
    if (inBorough && route in OVERFLOW) {
      provision = this.localPlace(child, route, phase, day);
      if (!provision) {
        // No local place free: the child goes where the overflow rule sends them.
        const overflow = this.rng.weighted(Object.entries(OVERFLOW[route] ?? {}) as [Overflow, number][]);
        inBorough = overflow === 'mainstream' || overflow === 'further-education';
        if (overflow !== 'out-of-borough') route = overflow;
      }
    }
    const provider = inBorough ? undefined : this.outOfBoroughProvider(child.need, route);
    const residential =
      provider?.residentialShare !== undefined &&
      this.rng.chance(Math.min(0.9, provider.residentialShare * (child.lookedAfter ? 1.6 : 1)));
    const named = provision
      ? { name: provision.name, urn: provision.providerUrn as string }
      : (provider ?? this.generalPlace(route, phase, inBorough));
    const setting =
      route === 'special' ? (provision?.type ?? provider?.specialType ?? 'maintained-special') : route;

    const input: PlacementInput = {
      childRef: child.ref,
      primaryNeed: child.need,
      ...(child.secondaryNeed ? { secondaryNeed: child.secondaryNeed } : {}),
      setting: setting as PlacementInput['setting'],
      residential,
      inBorough,
      ...(inBorough ? {} : { hostLaCode: provider?.hostLaCode ?? this.rng.pick(NEIGHBOUR_LA_CODES) }),
      ...(named ? { providerUrn: named.urn, providerName: named.name } : {}),
      lookedAfter: child.lookedAfter,
      ncy,
      birthMonth: `${child.birthYear}-${String(child.birthMonth).padStart(2, '0')}`,
      startDate,
      costs: placementCosts(this.rng, { route, inBorough, residential, startDate }),
      ...(provision ? { provisionId: provision.id } : {}),
    };
    if (provision) this.occupied.set(provision.id, (this.occupied.get(provision.id) ?? 0) + 1);
    this.placementCount += 1;
    child.open = { id: `demo-${String(this.placementCount).padStart(6, '0')}`, route, input };
  }

  private outOfBoroughProvider(need: Need, route: Route): OutOfBoroughProvider | undefined {
    const onRoute = OUT_OF_BOROUGH_PROVIDERS.filter((p) => p.route === route);
    if (onRoute.length === 0) return undefined;
    const forNeed = onRoute.filter((p) => p.needs.length === 0 || p.needs.includes(need));
    return this.rng.weighted((forNeed.length > 0 ? forNeed : onRoute).map((p) => [p, p.weight] as const));
  }

  /** A school, college or nursery without a commissioned place: named where the setting is a place. */
  private generalPlace(route: Route, phase: Phase, inBorough: boolean): NamedPlace | undefined {
    if (!inBorough)
      return route === 'mainstream' || route === 'resourced-provision'
        ? this.rng.pick(NEIGHBOUR_MAINSTREAM)
        : undefined;
    switch (route) {
      case 'mainstream':
      case 'resourced-provision':
        if (phase === 'early-years') return this.rng.pick(LOCAL_NURSERIES);
        return this.rng.pick(phase === 'primary' ? LOCAL_PRIMARY : LOCAL_SECONDARY);
      case 'early-years':
        return this.rng.pick(LOCAL_NURSERIES);
      case 'further-education':
        return LOCAL_COLLEGE;
      case 'alternative-provision':
        return LOCAL_AP;
      case 'independent-special':
        return LOCAL_INDEPENDENT;
      default:
        return undefined;
    }
  }

  /** Closes the child's open placement (still active at the as-of date when `lastDay` is undefined). */
  private close(child: Child, lastDay: number | undefined, reason: EndReason | undefined): void {
    const open = child.open as OpenPlacement;
    child.open = undefined;
    const { provisionId, startDate } = open.input;
    if (provisionId) this.occupied.set(provisionId, (this.occupied.get(provisionId) ?? 1) - 1);
    const costHistory = this.costHistory(open.input, lastDay ?? this.asOfDay);
    const input: PlacementInput = {
      ...open.input,
      ...(lastDay !== undefined && reason ? { endDate: isoOf(lastDay), endReason: reason } : {}),
      costs: (costHistory.at(-1) as CostPeriod).costs,
    };
    this.finished.push(
      buildPlacement(input, {
        id: open.id,
        now: new Date(`${startDate}T00:00:00.000Z`),
        actor: { userId: DEMO_ACTOR, name: DEMO_ACTOR },
        costHistory,
      }),
    );
  }

  /** Costs from the start date, with an annual review at some Aprils before the placement ends. */
  private costHistory(input: PlacementInput, lastDay: number): CostPeriod[] {
    const history: CostPeriod[] = [{ effectiveFrom: input.startDate, costs: input.costs }];
    const startDay = toDayNumber(input.startDate);
    for (let year = Number(input.startDate.slice(0, 4)); history.length <= MAX_COST_CHANGES; year++) {
      const april = dayOf(year, 4, 1);
      if (april > lastDay) break;
      if (april <= startDay || !this.rng.chance(COST_CHANGE_CHANCE_PER_APRIL)) continue;
      history.push({
        effectiveFrom: isoOf(april),
        costs: reviewedCosts(this.rng, (history.at(-1) as CostPeriod).costs),
      });
    }
    return history;
  }
}

/**
 * Demo Borough as at `asOf` (default 2026-11-01): its local provisions and every placement from the January
 * 2018 census on, as fully formed stored records. The same `seed` (default 20260115) gives the same output.
 */
export function generateDemoAuthority(options: { seed?: number; asOf?: string } = {}): DemoAuthority {
  const { seed, asOf } = parseOptions(options);
  const provisions = buildProvisions(asOf);
  const placements = new DemoSimulation(createSampler(seed), toDayNumber(asOf), provisions).run();
  return { name: DEMO_AUTHORITY_NAME, laCode: DEMO_LA_CODE, asOf, provisions, placements };
}
