// The figures the demo authority is calibrated to. Each cites its source: the real figures in
// docs/domain.md (South Tyneside, Stockton-on-Tees, England SEN2 2025, DfE unit costs) or, where
// no source gives a figure, a stated assumption. The readme section "Demo authority" repeats them.
import { MIN_NCY, type Need, type Phase, type Setting } from '../../../domain/codes';

/**
 * EHCPs in place at each January census. South Tyneside grew ≈ 40% in six years (1,412 plans in 2020 →
 * 1,776 in 2025); scaled to an authority of ≈ 1,000 plans in 2019 and ≈ 1,400 in 2026. Later dates continue
 * the last year's growth.
 */
export const TOTAL_AT_CENSUS: Readonly<Record<number, number>> = {
  2018: 935,
  2019: 1000,
  2020: 1065,
  2021: 1125,
  2022: 1190,
  2023: 1250,
  2024: 1305,
  2025: 1360,
  2026: 1400,
};
export const FIRST_CENSUS = 2018;
export const LAST_ANCHOR_CENSUS = 2026;

/**
 * ASD and SEMH at the 2026 census are England's January 2025 shares (31.5%, 20.7%) of 1,400; going back
 * they shrink at the South Tyneside rates: ASD +80% and SEMH +42% over five years (1.8^(1/5) = 1.125 and
 * 1.42^(1/5) = 1.073 a year).
 */
export const FAST_NEEDS = {
  ASD: { at2026: 441, annualGrowth: 1.125 },
  SEMH: { at2026: 290, annualGrowth: 1.073 },
} as const;

/** The other needs share what is left in England's January 2025 proportions (SEN2; DS ≈ 0.8%, new in 2025). */
export const OTHER_NEED_SHARES: readonly (readonly [Need, number])[] = [
  ['SLCN', 21.3],
  ['MLD', 10.6],
  ['SLD', 3.9],
  ['PD', 3.9],
  ['SPLD', 2.4],
  ['HI', 1.4],
  ['PMLD', 1.3],
  ['OTH', 1.2],
  ['DS', 0.8],
  ['VI', 0.8],
  ['MSI', 0.3],
];

/** Relative noise on each need's census target, so year-on-year growth is not a smooth curve. */
export const TARGET_NOISE = 0.012;

/**
 * Looked after (assumption tuned to the seeds): Stockton-on-Tees has 30% of out-of-area placements looked
 * after; South Tyneside says out-of-borough children are more often looked after and SEMH. A child's chance
 * of being looked after, by primary need; looked-after children go out of borough far more often.
 */
export const LOOKED_AFTER_BY_NEED: Partial<Record<Need, number>> = { SEMH: 0.2, MLD: 0.12, ASD: 0.07 };
export const LOOKED_AFTER_OTHERWISE = 0.055;
/**
 * Odds multiplier on going out of borough for a looked-after child (placed with carers or in a children's
 * home elsewhere), tuned so that ≈ 30% of out-of-borough placements are looked after and 5–8% in borough.
 */
export const LOOKED_AFTER_OOB_ODDS = 25;

/**
 * Out of borough, as odds multipliers on each route's base chance: Stockton-on-Tees' 192 out-of-area
 * children are 30% ASD, 19% SEMH and 30% MLD (MLD about three times its share of all plans), so MLD goes to
 * neighbouring authorities' schools far more often and the small needs less often. SEMH reaches out of
 * borough mostly through independent schools and the full SEMH special school, so its odds elsewhere are low.
 */
export const OOB_NEED_ODDS: Partial<Record<Need, number>> = { MLD: 9, ASD: 1.3, SEMH: 0.25 };
export const OOB_NEED_ODDS_OTHERWISE = 0.3;

/**
 * Where a child is placed: a "route" is a setting, or `special` for a state special school (maintained or
 * academy, decided by the provision that takes the child).
 */
export type Route = Exclude<Setting, 'maintained-special' | 'special-academy'> | 'special';

