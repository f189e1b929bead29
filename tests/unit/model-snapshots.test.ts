import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Placement } from '../../domain/placement';
import { generateDemoAuthority } from '../../infra/local/demo/generate';
import { projectMarkov } from '../../model/markov';
import { populationRows, populationUpTo } from '../../model/population';
import { parseOnsPopulation } from '../../model/population-csv';
import {
  censusSnapshot,
  modelDataUpTo,
  ncyAt,
  placementsToModelData,
  SnapshotInputError,
  transitionsBetween,
} from '../../model/snapshots';
import { ONS_POPULATION_CSV } from '../helpers/data';
import { education, storedPlacement } from '../helpers/placement';

const placement = storedPlacement;

describe('ncyAt', () => {
  it('counts academic years since the start, or uses the birth month', () => {
    // started Sept 2019 in NCY 3 → census Jan 2020 still NCY 3, Jan 2022 NCY 5
    expect(ncyAt({ ncy: 3, startDate: '2019-09-01' }, '2020-01-15')).toBe(3);
    expect(ncyAt({ ncy: 3, startDate: '2019-09-01' }, '2022-01-15')).toBe(5);
    // born March 2012: 7 on 31 Aug 2019 → NCY 2 in 2019/20 (census Jan 2020)
    expect(ncyAt({ birthMonth: '2012-03', startDate: '2015-01-01' }, '2020-01-15')).toBe(2);
    // born October 2011: 7 on 31 Aug 2019 too (turns 8 in Oct 2019) → NCY 2
    expect(ncyAt({ birthMonth: '2011-10', ncy: 9, startDate: '2015-01-01' }, '2020-01-15')).toBe(2);
  });
});

describe('census snapshots and transitions', () => {
  const placements = [
    // stays in-borough special 2020 → 2021, then moves out of borough (ISS) from Dec 2021
    placement('a1', { childRef: 'a', endDate: '2021-12-01', endReason: 'moved-setting' }),
    placement('a2', {
      childRef: 'a',
      setting: 'independent-special',
      inBorough: false,
      hostLaCode: '391',
      startDate: '2021-12-01',
      ncy: 5,
      costs: education(60_000),
    }),
    // leaves after the 2020 census
    placement('b', { primaryNeed: 'SEMH', endDate: '2020-07-20', endReason: 'plan-ceased-needs-met' }),
    // joins in 2021: mainstream
    placement('c', {
      setting: 'mainstream',
      startDate: '2020-11-02',
      ncy: 0,
      primaryNeed: 'SLCN',
      costs: education(8_000),
    }),
  ];

  it('counts each child active on census day once, the later-starting placement first', () => {
    const census2022 = censusSnapshot(placements, 2022);
    expect(census2022.get('a')).toMatchObject({
      setting: 'independent-special@OB',
      placementId: 'a2',
      ncy: 5,
    });
    expect(census2022.has('child-b')).toBe(false);
    expect(censusSnapshot(placements, 2020).get('child-b')).toMatchObject({
      setting: 'maintained-special@IB',
      need: 'SEMH',
    });
  });

  it('turns consecutive censuses into stayers, movers, leavers and joiners', () => {
    const y2020 = censusSnapshot(placements, 2020);
    const y2021 = censusSnapshot(placements, 2021);
    const transitions = transitionsBetween(2020, y2020, y2021);
    expect(transitions).toEqual(
      expect.arrayContaining([
        {
          calendarYear: 2020,
          setting1: 'maintained-special@IB',
          need1: 'ASD',
          ncy1: 3,
          setting2: 'maintained-special@IB',
          need2: 'ASD',
          ncy2: 4,
        },
        {
          calendarYear: 2020,
          setting1: 'maintained-special@IB',
          need1: 'SEMH',
          ncy1: 3,
          setting2: 'NONSEND',
          need2: 'NONSEND',
          ncy2: 4,
        },
        {
          calendarYear: 2020,
          setting1: 'NONSEND',
          need1: 'NONSEND',
          ncy1: -1,
          setting2: 'mainstream@IB',
          need2: 'SLCN',
          ncy2: 0,
        },
      ]),
    );
    expect(transitions).toHaveLength(3);
  });

  it('builds ModelData with unit costs and valid states', () => {
    const { data, censusYears } = placementsToModelData(placements, { asOf: '2022-03-01', population: [] });
    expect(censusYears).toEqual([2020, 2021, 2022]);
    expect(data.transitions.filter((t) => t.calendarYear === 2021)).toContainEqual({
      calendarYear: 2021,
      setting1: 'maintained-special@IB',
      need1: 'ASD',
      ncy1: 4,
      setting2: 'independent-special@OB',
      need2: 'ASD',
      ncy2: 5,
    });
    expect(data.costs).toContainEqual({ need: 'ASD', setting: 'independent-special@OB', cost: 60_000 });
    expect(data.costs).toContainEqual({ need: 'SEMH', setting: 'maintained-special@IB', cost: 20_000 });
    const iss = data.validStates.find((v) => v.setting === 'independent-special@OB');
    expect(iss).toMatchObject({
      settingGroup: 'NMISS',
      minNcy: 5,
      maxNcy: 5,
      needs: ['ASD', 'SEMH', 'SLCN'],
    });
  });

  it('needs two censuses and at least one placement', () => {
    expect(() => placementsToModelData([], { population: [] })).toThrow('no placements');
    expect(() =>
      placementsToModelData([placement('x', { startDate: '2021-02-01' })], {
        asOf: '2021-06-01',
        population: [],
      }),
    ).toThrow('at least two January censuses');
  });
});

