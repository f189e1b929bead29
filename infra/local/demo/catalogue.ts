// The invented places of Demo Borough and its neighbours: its own commissioned provisions, the
// out-of-borough schools and colleges its children attend, and local schools. Every name and URN is
// invented; the host LA codes are real neighbouring authorities in the North East.
import type { Need, Phase } from '../../../domain/codes';
import type { PROVISION_TYPES } from '../../../domain/provision';
import type { Route } from './figures';

/** A provision Demo Borough commissions, with how its places are set from the generated occupancy. */
export interface LocalProvision {
  id: string;
  name: string;
  type: (typeof PROVISION_TYPES)[number];
  providerUrn: string;
  needs: readonly Need[];
  phases: readonly Phase[];
  /** Share of children of a matching need and phase that this provision takes, among those that match. */
  weight: number;
  /** Places commissioned in academic years 2017 and 2026 (straight line between, flat after). */
  places: readonly [number, number];
  /** Children placed above the commissioned places, as a share of them (the school agreed to take more). */
  overfill?: number;
  /** Planned for the September after the as-of academic year (September 2027 for the default date). */
  plannedChanges?: readonly { kind: 'opening' | 'expansion'; places: number; note: string }[];
  /** A provision that opens after the as-of date: no places yet and no children. */
  opensLater?: boolean;
}

export const LOCAL_PROVISIONS: readonly LocalProvision[] = [
  {
    id: 'prov-brookside-asd-rp',
    name: 'Brookside Primary ASD Resourced Provision',
    type: 'resourced-provision',
    providerUrn: '152301',
    needs: ['ASD'],
    phases: ['primary'],
    weight: 1,
    places: [20, 30],
  },
  {
    id: 'prov-hollins-park-asd-rp',
    name: 'Hollins Park Academy ASD Resourced Provision',
    type: 'resourced-provision',
    providerUrn: '152417',
    needs: ['ASD'],
    phases: ['secondary'],
    weight: 1,
    places: [14, 22],
  },
  {
    id: 'prov-millbrook-semh-rp',
    name: 'Millbrook Primary SEMH Resourced Provision',
    type: 'resourced-provision',
    providerUrn: '152538',
    needs: ['SEMH'],
    phases: ['primary'],
    weight: 1,
    places: [8, 12],
  },
  {
    id: 'prov-castleview-semh-rp',
    name: 'Castleview Academy SEMH Resourced Provision',
    type: 'resourced-provision',
    providerUrn: '152644',
    needs: ['SEMH'],
    phases: ['secondary'],
    weight: 1,
    places: [8, 10],
  },
  {
    id: 'prov-westgate-slcn-rp',
    name: 'Westgate Primary Speech and Language Resourced Provision',
    type: 'resourced-provision',
    providerUrn: '152759',
    needs: ['SLCN', 'MLD', 'SPLD', 'DS'],
    phases: ['primary'],
    weight: 1,
    places: [12, 16],
  },
  {
    id: 'prov-eastfield-sensory-rp',
    name: 'Eastfield Academy Hearing, Vision and Physical Resourced Base',
    type: 'resourced-provision',
    providerUrn: '152863',
    needs: ['HI', 'VI', 'MSI', 'PD'],
    phases: ['primary', 'secondary'],
    weight: 1,
    places: [8, 10],
  },
  {
    id: 'prov-riverside-school',
    name: 'Riverside School',
    type: 'maintained-special',
    providerUrn: '108912',
    needs: ['ASD', 'SLD', 'PMLD', 'PD', 'MSI', 'DS'],
    phases: ['early-years', 'primary', 'secondary', 'post-16'],
    weight: 1.2,
    places: [125, 140],
  },
  {
    id: 'prov-beacon-hill-academy',
    name: 'Beacon Hill Academy',
    type: 'special-academy',
    providerUrn: '141276',
    needs: ['MLD', 'ASD', 'SLCN', 'SPLD', 'HI', 'VI', 'DS', 'OTH'],
    phases: ['primary', 'secondary', 'post-16'],
    weight: 1,
    places: [140, 160],
  },
  {
    id: 'prov-harbour-view-academy',
    name: 'Harbour View Academy',
    type: 'special-academy',
    providerUrn: '143985',
    needs: ['SEMH'],
    phases: ['primary', 'secondary'],
    weight: 1,
    places: [44, 52],
    overfill: 0.12,
    plannedChanges: [
      {
        kind: 'expansion',
        places: 16,
        note: 'Satellite site for Key Stage 4: 16 more SEMH places',
      },
    ],
  },
  {
    id: 'prov-linden-post16-centre',
    name: 'Linden Post-16 Centre',
    type: 'specialist-post16',
    providerUrn: '146530',
    needs: ['ASD', 'SLD', 'PMLD', 'MLD', 'PD', 'MSI', 'DS', 'SLCN'],
    phases: ['post-16', 'post-19'],
    weight: 1,
    places: [24, 36],
  },
  {
    id: 'prov-northfield-asd-rp',
    name: 'Northfield Primary ASD Resourced Provision',
    type: 'resourced-provision',
    providerUrn: '153021',
    needs: ['ASD'],
    phases: ['primary'],
    weight: 0,
    places: [0, 0],
    opensLater: true,
    plannedChanges: [{ kind: 'opening', places: 16, note: 'New ASD resourced provision, 16 places' }],
  },
];

