// Cell values as case-management exports write them → the values PlacementInput expects. Each normaliser
// returns the value or a problem message; the caller names the field. Blank cells are `undefined`. A message
// never repeats the cell: reject reasons are stored and shown to every group, and a cell may hold a name.
import { NEEDS, type Need, SETTINGS, type Setting } from '../../domain/codes';
import { END_REASONS } from '../../domain/placement';

export type Normalised<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Normalised<T> => ({ ok: true, value });
const fail = (message: string): Normalised<never> => ({ ok: false, message });

/** `table[key]` only for a key the table itself has: "constructor" or "__proto__" from a file is no key. */
export const ownEntry = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** Lower case, letters and digits only: "Out of Area?" → "outofarea". Used for headers and coded values. */
export const simplify = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

const TRUE = new Set(['y', 'yes', 'true', 't', '1']);
const FALSE = new Set(['n', 'no', 'false', 'f', '0']);

export function toBoolean(raw: string): Normalised<boolean> {
  const value = simplify(raw);
  if (TRUE.has(value)) return ok(true);
  if (FALSE.has(value)) return ok(false);
  return fail(`expected Y/N, Yes/No or TRUE/FALSE`);
}

/** "£12,345.50" → 12345.5. Negative amounts and text are refused. */
export function toMoney(raw: string): Normalised<number> {
  const cleaned = raw.replace(/[£,\s]/g, '').replace(/^GBP/i, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return fail(`expected an amount in pounds`);
  return ok(Number(cleaned));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug is why it is not 12-31). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const pad = (value: number) => String(value).padStart(2, '0');

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/**
 * Dates as UK exports write them: `2025-09-01`, `01/09/2025` (day first, as in the UK), `1-9-2025`,
 * `01.09.2025`, `1 Sep 2025`, `2025-Sep-01` (SEN2 COLLECT exports), a trailing time, or an Excel serial day
 * number such as `45901`.
 */
/** Patterns of a date, each giving [year, month, day]; the month may be a name (Sep, September). */
const DATE_PATTERNS: [RegExp, (m: string[]) => [string, string, string]][] = [
  [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, (m) => [m[1] ?? '', m[2] ?? '', m[3] ?? '']],
  [/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/, (m) => [m[3] ?? '', m[2] ?? '', m[1] ?? '']],
  [/^(\d{1,2})[-\s]([A-Za-z]{3,9})[-\s](\d{4})$/, (m) => [m[3] ?? '', m[2] ?? '', m[1] ?? '']],
  [/^(\d{4})-([A-Za-z]{3,9})-(\d{1,2})$/, (m) => [m[1] ?? '', m[2] ?? '', m[3] ?? '']],
];

/**
 * Dates as UK exports write them: `2025-09-01`, `01/09/2025` (day first, as in the UK), `1-9-2025`,
 * `01.09.2025`, `1 Sep 2025`, `2025-Sep-01` (SEN2 COLLECT exports), a trailing time, or an Excel serial day
 * number such as `45901`.
 */
export function toIsoDate(raw: string): Normalised<string> {
  const text = raw.trim().replace(/[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i, '');
  let date: string | undefined;
  for (const [pattern, parts] of DATE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [year, month, day] = parts([...match]);
    const monthValue = /^\d+$/.test(month) ? Number(month) : monthNumber(month);
    date = monthValue > 0 ? calendarDate(Number(year), monthValue, Number(day)) : undefined;
    break;
  }
  if (!date && /^\d{5}(\.0+)?$/.test(text)) {
    // Excel serial days 20000–80000 are the years 1954–2119: anything else is not a plausible date.
    const serial = Number(text);
    if (serial >= 20_000 && serial <= 80_000)
      date = new Date(EXCEL_EPOCH_MS + serial * 86_400_000).toISOString().slice(0, 10);
  }
  return date ? ok(date) : fail(`expected a date such as 2025-09-01 or 01/09/2025`);
}

/** A birth month `YYYY-MM` from `2014-03`, `03/2014`, `Mar 2014` or a full date (the day is dropped, never kept). */
export function toBirthMonth(raw: string): Normalised<string> {
  const text = raw.trim();
  let match = /^(\d{4})[-/](\d{1,2})$/.exec(text);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12)
    return ok(`${match[1]}-${pad(Number(match[2]))}`);
  match = /^(\d{1,2})[-/](\d{4})$/.exec(text);
  if (match && Number(match[1]) >= 1 && Number(match[1]) <= 12)
    return ok(`${match[2]}-${pad(Number(match[1]))}`);
  match = /^([A-Za-z]{3,9})[-\s](\d{4})$/.exec(text);
  if (match && monthNumber(match[1] ?? '') > 0) return ok(`${match[2]}-${pad(monthNumber(match[1] ?? ''))}`);
  const date = toIsoDate(text);
  if (date.ok) return ok(date.value.slice(0, 7));
  return fail(`expected a birth month such as 2014-03 or 03/2014`);
}

/** National curriculum year: `7`, `Y7`, `Year 7`, `R`/`Reception` (0), `N2` (−1), `N1` (−2). */
export function toNcy(raw: string): Normalised<number> {
  const value = simplify(raw);
  if (value === 'r' || value === 'reception' || value === 'yr') return ok(0);
  if (value === 'n2' || value === 'nursery2') return ok(-1);
  if (value === 'n1' || value === 'nursery1') return ok(-2);
  const match = /^(?:year|yr|y|ncy)?(-?\d{1,2})$/.exec(raw.trim().toLowerCase().replace(/\s+/g, ''));
  if (match) return ok(Number(match[1]));
  return fail(`expected a national curriculum year such as 7, Y7, Year 7 or R`);
}

const NEED_NAMES: Record<string, Need> = {
  autisticspectrumdisorder: 'ASD',
  autisticspectrumcondition: 'ASD',
  autism: 'ASD',
  asc: 'ASD',
  socialemotionalandmentalhealth: 'SEMH',
  socialemotionalmentalhealth: 'SEMH',
  speechlanguageandcommunicationneeds: 'SLCN',
  speechlanguageandcommunicationneed: 'SLCN',
  speechlanguagecommunication: 'SLCN',
  moderatelearningdifficulty: 'MLD',
  moderatelearningdifficulties: 'MLD',
  severelearningdifficulty: 'SLD',
  severelearningdifficulties: 'SLD',
  profoundandmultiplelearningdifficulty: 'PMLD',
  profoundmultiplelearningdifficulty: 'PMLD',
  profoundandmultiplelearningdifficulties: 'PMLD',
  specificlearningdifficulty: 'SPLD',
  specificlearningdifficulties: 'SPLD',
  hearingimpairment: 'HI',
  visionimpairment: 'VI',
  visualimpairment: 'VI',
  multisensoryimpairment: 'MSI',
  physicaldisability: 'PD',
  downsyndrome: 'DS',
  other: 'OTH',
  otherdifficultydisability: 'OTH',
  otherdifficultyordisability: 'OTH',
  sensupportbutnospecialistassessmentoftypeofneed: 'NSA',
  nospecialistassessment: 'NSA',
};

/** A need code (`ASD`, `SpLD`), its name ("Autistic Spectrum Disorder"), or "ASD - Autistic …". */
export function toNeed(raw: string): Normalised<Need> {
  const candidates = [raw, raw.split(/\s[-–:]\s|\s*\(/)[0] ?? ''];
  for (const candidate of candidates) {
    const value = simplify(candidate);
    const code = NEEDS.find((need) => need.toLowerCase() === value);
    if (code) return ok(code);
    const named = ownEntry(NEED_NAMES, value);
    if (named) return ok(named);
  }
  return fail(`not a known need (use a SEN2 code: ${NEEDS.join(', ')})`);
}

const SETTING_NAMES: Record<string, Setting> = {
  mainstream: 'mainstream',
  mainstreamschool: 'mainstream',
  mainstreamschooloracademy: 'mainstream',
  mainstreamacademy: 'mainstream',
  academy: 'mainstream',
  mms: 'mainstream',
  mmsib: 'mainstream',
  mmsob: 'mainstream',
  arp: 'resourced-provision',
  rp: 'resourced-provision',
  resourcedprovision: 'resourced-provision',
  additionallyresourcedprovision: 'resourced-provision',
  senunit: 'resourced-provision',
  unit: 'resourced-provision',
  mu: 'resourced-provision',
  special: 'maintained-special',
  specialschool: 'maintained-special',
  maintainedspecial: 'maintained-special',
  maintainedspecialschool: 'maintained-special',
  laspecial: 'maintained-special',
  mss: 'maintained-special',
  mssib: 'maintained-special',
  mssob: 'maintained-special',
  specialacademy: 'special-academy',
  specialfreeschool: 'special-academy',
  iss: 'independent-special',
  issr: 'independent-special',
  independentspecial: 'independent-special',
  independentspecialschool: 'independent-special',
  independent: 'independent-special',
  nmss: 'non-maintained-special',
  nmssr: 'non-maintained-special',
  nonmaintainedspecial: 'non-maintained-special',
  nonmaintainedspecialschool: 'non-maintained-special',
  ap: 'alternative-provision',
  pru: 'alternative-provision',
  map: 'alternative-provision',
  alternativeprovision: 'alternative-provision',
  pupilreferralunit: 'alternative-provision',
  hospital: 'hospital',
  hospitalschool: 'hospital',
  fe: 'further-education',
  fec: 'further-education',
  college: 'further-education',
  fecollege: 'further-education',
  furthereducation: 'further-education',
  sixthform: 'further-education',
  sixthformcollege: 'further-education',
  spi: 'specialist-post16',
  specialistpost16: 'specialist-post16',
  specialistpost16institution: 'specialist-post16',
  ey: 'early-years',
  eyp: 'early-years',
  earlyyears: 'early-years',
  nursery: 'early-years',
  eotas: 'eotas',
  eo: 'eotas',
  ola: 'eotas',
  educationotherwisethanatschool: 'eotas',
  ehe: 'home-education',
  homeeducation: 'home-education',
  electivehomeeducation: 'home-education',
  neet: 'neet',
  other: 'other',
};

/** A setting code of ours (`independent-special`), a common abbreviation (ISS, NMSS, ARP, PRU) or name. */
export function toSetting(raw: string): Normalised<Setting> {
  const value = simplify(raw);
  const own = SETTINGS.find((setting) => simplify(setting) === value);
  const setting = own ?? ownEntry(SETTING_NAMES, value);
  return setting
    ? ok(setting)
    : fail(`not a known setting (use one of ${SETTINGS.join(', ')}, or map it in a mapping file)`);
}

const END_REASON_NAMES: Record<string, (typeof END_REASONS)[number]> = {
  movedschool: 'moved-setting',
  changeofsetting: 'moved-setting',
  movedla: 'moved-out-of-area',
  movedoutofla: 'moved-out-of-area',
  movedaway: 'moved-out-of-area',
  ceased: 'plan-ceased-other',
  planceased: 'plan-ceased-other',
  needsmet: 'plan-ceased-needs-met',
  ceasedneedsmet: 'plan-ceased-needs-met',
  adultservices: 'transferred-to-adult-services',
  lefteducation: 'left-education',
};

export function toEndReason(raw: string): Normalised<(typeof END_REASONS)[number]> {
  const value = simplify(raw);
  const reason = END_REASONS.find((known) => simplify(known) === value) ?? ownEntry(END_REASON_NAMES, value);
  return reason ? ok(reason) : fail(`not a known end reason (use one of ${END_REASONS.join(', ')})`);
}

/** An LA code: `393`, `LA 393`, `393 - South Tyneside`. */
export function toLaCode(raw: string): Normalised<string> {
  const match = /^\D*(\d{3})(?!\d)/.exec(raw.trim());
  return match?.[1] ? ok(match[1]) : fail(`expected a 3-digit LA code`);
}

/** A URN; Excel often turns `100000` into `100000.0`. */
export function toUrn(raw: string): Normalised<string> {
  const value = raw.trim().replace(/\.0+$/, '');
  return /^\d{6,7}$/.test(value) ? ok(value) : fail(`expected a 6- or 7-digit URN`);
}
