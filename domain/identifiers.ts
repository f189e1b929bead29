// What identifies a child and must never be stored as, or inside, a child reference: a Unique Pupil Number
// (UPN), a Unique Learner Number (ULN), an NHS number, or a full date (a date of birth, or a name-and-birthday
// reference such as `Delta.Sample.20160620`). The checks use the real check characters, so a reference that only
// resembles one by chance is not refused; `personalDataIn` says which kind was found, never the value.

export type PersonalData = 'a UPN' | 'a ULN' | 'an NHS number' | 'a full date';

/** Separators a reference may write inside an identifier: `A1234-5678-9012`, `943 476 5919`, `2016.06.20`. */
const SEPARATORS = /[-._\s/]/g;

/** UPN check letters: the 23 capital letters without I, O and S, indexed by remainder (DfE UPN guidance). */
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
/** The DfE UPN form: check letter, 11 digits (LA, establishment, year, serial), digit or letter (temporary UPN). */
const UPN_FORM = /^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/i;

/**
 * Whether 13 characters are a UPN: characters 2–13 weighted 2–13 (a letter in position 13 counts as its index in
 * UPN_LETTERS), summed, modulo 23, give the check letter in position 1.
 */
export function isUpn(value: string): boolean {
  if (!UPN_FORM.test(value)) return false;
  const upn = value.toUpperCase();
  let sum = 0;
  for (let position = 2; position <= 13; position++) {
    const char = upn[position - 1] as string;
    sum += (/\d/.test(char) ? Number(char) : UPN_LETTERS.indexOf(char)) * position;
  }
  return UPN_LETTERS[sum % 23] === upn[0];
}

/** Weighted sum of the first nine digits (weights 10 down to 2), the base of the ULN and NHS number checks. */
const weightedNine = (digits: string) =>
  [...digits.slice(0, 9)].reduce((sum, digit, i) => sum + Number(digit) * (10 - i), 0);

/** A ULN: 10 digits, the first not 0; check digit 10 − (sum mod 11), a remainder of 0 being invalid (ESFA). */
export function isUln(value: string): boolean {
  if (!/^[1-9]\d{9}$/.test(value)) return false;
  const remainder = weightedNine(value) % 11;
  return remainder !== 0 && 10 - remainder === Number(value[9]);
}

/** An NHS number: 10 digits; check digit 11 − (sum mod 11), 11 read as 0 and 10 never issued (NHS Data Dictionary). */
export function isNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const check = 11 - (weightedNine(value) % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(value[9]);
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A real day of a month in 1900–2100: the years a living child's or parent's date could be. */
function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const numbers = (m: RegExpExecArray, ...groups: number[]) => groups.map((group) => Number(m[group]));
/** Either reading of day and month: 14032014 is 14 March (UK), 03142014 is 14 March (US). */
const dayOrMonthFirst = ([a, b, year]: number[]): [number, number, number][] => [
  [year ?? 0, b ?? 0, a ?? 0],
  [year ?? 0, a ?? 0, b ?? 0],
];

/**
 * Full dates with a four-digit year, not inside a longer run of digits: year first or last, with the same
 * separator twice (`2016-06-20`, `20.6.2016`) or none at all (`20160620`, `20062016`).
 */
const NUMERIC_DATES: [RegExp, (m: RegExpExecArray) => [number, number, number][]][] = [
  [
    /(?<!\d)(\d{4})([-._/])(\d{1,2})\2(\d{1,2})(?!\d)/g,
    (m) => [numbers(m, 1, 3, 4) as [number, number, number]],
  ],
  [/(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/g, (m) => [numbers(m, 1, 2, 3) as [number, number, number]]],
  [/(?<!\d)(\d{1,2})([-._/])(\d{1,2})\2(\d{4})(?!\d)/g, (m) => dayOrMonthFirst(numbers(m, 1, 3, 4))],
  [/(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)/g, (m) => dayOrMonthFirst(numbers(m, 1, 2, 3))],
];
/** `14March2014`, `14th-mar-2014`, `mar14-2014`, `2014-Mar-14`. */
const NAMED_DATES: [RegExp, (m: RegExpExecArray) => [number, string, number]][] = [
  [
    /(?<!\d)(\d{1,2})(?:st|nd|rd|th)?[-._/]?([a-z]{3,9})[-._/]?(\d{4})(?!\d)/gi,
    (m) => [+(m[3] ?? 0), m[2] ?? '', +(m[1] ?? 0)],
  ],
  [
    /(?<![a-z])([a-z]{3,9})[-._/]?(\d{1,2})(?:st|nd|rd|th)?[-._/]?(\d{4})(?!\d)/gi,
    (m) => [+(m[3] ?? 0), m[1] ?? '', +(m[2] ?? 0)],
  ],
  [
    /(?<!\d)(\d{4})[-._/]?([a-z]{3,9})[-._/]?(\d{1,2})(?!\d)/gi,
    (m) => [+(m[1] ?? 0), m[2] ?? '', +(m[3] ?? 0)],
  ],
];

/** 1–12 for a month's name or its first three (or more) letters ("Mar", "Sept", "March"); 0 for "Marble". */
const monthOfName = (name: string) => {
  const lower = name.toLowerCase();
  return lower.length >= 3 ? MONTH_NAMES.findIndex((month) => month.startsWith(lower)) + 1 : 0;
};

function containsFullDate(text: string): boolean {
  for (const [pattern, readings] of NUMERIC_DATES)
    for (const match of text.matchAll(pattern))
      if (readings(match as RegExpExecArray).some(([y, m, d]) => isRealDate(y, m, d))) return true;
  for (const [pattern, read] of NAMED_DATES)
    for (const match of text.matchAll(pattern)) {
      const [year, month, day] = read(match as RegExpExecArray);
      if (isRealDate(year, monthOfName(month), day)) return true;
    }
  return false;
}

/** Runs of exactly 10 digits, as written and with separators dropped (`943-476-5919`). */
function tenDigitRuns(text: string): string[] {
  const runs = (value: string) => [...value.matchAll(/(?<!\d)\d{10}(?!\d)/g)].map((m) => m[0]);
  return [...new Set([...runs(text), ...runs(text.replace(SEPARATORS, ''))])];
}

/**
 * The kind of personal identifier `text` holds anywhere inside it, if any: a UPN (by its check letter, or any value
 * that is exactly UPN-shaped, as a mistyped UPN is still one), a ULN or NHS number (10 digits with a valid check
 * digit), or a full date. Separators inside the identifier do not hide it.
 */
export function personalDataIn(text: string): PersonalData | undefined {
  const compact = text.replace(SEPARATORS, '');
  for (const value of [text, compact])
    for (let start = 0; start + 13 <= value.length; start++)
      if (isUpn(value.slice(start, start + 13))) return 'a UPN';
  // A value, or a part of it between separators, in the exact UPN form is refused even with a wrong check
  // letter: a mistyped UPN still points at a child.
  if ([compact, ...text.split(SEPARATORS)].some((part) => UPN_FORM.test(part))) return 'a UPN';
  for (const run of tenDigitRuns(text)) {
    if (isNhsNumber(run)) return 'an NHS number';
    if (isUln(run)) return 'a ULN';
  }
  if (containsFullDate(text)) return 'a full date';
  return undefined;
}
