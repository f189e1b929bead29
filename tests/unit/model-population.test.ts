import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/csv';
import { populationRows, populationTotals, populationUpTo } from '../../model/population';
import { parseOnsPopulation } from '../../model/population-csv';
import { oneAreaCsv, onsText } from '../helpers/population';

const ons = onsText();
const lines = ons.trim().split('\n').slice(1);
const oneArea = (code: string) => oneAreaCsv(code).trim();

const failure = (text: string, options = {}): InputError => {
  try {
    parseOnsPopulation(text, options);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
};

describe('parseOnsPopulation', () => {
  it('reads one area as published: code, name, source, ages 0–25 by mid-year', () => {
    const population = parseOnsPopulation(oneArea('E08000023'));
    expect(population).toMatchObject({
      areaCode: 'E08000023',
      areaName: 'South Tyneside',
      source: 'ONS 2022-based subnational population projections',
    });
    expect(population.years.map((y) => y.year)).toEqual(Array.from({ length: 26 }, (_, i) => 2022 + i));
    // South Tyneside, age 0, mid-2022: 1402.000; age 25, mid-2047: the CSV's last cell of its age-25 row.
    expect(population.years[0]?.byAge[0]).toBe(1402);
    const age25 = lines.find((line) => line.startsWith('E08000023,South Tyneside,Population,persons,25,'));
    expect(population.years.at(-1)?.byAge[25]).toBe(Number(age25?.split(',').at(-1)));
    // Persons aged 0–25 in mid-2022: the sum of the 26 rows' 2022 column (python: sum of column 2022
    // over the E08000023 rows = 41,496.0).
    expect(populationTotals(population)[0]).toEqual({ year: 2022, persons: 41_496 });
  });

  it('picks one area from a file of several by code or name; refuses several areas without one', () => {
    expect(parseOnsPopulation(ons, { area: 'Tameside' })).toEqual(
      parseOnsPopulation(ons, { area: 'E08000008' }),
    );
    const error = failure(ons);
    // Line 28 is the first row of the second area (header + 26 Stockton-on-Tees rows).
    expect([error.line, error.column]).toEqual([28, 1]);
    expect(error.detail).toMatch(/a second area, E08000021 Newcastle upon Tyne .*upload one area at a time/);
    expect(failure(ons, { area: 'Atlantis' }).detail).toMatch(/no rows for area "Atlantis"/);
  });

  it('names the line and column of an unknown shape', () => {
    expect(failure('area,name\nx,y\n').detail).toMatch(/missing column "area_code"/);
    const extra = failure(oneArea('E08000023').replace('AGE_GROUP,2022,', 'AGE_GROUP,NOTES,'));
    expect([extra.line, extra.column, extra.detail]).toEqual([
      1,
      6,
      'unknown column "notes": expected a year such as 2023',
    ]);
    expect(failure(oneArea('E08000023').replace(',2023,', ',2022,')).detail).toBe('year 2022 appears twice');
    const text = oneArea('E08000023').split('\n');
    text[3] = (text[3] as string).replace('1471.000', 'lots');
    const bad = failure(text.join('\n'));
    expect([bad.line, bad.column]).toEqual([4, 6]);
    const clean = oneArea('E08000023').split('\n');
    const missingAge = failure(clean.filter((_, i) => i !== 10).join('\n'));
    expect(missingAge.detail).toMatch(/no Population row for persons aged 9/);
    expect(failure(oneArea('E08000023').replaceAll('E08000023', 'ST')).detail).toMatch(/ONS area code/);
    const duplicate = failure(`${oneArea('E08000023')}\n${clean[1]}`);
    expect(duplicate.detail).toMatch(/persons aged 0 already given on line 2/);
  });

  it('sums male and female when the file has no persons rows, and skips other components and bands', () => {
    const rows = oneArea('E08000023').split('\n');
    const halves = rows.slice(1).flatMap((line) => {
      const cells = line.split(',');
      const half = (sex: string) =>
        [...cells.slice(0, 3), sex, cells[4], ...cells.slice(5).map((v) => String(Number(v) / 2))].join(',');
      return [half('male'), half('female')];
    });
    const extra = [
      `E08000023,South Tyneside,Births,persons,0,${Array(26).fill(5).join(',')}`,
      `E08000023,South Tyneside,Population,persons,All ages,${Array(26).fill(999999).join(',')}`,
    ];
    const bySex = parseOnsPopulation([rows[0], ...halves, ...extra.slice(0, 1)].join('\n'));
    expect(bySex.years).toEqual(parseOnsPopulation(oneArea('E08000023')).years);
    expect(parseOnsPopulation([...rows, ...extra].join('\n')).years).toEqual(bySex.years);
  });
});

describe('population rows', () => {
  const population = parseOnsPopulation(oneArea('E08000023'));

  it('maps ONS mid-year Y age a to census Y + 1, NCY a − 5', () => {
    const rows = populationRows(population);
    expect(rows).toHaveLength(26 * 26);
    expect(rows.find((r) => r.calendarYear === 2023 && r.ncy === -5)?.population).toBe(1402);
    expect(rows.find((r) => r.calendarYear === 2048 && r.ncy === 20)?.population).toBe(
      population.years.at(-1)?.byAge[25],
    );
  });

  it('keeps only what a back-test origin knew (or the earliest year when nothing is that early)', () => {
    const rows = populationRows(population);
    expect(new Set(populationUpTo(rows, 2025).map((r) => r.calendarYear))).toEqual(
      new Set([2023, 2024, 2025]),
    );
    expect(new Set(populationUpTo(rows, 2019).map((r) => r.calendarYear))).toEqual(new Set([2023]));
    expect(populationUpTo([], 2019)).toEqual([]);
  });
});