/** Chance that a placement on this route is out of borough, before the need and looked-after odds. */
export const OOB_BASE: Record<Route, number> = {
  mainstream: 0.01,
  'resourced-provision': 0.03,
  special: 0.05,
  'independent-special': 0.75,
  'non-maintained-special': 0.95,
  'alternative-provision': 0.06,
  hospital: 0.5,
  'further-education': 0.03,
  'specialist-post16': 0.15,
  'early-years': 0.01,
  eotas: 0,
  'home-education': 0,
  neet: 0,
  other: 0,
};

/** Routes open to each phase: schools to NCY 14 (age 19), colleges from NCY 12. */
export const ROUTES_BY_PHASE: Record<Phase, readonly Route[]> = {
  'early-years': ['early-years', 'mainstream', 'resourced-provision', 'special'],
  primary: [
    'mainstream',
    'resourced-provision',
    'special',
    'independent-special',
    'non-maintained-special',
    'alternative-provision',
    'hospital',
    'eotas',
    'home-education',
    'other',
  ],
  secondary: [
    'mainstream',
    'resourced-provision',
    'special',
    'independent-special',
    'non-maintained-special',
    'alternative-provision',
    'hospital',
    'eotas',
    'home-education',
    'other',
  ],
  'post-16': [
    'further-education',
    'mainstream',
    'special',
    'specialist-post16',
    'independent-special',
    'non-maintained-special',
    'eotas',
    'neet',
    'other',
  ],
  'post-19': ['further-education', 'specialist-post16', 'eotas', 'neet', 'other'],
};

type Weights = Partial<Record<Route, number>>;
type NeedGroup = 'ASD' | 'SEMH' | 'SLCN' | 'MLD' | 'SLD' | 'SENSORY' | 'SPLD' | 'DS' | 'OTH';

export const needGroupOf = (need: Need): NeedGroup => {
  switch (need) {
    case 'PMLD':
      return 'SLD';
    case 'HI':
    case 'VI':
    case 'MSI':
    case 'PD':
      return 'SENSORY';
    case 'NSA':
      return 'OTH';
    default:
      return need;
  }
};

/**
 * Setting mix by need and phase (assumption), tuned so that the active plans land near the four seed
 * authorities' January 2025 table: mainstream incl. resourced provision ≈ 45%, state special ≈ 30%,
 * ISS + NMSS ≈ 6–7%, FE ≈ 10%, AP ≈ 1%, early years ≈ 1–2%, the rest elsewhere.
 */
