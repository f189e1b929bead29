import { describe, expect, it } from 'vitest';
import type { ModelData, Transition } from '../../model/data';
import { estimate, ModelInputError } from '../../model/estimate';
import { projectMarkov } from '../../model/markov';
import { ProjectionOutput } from '../../model/output';
import { parseWitanCsv } from '../../model/witan';
import { witanDemoTexts } from '../helpers/data';

const demo = (): ModelData => parseWitanCsv(witanDemoTexts());

const repeat = (count: number, t: Transition) => Array.from({ length: count }, () => ({ ...t }));
const move = (calendarYear: number, ncy: number, from: string, to: string, need = 'X'): Transition => ({
  calendarYear,
  setting1: from,
  need1: from === 'NONSEND' ? 'NONSEND' : need,
  ncy1: ncy,
  setting2: to,
  need2: to === 'NONSEND' ? 'NONSEND' : need,
  ncy2: ncy + 1,
});
const flatPopulation = (years: number[], ncys: number[], population = 100) =>
  years.flatMap((calendarYear) => ncys.map((ncy) => ({ calendarYear, ncy, population })));

/**
 * One need X, one setting A for NCY 0–2. History (2020 → 2021 census): of 10 children at NCY 0, 8 stay and
 * 2 leave; of 10 at NCY 1, 9 stay and 1 leaves; no joiners. Population 100 at every NCY and year.
 */
const handWorked = (): ModelData => ({
  transitions: [
    ...repeat(8, move(2020, 0, 'A', 'A')),
    ...repeat(2, move(2020, 0, 'A', 'NONSEND')),
    ...repeat(9, move(2020, 1, 'A', 'A')),
    ...repeat(1, move(2020, 1, 'A', 'NONSEND')),
  ],
  population: flatPopulation([2020, 2021, 2022, 2023], [0, 1, 2]),
  costs: [{ need: 'X', setting: 'A', cost: 1000 }],
  validStates: [
    { setting: 'A', settingGroup: 'g', minNcy: 0, maxNcy: 2, needs: ['X'], settingTransitions: ['A'] },
  ],
});

describe('estimation', () => {
  it('gives hand-worked Beta posteriors pooled by NCY', () => {
    // All ages: p = (3 + 1) / (20 + 2) = 0.181818. NCY 0 pooled: (2 + 4 · 0.181818) / (10 + 4) = 0.194805.
    // Cell (NCY 0, X, A): alpha = 2 + 4 · 0.194805 = 2.779221, beta = 8 + 4 · 0.805195 = 11.220779.
    const model = estimate(handWorked());
    expect(model.baseYear).toBe(2021);
    expect(model.leaveAlpha[0]).toBeCloseTo(2.779221, 5);
    expect(model.leaveBeta[0]).toBeCloseTo(11.220779, 5);
    // No other setting: nobody can move.
    expect(model.moveAlpha[0]).toBe(0);
    // Base census 2021: 8 at NCY 1, 9 at NCY 2.
    expect(Array.from(model.initial)).toEqual([0, 8, 9]);
  });

  it('never gives a cell a leave probability of 0 or 1', () => {
    const model = estimate(demo());
    for (let i = 0; i < model.space.stateCount; i++) {
      const mean =
        (model.leaveAlpha[i] as number) / ((model.leaveAlpha[i] as number) + (model.leaveBeta[i] as number));
      expect(mean > 0 && mean < 1).toBe(true);
    }
  });

  it('spreads destination priors only over settings valid next year', () => {
    // Setting B takes NCY 0–1 only, so a child at NCY 1 cannot move to it.
    const data = handWorked();
    data.validStates.push({
      setting: 'B',
      settingGroup: 'g',
      minNcy: 0,
      maxNcy: 1,
      needs: ['X'],
      settingTransitions: ['A', 'B'],
    });
    data.validStates[0] = {
      ...(data.validStates[0] as ModelData['validStates'][number]),
      settingTransitions: ['A', 'B'],
    };
    const model = estimate(data);
    const S = model.space.settings.length; // A, B
    const at = (ncy: number, setting: number) => ncy * S + setting; // one need
    expect(model.destinationAlpha[at(0, 0) * S + 1]).toBeGreaterThan(0); // NCY 0 A → B at NCY 1: valid
    expect(model.destinationAlpha[at(1, 0) * S + 1]).toBe(0); // NCY 1 A → B at NCY 2: invalid
    // B at NCY 1 cannot keep a child at NCY 2: it must move.
    expect(model.moveAlpha[at(1, 1)]).toBe(1);
    expect(model.moveBeta[at(1, 1)]).toBe(0);
  });
});