describe('snapshots feed the Markov model', () => {
  it('projects a synthetic authority from its placements', () => {
    const placements: Placement[] = [];
    for (let i = 0; i < 300; i++) {
      const startYear = 2016 + (i % 6);
      const ends = i % 4 === 0;
      placements.push(
        placement(`p${i}`, {
          primaryNeed: i % 3 === 0 ? 'SEMH' : 'ASD',
          setting: i % 5 === 0 ? 'independent-special' : 'maintained-special',
          inBorough: i % 5 !== 0,
          ...(i % 5 === 0 ? { hostLaCode: '391' } : {}),
          ncy: i % 10,
          startDate: `${startYear}-09-01`,
          ...(ends ? { endDate: `${startYear + 2}-07-20`, endReason: 'plan-ceased-other' as const } : {}),
        }),
      );
    }
    const { data } = placementsToModelData(placements, {
      asOf: '2022-02-01',
      population: populationRows(
        parseOnsPopulation(readFileSync(ONS_POPULATION_CSV, 'utf8'), { area: 'E08000023' }),
      ),
    });
    const output = projectMarkov(data, { horizon: 3, expectedOnly: true });
    expect(output.baseYear).toBe(2022);
    expect(output.total).toHaveLength(4);
    expect(output.total[0]?.mean).toBe(
      placements.filter((p) => p.startDate <= '2022-01-15' && (!p.endDate || p.endDate >= '2022-01-15'))
        .length,
    );
    expect(output.total.every((r) => Number.isFinite(r.mean))).toBe(true);
  });
});

describe('model data up to a back-test origin', () => {
  const { placements } = generateDemoAuthority({ asOf: '2026-02-01' });
  const population = populationRows(
    parseOnsPopulation(readFileSync(ONS_POPULATION_CSV, 'utf8'), { area: 'E08000023' }),
  );
  const full = placementsToModelData(placements, { asOf: '2026-02-01', population });

  it('is what building the snapshots again up to that year gives, at every origin', () => {
    const origins = full.censusYears.slice(1, -1);
    expect(origins.length).toBeGreaterThan(3);
    for (const origin of origins) {
      const rebuilt = placementsToModelData(placements, {
        asOf: '2026-02-01',
        lastYear: origin,
        population: populationUpTo(population, origin),
      }).data;
      expect(modelDataUpTo(full, origin, populationUpTo(population, origin))).toEqual(rebuilt);
    }
  });

  it('refuses an origin with fewer than two censuses up to it', () => {
    const first = full.censusYears[0] as number;
    expect(() => modelDataUpTo(full, first, population)).toThrow(SnapshotInputError);
  });
});

describe('sample scenarios', () => {
  it('the fixtures are valid scenarios', async () => {
    const { Scenario } = await import('../../model/scenario');
    for (const file of ['witan-scenario.json', 'demo-scenario.json'])
      expect(
        Scenario.parse(JSON.parse(readFileSync(`tests/fixtures/model/${file}`, 'utf8'))).changes.length,
      ).toBeGreaterThan(0);
  });
});
