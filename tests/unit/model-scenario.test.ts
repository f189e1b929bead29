import { describe, expect, it } from 'vitest';
import type { Provision } from '../../domain/provision';
import { academicYearOfCensus } from '../../model/capacity';
import { financialYearCost, financialYearLabel, inflationFactor, unitCostTable } from '../../model/cost';
import type { ModelData, Transition } from '../../model/data';
import { buildStateSpace, ModelInputError } from '../../model/estimate';
import { projectMarkov } from '../../model/markov';
import { ProjectionOutput } from '../../model/output';
import { Scenario } from '../../model/scenario';

const SPECIAL = 'maintained-special@IB';
const INDEPENDENT = 'independent-special@OB';
const MAINSTREAM = 'mainstream@IB';

/** A small secondary-phase authority: ASD and SEMH in mainstream, maintained special and independent OB. */
function authority(): ModelData {
  const transitions: Transition[] = [];
  const add = (count: number, t: Omit<Transition, 'ncy2'>) => {
    for (let i = 0; i < count; i++) transitions.push({ ...t, ncy2: t.ncy1 + 1 });
  };
  for (const calendarYear of [2018, 2019, 2020]) {
    for (const need of ['ASD', 'SEMH']) {
      for (let ncy = 7; ncy <= 10; ncy++) {
        const stay = (setting: string, count: number) =>
          add(count, {
            calendarYear,
            setting1: setting,
            need1: need,
            ncy1: ncy,
            setting2: setting,
            need2: need,
          });
        stay(SPECIAL, 10);
        stay(INDEPENDENT, 5);
        stay(MAINSTREAM, 20);
        add(1, {
          calendarYear,
          setting1: MAINSTREAM,
          need1: need,
          ncy1: ncy,
          setting2: SPECIAL,
          need2: need,
        });
        add(1, {
          calendarYear,
          setting1: MAINSTREAM,
          need1: need,
          ncy1: ncy,
          setting2: 'NONSEND',
          need2: 'NONSEND',
        });
      }
      const join = (setting: string, count: number) =>
        add(count, {
          calendarYear,
          setting1: 'NONSEND',
          need1: 'NONSEND',
          ncy1: 7,
          setting2: setting,
          need2: need,
        });
      join(MAINSTREAM, 6);
      join(SPECIAL, 3);
      join(INDEPENDENT, 2);
    }
  }
  const population = [];
  for (let calendarYear = 2018; calendarYear <= 2030; calendarYear++) {
    for (let ncy = 7; ncy <= 11; ncy++) population.push({ calendarYear, ncy, population: 3000 });
  }
  const costs = ['ASD', 'SEMH'].flatMap((need) => [
    { need, setting: SPECIAL, cost: 25_000 },
    { need, setting: INDEPENDENT, cost: 60_000 },
    { need, setting: MAINSTREAM, cost: 8_000 },
  ]);
  return { transitions, population, costs, validStates: [] };
}

const scenario = (changes: Scenario['changes'], extra: Partial<Scenario> = {}) =>
  Scenario.parse({ name: 'test', changes, ...extra });

describe('Scenario schema', () => {
  it('accepts the documented levers and refuses nonsense', () => {
    expect(() =>
      scenario([
        {
          kind: 'places',
          provision: 'New ASD base',
          need: 'ASD',
          phase: 'secondary',
          places: 20,
          fromAcademicYear: 2022,
        },
        { kind: 'scale', transition: 'joiners', need: 'ASD', factor: 0.9, fromYear: 2023 },
        {
          kind: 'redirect',
          transition: 'joiners',
          need: 'SEMH',
          phase: 'secondary',
          fromSetting: INDEPENDENT,
          toSetting: 'resourced-provision@IB',
          share: 0.2,
          fromYear: 2023,
        },
        { kind: 'close', setting: INDEPENDENT, fromYear: 2025 },
        { kind: 'unit-cost', setting: INDEPENDENT, cost: 70_000 },
        { kind: 'inflation', rate: 0.05 },
      ]),
    ).not.toThrow();
    expect(Scenario.safeParse({ name: 'x', changes: [{ kind: 'teleport' }] }).success).toBe(false);
    expect(
      Scenario.safeParse({
        name: 'x',
        changes: [
          {
            kind: 'redirect',
            transition: 'joiners',
            fromSetting: 'a',
            toSetting: 'b',
            share: 2,
            fromYear: 2020,
          },
        ],
      }).success,
    ).toBe(false);
    expect(Scenario.safeParse({ name: 'x', changes: [] }).success).toBe(false);
  });

  it('names an unknown setting', () => {
    const s = scenario([{ kind: 'close', setting: 'nowhere@IB', fromYear: 2023 }]);
    expect(() => projectMarkov(authority(), { horizon: 3, expectedOnly: true, scenario: s })).toThrow(
      /changes\[0\]\.setting: "nowhere@IB" is not in the data/,
    );
    expect(() => projectMarkov(authority(), { horizon: 3, expectedOnly: true, scenario: s })).toThrow(
      ModelInputError,
    );
  });
});