describe('projectMarkov: expected-value path', () => {
  it('reproduces the hand-worked 3-NCY chain', () => {
    // P(leave) posterior means: NCY 0 (2 + 4 · 0.194805) / 14 = 0.198516; NCY 1: NCY pool
    // (1 + 4 · 0.181818) / 14 = 0.123377, cell (1 + 4 · 0.123377) / 14 = 0.106679. NCY 2 is the last: all leave.
    // Joiners: 2 a year seen at NCY 0 (the line below), none at other ages. The prior's pseudo-joiner only
    // shapes where they arrive: the need's rate stays at its 2 observed joiners a year (flat history).
    // 2022: 8 · (1 − 0.106679) + 2 · (1 − 0.198516) + 2 = 7.146568 + 1.602968 + 2 = 10.749536 (NCY 1 → 2,
    // last year's 2 joiners NCY 0 → 1, and 2 new joiners).
    const data = handWorked();
    data.transitions.push(...repeat(2, move(2020, -1, 'NONSEND', 'A')));
    const out = projectMarkov(data, { horizon: 2, expectedOnly: true });
    expect(out.method).toBe('markov-expected');
    expect(out.total.map((row) => row.year)).toEqual([2021, 2022, 2023]);
    expect(out.total[0]?.mean).toBe(19);
    expect(out.joiners?.[1]?.mean).toBeCloseTo(2, 5);
    expect(out.total[1]?.mean).toBeCloseTo(10.749536, 5);
    expect(out.total[2]?.p05).toBe(out.total[2]?.mean);
    // Cost: £1,000 a head, 3% inflation: 2022 = 10.749536 · 1030.
    expect(out.cost[1]?.mean).toBeCloseTo(10.749536 * 1030, 2);
    // Financial year 2021-22 = 5/12 · cost(2021) + 7/12 · cost(2022).
    expect(out.costByFinancialYear?.[0]).toMatchObject({ financialYear: '2021-22' });
    expect(out.costByFinancialYear?.[0]?.mean).toBeCloseTo((5 * 19_000 + 7 * 10.749536 * 1030) / 12, 2);
  });

  it('agrees with the Monte Carlo mean on the witan demo', () => {
    const data = demo();
    const expected = projectMarkov(data, { horizon: 5, expectedOnly: true });
    const simulated = projectMarkov(data, { horizon: 5, draws: 200, seed: 7 });
    expected.total.forEach((row, t) => {
      const mc = simulated.total[t] as (typeof simulated.total)[number];
      // Within 4 standard errors of the Monte Carlo mean (sd from the 90% band: (p95 − p05) / 2 · 1.645),
      // and within 2% — the chain is linear in the counts, so the means agree but for sampling noise.
      const standardError = (mc.p95 - mc.p05) / (2 * 1.645) / Math.sqrt(200);
      expect(Math.abs(mc.mean - row.mean)).toBeLessThanOrEqual(4 * standardError);
      expect(Math.abs(mc.mean - row.mean) / row.mean).toBeLessThan(0.02);
    });
  });
});

describe('projectMarkov: Monte Carlo on the witan demo, 2017 → 2022', () => {
  const out = projectMarkov(demo(), { horizon: 5, draws: 200, seed: 42 });

  it('matches the output contract', () => {
    expect(() => ProjectionOutput.parse(out)).not.toThrow();
    expect(out.baseYear).toBe(2017);
    expect(out.total.map((row) => row.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022]);
  });

  it('starts from the 2017 census and grows at a plausible rate', () => {
    // Census totals 2014–2017: 1,781, 1,877, 2,003, 2,153 (+5–7% a year); 2017 joiners 243, leavers 108.
    expect(out.total[0]?.mean).toBe(2153);
    const last = out.total[5]?.mean as number;
    expect(last).toBeGreaterThan(2153 * 1.05);
    expect(last).toBeLessThan(2153 * 1.06 ** 5 * 1.1);
    for (const row of out.total.slice(1)) {
      const growth = row.mean / ((out.total.find((r) => r.year === row.year - 1)?.mean as number) || 1);
      expect(growth).toBeGreaterThan(1);
      expect(growth).toBeLessThan(1.08);
    }
  });

  it('orders every band and widens it with the horizon', () => {
    for (const row of [...out.total, ...out.byNeed, ...out.bySetting, ...out.cost]) {
      expect(row.p05).toBeLessThanOrEqual(row.p25);
      expect(row.p25).toBeLessThanOrEqual(row.p50);
      expect(row.p50).toBeLessThanOrEqual(row.p75);
      expect(row.p75).toBeLessThanOrEqual(row.p95);
    }
    const width = (t: number) => (out.total[t]?.p95 as number) - (out.total[t]?.p05 as number);
    expect(width(5)).toBeGreaterThan(width(1));
  });

  it('rolls up inside each draw: needs and settings sum to the total', () => {
    for (const row of out.total) {
      const needs = out.byNeed.filter((r) => r.year === row.year).reduce((a, r) => a + r.mean, 0);
      const settings = out.bySetting.filter((r) => r.year === row.year).reduce((a, r) => a + r.mean, 0);
      expect(needs).toBeCloseTo(row.mean, 6);
      expect(settings).toBeCloseTo(row.mean, 6);
    }
  });

  it('is reproducible with a seed', () => {
    const again = projectMarkov(demo(), { horizon: 5, draws: 200, seed: 42 });
    expect(again).toEqual(out);
    const other = projectMarkov(demo(), { horizon: 5, draws: 200, seed: 43 });
    expect(other.total[5]?.mean).not.toBe(out.total[5]?.mean);
  });

  it('leaves the detail breakdowns out when asked, and nothing else changes', () => {
    const { byNeedSetting, byNeedPhase, byNeedSettingPhase, byNcy, ...rest } = out;
    expect(byNeedSettingPhase?.length).toBeGreaterThan(0);
    const lean = projectMarkov(demo(), { horizon: 5, draws: 200, seed: 42, breakdowns: false });
    expect(lean).toEqual(rest);
  });

  it('back-tests from an earlier base year using only earlier transitions', () => {
    const early = projectMarkov(demo(), { baseYear: 2015, horizon: 2, expectedOnly: true });
    // Census 2015 = the "to" states of 2014 transitions: 1,877.
    expect(early.total[0]).toMatchObject({ year: 2015, mean: 1877 });
    expect(early.total[2]?.year).toBe(2017);
  });
});

