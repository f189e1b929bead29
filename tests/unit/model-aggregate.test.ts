import { describe, expect, it } from 'vitest';
import { aggregateDraws, projectAggregate } from '../../model/aggregate';
import { parseAgePopulation, parseCounts } from '../../model/aggregate-csv';
import { InputError } from '../../model/csv';
import { ProjectionOutput } from '../../model/output';
import { summarise } from '../../model/quantiles';

// qnorm(0.95) = 1.644854 (R)
const Z95 = 1.644854;

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

describe('projectAggregate', () => {
  const asd = counts([
    [2015, 'ASD', 10],
    [2016, 'ASD', 12],
    [2017, 'ASD', 15],
    [2018, 'ASD', 15],
    [2019, 'ASD', 18],
  ]);
  /** Half the 90% band of a normal forecast with this sd: 1.644854 · sd. */
  const halfBand = (sd: number) => Z95 * sd;

  it('projects counts with a fixed linear trend: point and band hand-worked', () => {
    const output = projectAggregate(asd, { horizon: 2, trend: 'linear', draws: 4000, seed: 3 });
    expect(ProjectionOutput.parse(output)).toEqual(output);
    expect(output.method).toBe('aggregate-count');
    expect(output.baseYear).toBe(2019);
    expect(output.total.map((r) => r.year)).toEqual([2019, 2020, 2021]);
    expect(output.total[0]?.p50).toBe(18);
    // OLS on x = −2…2: mean 14, slope 1.9 → ŷ(2020) = 14 + 1.9 · 3 = 19.7. Residual variance 1.9 / 3 is
    // below the Poisson floor (mean count 14), so σ² = 14 and the forecast's variance is
    // σ²(1 + 1/n + x²/Sxx) = 14 · (1 + 0.2 + 9/10) = 29.4: sd 5.4222, p95 = 19.7 + 1.644854 · 5.4222 = 28.62.
    const y2020 = output.byNeed.find((r) => r.year === 2020);
    expect(y2020?.mean).toBeCloseTo(19.7, 0);
    expect(Math.abs((y2020?.p95 ?? 0) - (19.7 + halfBand(Math.sqrt(29.4))))).toBeLessThan(0.5);
    expect(output.trends).toEqual([
      expect.objectContaining({ need: 'ALL', method: 'linear', chosenBy: 'fixed', weights: { linear: 1 } }),
      expect.objectContaining({ need: 'ASD', chosenBy: 'pooled', share: 1 }),
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
    const output = projectAggregate(history, { horizon: 1, trend: 'linear', population, draws: 4000 });
    expect(output.method).toBe('aggregate-prevalence');
    expect(output.total.at(-1)?.mean).toBeCloseTo(156, -0.5);
    expect(output.byNeed.map((r) => r.need)).toEqual(['ALL', 'ALL']);
  });

  it('holds a prevalence rate at its ceiling and says so', () => {
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
    expect(output.total.at(-1)?.p95).toBeCloseTo(350, 3);
    expect(output.trends?.[0]?.capped).toBe(true);
    expect(output.warnings?.some((w) => w.startsWith('the prevalence ceiling (35% of the population)'))).toBe(
      true,
    );
    expect(output.warnings?.some((w) => w.includes('no population for 2019'))).toBe(true);
  });

  it('adds needs and settings up to the total in every draw', () => {
    const rows = [2016, 2017, 2018, 2019, 2020, 2021].flatMap((year, i) => [
      { year, need: 'ASD', setting: 'special', count: 20 + 4 * i },
      { year, need: 'ASD', setting: 'mainstream', count: 30 },
      { year, need: 'SEMH', setting: 'special', count: 12 + i },
    ]);
    const run = aggregateDraws(rows, { horizon: 3 });
    expect(run.forecast.total.chosenBy).toBe('weighted');
    const output = projectAggregate(rows, { horizon: 3 });
    const K = run.components.length;
    const H = run.years.length;
    run.years.forEach((year, h) => {
      // The total's band is the band of the components' sum, draw by draw (same seed, same draws).
      const sums = Array.from({ length: run.draws }, (_, d) => {
        let sum = 0;
        for (let k = 0; k < K; k++) sum += run.values[(d * H + h) * K + k] as number;
        return sum;
      });
      expect(output.total.find((r) => r.year === year)).toEqual({ year, ...summarise(sums) });
    });
    for (const row of output.total) {
      const needs = output.byNeed.filter((r) => r.year === row.year).reduce((a, r) => a + r.mean, 0);
      const settings = output.bySetting.filter((r) => r.year === row.year).reduce((a, r) => a + r.mean, 0);
      const cells = output.byNeedSetting?.filter((r) => r.year === row.year).reduce((a, r) => a + r.mean, 0);
      expect(needs).toBeCloseTo(row.mean, 3);
      expect(settings).toBeCloseTo(row.mean, 3);
      expect(cells).toBeCloseTo(row.mean, 3);
    }
    // The fastest-growing cell (ASD in special) keeps growing faster than the total.
    const special = (year: number) =>
      output.byNeedSetting?.find((r) => r.need === 'ASD' && r.setting === 'special' && r.year === year)
        ?.mean ?? 0;
    const total = (year: number) => output.total.find((r) => r.year === year)?.mean ?? 0;
    expect(special(2024) / total(2024)).toBeGreaterThan(special(2021) / total(2021));
  });

  it('costs each component from the same draws, inflated', () => {
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
    // 2021: the mean cost is the needs' mean counts at their unit costs, × 1.05 — exactly, because each
    // draw's cost is its own counts priced.
    const mean = (need: string) => output.byNeed.find((r) => r.need === need && r.year === 2021)?.mean ?? 0;
    expect(output.cost[1]?.mean).toBeCloseTo((mean('ASD') * 20_000 + mean('SEMH') * 40_000) * 1.05, -1);
    const fallback = projectAggregate(rows, {
      horizon: 1,
      unitCosts: [unitCosts[0] as (typeof unitCosts)[0]],
    });
    expect(fallback.warnings).toContain('no unit cost for SEMH: used the mean of all unit costs');
  });

  it('splitting the same counts into 20 needs cannot narrow the total band', () => {
    const years = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021];
    const totals = [900, 980, 1050, 1160, 1210, 1330, 1400, 1520];
    const whole = counts(years.map((year, t) => [year, 'ALL', totals[t] as number]));
    // The same totals split over 20 needs in uneven, drifting shares.
    const split = years.flatMap((year, t) => {
      const weights = Array.from({ length: 20 }, (_, n) => 1 + n + (n % 3) * t);
      const sum = weights.reduce((a, b) => a + b, 0);
      const parts = weights.map((w) => Math.floor(((totals[t] as number) * w) / sum));
      parts[0] = (parts[0] as number) + (totals[t] as number) - parts.reduce((a, b) => a + b, 0);
      return parts.map((count, n) => ({ year, need: `N${n}`, count }));
    });
    const width = (output: ProjectionOutput) => {
      const last = output.total.at(-1);
      return (last?.p95 ?? 0) - (last?.p05 ?? 0);
    };
    const a = projectAggregate(whole, { horizon: 3, draws: 2000 });
    const b = projectAggregate(split, { horizon: 3, draws: 2000 });
    expect(b.total.at(-1)?.mean).toBeCloseTo(a.total.at(-1)?.mean ?? 0, -1.5);
    expect(width(b) / width(a)).toBeGreaterThan(0.9);
    expect(width(b) / width(a)).toBeLessThan(1.1);
  });

  it('handles degenerate input: one year, zero counts, zero population, no history, too few draws', () => {
    const one = projectAggregate(counts([[2020, 'SEMH', 40]]), { horizon: 2 });
    expect(one.total.map((r) => r.p50)).toEqual(
      [40, 40, 40].map((v, i) => (i === 0 ? v : expect.any(Number))),
    );
    expect(one.total.at(-1)?.mean).toBeCloseTo(40, -1);
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
    expect(() => projectAggregate(asd, { horizon: 1, draws: 1 })).toThrow(/draws must be .* from 100/);
    expect(() => projectAggregate(asd, { horizon: 1, baseYear: 2030 })).toThrow(
      'no counts for the base year 2030',
    );
  });

  it('uses only the history up to the base year', () => {
    const output = projectAggregate(asd, { horizon: 1, baseYear: 2017, trend: 'linear', draws: 4000 });
    // 10, 12, 15 → slope 2.5, ŷ(2018) = 12.333… + 2.5 · 2 = 17.333…
    expect(output.total.at(-1)?.mean).toBeCloseTo(52 / 3, 0);
    expect(output.warnings).toContain('counts after the base year 2017 were ignored');
  });
});