describe('scenario vs baseline', () => {
  it('a neutral scenario changes nothing, draw for draw (common random numbers)', () => {
    const s = scenario([{ kind: 'scale', transition: 'joiners', factor: 1, fromYear: 2022 }]);
    const out = projectMarkov(authority(), { horizon: 4, draws: 100, seed: 3, scenario: s });
    for (const row of out.scenario?.rows ?? []) {
      expect(row.saving).toBe(0);
      expect(row.outOfBoroughAvoided).toBe(0);
      expect(row.specialistDemand.scenario).toBe(row.specialistDemand.baseline);
    }
    expect(out.scenario?.rows).toHaveLength(4);
  });

  it('ASD joiners × 0.9 from 2023 lowers demand from 2023 only', () => {
    const s = scenario([{ kind: 'scale', transition: 'joiners', need: 'ASD', factor: 0.9, fromYear: 2023 }]);
    const out = projectMarkov(authority(), { horizon: 4, expectedOnly: true, scenario: s });
    const rows = out.scenario?.rows ?? [];
    expect(rows.map((r) => r.year)).toEqual([2022, 2023, 2024, 2025]);
    expect(rows[0]?.saving).toBe(0);
    expect(rows[1]?.specialistDemand.scenario).toBeLessThan(rows[1]?.specialistDemand.baseline as number);
    expect(rows[1]?.saving).toBeGreaterThan(0);
    // Cumulative saving is the running sum.
    expect(rows[3]?.cumulativeSaving).toBeCloseTo(
      rows.reduce((a, r) => a + r.saving, 0),
      6,
    );
  });

  it('closing the independent setting avoids every out-of-borough placement', () => {
    const s = scenario([{ kind: 'close', setting: INDEPENDENT, fromYear: 2022 }]);
    const out = projectMarkov(authority(), { horizon: 3, expectedOnly: true, scenario: s });
    const baselineOb = out.bySetting.filter((r) => r.setting === INDEPENDENT);
    for (const row of out.scenario?.rows ?? []) {
      const baseline = baselineOb.find((r) => r.year === row.year)?.mean as number;
      expect(row.outOfBoroughAvoided).toBeCloseTo(baseline, 6);
      // Nobody is lost: children move to other settings rather than leave.
      expect(row.specialistDemand.scenario).toBeLessThanOrEqual(row.specialistDemand.baseline + 1e-9);
      expect(row.saving).toBeGreaterThan(0);
    }
  });

  it('redirecting all OB joiners to maintained special avoids OB placements and saves money', () => {
    const s = scenario([
      {
        kind: 'redirect',
        transition: 'joiners',
        phase: 'secondary',
        fromSetting: INDEPENDENT,
        toSetting: SPECIAL,
        share: 1,
        fromYear: 2022,
      },
    ]);
    const out = projectMarkov(authority(), { horizon: 3, draws: 100, seed: 5, scenario: s });
    const rows = out.scenario?.rows ?? [];
    // Specialist demand barely changes (both settings are specialist; only their leaving rates differ).
    for (const row of rows) {
      expect(Math.abs(row.specialistDemand.scenario / row.specialistDemand.baseline - 1)).toBeLessThan(0.02);
    }
    expect(rows[0]?.outOfBoroughAvoided).toBeGreaterThan(0);
    expect(rows[2]?.cumulativeSaving).toBeGreaterThan(rows[0]?.cumulativeSaving as number);
  });

  it('redirecting movers and scaling leavers act on the chain', () => {
    // Every mover into maintained special goes independent instead: more out-of-borough placements.
    const redirect = scenario([
      {
        kind: 'redirect',
        transition: 'movers',
        fromSetting: SPECIAL,
        toSetting: INDEPENDENT,
        share: 1,
        fromYear: 2022,
      },
    ]);
    const moved = projectMarkov(authority(), { horizon: 2, expectedOnly: true, scenario: redirect });
    for (const row of moved.scenario?.rows ?? []) {
      expect(row.outOfBoroughAvoided).toBeLessThan(0);
      expect(row.saving).toBeLessThan(0);
    }
    // Twice the leaving rate: fewer children, lower cost.
    const leave = scenario([{ kind: 'scale', transition: 'leavers', factor: 2, fromYear: 2022 }]);
    const fewer = projectMarkov(authority(), { horizon: 2, expectedOnly: true, scenario: leave });
    const first = fewer.scenario?.rows[0];
    expect(first?.specialistDemand.scenario).toBeLessThan(first?.specialistDemand.baseline as number);
    expect(first?.saving).toBeGreaterThan(0);
  });

  it('a dearer unit cost makes the saving negative; the break-even year reflects the capital cost', () => {
    const dearer = scenario([{ kind: 'unit-cost', setting: INDEPENDENT, cost: 90_000 }]);
    const worse = projectMarkov(authority(), { horizon: 3, expectedOnly: true, scenario: dearer });
    for (const row of worse.scenario?.rows ?? []) expect(row.saving).toBeLessThan(0);
    expect(worse.scenario?.breakEvenYear).toBeNull();

    const cheaper = scenario([{ kind: 'unit-cost', setting: INDEPENDENT, cost: 50_000 }], { capitalCost: 1 });
    const better = projectMarkov(authority(), { horizon: 3, expectedOnly: true, scenario: cheaper });
    expect(better.scenario?.breakEvenYear).toBe(2022);
    const rows = better.scenario?.rows ?? [];
    const capital = ((rows[0]?.saving ?? 0) + (rows[1]?.saving ?? 0)) * 0.99; // reached only in the 2nd year
    const slower = projectMarkov(authority(), {
      horizon: 3,
      expectedOnly: true,
      scenario: { ...cheaper, capitalCost: capital },
    });
    expect(slower.scenario?.breakEvenYear).toBe(2023);
  });
});

