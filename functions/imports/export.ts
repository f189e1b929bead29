// Stored placements → CSV files: all placements (in the import's default headers, so an export re-imports as
// duplicates), a January census snapshot, and the four witan.send files built by the model's own snapshots.
import { dsgCategoryOf, phaseOfNcy } from '../../domain/codes';
import { censusDate } from '../../domain/dates';
import { assertPlacementDates, costsOn, type Placement, totalAnnualCost } from '../../domain/placement';
import type { PopulationRow } from '../../model/data';
import { censusSnapshot, placementsToModelData, type SnapshotOptions } from '../../model/snapshots';
import { toWitanCsv, type WitanCsvTexts } from '../../model/witan';
import type { WITAN_FILE_NAMES } from '../api/schemas';
import { guardFormulas } from './formula-guard';
import { DEFAULT_HEADERS, type ImportField } from './mapping';

export type Cell = string | number | boolean | undefined;

/** A cell quoted when needed; text that a spreadsheet would run as a formula is guarded (formula-guard.ts). */
function csvCell(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  const text = typeof value === 'string' ? guardFormulas(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const toCsv = (header: string[], rows: Cell[][]): string =>
  `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;

const header = (field: ImportField) => DEFAULT_HEADERS[field][0] as string;

const PLACEMENT_COLUMNS: [ImportField, (p: Placement) => Cell][] = [
  ['childRef', (p) => p.childRef],
  ['primaryNeed', (p) => p.primaryNeed],
  ['secondaryNeed', (p) => p.secondaryNeed],
  ['setting', (p) => p.setting],
  ['inBorough', (p) => p.inBorough],
  ['hostLaCode', (p) => p.hostLaCode],
  ['providerUrn', (p) => p.providerUrn],
  ['providerName', (p) => p.providerName],
  ['lookedAfter', (p) => p.lookedAfter],
  ['residential', (p) => p.residential],
  ['ncy', (p) => p.ncy],
  ['birthMonth', (p) => p.birthMonth],
  ['startDate', (p) => p.startDate],
  ['endDate', (p) => p.endDate],
  ['endReason', (p) => p.endReason],
  ['educationCost', (p) => p.costs.education],
  ['socialCareCost', (p) => p.costs.socialCare],
  ['healthCost', (p) => p.costs.health],
  ['transportCost', (p) => p.costs.transport],
  ['provisionId', (p) => p.provisionId],
];

const byStart = (a: Placement, b: Placement) =>
  a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : 1;

/** Placements as a table in the import's default headers, current costs, oldest start first. */
export function placementTable(placements: readonly Placement[]): { header: string[]; rows: Cell[][] } {
  return {
    header: ['Placement ID', ...PLACEMENT_COLUMNS.map(([field]) => header(field)), 'Version', 'Updated At'],
    rows: [...placements]
      .sort(byStart)
      .map((p) => [p.id, ...PLACEMENT_COLUMNS.map(([, value]) => value(p)), p.version, p.updatedAt]),
  };
}

/** Every placement with its current costs; `Placement ID`, `Version` and `Updated At` are ignored on import. */
export function placementsCsv(placements: readonly Placement[]): string {
  const { header: names, rows } = placementTable(placements);
  return toCsv(names, rows);
}

/** The January census of `year` (model/snapshots.ts: one placement per child, active on census day). */
export function censusCsv(placements: readonly Placement[], year: number): string {
  for (const p of placements) assertPlacementDates(p);
  const date = censusDate(year);
  const byId = new Map(placements.map((p) => [p.id, p]));
  const rows = [...censusSnapshot(placements, year).values()]
    .sort((a, b) => (a.childRef < b.childRef ? -1 : 1))
    .map((entry) => {
      const p = byId.get(entry.placementId) as Placement;
      return [
        date,
        entry.childRef,
        entry.placementId,
        entry.need,
        p.setting,
        p.inBorough,
        p.hostLaCode,
        p.lookedAfter,
        entry.ncy,
        phaseOfNcy(entry.ncy),
        dsgCategoryOf(p.setting),
        totalAnnualCost(costsOn(p, date)),
      ];
    });
  return toCsv(
    [
      'Census Date',
      'Child Ref',
      'Placement ID',
      'Primary Need',
      'Setting',
      'In Borough',
      'Host LA',
      'Looked After',
      'NCY',
      'Phase',
      'DSG Category',
      'Annual Cost',
    ],
    rows,
  );
}

export const WITAN_FILES = {
  'transitions.csv': 'transitions',
  'population.csv': 'population',
  'costs.csv': 'costs',
  'valid-states.csv': 'validStates',
} as const satisfies Record<(typeof WITAN_FILE_NAMES)[number], keyof WitanCsvTexts>;
export type WitanFile = keyof typeof WITAN_FILES;

/**
 * The witan.send input set from stored placements, via model/snapshots.ts and model/witan.ts. Settings are our
 * state settings (`independent-special@OB`); population.csv is the population given (the authority's stored
 * one), and is empty when none is given.
 */
export function witanFiles(
  placements: readonly Placement[],
  options: SnapshotOptions & { population: PopulationRow[] },
): WitanCsvTexts {
  return toWitanCsv(placementsToModelData(placements, options).data);
}
