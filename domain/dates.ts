// The three calendars of SEND planning (domain.md): the January census, the academic year
// (September–August) and the financial year (April–March). Dates are ISO `YYYY-MM-DD` strings.
import * as z from './zod';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar date written `YYYY-MM-DD` (rejects 2025-02-30). */
export const IsoDate = z
  .string()
  .regex(ISO_DATE, 'expected a date written YYYY-MM-DD')
  // zod runs refinements even after the regex fails, so an unparseable value must not reach toISOString (it throws).
  .refine((value) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return !ISO_DATE.test(value) || (!Number.isNaN(time) && new Date(time).toISOString().startsWith(value));
  }, 'not a real calendar date');

export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month written YYYY-MM');

/** Financial year written `2025-26`: April 2025 to March 2026. */
export const FinancialYear = z
  .string()
  .regex(/^\d{4}-\d{2}$/, 'expected a financial year written like 2025-26')
  .refine(
    (fy) => (Number(fy.slice(0, 4)) + 1) % 100 === Number(fy.slice(5)),
    'the two years must be consecutive',
  );

export const toDayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
export const fromDayNumber = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Start year of the financial year containing a date: 2026-02-28 → 2025 (FY 2025-26). */
export const financialYearStartOf = (isoDate: string): number => {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 4 ? year : year - 1;
};
export const financialYearLabel = (startYear: number): string =>
  `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
export const financialYearBounds = (fy: string): { start: string; end: string } => {
  const startYear = Number(fy.slice(0, 4));
  return { start: `${startYear}-04-01`, end: `${startYear + 1}-03-31` };
};

/** Start year of the academic year containing a date: 2026-01-15 → 2025 (2025/26). */
export const academicYearStartOf = (isoDate: string): number => {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1;
};

/** Census day of a calendar year: the SEN2 return counts plans in place in mid-January. */
export const censusDate = (year: number): string => `${year}-01-15`;

/**
 * National curriculum year in the academic year that contains `asOf`, for a child born in `birthMonth`
 * (YYYY-MM). NCY = age on 31 August before the academic year − 5.
 */
export function ncyFromBirthMonth(birthMonth: string, asOf: string): number {
  const academicStart = academicYearStartOf(asOf);
  const birthYear = Number(birthMonth.slice(0, 4));
  const birthMonthNumber = Number(birthMonth.slice(5, 7));
  const ageOnAugust31 = academicStart - birthYear - (birthMonthNumber > 8 ? 1 : 0);
  return ageOnAugust31 - 5;
}
