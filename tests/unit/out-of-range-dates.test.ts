// Issue 12, finding 3: one placement starting 0001-01-01 (stored before the date bounds, or written around the
// API) turned POST /projections into "Maximum call stack size exceeded" and put "NaN" academic years into the
// witan export. The model's input and the exports refuse such a placement with a typed error naming it.
import { describe, expect, it } from 'vitest';
import { DateRangeError } from '../../domain/dates';
import { dsgPlan } from '../../domain/dsg-plan';
import type { Placement } from '../../domain/placement';
import { censusCsv, witanFiles } from '../../functions/imports/export';
import { placementsToModelData } from '../../model/snapshots';
import { education, storedPlacement } from '../helpers/placement';

const placement = storedPlacement;
const costs = education(20_000);

// Enough history for a model: children in the censuses of 2019 to 2023 (the last end date is the data's date).
const good = [
  ...Array.from({ length: 6 }, (_, i) => placement(`ok-${i}`, { startDate: `2018-0${i + 1}-01` })),
  placement('ok-ended', { startDate: '2019-02-01', endDate: '2023-07-31', endReason: 'other' }),
];

const BAD: [string, Partial<Placement>, RegExp][] = [
  ['a start in year 1', { startDate: '0001-01-01' }, /placement bad: startDate "0001-01-01"/],
  ['a start in 9999', { startDate: '9999-01-01' }, /placement bad: startDate "9999-01-01"/],
  ['an end in year 0', { endDate: '0000-06-01', endReason: 'other' }, /placement bad: endDate/],
  ['a birth month in year 1', { birthMonth: '0001-03' }, /placement bad: birthMonth "0001-03"/],
  ['a birth month that is not one', { birthMonth: 'NaN-NaN' }, /placement bad: birthMonth/],
  [
    'a cost change in year 1',
    {
      costHistory: [
        { effectiveFrom: '2019-09-01', costs },
        { effectiveFrom: '0001-01-01', costs },
      ],
    },
    /placement bad: costHistory.effectiveFrom "0001-01-01"/,
  ],
];

describe('a placement with a date out of range', () => {
  it.each(BAD)('with %s: the model data refuses it with a DateRangeError', (_label, fields, message) => {
    const placements = [...good, placement('bad', fields)];
    expect(() => placementsToModelData(placements, { population: [] })).toThrow(DateRangeError);
    expect(() => placementsToModelData(placements, { population: [] })).toThrow(message);
  });

  it.each(BAD)('with %s: the census and witan exports refuse it, never writing NaN', (_label, fields) => {
    const placements = [...good, placement('bad', fields)];
    expect(() => censusCsv(placements, 2021)).toThrow(DateRangeError);
    expect(() => witanFiles(placements, { population: [] })).toThrow(DateRangeError);
  });

  it('the DSG plan refuses a birth month that is not one, instead of counting it under 5', () => {
    expect(() => dsgPlan([placement('bad', { birthMonth: 'NaN-NaN' })], '2025-26')).toThrow(DateRangeError);
  });

  it('the same placements without it give a model and exports free of NaN', () => {
    const { censusYears } = placementsToModelData(good, { population: [] });
    expect(censusYears).toEqual([2018, 2019, 2020, 2021, 2022, 2023]);
    const texts = witanFiles(good, { population: [] });
    for (const text of Object.values(texts)) expect(text).not.toMatch(/NaN/);
    expect(censusCsv(good, 2021)).not.toMatch(/NaN/);
  });
});
