// Rows of a placements file → validated PlacementInput, or a reject naming every bad field. The same
// PlacementInput schema as `POST /placements` decides what is valid.
import { PlacementInput, validatePlacementRules } from '../../domain/placement';
import type { ZodError } from '../../domain/zod';
import { type ColumnMap, type ImportField, type MappingFile, resolveColumns } from './mapping';
import {
  type Normalised,
  toBirthMonth,
  toBoolean,
  toEndReason,
  toIsoDate,
  toLaCode,
  toMoney,
  toNcy,
  toNeed,
  toSetting,
  toUrn,
} from './normalise';
import type { Table } from './read';

/** A row that passed: its line in the file and the create body it stands for. */
export interface ValidRow {
  line: number;
  input: PlacementInput;
}

/** A row that did not: why (field by field) and the row as it was, for the reject file. */
export interface Reject {
  line: number;
  reason: string;
  row: Record<string, string>;
}

export interface ParsedRows {
  valid: ValidRow[];
  rejects: Reject[];
  /** Headers not mapped to any field (for the user to spot a misspelling). */
  ignored: string[];
  /** Anything the user should know that is neither an import nor a reject (e.g. rows deliberately skipped). */
  notes?: string[];
}

type Normaliser = (raw: string) => Normalised<unknown>;
const text: Normaliser = (raw) => ({ ok: true, value: raw.trim() });

const NORMALISERS: Record<ImportField, Normaliser> = {
  childRef: text,
  primaryNeed: toNeed,
  secondaryNeed: toNeed,
  setting: toSetting,
  inBorough: toBoolean,
  outOfBorough: toBoolean,
  hostLaCode: toLaCode,
  providerUrn: toUrn,
  providerName: text,
  lookedAfter: toBoolean,
  residential: toBoolean,
  ncy: toNcy,
  birthMonth: toBirthMonth,
  startDate: toIsoDate,
  endDate: toIsoDate,
  endReason: toEndReason,
  educationCost: toMoney,
  socialCareCost: toMoney,
  healthCost: toMoney,
  transportCost: toMoney,
  provisionId: text,
};

/** Yes/no columns that default to "no" when blank or absent: exports leave them empty for most children. */
const DEFAULT_NO = new Set<ImportField>(['lookedAfter', 'residential']);
const COST_FIELDS = {
  educationCost: 'education',
  socialCareCost: 'socialCare',
  healthCost: 'health',
  transportCost: 'transport',
} as const;

export const zodProblems = (error: ZodError): string[] =>
  error.issues.map(
    (issue) =>
      `${issue.path.join('.') || '(row)'}: ${/^required(: |$)/.test(issue.message) ? `is required (blank or no column)${issue.message.slice('required'.length)}` : issue.message}`,
  );

/** One row → a create body, or the problems with it. */
export function mapRow(
  cells: string[],
  map: Pick<ColumnMap, 'columns' | 'values'>,
): { ok: true; input: PlacementInput } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const fields: Partial<Record<ImportField, unknown>> = {};
  for (const [field, index] of Object.entries(map.columns) as [ImportField, number][]) {
    let raw = (cells[index] ?? '').trim();
    raw = map.values[field]?.get(raw.toLowerCase()) ?? raw;
    if (raw === '') continue;
    const result = NORMALISERS[field](raw);
    if (result.ok) fields[field] = result.value;
    else problems.push(`${field}: ${result.message}`);
  }
  for (const field of DEFAULT_NO) fields[field] ??= false;
  if (fields.inBorough === undefined && fields.outOfBorough !== undefined)
    fields.inBorough = !fields.outOfBorough;
  else if (
    fields.inBorough !== undefined &&
    fields.outOfBorough !== undefined &&
    fields.inBorough === fields.outOfBorough
  )
    problems.push('inBorough: contradicts outOfBorough');

  const costs = Object.fromEntries(
    Object.entries(COST_FIELDS)
      .filter(([column]) => fields[column as ImportField] !== undefined)
      .map(([column, funder]) => [funder, fields[column as ImportField]]),
  );
  const {
    outOfBorough: _inverse,
    educationCost,
    socialCareCost,
    healthCost,
    transportCost,
    ...rest
  } = fields;
  const candidate = { ...rest, costs };
  const parsed = PlacementInput.safeParse(candidate);
  // Fields that failed normalisation are missing from the candidate: report them once, not also as "required".
  const failed = new Set(problems.map((problem) => problem.slice(0, problem.indexOf(':'))));
  if (failed.has('outOfBorough')) failed.add('inBorough');
  if (!parsed.success) {
    // zod skips cross-field rules while a field is invalid; run them too, so one pass names every problem.
    const rules = validatePlacementRules(candidate as Parameters<typeof validatePlacementRules>[0]);
    const all = [...zodProblems(parsed.error), ...(rules.success ? [] : zodProblems(rules.error))];
    problems.push(...new Set(all.filter((problem) => !failed.has(problem.slice(0, problem.indexOf(':'))))));
  }
  return problems.length === 0 && parsed.success ? { ok: true, input: parsed.data } : { ok: false, problems };
}

export const rowRecord = (headers: string[], cells: string[]): Record<string, string> =>
  Object.fromEntries(headers.map((header, index) => [header || `column ${index + 1}`, cells[index] ?? '']));

/** Every row of a placements table, validated; a file whose columns cannot be mapped is an ImportFileError. */
export function parsePlacementRows(table: Table, mapping?: MappingFile, file?: string): ParsedRows {
  const map = resolveColumns(table.headers, mapping, file);
  const valid: ValidRow[] = [];
  const rejects: Reject[] = [];
  for (const { line, cells } of table.rows) {
    const result = mapRow(cells, map);
    if (result.ok) valid.push({ line, input: result.input });
    else rejects.push({ line, reason: result.problems.join('; '), row: rowRecord(table.headers, cells) });
  }
  return { valid, rejects, ignored: map.ignored };
}