const SCHOOL_AGE: Record<NeedGroup, { primary: Weights; secondary: Weights }> = {
  ASD: {
    primary: {
      mainstream: 44,
      'resourced-provision': 22,
      special: 30,
      'independent-special': 6,
      'alternative-provision': 0.3,
      eotas: 1,
      'home-education': 0.5,
      other: 1,
    },
    secondary: {
      mainstream: 34,
      'resourced-provision': 18,
      special: 32,
      'independent-special': 11,
      'non-maintained-special': 0.5,
      'alternative-provision': 1,
      hospital: 0.3,
      eotas: 1.5,
      'home-education': 1,
      other: 1,
    },
  },
  SEMH: {
    primary: {
      mainstream: 48,
      'resourced-provision': 14,
      special: 25,
      'independent-special': 2,
      'alternative-provision': 3,
      hospital: 0.5,
      eotas: 1.5,
      'home-education': 0.5,
      other: 1,
    },
    secondary: {
      mainstream: 32,
      'resourced-provision': 12,
      special: 28,
      'independent-special': 5,
      'non-maintained-special': 0.5,
      'alternative-provision': 3,
      hospital: 1,
      eotas: 2.5,
      'home-education': 1.5,
      other: 2,
    },
  },
  SLCN: {
    primary: {
      mainstream: 70,
      'resourced-provision': 15,
      special: 14,
      'independent-special': 1,
      'non-maintained-special': 0.5,
      eotas: 0.5,
      other: 0.5,
    },
    secondary: {
      mainstream: 62,
      'resourced-provision': 10,
      special: 24,
      'independent-special': 2,
      'non-maintained-special': 0.5,
      'alternative-provision': 0.5,
      eotas: 1,
      'home-education': 0.5,
      other: 1,
    },
  },
  MLD: {
    primary: {
      mainstream: 52,
      'resourced-provision': 9,
      special: 40,
      'independent-special': 2,
      'alternative-provision': 0.5,
      eotas: 0.5,
      other: 1,
    },
    secondary: {
      mainstream: 35,
      'resourced-provision': 5,
      special: 50,
      'independent-special': 5,
      'alternative-provision': 1,
      eotas: 1,
      'home-education': 0.5,
      other: 1,
    },
  },
  SLD: {
    primary: {
      mainstream: 6,
      'resourced-provision': 2,
      special: 86,
      'independent-special': 2,
      'non-maintained-special': 2,
      other: 0.5,
    },
    secondary: {
      mainstream: 4,
      'resourced-provision': 1,
      special: 88,
      'independent-special': 3,
      'non-maintained-special': 2,
      other: 0.5,
    },
  },
  SENSORY: {
    primary: {
      mainstream: 55,
      'resourced-provision': 12,
      special: 24,
      'independent-special': 1,
      'non-maintained-special': 6,
      hospital: 0.5,
      eotas: 0.5,
      other: 0.5,
    },
    secondary: {
      mainstream: 55,
      'resourced-provision': 10,
      special: 26,
      'independent-special': 1,
      'non-maintained-special': 6,
      hospital: 0.5,
      eotas: 0.5,
      'home-education': 0.5,
      other: 0.5,
    },
  },
  SPLD: {
    primary: { mainstream: 84, 'resourced-provision': 4, special: 6, 'independent-special': 4, other: 1 },
    secondary: {
      mainstream: 78,
      'resourced-provision': 4,
      special: 6,
      'independent-special': 6,
      'alternative-provision': 1,
      eotas: 1,
      'home-education': 1,
      other: 1,
    },
  },
  DS: {
    primary: { mainstream: 48, 'resourced-provision': 4, special: 46, other: 1 },
    secondary: { mainstream: 30, 'resourced-provision': 3, special: 65, other: 1 },
  },
  OTH: {
    primary: {
      mainstream: 55,
      'resourced-provision': 5,
      special: 25,
      'independent-special': 4,
      'non-maintained-special': 1,
      hospital: 1,
      eotas: 3,
      'home-education': 2,
      other: 3,
    },
    secondary: {
      mainstream: 45,
      'resourced-provision': 4,
      special: 28,
      'independent-special': 6,
      'non-maintained-special': 1,
      'alternative-provision': 2,
      hospital: 2,
      eotas: 5,
      'home-education': 3,
      other: 4,
    },
  },
};

const EARLY_YEARS: Weights = { 'early-years': 65, mainstream: 14, 'resourced-provision': 3, special: 18 };
const EARLY_YEARS_COMPLEX: Weights = { 'early-years': 35, mainstream: 5, special: 60 };

const POST_16: Weights = {
  'further-education': 44,
  mainstream: 10,
  special: 26,
  'specialist-post16': 4,
  'independent-special': 3,
  'non-maintained-special': 0.5,
  eotas: 1,
  neet: 2,
  other: 1,
};
const POST_16_COMPLEX: Weights = {
  'further-education': 15,
  special: 60,
  'specialist-post16': 20,
  'independent-special': 2,
  'non-maintained-special': 1,
  neet: 1,
  other: 1,
};
const POST_19: Weights = {
  'further-education': 60,
  'specialist-post16': 18,
  eotas: 2,
  neet: 6,
  other: 6,
};

export function routeWeights(need: Need, phase: Phase): Weights {
  const group = needGroupOf(need);
  const complex = group === 'SLD' || need === 'PMLD' || need === 'MSI';
  switch (phase) {
    case 'early-years':
      return complex ? EARLY_YEARS_COMPLEX : EARLY_YEARS;
    case 'primary':
    case 'secondary':
      return SCHOOL_AGE[group][phase];
    case 'post-16':
      return complex ? POST_16_COMPLEX : POST_16;
    case 'post-19':
      return POST_19;
  }
}

