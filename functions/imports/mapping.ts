// Which column holds which placement field. The default mapping recognises the headers common in
// case-management exports, compared case- and punctuation-insensitively ("Child Ref", "child_ref" and
// "CHILD REF." are the same); a mapping file names the header for any field and recodes values.
import * as z from '../../domain/zod';
import { simplify } from './normalise';
import { ImportFileError } from './read';

export const IMPORT_FIELDS = [
  'childRef',
  'primaryNeed',
  'secondaryNeed',
  'setting',
  'inBorough',
  'outOfBorough',
  'hostLaCode',
  'providerUrn',
  'providerName',
  'lookedAfter',
  'residential',
  'ncy',
  'birthMonth',
  'startDate',
  'endDate',
  'endReason',
  'educationCost',
  'socialCareCost',
  'healthCost',
  'transportCost',
  'provisionId',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * Default headers per field, in the order they are tried. `outOfBorough` ("Out of Area", "OOB") is the
 * inverse of `inBorough`. Documented in the README's default mapping table: keep the two in step.
 */
export const DEFAULT_HEADERS: Record<ImportField, string[]> = {
  childRef: [
    'Child Ref',
    'Child ID',
    'Child Reference',
    'Pseudo ID',
    'Pseudonymised ID',
    'Person ID',
    'Client ID',
  ],
  primaryNeed: ['Primary Need', 'Primary SEN Type', 'Primary SEN Need', 'SEN Primary Need', 'Need'],
  secondaryNeed: ['Secondary Need', 'Secondary SEN Type', 'Secondary SEN Need'],
  setting: ['Setting', 'Placement Type', 'Setting Type', 'Provision Type', 'Establishment Type'],
  inBorough: ['In Borough', 'In Area', 'In LA', 'Within LA'],
  outOfBorough: ['Out of Area', 'Out of Borough', 'OOB', 'OOA', 'Out of LA'],
  hostLaCode: ['Host LA', 'Host LA Code', 'Setting LA', 'Setting LA Code'],
  providerUrn: ['URN', 'Provider URN', 'School URN', 'Setting URN'],
  providerName: ['Provider', 'Provider Name', 'School Name', 'School', 'Setting Name', 'Establishment Name'],
  lookedAfter: ['LAC', 'Looked After', 'CLA', 'Looked After Child', 'Child Looked After'],
  residential: ['Residential', 'Residential Placement'],
  ncy: ['NCY', 'Year Group', 'NC Year', 'National Curriculum Year'],
  birthMonth: ['DOB Month', 'Birth Month', 'Month of Birth', 'DOB', 'Date of Birth'],
  startDate: ['Start Date', 'Placement Start', 'Placement Start Date', 'Date Started'],
  endDate: ['End Date', 'Placement End', 'Placement End Date', 'Date Ended'],
  endReason: ['End Reason', 'Reason Ended', 'Leaving Reason'],
  educationCost: ['Education Cost', 'Education Costs', 'Annual Education Cost', 'Annual Cost', 'Cost'],
  socialCareCost: ['Social Care Cost', 'Social Care Costs', 'Care Cost'],
  healthCost: ['Health Cost', 'Health Costs'],
  transportCost: ['Transport Cost', 'Transport Costs'],
  provisionId: ['Provision ID', 'Provision Id'],
};

/** Without these a row cannot become a placement (in/out of borough may come from either column). */
export const REQUIRED_FIELDS = ['childRef', 'primaryNeed', 'setting', 'startDate'] as const;

const ImportFieldName = z.enum(IMPORT_FIELDS);

/** A mapping file: `{ "columns": { "childRef": "My Header" }, "values": { "setting": { "ISS": "independent-special" } } }`. */
export const MappingFile = z.strictObject({
  columns: z.partialRecord(ImportFieldName, z.string().trim().min(1).max(200)).default({}),
  values: z.partialRecord(ImportFieldName, z.record(z.string(), z.string().max(200))).default({}),
});
export type MappingFile = z.infer<typeof MappingFile>;

export function parseMappingFile(json: unknown, file = 'mapping'): MappingFile {
  const result = MappingFile.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`,
  );
  throw new ImportFileError(`not a valid mapping file: ${problems.join('; ')}`, file);
}

/** Column index per field found in a header row, and value recodings. */
export interface ColumnMap {
  columns: Partial<Record<ImportField, number>>;
  values: Partial<Record<ImportField, Map<string, string>>>;
  /** Headers nobody asked for, reported so a user can spot a misspelt one. */
  ignored: string[];
}

/** Matches headers to fields: the mapping file first, then the defaults; every required field must be found. */
export function resolveColumns(
  headers: string[],
  mapping: MappingFile = { columns: {}, values: {} },
  file?: string,
) {
  const byName = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = simplify(header);
    if (key !== '' && !byName.has(key)) byName.set(key, index);
  });
  const columns: ColumnMap['columns'] = {};
  const problems: string[] = [];
  for (const field of IMPORT_FIELDS) {
    const named = mapping.columns[field];
    if (named !== undefined) {
      const index = byName.get(simplify(named));
      if (index === undefined)
        problems.push(`the mapping names column "${named}" for ${field}, but no such header`);
      else columns[field] = index;
      continue;
    }
    const index = DEFAULT_HEADERS[field]
      .map((header) => byName.get(simplify(header)))
      .find((i) => i !== undefined);
    if (index !== undefined) columns[field] = index;
  }
  const missing: string[] = REQUIRED_FIELDS.filter((field) => columns[field] === undefined);
  if (columns.inBorough === undefined && columns.outOfBorough === undefined)
    missing.push('inBorough (or outOfBorough)');
  if (missing.length === REQUIRED_FIELDS.length + 1)
    // Not the headers themselves: a file without a header line would have its first row (a name, a birth
    // date) repeated back in the answer.
    problems.push(
      'no recognised columns in the first line: is it the header? Otherwise give a mapping file ' +
        '("columns": { "childRef": "My Header" })',
    );
  else if (missing.length > 0)
    problems.push(
      `no column for ${missing.join(', ')}; name it in a mapping file ("columns": { "field": "Header" })`,
    );
  if (problems.length > 0) throw new ImportFileError(problems.join('; '), file);

  const used = new Set(Object.values(columns));
  const values: ColumnMap['values'] = {};
  for (const [field, recode] of Object.entries(mapping.values) as [ImportField, Record<string, string>][])
    values[field] = new Map(Object.entries(recode).map(([from, to]) => [from.trim().toLowerCase(), to]));
  return {
    columns,
    values,
    ignored: headers.filter((header, index) => header !== '' && !used.has(index)),
  } satisfies ColumnMap;
}
