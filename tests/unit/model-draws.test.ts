// The per-draw output (model/draws.ts) and the coherence it proves: in every draw the needs, the settings
// and the cost are the very children the total counts.
import { describe, expect, it } from 'vitest';
import { inflationFactor, unitCostTable } from '../../model/cost';
import { projectionDraws } from '../../model/draws';
import { buildStateSpace } from '../../model/estimate';
import { summarise } from '../../model/quantiles';
import { Scenario } from '../../model/scenario';
import { parseWitanCsv } from '../../model/witan';
import { witanDemoTexts } from '../helpers/data';

describe('projectionDraws on the witan demo', () => {
  const data = parseWitanCsv(witanDemoTexts());
  const space = buildStateSpace(data);
  const prices = unitCostTable(space, data.costs);
  const S = space.settings.length;
  const years = [2017, 2018, 2019, 2020, 2021, 2022];
  const draws = 200;
  /** Per draw and year: the total, each need, each setting and the cost, from the census cells alone. */
  const seen = years.map(() => ({
    total: new Float64Array(draws),
    cost: new Float64Array(draws),
    byNeed: new Map<string, Float64Array>(),
    bySetting: new Map<string, Float64Array>(),
  }));
  const calls: [number, number][] = [];
  const output = projectionDraws(data, { horizon: 5, draws, seed: 11 }, (census) => {
    calls.push([census.draw, census.year]);
    const t = census.year - 2017;
    const at = seen[t] as (typeof seen)[number];
    census.forEachCell((need, setting, _ncy, children) => {
      at.total[census.draw] = (at.total[census.draw] as number) + children;
      const price = prices[space.needs.indexOf(need) * S + space.settings.indexOf(setting)] as number;
      at.cost[census.draw] =
        (at.cost[census.draw] as number) + children * price * inflationFactor(0.03, 2017, census.year);
      for (const [map, key] of [
        [at.byNeed, need],
        [at.bySetting, setting],
      ] as const) {
        const values = map.get(key) ?? new Float64Array(draws);
        values[census.draw] = (values[census.draw] as number) + children;
        map.set(key, values);
      }
    });
  });

  it('sees every census of every draw, in order', () => {
    expect(calls).toHaveLength(draws * years.length);
    expect(calls.slice(0, 7)).toEqual([...years.map((year) => [0, year]), [1, 2017]]);
  });

  it('gives the draws the bands come from: total, needs, settings and cost add up in every draw', () => {
    years.forEach((year, t) => {
      const at = seen[t] as (typeof seen)[number];
      expect(output.total.find((r) => r.year === year)).toEqual({ year, ...summarise(at.total) });
      for (const [need, values] of at.byNeed) {
        const row = output.byNeed.find((r) => r.need === need && r.year === year);
        expect(row).toMatchObject(summarise(values));
      }
      for (const [setting, values] of at.bySetting) {
        const row = output.bySetting.find((r) => r.setting === setting && r.year === year);
        expect(row).toMatchObject(summarise(values));
      }
      const cost = output.cost.find((r) => r.year === year);
      const priced = summarise(at.cost);
      expect(cost?.mean).toBeCloseTo(priced.mean, 0);
      expect(cost?.p95).toBeCloseTo(priced.p95, 0);
      // Needs add up to the total in every draw.
      for (let d = 0; d < draws; d++) {
        let needs = 0;
        for (const values of at.byNeed.values()) needs += values[d] as number;
        expect(needs).toBe(at.total[d]);
      }
    });
  });
});

describe('projectionDraws: what the finance forecast builds on', () => {
  const data = parseWitanCsv(witanDemoTexts());
  /** Total children of each census, keyed run:draw:year. */
  const totals = (options: Parameters<typeof projectionDraws>[1]) => {
    const seen = new Map<string, number>();
    projectionDraws(data, options, (census) => {
      let children = 0;
      census.forEachCell((_need, _setting, _ncy, k) => {
        children += k;
      });
      seen.set(`${census.run}:${census.draw}:${census.year}`, children);
    });
    return seen;
  };

  it('gives the first years of a draw whatever the horizon: a 3-year projection starts the 5-year one', () => {
    const short = totals({ horizon: 3, draws: 100, seed: 42 });
    const long = totals({ horizon: 5, draws: 100, seed: 42 });
    expect(short.size).toBe(100 * 4);
    for (const [key, children] of short) expect(long.get(key), key).toBe(children);
  });

  it('visits the scenario run after the baseline, draw d paired with draw d', () => {
    const change = (factor: number) =>
      Scenario.parse({
        name: 'joiners',
        changes: [{ kind: 'scale', transition: 'joiners', factor, fromYear: 2019 }],
      });
    const neutral = totals({ horizon: 3, draws: 100, seed: 5, scenario: change(1) });
    const baselineKeys = [...neutral.keys()].filter((key) => key.startsWith('baseline:'));
    expect(baselineKeys).toHaveLength(100 * 4);
    // A scenario that changes nothing gives the baseline's censuses, draw for draw.
    for (const key of baselineKeys)
      expect(neutral.get(key.replace('baseline:', 'scenario:')), key).toBe(neutral.get(key));
    // Halving joiners from 2019: the same censuses before it; fewer children after, in every draw.
    const halved = totals({ horizon: 3, draws: 100, seed: 5, scenario: change(0.5) });
    for (let d = 0; d < 100; d++) {
      for (const year of [2017, 2018])
        expect(halved.get(`scenario:${d}:${year}`)).toBe(halved.get(`baseline:${d}:${year}`));
      expect(halved.get(`scenario:${d}:2020`)).toBeLessThan(halved.get(`baseline:${d}:2020`) as number);
    }
  });
});
