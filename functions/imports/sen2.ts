// SEN2 person-level return (2023 onwards) module CSVs → placements. The DfE modules link by table ids:
// person ← requests ← active plans ← placement detail / SEN need, and requests ← assessment ← named plan.
// Each rank-1 placement detail row becomes one placement; setting, in/out of borough and primary need are
// derived as docs/import-export.md's "SEN2 derivation" section documents. Names, UPNs and full birth dates are
// never kept: every person ID becomes a keyed hash (HMAC-SHA256 with the importer's salt) before it is stored.
import { createHmac } from 'node:crypto';
import type { Setting } from '../../domain/codes';
import { PlacementInput } from '../../domain/placement';
import {
  type Normalised,
  ownEntry,
  simplify,
  toBirthMonth,
  toBoolean,
  toEndReason,
  toIsoDate,
  toNeed,
} from './normalise';
import { ImportFileError, type Table, type TableRow } from './read';
import { type ParsedRows, type Reject, rowRecord, type ValidRow, zodProblems } from './rows';

export const SEN2_MODULES = [
  'sen2',
  'person',
  'requests',
  'assessment',
  'namedplan',
  'activeplans',
  'placementdetail',
  'senneed',
  'establishments',
] as const;
export type Sen2Module = (typeof SEN2_MODULES)[number];

/** Which module a file holds, from its name: `Blade-Export_01-02-2025_placementdetail.csv` → placementdetail. */
export function sen2ModuleOf(fileName: string): Sen2Module | undefined {
  const name = simplify(fileName.replace(/\.(csv|xlsx)$/i, ''));
  // Longest first, so "placementdetail" wins over "sen2" in "sen2placementdetail".
  return [...SEN2_MODULES].sort((a, b) => b.length - a.length).find((module) => name.endsWith(module));
}

export interface Sen2Options {
  /** The returning LA's 3-digit code; defaults to the `lea` of the sen2 module. */
  laCode?: string;
  /** Secret key for pseudonymising every person ID (HMAC-SHA256): required, at least MIN_SALT_CHARS. */
  salt?: string;
}

/** A salt shorter than this could be guessed, and with it every child's ID recovered from the UPNs of a school. */
export const MIN_SALT_CHARS = 16;

/** A module's rows with cells looked up by simplified column name (`PlacementRank` → `placementrank`). */
class ModuleRows {
  private readonly index: Map<string, number>;
  constructor(
    readonly name: Sen2Module,
    readonly table: Table,
  ) {
    this.index = new Map(table.headers.map((header, i) => [simplify(header), i]));
  }
  has = (...columns: string[]) => columns.some((column) => this.index.has(column));
  get = (row: TableRow, ...columns: string[]): string => {
    for (const column of columns) {
      const i = this.index.get(column);
      const value = i === undefined ? '' : (row.cells[i] ?? '').trim();
      if (value !== '') return value;
    }
    return '';
  };
  require(file: string, ...columns: string[]) {
    const missing = columns.filter((column) => !this.index.has(column));
    if (missing.length > 0)
      throw new ImportFileError(`module ${this.name} has no column ${missing.join(', ')}`, file);
  }
}

/** SENsetting codes used when a placement has no URN or UKPRN (2023 guide, items 4.7c and 5.5c). */
const SEN_SETTING_CODES: Record<string, Setting> = {
  OLA: 'eotas',
  OPA: 'other',
  EHE: 'home-education',
  EYP: 'early-years',
  NEET: 'neet',
  NIEC: 'other',
  NIEO: 'other',
};

/** A GIAS "type of establishment" name → our setting (keyword rules, most specific first). */
export function settingOfEstablishmentType(type: string): Setting | undefined {
  const name = simplify(type);
  if (name === '') return undefined;
  if (name.includes('nonmaintainedspecial')) return 'non-maintained-special';
  if (name.includes('independentspecial')) return 'independent-special';
  if (name.includes('special') && name.includes('post16')) return 'specialist-post16';
  if (name.includes('special') && (name.includes('academy') || name.includes('free')))
    return 'special-academy';
  if (name.includes('special')) return 'maintained-special';
  if (name.includes('alternativeprovision') || name.includes('pupilreferral')) return 'alternative-provision';
  if (name.includes('furthereducation') || name.includes('sixthform')) return 'further-education';
  if (name.includes('nursery')) return 'early-years';
  // An EHC plan naming an independent (non-special) school is paid by the LA like an ISS place.
  if (name.includes('independent')) return 'independent-special';
  return 'mainstream';
}

