// Reference codes from docs/domain.md: SEN2 primary needs, placement settings, and the
// reporting groupings (DSG management-plan categories, SCAP provision types, phases).
import * as z from './zod';

export const NEEDS = [
  'ASD',
  'SEMH',
  'SLCN',
  'MLD',
  'SLD',
  'PMLD',
  'SPLD',
  'HI',
  'VI',
  'MSI',
  'PD',
  'DS',
  'OTH',
  'NSA',
] as const;
export const Need = z.enum(NEEDS);
export type Need = z.infer<typeof Need>;

/** SEN2 primary needs in plain words (docs/domain.md). */
export const NEED_LABELS: Record<Need, string> = {
  ASD: 'Autistic spectrum disorder',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SPLD: 'Specific learning difficulty',
  HI: 'Hearing impairment',
  VI: 'Vision impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  DS: 'Down syndrome',
  OTH: 'Other difficulty or disability',
  NSA: 'SEN support but no specialist assessment',
};

export const SETTINGS = [
  'mainstream',
  'resourced-provision',
  'maintained-special',
  'special-academy',
  'independent-special',
  'non-maintained-special',
  'alternative-provision',
  'hospital',
  'further-education',
  'specialist-post16',
  'early-years',
  'eotas',
  'home-education',
  'neet',
  'other',
] as const;
export const Setting = z.enum(SETTINGS);
export type Setting = z.infer<typeof Setting>;

export const DSG_CATEGORIES = ['MmSoA', 'RPSEN', 'MdSSA', 'NMISS', 'HspAP', 'P16FE', 'OTHER'] as const;
export type DsgCategory = (typeof DSG_CATEGORIES)[number];
export const DsgCategory = z.enum(DSG_CATEGORIES);

export const DSG_CATEGORY_LABELS: Record<DsgCategory, string> = {
  MmSoA: 'Mainstream schools or academies',
  RPSEN: 'Resourced provision / SEN units',
  MdSSA: 'Maintained special schools or special academies',
  NMISS: 'Non-maintained or independent special schools',
  HspAP: 'Hospital schools / alternative provision',
  P16FE: 'Post-16 and further education',
  OTHER: 'Other',
};

/** SCAP specialist provision types; `null` where a setting is not specialist provision. */
export type ScapType =
  | 'sen-unit-resourced-provision'
  | 'state-special'
  | 'independent-special'
  | 'alternative-provision';

interface SettingInfo {
  label: string;
  dsg: DsgCategory;
  scap: ScapType | null;
  /** Specialist places: what sufficiency planning counts against local capacity. */
  specialist: boolean;
}

export const SETTING_INFO: Record<Setting, SettingInfo> = {
  mainstream: { label: 'Mainstream school or academy', dsg: 'MmSoA', scap: null, specialist: false },
  'resourced-provision': {
    label: 'Resourced provision / SEN unit',
    dsg: 'RPSEN',
    scap: 'sen-unit-resourced-provision',
    specialist: true,
  },
  'maintained-special': {
    label: 'Maintained special school',
    dsg: 'MdSSA',
    scap: 'state-special',
    specialist: true,
  },
  'special-academy': {
    label: 'Special academy or free school',
    dsg: 'MdSSA',
    scap: 'state-special',
    specialist: true,
  },
  'independent-special': {
    label: 'Independent special school',
    dsg: 'NMISS',
    scap: 'independent-special',
    specialist: true,
  },
  'non-maintained-special': {
    label: 'Non-maintained special school',
    dsg: 'NMISS',
    scap: 'independent-special',
    specialist: true,
  },
  'alternative-provision': {
    label: 'Alternative provision / PRU',
    dsg: 'HspAP',
    scap: 'alternative-provision',
    specialist: true,
  },
  hospital: { label: 'Hospital school', dsg: 'HspAP', scap: 'alternative-provision', specialist: true },
  'further-education': { label: 'FE college or sixth form', dsg: 'P16FE', scap: null, specialist: false },
  'specialist-post16': {
    label: 'Specialist post-16 institution',
    dsg: 'P16FE',
    scap: null,
    specialist: true,
  },
  'early-years': { label: 'Early years setting', dsg: 'OTHER', scap: null, specialist: false },
  eotas: { label: 'Education otherwise than at school', dsg: 'OTHER', scap: null, specialist: false },
  'home-education': { label: 'Elective home education', dsg: 'OTHER', scap: null, specialist: false },
  neet: { label: 'Not in education, employment or training', dsg: 'OTHER', scap: null, specialist: false },
  other: { label: 'Other', dsg: 'OTHER', scap: null, specialist: false },
};

export const dsgCategoryOf = (setting: Setting): DsgCategory => SETTING_INFO[setting].dsg;
export const scapTypeOf = (setting: Setting): ScapType | null => SETTING_INFO[setting].scap;
export const isSpecialist = (setting: Setting): boolean => SETTING_INFO[setting].specialist;

export const PHASES = ['early-years', 'primary', 'secondary', 'post-16', 'post-19'] as const;
export const Phase = z.enum(PHASES);
export type Phase = z.infer<typeof Phase>;

export const PHASE_LABELS: Record<Phase, string> = {
  'early-years': 'Early years (nursery)',
  primary: 'Primary (Reception to Year 6)',
  secondary: 'Secondary (Years 7 to 11)',
  'post-16': 'Post-16 (Years 12 to 14)',
  'post-19': 'Post-19 (to age 25)',
};

export const MIN_NCY = -2;
export const MAX_NCY = 20;

/** Phase of a national curriculum year: early years < 0, primary 0–6, secondary 7–11, post-16 12–14, post-19 15–20. */
export function phaseOfNcy(ncy: number): Phase {
  if (ncy < 0) return 'early-years';
  if (ncy <= 6) return 'primary';
  if (ncy <= 11) return 'secondary';
  if (ncy <= 14) return 'post-16';
  return 'post-19';
}

/** A national curriculum year in words: nursery below 0, Reception 0, Year 1–14, post-19 from 15. */
export function ncyLabel(ncy: number): string {
  if (ncy < 0) return `Nursery (NCY ${ncy})`;
  if (ncy === 0) return 'Reception';
  if (ncy <= 14) return `Year ${ncy}`;
  return `Post-19 (NCY ${ncy})`;
}

export const FUNDERS = ['education', 'socialCare', 'health', 'transport'] as const;
export type Funder = (typeof FUNDERS)[number];

/** Who pays each part of a placement's cost. */
export const FUNDER_LABELS: Record<Funder, string> = {
  education: 'Education (high needs block)',
  socialCare: 'Social care',
  health: 'Health',
  transport: 'Home-to-school transport',
};
