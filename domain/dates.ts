// The three calendars of SEND planning (domain.md): the January census, the academic year
// (September–August) and the financial year (April–March). Dates are ISO `YYYY-MM-DD` strings.
//
// Every date the service accepts has a plausible range, so no input can send a calendar loop off to year 0 or
// 9999: placements, costs and as-of dates fall in 1990–2100, birth months from January 1990 to the current
// month, financial years from 2000-01 to 2099-00. The pure functions below check their inputs too, and every
// loop over months or years goes through `eachMonth` / `eachYear`, which stop with a DateRangeError past the
// range instead of running away.
import * as z from './zod';

export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;
export const FIRST_DATE = `${FIRST_YEAR}-01-01`;
export const LAST_DATE = `${LAST_YEAR}-12-31`;
/** Financial years by their first calendar year: 2000-01 to 2099-00. */
export const FIRST_FINANCIAL_YEAR = 2000;
export const LAST_FINANCIAL_YEAR = 2099;
/** Most months a range can span: every month of FIRST_YEAR … LAST_YEAR. */
export const MAX_MONTHS = 12 * (LAST_YEAR - FIRST_YEAR + 1);
/** Most years a range can span. */
export const MAX_YEARS = LAST_YEAR - FIRST_YEAR + 1;

/** A date, month or year outside the service's range reached a calendar function (stored data, or a caller's bug). */
export class DateRangeError extends RangeError {
  override name = 'DateRangeError';
}

const ISO_DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;

/** Four digits, always: `financialYearLabel(100)` is `0100-01`, never `100-01`. */
const padYear = (year: number) => String(year).padStart(4, '0');
const pad2 = (value: number) => String(value).padStart(2, '0');

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (2025-02-30 is not), whatever its year. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** Whether `value` is a real calendar date in FIRST_DATE … LAST_DATE. */
export const isDomainDate = (value: string): boolean =>
  isCalendarDate(value) && value >= FIRST_DATE && value <= LAST_DATE;

/** The current month `YYYY-MM` (UTC): birth months may not be after it. */
export const currentMonth = (now = new Date()): string => now.toISOString().slice(0, 7);

/** A real calendar date written `YYYY-MM-DD`, in 1990–2100 (rejects 2025-02-30 and 0001-01-01). */
export const IsoDate = z.string().superRefine((value, ctx) => {
  if (!ISO_DATE.test(value)) ctx.addIssue({ code: 'custom', message: 'expected a date written YYYY-MM-DD' });
  else if (!isCalendarDate(value)) ctx.addIssue({ code: 'custom', message: 'not a real calendar date' });
  else if (value < FIRST_DATE || value > LAST_DATE)
    ctx.addIssue({ code: 'custom', message: `expected a date from ${FIRST_DATE} to ${LAST_DATE}` });
});

const monthIssue = (value: string, ctx: z.RefinementCtx, last: string) => {
  if (!YEAR_MONTH.test(value)) ctx.addIssue({ code: 'custom', message: 'expected a month written YYYY-MM' });
  else if (value < FIRST_DATE.slice(0, 7) || value > last)
    ctx.addIssue({
      code: 'custom',
      message: `expected a month from ${FIRST_DATE.slice(0, 7)} to ${last}`,
    });
};

/** A month written `YYYY-MM`, in 1990–2100. */
export const YearMonth = z
  .string()
  .superRefine((value, ctx) => monthIssue(value, ctx, LAST_DATE.slice(0, 7)));

/** A birth month `YYYY-MM`: from January 1990 to the current month (nobody is born in the future). */
export const BirthMonth = z.string().superRefine((value, ctx) => monthIssue(value, ctx, currentMonth()));

/** Financial year written `2025-26`: April 2025 to March 2026; from 2000-01 to 2099-00. */
export const FinancialYear = z.string().superRefine((fy, ctx) => {
  const match = FINANCIAL_YEAR.exec(fy);
  if (!match) ctx.addIssue({ code: 'custom', message: 'expected a financial year written like 2025-26' });
  else if ((Number(match[1]) + 1) % 100 !== Number(match[2]))
    ctx.addIssue({ code: 'custom', message: 'the two years must be consecutive' });
  else if (Number(match[1]) < FIRST_FINANCIAL_YEAR || Number(match[1]) > LAST_FINANCIAL_YEAR)
    ctx.addIssue({
      code: 'custom',
      message: `expected a financial year from ${financialYearLabel(FIRST_FINANCIAL_YEAR)} to ${financialYearLabel(LAST_FINANCIAL_YEAR)}`,
    });
});