/**
 * Setting from a 7-digit LA establishment number (LAESTAB = LA code + 4-digit number), by the DfE's number
 * ranges: 1000–1099 nursery, 1100–1199 PRU, 2000–5999 primary and secondary, 6000–6999 independent,
 * 7000–7999 special. NMSS and special academies also sit in 7xxx: the establishments module tells them apart.
 */
export function settingOfLaEstab(laestab: string): Setting | undefined {
  const number = Number(laestab.slice(3));
  if (number >= 1000 && number < 1100) return 'early-years';
  if (number >= 1100 && number < 1200) return 'alternative-provision';
  if (number >= 2000 && number < 6000) return 'mainstream';
  if (number >= 6000 && number < 7000) return 'independent-special';
  if (number >= 7000 && number < 8000) return 'maintained-special';
  return undefined;
}

/**
 * The pseudonymous childRef of a person: `sen2-` and 24 letters of HMAC-SHA256(salt, person ID). The same ID and
 * salt always give the same reference, so re-importing a return matches its placements. The hex digest is written
 * with the letters a–p instead of 0–9a–f, so a reference can never contain a run of digits that reads as a date,
 * ULN or NHS number and be refused as one.
 */
export function sen2ChildRef(personId: string, salt: string): string {
  const hex = createHmac('sha256', salt).update(personId).digest('hex').slice(0, 24);
  return `sen2-${hex.replace(/[0-9a-f]/g, (digit) => String.fromCharCode(97 + Number.parseInt(digit, 16)))}`;
}

interface Establishment {
  laestab: string;
  type: string;
  name: string;
}

function establishments(module: ModuleRows | undefined): Map<string, Establishment> {
  const byUrn = new Map<string, Establishment>();
  if (!module) return byUrn;
  for (const row of module.table.rows) {
    const urn = module.get(row, 'urn');
    const la = module.get(row, 'lacode', 'la', 'lacodecode');
    const number = module.get(row, 'establishmentnumber');
    const laestab =
      module.get(row, 'laestab', 'laestablishmentnumber', 'dfenumber') ||
      (la && number ? `${la}${number}` : '');
    byUrn.set(urn, {
      laestab: laestab.replace(/\D/g, ''),
      type: module.get(row, 'typeofestablishmentname', 'typeofestablishment', 'establishmenttype'),
      name: module.get(row, 'establishmentname', 'name'),
    });
  }
  return byUrn;
}

/** Map from a child table's id to its parent's id (e.g. requests → person). */
function parentMap(
  module: ModuleRows | undefined,
  idColumn: string,
  parentColumn: string,
): Map<string, string> {
  const map = new Map<string, string>();
  if (!module) return map;
  for (const row of module.table.rows) map.set(module.get(row, idColumn), module.get(row, parentColumn));
  return map;
}

const isNo = (value: string) =>
  value === '' || ['n', 'no', 'none', 'na', '0', 'false', 'non'].includes(simplify(value));

