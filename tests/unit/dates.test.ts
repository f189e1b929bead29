// The calendar module's bounds (issue 12, finding 1): every date has a plausible range, years are padded, and
// no loop over months or years can run away, whatever it is handed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BirthMonth,
  currentMonth,
  DateRangeError,
  eachMonth,
  eachYear,
  FinancialYear,
  financialYearBounds,
  financialYearLabel,
  fromDayNumber,
  IsoDate,
  MAX_MONTHS,
  ncyFromBirthMonth,
  toDayNumber,
  YearMonth,
} from '../../domain/dates';
import { computeSpend } from '../../domain/spend';

const messageOf = (
  schema: { safeParse: (v: unknown) => { error?: { issues: { message: string }[] } } },
  value: string,
) => schema.safeParse(value).error?.issues.map((issue) => issue.message);

describe('date schemas', () => {
  it.each([
    ['0001-01-01', 'expected a date from 1990-01-01 to 2100-12-31'],
    ['0000-01-01', 'expected a date from 1990-01-01 to 2100-12-31'],
    ['1989-12-31', 'expected a date from 1990-01-01 to 2100-12-31'],
    ['2101-01-01', 'expected a date from 1990-01-01 to 2100-12-31'],
    ['9999-12-31', 'expected a date from 1990-01-01 to 2100-12-31'],
    ['2025-02-30', 'not a real calendar date'],
    ['2025-9-1', 'expected a date written YYYY-MM-DD'],
  ])('IsoDate refuses %s with one message', (value, message) => {
    expect(messageOf(IsoDate, value)).toEqual([message]);
  });

  it('IsoDate accepts both ends of the range and 29 February of a leap year', () => {
    for (const value of ['1990-01-01', '2100-12-31', '2024-02-29'])
      expect(IsoDate.safeParse(value).success).toBe(true);
  });

  it.each([
    ['0000-01', 'expected a financial year from 2000-01 to 2099-00'],
    ['0100-01', 'expected a financial year from 2000-01 to 2099-00'],
    ['1999-00', 'expected a financial year from 2000-01 to 2099-00'],
    ['9999-00', 'expected a financial year from 2000-01 to 2099-00'],
    ['2100-01', 'expected a financial year from 2000-01 to 2099-00'],
    ['2025-27', 'the two years must be consecutive'],
    ['2025/26', 'expected a financial year written like 2025-26'],
  ])('FinancialYear refuses %s', (value, message) => {
    expect(messageOf(FinancialYear, value)).toEqual([message]);
  });

  it('FinancialYear accepts 2000-01 … 2099-00', () => {
    for (const fy of ['2000-01', '2025-26', '2099-00'])
      expect(FinancialYear.safeParse(fy).success).toBe(true);
  });

  it('YearMonth is bounded to 1990-01 … 2100-12; a birth month to the current month', () => {
    expect(messageOf(YearMonth, '0000-01')).toEqual(['expected a month from 1990-01 to 2100-12']);
    expect(YearMonth.safeParse('2100-12').success).toBe(true);
    expect(BirthMonth.safeParse(currentMonth()).success).toBe(true);
    expect(BirthMonth.safeParse('1990-01').success).toBe(true);
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 1, 1);
    expect(messageOf(BirthMonth, currentMonth(next))).toEqual([
      `expected a month from 1990-01 to ${currentMonth()}`,
    ]);
    expect(BirthMonth.safeParse('1989-12').success).toBe(false);
  });

  it('never throws, whatever the string', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        for (const schema of [IsoDate, YearMonth, BirthMonth, FinancialYear])
          expect(() => schema.safeParse(value)).not.toThrow();
      }),
    );
  });
});

describe('calendar functions', () => {
  it('pad years to four digits', () => {
    expect(financialYearLabel(100)).toBe('0100-01');
    expect(fromDayNumber(toDayNumber('0099-03-01'))).toBe('0099-03-01');
  });

  it('refuse financial years out of range with a DateRangeError', () => {
    for (const fy of ['0000-01', '0100-01', '9999-00', 'x'])
      expect(() => financialYearBounds(fy)).toThrow(DateRangeError);
    expect(financialYearBounds('2099-00')).toEqual({ start: '2099-04-01', end: '2100-03-31' });
  });

  it('refuse a value that is not a date instead of computing with NaN', () => {
    expect(() => toDayNumber('0000-13-45')).toThrow(DateRangeError);
    expect(() => fromDayNumber(Number.NaN)).toThrow(DateRangeError);
    expect(() => ncyFromBirthMonth('garbage', '2025-01-15')).toThrow(DateRangeError);
  });

  it('eachMonth walks a range in order, across a year end', () => {
    expect([...eachMonth('2025-11-15', '2026-02-01')].map((m) => m.month)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect([...eachMonth('2025-04-01', '2025-04-30')]).toEqual([
      { month: '2025-04', firstDay: toDayNumber('2025-04-01') },
    ]);
  });

  it('eachMonth and eachYear stop with a DateRangeError outside 1990–2100, never loop', () => {
    for (const [from, to] of [
      ['0000-01-01', '2025-01-01'],
      ['0100-04-01', '0101-03-31'],
      ['2025-01-01', '9999-12-31'],
      ['NaN-01-01', '2025-01-01'],
      ['', ''],
    ] as const)
      expect(() => [...eachMonth(from, to)]).toThrow(DateRangeError);
    expect([...eachMonth('1990-01-01', '2100-12-31')]).toHaveLength(MAX_MONTHS);
    expect(() => eachYear(1, 2026)).toThrow(DateRangeError);
    expect(() => eachYear(2020, Number.NaN)).toThrow(DateRangeError);
    expect(eachYear(2020, 2022)).toEqual([2020, 2021, 2022]);
    expect(eachYear(2022, 2020)).toEqual([]);
  });

  it('the spend engine refuses a range out of bounds (it used to loop with a NaN year)', () => {
    expect(() => computeSpend([], { from: '0000-04-01', to: '0001-03-31' })).toThrow(DateRangeError);
  });
});