/** Checks that a date is a calendar date in range, for the pure engines: a DateRangeError otherwise. */
export function assertDomainDate(value: string, what = 'date'): string {
  if (!isDomainDate(value))
    throw new DateRangeError(
      `${what} ${JSON.stringify(value)} is not a date from ${FIRST_DATE} to ${LAST_DATE}`,
    );
  return value;
}

/** Days since 1970-01-01 of a calendar date (any year Date can hold); a DateRangeError for anything else. */
export const toDayNumber = (isoDate: string): number => {
  const day = Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
  if (!Number.isFinite(day)) throw new DateRangeError(`${JSON.stringify(isoDate)} is not a date`);
  return day;
};
export const fromDayNumber = (day: number): string => {
  const date = new Date(day * 86_400_000);
  if (!Number.isFinite(date.getTime())) throw new DateRangeError(`day ${day} is not a date`);
  return `${padYear(date.getUTCFullYear())}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
};

/** Start year of the financial year containing a date: 2026-02-28 → 2025 (FY 2025-26). */
export const financialYearStartOf = (isoDate: string): number => {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 4 ? year : year - 1;
};
export const financialYearLabel = (startYear: number): string =>
  `${padYear(startYear)}-${pad2((startYear + 1) % 100)}`;
export const financialYearBounds = (fy: string): { start: string; end: string } => {
  const match = FINANCIAL_YEAR.exec(fy);
  const startYear = Number(match?.[1]);
  if (!match || startYear < FIRST_FINANCIAL_YEAR || startYear > LAST_FINANCIAL_YEAR)
    throw new DateRangeError(
      `${JSON.stringify(fy)} is not a financial year from ${financialYearLabel(FIRST_FINANCIAL_YEAR)} to ${financialYearLabel(LAST_FINANCIAL_YEAR)}`,
    );
  return { start: `${padYear(startYear)}-04-01`, end: `${padYear(startYear + 1)}-03-31` };
};

/** Start year of the academic year containing a date: 2026-01-15 → 2025 (2025/26). */
export const academicYearStartOf = (isoDate: string): number => {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1;
};

/** Census day of a calendar year: the SEN2 return counts plans in place in mid-January. */
export const censusDate = (year: number): string => `${padYear(year)}-01-15`;

/**
 * The months `YYYY-MM` from the one containing `from` to the one containing `to` (dates or months), in order.
 * Both ends must lie in FIRST_YEAR … LAST_YEAR, so at most MAX_MONTHS come out: a DateRangeError otherwise,
 * never an endless loop.
 */
export function* eachMonth(from: string, to: string): Generator<{ month: string; firstDay: number }> {
  const [first, last] = [from, to].map((value) => {
    const match = YEAR_MONTH.exec(value.slice(0, 7));
    const year = Number(match?.[1]);
    if (!match || year < FIRST_YEAR || year > LAST_YEAR)
      throw new DateRangeError(`${JSON.stringify(value)} is not in ${FIRST_YEAR}–${LAST_YEAR}`);
    return year * 12 + Number(match[2]) - 1;
  }) as [number, number];
  if (last - first + 1 > MAX_MONTHS) throw new DateRangeError(`over ${MAX_MONTHS} months`);
  for (let index = first; index <= last; index++) {
    const year = Math.floor(index / 12);
    const month0 = index % 12;
    yield { month: `${padYear(year)}-${pad2(month0 + 1)}`, firstDay: Date.UTC(year, month0, 1) / 86_400_000 };
  }
}

/** The years `from` … `to`, both in FIRST_YEAR … LAST_YEAR (so at most MAX_YEARS); a DateRangeError otherwise. */
export function eachYear(from: number, to: number): number[] {
  for (const year of [from, to])
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR)
      throw new DateRangeError(`year ${year} is not in ${FIRST_YEAR}–${LAST_YEAR}`);
  return to < from ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * National curriculum year in the academic year that contains `asOf`, for a child born in `birthMonth`
 * (YYYY-MM). NCY = age on 31 August before the academic year − 5.
 */
export function ncyFromBirthMonth(birthMonth: string, asOf: string): number {
  const academicStart = academicYearStartOf(asOf);
  const birthYear = Number(birthMonth.slice(0, 4));
  const birthMonthNumber = Number(birthMonth.slice(5, 7));
  const ncy = academicStart - birthYear - (birthMonthNumber > 8 ? 1 : 0) - 5;
  if (!Number.isInteger(ncy))
    throw new DateRangeError(
      `no NCY for birth month ${JSON.stringify(birthMonth)} on ${JSON.stringify(asOf)}`,
    );
  return ncy;
}