export function parseSen2Modules(
  tables: Partial<Record<Sen2Module, Table>>,
  options: Sen2Options = {},
): ParsedRows {
  const modules = Object.fromEntries(
    Object.entries(tables).map(([name, table]) => [name, new ModuleRows(name as Sen2Module, table as Table)]),
  ) as Partial<Record<Sen2Module, ModuleRows>>;
  const { person, placementdetail, senneed } = modules;
  const missing = (['person', 'placementdetail', 'senneed'] as const).filter((name) => !modules[name]);
  if (!person || !placementdetail || !senneed)
    throw new ImportFileError(`SEN2 import needs the ${missing.join(', ')} module file(s)`, 'sen2');
  person.require('person', 'persontableid');
  placementdetail.require('placementdetail', 'activeplanstableid', 'entrydate');
  senneed.require('senneed', 'activeplanstableid', 'sentype', 'sentyperank');
  const { salt } = options;
  if (!salt || salt.length < MIN_SALT_CHARS)
    throw new ImportFileError(
      `give a secret salt of at least ${MIN_SALT_CHARS} characters (--salt, IMPORT_SALT or a "salt" part), the same ` +
        'for every import: every person ID is replaced by a keyed hash before it is stored',
      'salt',
    );
  if (!modules.activeplans && !placementdetail.has('persontableid'))
    throw new ImportFileError(
      'SEN2 import needs the activeplans module to link placements to people',
      'sen2',
    );

  const laCode =
    options.laCode ??
    (modules.sen2?.table.rows[0] ? modules.sen2.get(modules.sen2.table.rows[0], 'lea', 'la') : '');
  if (!/^\d{3}$/.test(laCode))
    throw new ImportFileError(
      'which LA made this return? give the sen2 module (column lea) or the LA code',
      'sen2',
    );

  const requestPerson = parentMap(modules.requests, 'requeststableid', 'persontableid');
  const activePlanRequest = parentMap(modules.activeplans, 'activeplanstableid', 'requeststableid');
  const activePlanPerson = parentMap(modules.activeplans, 'activeplanstableid', 'persontableid');
  const personOfActivePlan = (id: string) =>
    activePlanPerson.get(id) || requestPerson.get(activePlanRequest.get(id) ?? '') || '';
  const activePlanRows = new Map(
    (modules.activeplans?.table.rows ?? []).map((row) => [
      modules.activeplans?.get(row, 'activeplanstableid'),
      row,
    ]),
  );
  const assessmentRequest = parentMap(modules.assessment, 'assessmenttableid', 'requeststableid');
  const people = new Map(person.table.rows.map((row) => [person.get(row, 'persontableid'), row]));
  const byUrn = establishments(modules.establishments);

  // Needs per active plan, by rank.
  const needs = new Map<string, Map<number, string>>();
  for (const row of senneed.table.rows) {
    const plan = senneed.get(row, 'activeplanstableid');
    const ranks = needs.get(plan) ?? new Map<number, string>();
    ranks.set(Number(senneed.get(row, 'sentyperank')), senneed.get(row, 'sentype'));
    needs.set(plan, ranks);
  }
  // The latest named plan per person: its start date backs up a missing entry date; residential and ceasing.
  const namedPlans = new Map<string, TableRow>();
  const named = modules.namedplan;
  for (const row of named?.table.rows ?? []) {
    const owner =
      named?.get(row, 'persontableid') ||
      requestPerson.get(
        named?.get(row, 'requeststableid') ||
          assessmentRequest.get(named?.get(row, 'assessmenttableid') ?? '') ||
          '',
      ) ||
      '';
    const current = namedPlans.get(owner);
    const startOf = (r: TableRow) => toIsoDate(named?.get(r, 'startdate') ?? '');
    const start = startOf(row);
    const currentStart = current ? startOf(current) : undefined;
    if (!current || (start.ok && (!currentStart?.ok || start.value > currentStart.value)))
      namedPlans.set(owner, row);
  }

  const valid: ValidRow[] = [];
  const rejects: Reject[] = [];
  const notes: string[] = [];
  let secondPlacements = 0;
  for (const row of placementdetail.table.rows) {
    const rank = placementdetail.get(row, 'placementrank');
    if (rank !== '' && rank !== '1') {
      secondPlacements += 1;
      continue;
    }
    const problems: string[] = [];
    const planId = placementdetail.get(row, 'activeplanstableid');
    const personId = placementdetail.get(row, 'persontableid') || personOfActivePlan(planId);
    const personRow = people.get(personId);
    if (!personRow) {
      rejects.push({
        line: row.line,
        reason: 'activeplanstableid: no person in the person module has this active plan',
        row: rowRecord(placementdetail.table.headers, row.cells),
      });
      continue;
    }
    const field = <T>(name: string, result: Normalised<T>): T | undefined => {
      if (result.ok) return result.value;
      problems.push(`${name}: ${result.message}`);
      return undefined;
    };

    const personKey = person.get(personRow, 'personid', 'nativeid', 'persontableid');
    const childRef = personKey ? sen2ChildRef(personKey, salt) : undefined;
    if (!childRef) problems.push('childRef: the person has no ID (PersonId, NativeId or persontableid)');
    const birthDate = person.get(personRow, 'personbirthdate', 'birthdate', 'dob');
    const birthMonth = birthDate ? field('birthMonth', toBirthMonth(birthDate)) : undefined;

    const ranks = needs.get(planId);
    const primary = ranks?.get(1);
    const secondary = ranks?.get(2);
    const primaryNeed = primary ? field('primaryNeed', toNeed(primary)) : undefined;
    if (!primary) problems.push('primaryNeed: no SEN need with rank 1 for the active plan');
    const secondaryNeed = secondary ? field('secondaryNeed', toNeed(secondary)) : undefined;

    // Setting and host LA, in order of authority (README "SEN2 derivation").
    const urn = placementdetail.get(row, 'urn');
    const ukprn = placementdetail.get(row, 'ukprn');
    const senSetting = placementdetail.get(row, 'sensetting').toUpperCase();
    const establishment = urn ? byUrn.get(urn) : undefined;
    const laestab = (
      placementdetail.get(row, 'laestab', 'laestablishmentnumber') ||
      establishment?.laestab ||
      ''
    ).replace(/\D/g, '');
    const unit = ['senunitindicator', 'resourcedprovisionindicator'].some((column) => {
      const value = placementdetail.get(row, column);
      return value !== '' && toBoolean(value).ok && (toBoolean(value) as { value: boolean }).value;
    });
    let setting: Setting | undefined;
    let hostLaCode: string | undefined;
    if (!urn && !ukprn) {
      setting = ownEntry(SEN_SETTING_CODES, senSetting);
      if (!setting)
        problems.push(
          `setting: no URN or UKPRN, and SENsetting is not one of ${Object.keys(SEN_SETTING_CODES).join(', ')}`,
        );
    } else if (urn) {
      setting = unit
        ? 'resourced-provision'
        : (settingOfEstablishmentType(establishment?.type ?? '') ??
          (laestab.length === 7 ? settingOfLaEstab(laestab) : undefined));
      if (laestab.length === 7) hostLaCode = laestab.slice(0, 3);
      if (!setting || !hostLaCode)
        problems.push(
          'setting: the URN is not in the establishments module and the row has no LA establishment number (LAESTAB)',
        );
    } else {
      // A UKPRN alone identifies a post-16 provider; taken as in borough unless its LA is known.
      setting = unit ? 'resourced-provision' : 'further-education';
    }
    const inBorough = hostLaCode === undefined || hostLaCode === laCode;

    const entry = placementdetail.get(row, 'entrydate');
    const plan = namedPlans.get(personId);
    const planStart = plan ? named?.get(plan, 'startdate') : '';
    const startDate = entry
      ? field('startDate', toIsoDate(entry))
      : planStart
        ? field('startDate', toIsoDate(planStart))
        : undefined;
    const leaving = placementdetail.get(row, 'leavingdate');
    const endDate = leaving ? field('endDate', toIsoDate(leaving)) : undefined;
    const ceaseReason = plan ? (named?.get(plan, 'ceasereason') ?? '') : '';
    const ceased = plan ? (named?.get(plan, 'ceasedate') ?? '') !== '' : false;
    const endReason = endDate
      ? ceased
        ? ((toEndReason(ceaseReason) as { value?: PlacementInput['endReason'] }).value ?? 'plan-ceased-other')
        : 'moved-setting'
      : undefined;

    const activePlan = activePlanRows.get(planId);
    const residential =
      !isNo((activePlan && modules.activeplans?.get(activePlan, 'res')) ?? '') ||
      !isNo((plan && named?.get(plan, 'planres')) ?? '');

    if (problems.length > 0) {
      rejects.push({
        line: row.line,
        reason: problems.join('; '),
        row: rowRecord(placementdetail.table.headers, row.cells),
      });
      continue;
    }
    const candidate = {
      childRef,
      primaryNeed,
      ...(secondaryNeed && secondaryNeed !== primaryNeed ? { secondaryNeed } : {}),
      setting,
      residential,
      inBorough,
      ...(hostLaCode && !inBorough ? { hostLaCode } : {}),
      ...(urn ? { providerUrn: urn } : {}),
      ...(establishment?.name ? { providerName: establishment.name } : {}),
      // SEN2 does not record whether a child is looked after.
      lookedAfter: false,
      ...(birthMonth ? { birthMonth } : {}),
      startDate,
      ...(endDate ? { endDate, endReason } : {}),
      costs: {},
    };
    const parsed = PlacementInput.safeParse(candidate);
    if (parsed.success) valid.push({ line: row.line, input: parsed.data });
    else
      rejects.push({
        line: row.line,
        reason: zodProblems(parsed.error).join('; '),
        row: rowRecord(placementdetail.table.headers, row.cells),
      });
  }
  if (secondPlacements > 0)
    notes.push(
      `${secondPlacements} placement(s) with PlacementRank 2 or more (dual placements) not imported: only the main placement is`,
    );
  return { valid, rejects, ignored: [], notes };
}