/**
 * Where a child goes after a placement breaks down mid-year (assumption): mainstream escalates to
 * resourced provision, special school or independent school; a special school to an independent one.
 * Routes missing here, or not open to the child's phase, fall back to the phase mix.
 */
export const ESCALATION: Partial<Record<Route, Weights>> = {
  mainstream: {
    mainstream: 2,
    'resourced-provision': 3,
    special: 4,
    'independent-special': 1,
    'alternative-provision': 1,
    eotas: 0.4,
    'further-education': 2,
    'specialist-post16': 1,
  },
  'resourced-provision': { mainstream: 1, 'resourced-provision': 0.5, special: 4, 'independent-special': 1 },
  special: { special: 2, 'independent-special': 1.5, 'alternative-provision': 0.5, eotas: 0.5 },
  'independent-special': { 'independent-special': 2, special: 1.5, eotas: 0.5, 'further-education': 1 },
  'alternative-provision': { special: 2, 'independent-special': 2, mainstream: 1, eotas: 1 },
  'further-education': { 'further-education': 2, 'specialist-post16': 1, neet: 2 },
  neet: { 'further-education': 3, 'specialist-post16': 1, other: 1 },
};

/**
 * Chance of a new placement when a child enters a new phase (assumption): secondary transfer means a new
 * school unless the child is in an all-through special school; special schools keep their sixth forms;
 * schools end at 19.
 */
export const TRANSFER_CHANCE: Record<Phase, Partial<Record<Route, number>>> = {
  'early-years': {},
  primary: { 'early-years': 1, mainstream: 0.3, 'resourced-provision': 0.6, special: 0.1 },
  secondary: {
    mainstream: 1,
    'resourced-provision': 1,
    special: 0.15,
    'independent-special': 0.4,
    'non-maintained-special': 0.3,
    'alternative-provision': 0.6,
    hospital: 1,
    eotas: 0.5,
    'home-education': 0.3,
    other: 0.5,
  },
  'post-16': {
    mainstream: 0.85,
    'resourced-provision': 1,
    special: 0.3,
    'independent-special': 0.5,
    'non-maintained-special': 0.5,
    'alternative-provision': 1,
    hospital: 1,
    eotas: 0.5,
    'home-education': 0.6,
    other: 0.5,
  },
  'post-19': { 'further-education': 0.4, 'specialist-post16': 0.3, eotas: 0.5, neet: 0.4, other: 0.4 },
};

/**
 * Looked-after children (assumption): placed with carers or in children's homes, often far away, they go to
 * independent (often residential) schools and alternative provision more often.
 */
export const LOOKED_AFTER_ROUTE_FACTOR: Partial<Record<Route, number>> = {
  'independent-special': 3.5,
  'non-maintained-special': 1.5,
  'alternative-provision': 1.5,
  eotas: 1.3,
};

/**
 * When every local provision for the child's need and phase is full (assumption): a resourced place becomes
 * mainstream support; a special place is found in another authority's school, an independent school or,
 * for some, mainstream; a post-16 specialist place out of borough or at the local college.
 */
export type Overflow = 'out-of-borough' | Route;
export const OVERFLOW: Partial<Record<Route, Partial<Record<Overflow, number>>>> = {
  'resourced-provision': { mainstream: 1 },
  special: { 'out-of-borough': 0.35, 'independent-special': 0.3, mainstream: 0.35 },
  'specialist-post16': { 'out-of-borough': 0.5, 'further-education': 0.5 },
};

/**
 * The plans already in place at the first census include years of escalations: more of them are in
 * independent schools than a new plan would be (assumption, so the independent share starts near its
 * level in the seed authorities rather than climbing from a new-plan mix).
 */
export const INITIAL_STOCK_ROUTE_FACTOR: Partial<Record<Route, number>> = { 'independent-special': 1.4 };

/** On a phase transfer, the chance of staying on the same kind of route (a special school child stays special). */
export const ROUTE_PERSISTENCE = 0.6;