describe('degenerate input', () => {
  it('no history: a clear error', () => {
    expect(() =>
      projectMarkov({ transitions: [], population: [], costs: [], validStates: [] }, { horizon: 3 }),
    ).toThrow(ModelInputError);
  });

  it('a base year with no census before it: a clear error', () => {
    expect(() => projectMarkov(handWorked(), { baseYear: 2019, horizon: 1 })).toThrow(
      /no history before 2019/,
    );
  });

  it('bad options: a clear error', () => {
    expect(() => projectMarkov(handWorked(), { horizon: 0 })).toThrow(/horizon/);
    expect(() => projectMarkov(handWorked(), { horizon: 2, draws: 0 })).toThrow(/draws/);
    // Too few draws for a p05–p95 band is refused, naming the way to a point forecast.
    expect(() => projectMarkov(handWorked(), { horizon: 2, draws: 1 })).toThrow(
      /draws must be a whole number from 100 .* use the expected-value path/,
    );
    expect(projectMarkov(handWorked(), { horizon: 2, draws: 1, expectedOnly: true }).method).toBe(
      'markov-expected',
    );
  });

  it('one year of history, a need with zero counts and zero population: finite output with warnings', () => {
    const data = handWorked();
    data.validStates[0]?.needs.push('Z'); // a need nobody has
    data.population = data.population.map((row) => ({ ...row, population: 0 }));
    const out = projectMarkov(data, { horizon: 3, draws: 100, seed: 1 });
    expect(() => ProjectionOutput.parse(out)).not.toThrow(); // the schema refuses NaN and Infinity
    expect(out.byNeed.filter((row) => row.need === 'Z').every((row) => row.mean === 0)).toBe(true);
    expect(out.warnings).toContain('one year of history: the joiner rate is held at its one value');
    expect(out.joiners?.slice(1).every((row) => row.mean === 0)).toBe(true);
  });

  it('no population at all: joiners projected as counts, with a warning', () => {
    const data = handWorked();
    data.transitions.push(...repeat(3, move(2020, -1, 'NONSEND', 'A')));
    data.population = [];
    const out = projectMarkov(data, { horizon: 2, expectedOnly: true });
    expect(out.warnings?.some((w) => w.startsWith('no general population'))).toBe(true);
    // 3 joiners seen over one year of history → 3 a year (no pseudo-joiner added).
    expect(out.joiners?.[1]?.mean).toBeCloseTo(3, 6);
  });

  it('guards the joiner rate relative to its own history, and says when the guard binds', () => {
    // Joiners 5, 10, 20, 40, 80, 160 a year on a flat population: a log-linear trend doubles them every
    // year, so by the second projected year it passes twice the highest rate seen (320 a year).
    const data = handWorked();
    [5, 10, 20, 40, 80, 160].forEach((count, i) => {
      data.transitions.push(...repeat(count, move(2015 + i, -1, 'NONSEND', 'A')));
    });
    data.population = flatPopulation(
      [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024],
      [0, 1, 2],
      10_000,
    );
    const out = projectMarkov(data, { horizon: 3, expectedOnly: true, trend: 'log-linear' });
    expect(out.joiners?.[1]?.mean).toBeCloseTo(320, 0);
    expect(out.joiners?.[2]?.mean).toBeCloseTo(320, 0); // 640 a year without the guard
    expect(out.trends?.[0]).toMatchObject({ need: 'ALL', capped: true });
    expect(out.warnings?.some((w) => w.startsWith('the joiner guard (2× the highest joiner rate'))).toBe(
      true,
    );
  });

  it('a constant joiner series stays constant under every trend', () => {
    const data = handWorked();
    for (const year of [2018, 2019, 2020])
      data.transitions.push(...repeat(5, move(year, -1, 'NONSEND', 'A')));
    data.population = flatPopulation([2019, 2020, 2021, 2022, 2023, 2024], [0, 1, 2], 1000);
    for (const trend of ['flat', 'linear', 'log-linear', 'damped'] as const) {
      const out = projectMarkov(data, { horizon: 3, expectedOnly: true, trend });
      // 15 joiners over 3 years: 5 a year, whatever the trend (no pseudo-joiner added).
      for (const row of out.joiners?.slice(1) ?? []) expect(row.mean).toBeCloseTo(5, 6);
    }
  });
});