/** Real neighbouring authorities: Gateshead, Newcastle, North Tyneside, Sunderland, Hartlepool,
 * Middlesbrough, Redcar and Cleveland, County Durham, Darlington, Northumberland. */
export const NEIGHBOUR_LA_CODES = [
  '390',
  '391',
  '392',
  '394',
  '805',
  '806',
  '807',
  '840',
  '841',
  '929',
] as const;

/** A school or college outside the borough. */
export interface OutOfBoroughProvider {
  name: string;
  urn: string;
  hostLaCode: string;
  route: Route;
  /** State special schools in other LAs: maintained or academy. */
  specialType?: 'maintained-special' | 'special-academy';
  needs: readonly Need[];
  /** Relative popularity: a handful take most placements and spend. */
  weight: number;
  /** Share of placements that are residential (ISS, NMSS, specialist colleges). */
  residentialShare?: number;
}

export const OUT_OF_BOROUGH_PROVIDERS: readonly OutOfBoroughProvider[] = [
  // Independent and non-maintained special schools.
  {
    name: 'Oakfield Independent School',
    urn: '137482',
    hostLaCode: '390',
    route: 'independent-special',
    needs: ['ASD', 'SEMH', 'MLD', 'SLCN'],
    weight: 10,
    residentialShare: 0.05,
  },
  {
    name: 'Willowbank College',
    urn: '139015',
    hostLaCode: '392',
    route: 'independent-special',
    needs: ['ASD', 'SLCN'],
    weight: 8,
    residentialShare: 0.1,
  },
  {
    name: 'Brackenridge School',
    urn: '140663',
    hostLaCode: '394',
    route: 'independent-special',
    needs: ['MLD', 'ASD', 'SPLD', 'SLCN', 'OTH'],
    weight: 7,
  },
  {
    name: 'Cragside House School',
    urn: '136208',
    hostLaCode: '929',
    route: 'independent-special',
    needs: ['SEMH'],
    weight: 6,
    residentialShare: 0.55,
  },
  {
    name: 'Hartside School',
    urn: '141934',
    hostLaCode: '805',
    route: 'independent-special',
    needs: ['SEMH', 'MLD', 'ASD'],
    weight: 5,
  },
  {
    name: 'Larchwood Independent School',
    urn: '142517',
    hostLaCode: '806',
    route: 'independent-special',
    needs: ['ASD', 'SLCN', 'OTH'],
    weight: 4,
  },
  {
    name: 'Moorland View School',
    urn: '135790',
    hostLaCode: '840',
    route: 'independent-special',
    needs: ['SEMH', 'ASD'],
    weight: 3,
    residentialShare: 0.45,
  },
  {
    name: 'Thornfield Grange School',
    urn: '143306',
    hostLaCode: '841',
    route: 'independent-special',
    needs: ['SEMH', 'MLD', 'SPLD'],
    weight: 2,
  },
  {
    name: 'Redcliffe Hall School',
    urn: '138841',
    hostLaCode: '807',
    route: 'independent-special',
    needs: ['ASD', 'SLD', 'PMLD', 'DS', 'PD'],
    weight: 2,
    residentialShare: 0.5,
  },
  {
    name: "St Oswin's School for Deaf and Blind Children",
    urn: '108607',
    hostLaCode: '391',
    route: 'non-maintained-special',
    needs: ['HI', 'VI', 'MSI'],
    weight: 3,
    residentialShare: 0.25,
  },
  {
    name: 'Northern Counties Physical and Sensory School',
    urn: '108622',
    hostLaCode: '391',
    route: 'non-maintained-special',
    needs: ['PD', 'PMLD', 'MSI', 'VI', 'SLD'],
    weight: 2,
    residentialShare: 0.2,
  },
  // State special schools in neighbouring authorities (other LA maintained).
  {
    name: 'Hillcrest Special School',
    urn: '114392',
    hostLaCode: '390',
    route: 'special',
    specialType: 'maintained-special',
    needs: ['MLD', 'ASD', 'SLCN'],
    weight: 5,
  },
  {
    name: 'Kingsmeadow School',
    urn: '114455',
    hostLaCode: '394',
    route: 'special',
    specialType: 'maintained-special',
    needs: ['MLD', 'SEMH', 'SPLD'],
    weight: 4,
  },
  {
    name: 'Linthorpe Park Academy',
    urn: '144120',
    hostLaCode: '806',
    route: 'special',
    specialType: 'special-academy',
    needs: ['ASD', 'MLD', 'SLD', 'DS'],
    weight: 3,
  },
  {
    name: 'Greenlands Academy',
    urn: '144387',
    hostLaCode: '805',
    route: 'special',
    specialType: 'special-academy',
    needs: ['SLD', 'PMLD', 'PD', 'MSI', 'MLD'],
    weight: 2,
  },
  {
    name: 'Cleveland Vale School',
    urn: '111716',
    hostLaCode: '807',
    route: 'special',
    specialType: 'maintained-special',
    needs: ['SEMH'],
    weight: 2,
  },
  // Colleges and specialist post-16 institutions.
  {
    name: 'Tyneside Vale College',
    urn: '130512',
    hostLaCode: '391',
    route: 'further-education',
    needs: [],
    weight: 3,
  },
  {
    name: 'Wearside Northern College',
    urn: '130533',
    hostLaCode: '394',
    route: 'further-education',
    needs: [],
    weight: 2,
  },
  {
    name: 'Teesmouth College',
    urn: '130571',
    hostLaCode: '806',
    route: 'further-education',
    needs: [],
    weight: 2,
  },
  {
    name: 'Pennine Ridge Specialist College',
    urn: '131048',
    hostLaCode: '840',
    route: 'specialist-post16',
    needs: ['ASD', 'SLD', 'PMLD', 'PD', 'MLD'],
    weight: 3,
    residentialShare: 0.35,
  },
  {
    name: 'Fellside Independent Specialist College',
    urn: '131097',
    hostLaCode: '929',
    route: 'specialist-post16',
    needs: ['ASD', 'MLD', 'SEMH', 'SLCN'],
    weight: 2,
    residentialShare: 0.15,
  },
  // Alternative provision and hospital education.
  {
    name: 'Bridges Learning Centre',
    urn: '133904',
    hostLaCode: '390',
    route: 'alternative-provision',
    needs: [],
    weight: 1,
  },
  {
    name: "Regional Children's Hospital School",
    urn: '134285',
    hostLaCode: '391',
    route: 'hospital',
    needs: [],
    weight: 1,
  },
];

