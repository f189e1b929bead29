import { describe, expect, it } from 'vitest';
import { band, projectAggregate } from '../../model/aggregate';
import { parseAgePopulation, parseCounts } from '../../model/aggregate-csv';
import { InputError } from '../../model/csv';
import { ProjectionOutput } from '../../model/output';

// qnorm(0.95) = 1.644854, qnorm(0.75) = 0.6744898 (R)
const Z95 = 1.644854;
const Z75 = 0.6744898;

const counts = (rows: [number, string, number][]) =>
  rows.map(([year, need, count]) => ({ year, need, count }));

describe('parseCounts', () => {
  it('reads year,need,count with an optional setting column', () => {
    expect(parseCounts('year,need,count\n2020,asd,10\n2021,ASD,12\n')).toEqual([
      { year: 2020, need: 'ASD', count: 10 },
      { year: 2021, need: 'ASD', count: 12 },
    ]);
    const withSetting = parseCounts('year,need,setting,count\n2020,ASD,special,4\n');
    expect(withSetting).toEqual([{ year: 2020, need: 'ASD', setting: 'special', count: 4 }]);
  });

  it('names file, line and column on bad input', () => {
    const bad = () => parseCounts('year,need,count\n2020,ASD,10\n2021,ASD,lots\n', 'c.csv');
    expect(bad).toThrow(InputError);
    expect(bad).toThrow('c.csv:3:3: count must be a number ≥ 0, got "lots"');
    expect(() => parseCounts('year,need\n2020,ASD\n', 'c.csv')).toThrow('c.csv:1:3: missing column "count"');
    expect(() => parseCounts('year,need,count,extra\n', 'c.csv')).toThrow(
      'c.csv:1:4: unknown column "extra"',
    );
    expect(() => parseCounts('year,need,count\n2020,ASD,1\n2020,ASD,2\n', 'c.csv')).toThrow(
      'c.csv:3:1: duplicate',
    );
    expect(() => parseCounts('year,need,count\n20x0,ASD,1\n', 'c.csv')).toThrow('c.csv:2:1: year');
    expect(() => parseCounts('year,need,count\n2020,ASD,1,9\n', 'c.csv')).toThrow(/^c\.csv:2:1: /);
    expect(() => parseCounts('year,need,count\n', 'c.csv')).toThrow('c.csv:2:1: no data rows');
  });

  it('rejects a need missing a year and ALL mixed with needs', () => {
    const gap = 'year,need,count\n2020,ASD,1\n2020,SEMH,1\n2021,ASD,2\n';
    expect(() => parseCounts(gap, 'c.csv')).toThrow('c.csv:3:1: SEMH has no row for 2021');
    expect(() => parseCounts('year,need,count\n2020,ALL,5\n2020,ASD,1\n', 'c.csv')).toThrow(
      'c.csv:3:2: ALL cannot be mixed with needs',
    );
  });

  it('reads population by age', () => {
    expect(parseAgePopulation('year,age,population\n2020,0,1402.5\n')).toEqual([
      { year: 2020, age: 0, population: 1402.5 },
    ]);
    expect(() => parseAgePopulation('year,age,population\n2020,-1,5\n', 'p.csv')).toThrow('p.csv:2:2: age');
  });
});

describe('band', () => {
  it('widens with √h and never goes below Poisson noise or 0', () => {
    // sd = max(10, √100) · √4 = 20 → p95 = 100 + 1.644854 · 20 = 132.89708
    const q = band(100, 10, 4);
    expect(q.p95).toBeCloseTo(100 + Z95 * 20, 4);
    expect(q.p25).toBeCloseTo(100 - Z75 * 20, 4);
    expect(q.p50).toBe(100);
    // residual sd 0 → √400 = 20 (Poisson floor)
    expect(band(400, 0, 1).p95).toBeCloseTo(400 + Z95 * 20, 4);
    expect(band(1, 5, 9).p05).toBe(0);
    expect(band(7, 3, 0)).toEqual({ mean: 7, p05: 7, p25: 7, p50: 7, p75: 7, p95: 7 });
  });
});

