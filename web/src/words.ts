// Placement and provision fields in plain words, for the pages, forms and the audit trail: every code is
// shown with what it means (domain/codes.ts and friends hold the labels), every date in words.
import {
  FUNDER_LABELS,
  FUNDERS,
  NEED_LABELS,
  type Need,
  ncyLabel,
  PHASE_LABELS,
  type Phase,
  SETTING_INFO,
  type Setting,
} from '../../domain/codes';
import { localAuthority } from '../../domain/local-authorities';
import {
  type CostPeriod,
  type Costs,
  END_REASON_LABELS,
  type EndReason,
  totalAnnualCost,
} from '../../domain/placement';
import { fmt } from './ui';

export const PLACEMENT_FIELD_LABELS: Record<string, string> = {
  id: 'Placement ID',
  childRef: 'Child reference',
  primaryNeed: 'Primary need',
  secondaryNeed: 'Secondary need',
  setting: 'Setting',
  residential: 'Residential',
  inBorough: 'In or out of borough',
  hostLaCode: 'Host local authority',
  providerUrn: 'Provider URN',
  providerName: 'Provider name',
  provisionId: 'Local provision',
  lookedAfter: 'Looked after',
  ncy: 'Year group (NCY)',
  birthMonth: 'Birth month',
  startDate: 'Start date',
  endDate: 'End date',
  endReason: 'Reason it ended',
  costs: 'Annual cost',
  costHistory: 'Cost history',
  costsEffectiveFrom: 'Costs from',
  'costs.education': FUNDER_LABELS.education,
  'costs.socialCare': FUNDER_LABELS.socialCare,
  'costs.health': FUNDER_LABELS.health,
  'costs.transport': FUNDER_LABELS.transport,
  version: 'Version',
};

export const fieldLabel = (field: string): string => PLACEMENT_FIELD_LABELS[field] ?? field;

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const STAMP = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** 2025-09-01 → 1 September 2025. */
export const longDate = (iso: string): string => LONG_DATE.format(new Date(`${iso}T00:00:00Z`));
/** 2014-03 → March 2014. */
export const monthWords = (yearMonth: string): string => MONTH.format(new Date(`${yearMonth}-01T00:00:00Z`));
/** An ISO timestamp in the reader's own time: 1 Dec 2026, 14:03. */
export const stamp = (iso: string): string => STAMP.format(new Date(iso));

export const needWords = (need: Need): string => `${need}: ${NEED_LABELS[need]}`;
export const settingWords = (setting: Setting): string => SETTING_INFO[setting]?.label ?? setting;
export const phaseWords = (phase: Phase): string => PHASE_LABELS[phase] ?? phase;
export const hostLaWords = (code: string): string => {
  const la = localAuthority(code);
  return la ? `${la.name} (${la.code}, ${la.region})` : `${code} (not a current English LA code)`;
};
export const costsWords = (costs: Costs): string => {
  const parts = FUNDERS.filter((funder) => costs[funder] > 0).map(
    (funder) => `${FUNDER_LABELS[funder].toLowerCase()} ${fmt.money(costs[funder])}`,
  );
  return `${fmt.money(totalAnnualCost(costs))} a year${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
};

/** A field's value in words, as a caseworker reads it; absent values are "not recorded". */
export function valueWords(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'not recorded';
  switch (field) {
    case 'primaryNeed':
    case 'secondaryNeed':
      return needWords(value as Need);
    case 'setting':
      return settingWords(value as Setting);
    case 'inBorough':
      return value ? 'In borough' : 'Out of borough';
    case 'residential':
    case 'lookedAfter':
      return value ? 'Yes' : 'No';
    case 'hostLaCode':
      return hostLaWords(value as string);
    case 'ncy':
      return ncyLabel(value as number);
    case 'birthMonth':
      return monthWords(value as string);
    case 'startDate':
    case 'endDate':
    case 'costsEffectiveFrom':
      return longDate(value as string);
    case 'endReason':
      return END_REASON_LABELS[value as EndReason] ?? String(value);
    case 'costs':
      return costsWords(value as Costs);
    case 'costHistory': {
      const periods = value as CostPeriod[];
      return periods
        .map((period) => `from ${longDate(period.effectiveFrom)}: ${costsWords(period.costs)}`)
        .join('; ');
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