describe('capacity and overflow', () => {
  const provision: Provision = {
    id: 'p1',
    name: 'Oak special school',
    type: 'maintained-special',
    needs: ['ASD', 'SEMH'],
    phases: ['secondary'],
    commissionedPlaces: [{ academicYear: 2020, places: 200 }],
    plannedChanges: [{ kind: 'expansion', date: '2022-09-01', places: 40 }],
    version: 1,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    createdBy: 'test',
    updatedBy: 'test',
  };

  it('splits places evenly over needs × phases and reports overflow = max(0, demand − places)', () => {
    const out = projectMarkov(authority(), { horizon: 3, expectedOnly: true, provisions: [provision] });
    expect(() => ProjectionOutput.parse(out)).not.toThrow();
    const asd = (out.capacity ?? []).filter((r) => r.need === 'ASD' && r.phase === 'secondary');
    // Census Jan 2023 is academic year 2022/23, when the expansion (Sept 2022) is open: (200 + 40) / 2.
    expect(asd.map((r) => [r.year, r.places])).toEqual([
      [2021, 100],
      [2022, 100],
      [2023, 120],
      [2024, 120],
    ]);
    for (const row of asd) {
      expect(row.overflow.mean).toBeCloseTo(Math.max(0, row.demand.mean - row.places), 9);
      expect(row.utilisation).toBeCloseTo(row.demand.p50 / row.places, 9);
      expect(row.shortfall.p50).toBeCloseTo(Math.max(0, row.demand.p50 - row.places), 9);
    }
    // Base 2021 demand, hand-counted: per need 4 NCYs × (10 special + 5 independent) stayers + 4 movers
    // into special + 3 + 2 specialist joiners = 69.
    expect(asd[0]?.demand.mean).toBe(69);
  });

  it('shares an odd number of places in whole places, adding up to the commissioned places', () => {
    const odd = {
      ...provision,
      commissionedPlaces: [{ academicYear: 2020, places: 201 }],
      plannedChanges: [],
    };
    const out = projectMarkov(authority(), { horizon: 1, expectedOnly: true, provisions: [odd] });
    const places = (need: string) =>
      (out.capacity ?? []).filter((r) => r.need === need && r.phase === 'secondary').map((r) => r.places);
    expect(places('ASD')).toEqual([101, 101]); // listed first, so it takes the place left over
    expect(places('SEMH')).toEqual([100, 100]);
  });

  it('added places lower the overflow and its cost in a scenario', () => {
    const s = scenario([
      { kind: 'places', need: 'ASD', phase: 'secondary', places: 30, fromAcademicYear: 2021 },
    ]);
    const small = {
      ...provision,
      commissionedPlaces: [{ academicYear: 2020, places: 60 }],
      plannedChanges: [],
    };
    const out = projectMarkov(authority(), {
      horizon: 3,
      expectedOnly: true,
      provisions: [small],
      scenario: s,
    });
    const rows = out.scenario?.rows ?? [];
    expect(rows[0]?.localPlaces).toEqual({ baseline: 60, scenario: 90 });
    expect(rows[0]?.outOfBoroughAvoided).toBeCloseTo(30, 9); // ASD demand far above 30 + 30 places
    // Each avoided placement saves the overflow cost (60,000) less the local cost (25,000), inflated 3%.
    expect(rows[0]?.saving).toBeCloseTo(30 * 35_000 * 1.03, 3);
  });
});