/**
 * Leaving (assumption, tuned so ≈ 32% of plans are for NCY 12+ as in South Tyneside 2020): any time in the
 * year a plan may cease because needs are met or the family moves away; at the end of an academic year
 * young people leave education after Year 11, 13 and 14 and, above all, at 25 (NCY 20).
 */
export const CEASED_NEEDS_MET_PER_YEAR: Partial<Record<Need, number>> = { SLCN: 0.035, SPLD: 0.04 };
export const CEASED_NEEDS_MET_OTHERWISE = 0.012;
export const MOVED_AWAY_PER_YEAR = 0.018;
export const LEFT_EDUCATION_POST16_PER_YEAR = 0.03;
/** Chance of leaving at the end of the academic year in which the young person was in this NCY. */
export function yearEndLeavingChance(ncy: number): number {
  if (ncy >= 20) return 1;
  if (ncy >= 15) return 0.16;
  if (ncy === 14) return 0.3;
  if (ncy === 13) return 0.18;
  if (ncy === 11 || ncy === 12) return 0.04;
  return 0;
}

/** Mid-year placement breakdowns a year (assumption): SEMH and looked-after children move more often. */
export const MOVE_PER_YEAR = 0.045;
export const MOVE_SEMH_FACTOR = 1.8;
export const MOVE_LOOKED_AFTER_FACTOR = 1.5;

/**
 * NCY of children when their first plan starts (assumption: most plans start in early years and primary;
 * SEMH later, in secondary; SLD/PMLD early). Weights for NCY −2…20.
 */
const JOINER_NCY_WEIGHTS = [
  4, 10, 9, 9, 8, 7, 6.5, 6, 5.5, 6, 5, 4.5, 4, 3, 4.5, 2.5, 2, 1.2, 0.8, 0.6, 0.4, 0.3, 0.2,
] as const;
/** NCY of the plans already in place at the first census (weights for NCY −2…20; ≈ 24% NCY 12+). */
const INITIAL_NCY_WEIGHTS = [
  0.2, 0.8, 2.5, 4.5, 5, 5.5, 6, 6.2, 6.5, 7, 7, 7, 7, 7.5, 6, 5.2, 3.6, 2.2, 1.6, 1.2, 0.9, 0.7, 0.4,
] as const;

const ncyTilt = (need: Need, ncy: number): number => {
  const group = needGroupOf(need);
  if (group === 'SEMH') return ncy < 0 ? 0.3 : ncy >= 7 && ncy <= 11 ? 1.7 : 1;
  if (group === 'SLCN') return ncy <= 6 ? 1.4 : 0.6;
  if (group === 'SLD' || need === 'DS') return ncy < 0 ? 3 : 1;
  return 1;
};

const weightsFor = (base: readonly number[]) => {
  const byNeed = new Map<Need, (readonly [number, number])[]>();
  return (need: Need) => {
    let weights = byNeed.get(need);
    if (!weights) {
      weights = base.map(
        (weight, index) => [index + MIN_NCY, weight * ncyTilt(need, index + MIN_NCY)] as const,
      );
      byNeed.set(need, weights);
    }
    return weights;
  };
};
export const joinerNcyWeights = weightsFor(JOINER_NCY_WEIGHTS);
export const initialNcyWeights = weightsFor(INITIAL_NCY_WEIGHTS);

/** Plans whose child also has a secondary need (assumption) and which needs go together. */
export const SECONDARY_NEED_CHANCE = 0.3;
export const SECONDARY_NEEDS: Partial<Record<Need, readonly Need[]>> = {
  ASD: ['SLCN', 'SEMH', 'MLD', 'SPLD'],
  SEMH: ['ASD', 'SLCN', 'SPLD', 'MLD'],
  SLCN: ['ASD', 'MLD', 'SEMH'],
  MLD: ['SLCN', 'SEMH', 'ASD'],
  SLD: ['ASD', 'PD', 'SLCN'],
  PMLD: ['PD', 'VI', 'MSI'],
  PD: ['SLCN', 'MLD', 'VI'],
  DS: ['SLCN', 'MLD', 'HI'],
};
