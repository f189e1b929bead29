// Annual placement costs by setting, at 2024-25 prices, deflated to the financial year a placement starts.
// Sources: domain.md (DfE answers to Parliament): maintained special / special academy £20,000 (2018-19) →
// £26,000 (2023-24); ISS/NMSS £52,000 (2018-19) → £64,000 (2024-25); mainstream schools meet the first
// £6,000 before top-up. Other bands are stated assumptions (see the readme).
import { financialYearStartOf } from '../../../domain/dates';
import type { Costs } from '../../../domain/placement';
import type { Route } from './figures';
import type { Sampler } from './sample';

type Band = readonly [number, number];

/** Education (top-up or fee) band by route, £ a year at 2024-25 prices; in-borough unless noted. */
const EDUCATION: Record<Route, Band> = {
  mainstream: [6_000, 12_000],
  'resourced-provision': [15_000, 20_000],
  special: [23_000, 31_000],
  'independent-special': [55_000, 74_000],
  'non-maintained-special': [52_000, 70_000],
  'alternative-provision': [18_000, 25_000],
  hospital: [15_000, 25_000],
  'further-education': [10_000, 15_000],
  'specialist-post16': [20_000, 30_000],
  'early-years': [4_000, 8_000],
  eotas: [15_000, 35_000],
  'home-education': [0, 1_500],
  neet: [0, 0],
  other: [3_000, 10_000],
};
/** Independent specialist colleges out of borough charge far more than a local post-16 centre. */
const SPECIALIST_COLLEGE_OOB: Band = [38_000, 58_000];

/**
 * Residential ISS/NMSS and specialist colleges: £150,000–250,000 a year in all, split between education and
 * social care, with a health share in about a third of cases.
 */
const RESIDENTIAL_TOTAL: Band = [150_000, 250_000];
const RESIDENTIAL_EDUCATION_SHARE: Band = [0.45, 0.6];
const RESIDENTIAL_HEALTH_CHANCE = 0.35;
const RESIDENTIAL_HEALTH_SHARE: Band = [0.05, 0.15];

/** Home-to-school transport (assumption): £3,000–12,000 for special and out-of-borough settings. */
const TRANSPORT_SPECIAL_IN_BOROUGH: Band = [3_000, 8_000];
const TRANSPORT_OUT_OF_BOROUGH: Band = [6_000, 12_000];
const TRANSPORT_RESIDENTIAL: Band = [2_000, 5_000];
const TRANSPORT_MAINSTREAM_CHANCE = 0.1;
const TRANSPORT_MAINSTREAM: Band = [2_000, 5_000];

const SPECIALIST_TRANSPORT: ReadonlySet<Route> = new Set<Route>([
  'resourced-provision',
  'special',
  'independent-special',
  'non-maintained-special',
  'alternative-provision',
  'specialist-post16',
]);

/**
 * Price growth a year: state special £20k → £26k over five years is 5.4%; ISS/NMSS £52k → £64k over six is
 * 3.5%; other settings are assumed to follow the state special rate less a point.
 */
const ANNUAL_PRICE_GROWTH: Partial<Record<Route, number>> = {
  special: 0.054,
  'independent-special': 0.035,
  'non-maintained-special': 0.035,
};
const ANNUAL_PRICE_GROWTH_OTHERWISE = 0.045;
const PRICE_BASE_FINANCIAL_YEAR = 2024;

const roundTo = (value: number, step: number) => Math.round(value / step) * step;

export interface CostContext {
  route: Route;
  inBorough: boolean;
  residential: boolean;
  startDate: string;
}

export function placementCosts(
  rng: Sampler,
  { route, inBorough, residential, startDate }: CostContext,
): Costs {
  const years = financialYearStartOf(startDate) - PRICE_BASE_FINANCIAL_YEAR;
  const price = (1 + (ANNUAL_PRICE_GROWTH[route] ?? ANNUAL_PRICE_GROWTH_OTHERWISE)) ** years;
  const draw = ([low, high]: Band, step = 100) => roundTo(rng.between(low, high) * price, step);

  if (residential) {
    const total = rng.between(...RESIDENTIAL_TOTAL) * price;
    const education = total * rng.between(...RESIDENTIAL_EDUCATION_SHARE);
    const health = rng.chance(RESIDENTIAL_HEALTH_CHANCE)
      ? total * rng.between(...RESIDENTIAL_HEALTH_SHARE)
      : 0;
    return {
      education: roundTo(education, 100),
      socialCare: roundTo(total - education - health, 100),
      health: roundTo(health, 100),
      transport: draw(TRANSPORT_RESIDENTIAL),
    };
  }
  const educationBand =
    route === 'specialist-post16' && !inBorough ? SPECIALIST_COLLEGE_OOB : EDUCATION[route];
  let transport = 0;
  if (!inBorough && route !== 'neet' && route !== 'home-education')
    transport = draw(TRANSPORT_OUT_OF_BOROUGH);
  else if (SPECIALIST_TRANSPORT.has(route)) transport = draw(TRANSPORT_SPECIAL_IN_BOROUGH);
  else if (route === 'mainstream' && rng.chance(TRANSPORT_MAINSTREAM_CHANCE))
    transport = draw(TRANSPORT_MAINSTREAM);
  return { education: draw(educationBand), socialCare: 0, health: 0, transport };
}

/**
 * A mid-placement cost change (assumption): at an April, an annual review raises the fee or top-up by 2–10%
 * (and the care share with it); transport is re-tendered separately and left as it was.
 */
export const COST_CHANGE_CHANCE_PER_APRIL = 0.08;
export const MAX_COST_CHANGES = 2;
export function reviewedCosts(rng: Sampler, costs: Costs): Costs {
  const uplift = rng.between(1.02, 1.1);
  return {
    education: roundTo(costs.education * uplift, 100),
    socialCare: roundTo(costs.socialCare * uplift, 100),
    health: costs.health,
    transport: costs.transport,
  };
}