/** Mainstream schools, colleges and nurseries, in and around the borough: name stems and URN ranges. */
const PRIMARY_NAMES = [
  'Ashgrove Primary School',
  'Bankside Primary School',
  'Cedar Lane Primary School',
  'Dunmore Primary Academy',
  'Elmfield Primary School',
  'Fernhill Community Primary School',
  'Glebe Road Primary School',
  'Hawthorn Primary Academy',
  'Ivy Bank Primary School',
  'Juniper Way Primary School',
  'Kestrel Primary Academy',
  'Larkspur Primary School',
] as const;
const SECONDARY_NAMES = [
  'Northgate Academy',
  "St Bede's Catholic Academy",
  'Southmoor School',
  'Valley View Academy',
  'Westbrook School and Sixth Form',
  'Whitecliffe Academy',
] as const;
const NURSERY_NAMES = [
  'Little Acorns Nursery',
  'Rainbow Day Nursery',
  "Sunnyside Children's Centre",
] as const;
const LOCAL_COLLEGE = { name: 'Demo Borough College', urn: '130489' } as const;
const LOCAL_AP = { name: 'Demo Borough Pupil Referral Unit', urn: '133611' } as const;
const LOCAL_INDEPENDENT = { name: 'Ravenswood Independent School', urn: '148735' } as const;

export interface NamedPlace {
  name: string;
  urn: string;
}

const numbered = (names: readonly string[], firstUrn: number, step: number): NamedPlace[] =>
  names.map((name, index) => ({ name, urn: String(firstUrn + index * step) }));

export const LOCAL_PRIMARY = numbered(PRIMARY_NAMES, 149_103, 17);
export const LOCAL_SECONDARY = numbered(SECONDARY_NAMES, 150_204, 23);
export const LOCAL_NURSERIES = numbered(NURSERY_NAMES, 519_330, 41);
export { LOCAL_AP, LOCAL_COLLEGE, LOCAL_INDEPENDENT };

/** Mainstream schools just across the border (their LA is drawn from the neighbours). */
export const NEIGHBOUR_MAINSTREAM = numbered(
  ['Highfield Academy', 'Moorside Primary School', 'Harton Vale School', 'Ryhope Grange Academy'],
  147_611,
  29,
);
