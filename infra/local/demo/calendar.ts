// Day arithmetic on whole UTC day numbers (days since 1970-01-01), kept numeric inside the simulation so
// generation stays fast; the rules are those of domain/dates.ts (tested against it in demo-authority.test.ts).
import { fromDayNumber } from '../../../domain/dates';

const MS_PER_DAY = 86_400_000;

export const dayOf = (year: number, month: number, date: number): number =>
  Date.UTC(year, month - 1, date) / MS_PER_DAY;
export const isoOf = fromDayNumber;
export const septemberFirst = (year: number): number => dayOf(year, 9, 1);
/** Census day of a calendar year (15 January, as domain/dates.ts censusDate). */
export const censusDay = (year: number): number => dayOf(year, 1, 15);

/** Start year of the academic year (September–August) containing a day. */
export function academicYearOfDay(day: number): number {
  let year = Math.floor(day / 365.2425) + 1971;
  while (septemberFirst(year) > day) year--;
  return year;
}

/** NCY in the academic year containing `day`: age on 31 August before it, less 5. */
export const ncyOnDay = (birthYear: number, birthMonth: number, day: number): number =>
  academicYearOfDay(day) - birthYear - (birthMonth > 8 ? 1 : 0) - 5;