describe('projectAggregate', () => {
  const asd = counts([
    [2015, 'ASD', 10],
    [2016, 'ASD', 12],
    [2017, 'ASD', 15],
    [2018, 'ASD', 15],
    [2019, 'ASD', 18],
  ]);

  it('projects counts with a fixed linear trend (hand-worked: slope 1.9, ŷ(2020) = 19.7)', () => {
    const output = projectAggregate(asd, { horizon: 2, trend: 'linear' });
    expect(ProjectionOutput.parse(output)).toEqual(output);
    expect(output.method).toBe('aggregate-count');
    expect(output.baseYear).toBe(2019);
    expect(output.total.map((r) => r.year)).toEqual([2019, 2020, 2021]);
    expect(output.total[0]?.p50).toBe(18);
    const y2020 = output.byNeed.find((r) => r.year === 2020);
    expect(y2020?.p50).toBeCloseTo(19.7, 10);
    // sd = max(0.7958, √19.7 = 4.438468) → p95 = 19.7 + 1.644854 · 4.438468 = 26.99071
    expect(y2020?.p95).toBeCloseTo(19.7 + Z95 * Math.sqrt(19.7), 4);
    expect(output.trends).toEqual([
      expect.objectContaining({ need: 'ASD', method: 'linear', chosenBy: 'fixed' }),
      expect.objectContaining({ need: 'ALL', method: 'linear', chosenBy: 'fixed' }),
    ]);
  });

  it('projects a prevalence rate × population', () => {
    // rates 0.010, 0.011, 0.012 → 0.013 in 2021 × population 12,000 = 156
    const history = counts([
      [2018, 'ALL', 100],
      [2019, 'ALL', 110],
      [2020, 'ALL', 120],
    ]);
    const population = [2018, 2019, 2020, 2021].flatMap((year) =>
      Array.from({ length: 26 }, (_, age) => ({
        year,
        age,
        population: (year === 2021 ? 12_000 : 10_000) / 26,
      })),
    );
    const output = projectAggregate(history, { horizon: 1, trend: 'linear', population });
    expect(output.method).toBe('aggregate-prevalence');
    expect(output.total.at(-1)?.p50).toBeCloseTo(156, 8);
    expect(output.byNeed.map((r) => r.need)).toEqual(['ALL', 'ALL']);
  });

  it('caps a prevalence rate and reports it', () => {
    const history = counts([
      [2018, 'ALL', 100],
      [2019, 'ALL', 200],
      [2020, 'ALL', 300],
    ]);
    const population = [{ year: 2018, age: 5, population: 1000 }];
    const output = projectAggregate(history, {
      horizon: 3,
      trend: 'linear',
      population,
      ages: { min: 5, max: 5 },
      rateCap: 0.35,
    });
    expect(output.total.at(-1)?.p50).toBeCloseTo(350, 8);
    expect(output.trends?.[0]?.capped).toBe(true);
    expect(output.warnings?.some((w) => w.includes('no population for 2019'))).toBe(true);
  });

  it('splits by setting and chooses trends by back-test', () => {
    const rows = [2016, 2017, 2018, 2019, 2020, 2021].flatMap((year, i) => [
      { year, need: 'ASD', setting: 'special', count: 20 + 4 * i },
      { year, need: 'ASD', setting: 'mainstream', count: 30 },
    ]);
    const output = projectAggregate(rows, { horizon: 3 });
    expect([...new Set(output.bySetting.map((r) => r.setting))]).toEqual(['special', 'mainstream']);
    expect(output.bySetting.find((r) => r.setting === 'special' && r.year === 2024)?.p50).toBeCloseTo(52, 8);
    expect(output.bySetting.find((r) => r.setting === 'mainstream' && r.year === 2024)?.p50).toBeCloseTo(
      30,
      8,
    );
    expect(output.trends?.every((t) => t.chosenBy === 'backtest')).toBe(true);
  });

  it('costs each need at its unit cost, inflated, with independent errors', () => {
    // ASD 100, 110, 120 → 130 (sd = max(0, √130) = 11.40175); SEMH 50, 50, 50 → 50 (sd √50 = 7.071068)
    const rows = counts([
      [2018, 'ASD', 100],
      [2019, 'ASD', 110],
      [2020, 'ASD', 120],
      [2018, 'SEMH', 50],
      [2019, 'SEMH', 50],
      [2020, 'SEMH', 50],
    ]);
    const unitCosts = [
      { need: 'ASD', setting: 'ALL', cost: 20_000 },
      { need: 'SEMH', setting: 'ALL', cost: 40_000 },
    ];
    const output = projectAggregate(rows, { horizon: 1, trend: 'linear', unitCosts, inflation: 0.05 });
    // 2020: 120·20,000 + 50·40,000 = 4,400,000 (observed, base-year prices)
    expect(output.cost[0]).toMatchObject({ year: 2020, mean: 4_400_000, p05: 4_400_000 });
    // 2021: (130·20,000 + 50·40,000) · 1.05 = 4,830,000; sd = 1.05 · √((20,000·√130)² + (40,000·√50)²)
    const sd = 1.05 * Math.sqrt(20_000 ** 2 * 130 + 40_000 ** 2 * 50);
    expect(output.cost[1]?.mean).toBeCloseTo(4_830_000, 4);
    expect(output.cost[1]?.p95).toBeCloseTo(4_830_000 + Z95 * sd, 0);
    const fallback = projectAggregate(rows, {
      horizon: 1,
      unitCosts: [unitCosts[0] as (typeof unitCosts)[0]],
    });
    expect(fallback.warnings).toContain('no unit cost for SEMH: used the mean of all unit costs');
  });

  it('handles degenerate input: one year, zero counts, zero population, no history', () => {
    const one = projectAggregate(counts([[2020, 'SEMH', 40]]), { horizon: 2 });
    expect(one.total.map((r) => r.p50)).toEqual([40, 40, 40]);
    const zeros = projectAggregate(
      counts([
        [2019, 'VI', 0],
        [2020, 'VI', 0],
      ]),
      { horizon: 1 },
    );
    expect(zeros.total.at(-1)).toMatchObject({ mean: 0, p05: 0, p95: 0 });
    expect(() =>
      projectAggregate(counts([[2020, 'ALL', 4]]), {
        horizon: 1,
        population: [{ year: 2020, age: 3, population: 0 }],
      }),
    ).toThrow('population for 2020 is 0');
    expect(() => projectAggregate([], { horizon: 1 })).toThrow('no history');
    expect(() => projectAggregate(asd, { horizon: 0 })).toThrow('horizon');
    expect(() => projectAggregate(asd, { horizon: 1, baseYear: 2030 })).toThrow(
      'no counts for the base year 2030',
    );
  });

  it('uses only the history up to the base year', () => {
    const output = projectAggregate(asd, { horizon: 1, baseYear: 2017, trend: 'linear' });
    // 10, 12, 15 → slope 2.5, ŷ(2018) = 12.333… + 2.5 · 2 = 17.333…
    expect(output.total.at(-1)?.p50).toBeCloseTo(52 / 3, 8);
    expect(output.warnings).toContain('counts after the base year 2017 were ignored');
  });
});