describe('places added by a scenario without provisions', () => {
  it('change nothing before they open: the baseline is priced on the same capacity cells', () => {
    // 30 secondary ASD places from academic year 2022/23 (census 2023). Before then both runs have 0 places
    // in the cell, so overflow and cost are equal (the baseline used to count the chain's out-of-borough
    // children against the scenario's overflow, giving a negative "avoided" figure before the places open).
    const s = scenario([
      { kind: 'places', need: 'ASD', phase: 'secondary', places: 30, fromAcademicYear: 2022 },
    ]);
    const out = projectMarkov(authority(), { horizon: 3, draws: 100, seed: 9, scenario: s });
    const [first, ...later] = out.scenario?.rows ?? [];
    expect(first).toMatchObject({ year: 2022, outOfBoroughAvoided: 0, saving: 0 });
    expect(first?.localPlaces).toEqual({ baseline: 0, scenario: 0 });
    for (const row of later) {
      expect(row.localPlaces).toEqual({ baseline: 0, scenario: 30 });
      // min(demand, 30) in each draw: ASD secondary demand is mostly well above 30 places.
      expect(row.outOfBoroughAvoided).toBeGreaterThan(25);
      expect(row.outOfBoroughAvoided).toBeLessThanOrEqual(30 + 1e-9); // a mean of draws: float sums
      expect(row.saving).toBeGreaterThan(0);
    }
  });
});

describe('cost helpers', () => {
  it('fills missing unit costs from the setting mean, then the overall mean', () => {
    const space = buildStateSpace({
      transitions: [
        { calendarYear: 2020, setting1: 'A', need1: 'X', ncy1: 1, setting2: 'B', need2: 'Y', ncy2: 2 },
      ],
      population: [],
      costs: [],
      validStates: [],
    });
    const warnings: string[] = [];
    const table = unitCostTable(
      space,
      [
        { need: 'X', setting: 'A', cost: 10 },
        { need: 'Y', setting: 'A', cost: 30 },
      ],
      warnings,
    );
    // needs [X, Y] × settings [A, B]: B has no cost → overall mean 20.
    expect(Array.from(table)).toEqual([10, 20, 30, 20]);
    expect(warnings[0]).toContain('B (mean of all costs)');
  });

  it('inflates, labels and apportions financial years', () => {
    expect(inflationFactor(0.03, 2024, 2026)).toBeCloseTo(1.0609, 10);
    expect(financialYearLabel(2025)).toBe('2025-26');
    expect(financialYearLabel(2099)).toBe('2099-00');
    // 5/12 · 1,000 + 7/12 · 2,000 = 19,000 / 12, by hand.
    expect(financialYearCost(1000, 2000)).toBeCloseTo(19_000 / 12, 9);
    expect(academicYearOfCensus(2025)).toBe(2024);
  });
});
