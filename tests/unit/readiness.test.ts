// Data readiness judged from its facts: each item ready, partial or missing at its thresholds, and every item
// that is not ready names the route (and command) that fills it.
import { describe, expect, it } from 'vitest';
import { assessReadiness, type ReadinessFacts, type ReadinessItemId } from '../../domain/readiness';

const complete: ReadinessFacts = {
  asOf: '2026-12-01',
  authority: 'demo',
  censuses: [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((year) => ({ year, children: 1000 + year })),
  censusesNeeded: { toProject: 2, forTrend: 6 },
  population: { areaCode: 'E08000023', areaName: 'South Tyneside', firstYear: 2022, lastYear: 2047 },
  provisions: [
    { id: 'oak', name: 'Oak', academicYears: [2025, 2026, 2027] },
    { id: 'elm', name: 'Elm', academicYears: [2026, 2027] },
  ],
  academicYear: 2026,
  financialYear: '2026-27',
  budget: { total: 30_000_000 },
  unitCosts: {
    census: 2026,
    settings: [
      { setting: 'independent-special', outOfBorough: true, children: 40, costed: 40, meanCost: 60_000 },
      { setting: 'mainstream', outOfBorough: false, children: 500, costed: 480, meanCost: 9_000 },
    ],
  },
  month: '2026-12',
  lastAlertRun: { month: '2026-11', status: 'sent', alerts: 7, sentAt: '2026-11-01T06:00:00.000Z' },
};

const item = (facts: ReadinessFacts, id: ReadinessItemId) => {
  const found = assessReadiness(facts).items.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no ${id} item`);
  return found;
};

describe('data readiness', () => {
  it('is ready when every item is, with nothing to fill', () => {
    const readiness = assessReadiness(complete);
    expect(readiness.items.map((i) => [i.id, i.status])).toEqual([
      ['censuses', 'ready'],
      ['population', 'ready'],
      ['provisions', 'ready'],
      ['budget', 'ready'],
      ['unit-costs', 'ready'],
      ['alerts', 'ready'],
    ]);
    expect(readiness.ready).toBe(true);
    for (const i of readiness.items) {
      expect(i.fill).toBeUndefined();
      expect(i.missing).toEqual([]);
    }
    expect(item(complete, 'censuses').summary).toBe(
      '7 censuses with children (January 2020 to January 2026): enough for the model, its trends for new plans weighed by how well each forecast the past.',
    );
  });

  it('an empty authority: every item missing, each with the route and command that fills it', () => {
    const empty: ReadinessFacts = {
      ...complete,
      censuses: [],
      provisions: [],
      unitCosts: { settings: [] },
    };
    delete empty.population;
    delete empty.budget;
    delete empty.lastAlertRun;
    const readiness = assessReadiness(empty);
    expect(readiness.ready).toBe(false);
    expect(readiness.items.map((i) => [i.id, i.status, i.fill?.route])).toEqual([
      ['censuses', 'missing', 'POST /imports'],
      ['population', 'missing', 'PUT /population'],
      ['provisions', 'missing', 'POST /provisions'],
      ['budget', 'missing', 'PUT /budgets/2026-27'],
      [
        'unit-costs',
        'missing',
        'PATCH /placements/{id} (costs), or the costs columns of an import (POST /imports)',
      ],
      ['alerts', 'missing', 'POST /alerts/runs'],
    ]);
    expect(item(empty, 'population').fill?.command).toBe(
      'npm run -s population -- put <ONS population projection CSV> --authority demo',
    );
    expect(item(empty, 'alerts').fill?.command).toBe('npm run -s alerts -- --month 2026-12');
    for (const i of readiness.items) expect(i.missing.length).toBeGreaterThan(0);
  });

  it('censuses: one is not enough to project, two to five project on a damped trend, six weigh trends', () => {
    const withCensuses = (count: number) => ({
      ...complete,
      censuses: [
        { year: 2019, children: 0 }, // before the first placement: not counted
        ...Array.from({ length: count }, (_, i) => ({ year: 2026 - count + 1 + i, children: 10 })),
      ],
    });
    expect(item(withCensuses(1), 'censuses')).toMatchObject({
      status: 'missing',
      summary: '1 census with children (January 2026): the model needs at least 2 to project.',
      missing: ['placements in place in January 2025, ended ones included'],
    });
    expect(item(withCensuses(2), 'censuses').status).toBe('partial');
    expect(item(withCensuses(5), 'censuses')).toMatchObject({
      status: 'partial',
      missing: ['1 earlier census (placements in place in January 2021–2021, ended ones included)'],
    });
    expect(item(withCensuses(3), 'censuses').missing).toEqual([
      '3 earlier censuses (placements in place in January 2021–2023, ended ones included)',
    ]);
    expect(item(withCensuses(6), 'censuses').status).toBe('ready');
  });

  it("provisions: each one lacking this or next academic year's places is named", () => {
    const facts = {
      ...complete,
      provisions: [
        ...complete.provisions,
        { id: 'ash', name: 'Ash', academicYears: [2024, 2025, 2026] },
        { id: 'yew', name: 'Yew', academicYears: [2024] },
      ],
    };
    expect(item(facts, 'provisions')).toMatchObject({
      status: 'partial',
      summary:
        '2 of 4 provisions have commissioned places for 2026/27 and 2027/28; the others carry their latest earlier figure forward.',
      missing: ['Ash: places for 2027/28', 'Yew: places for 2026/27 and 2027/28'],
      fill: { route: 'PATCH /provisions/{id} (commissionedPlaces)', group: 'planners' },
    });
  });

  it('unit costs: a setting where no child has a cost is named; none costed at all is missing', () => {
    const partial = {
      ...complete,
      unitCosts: {
        census: 2026,
        settings: [
          ...complete.unitCosts.settings,
          { setting: 'hospital' as const, outOfBorough: false, children: 3, costed: 0 },
        ],
      },
    };
    expect(item(partial, 'unit-costs')).toMatchObject({
      status: 'partial',
      summary:
        '2 of 3 paid settings in the January 2026 census have a recorded cost (520 of 543 children). The model prices the others at £0, as recorded.',
      missing: ['Hospital school, in borough: 3 children, none with a cost'],
    });
    // NEET and elective home education are paid for by no one: £0 there is no gap.
    const unpaid = {
      ...complete,
      unitCosts: {
        census: 2026,
        settings: [
          ...complete.unitCosts.settings,
          { setting: 'neet' as const, outOfBorough: false, children: 25, costed: 0 },
          { setting: 'home-education' as const, outOfBorough: false, children: 4, costed: 0 },
        ],
      },
    };
    expect(item(unpaid, 'unit-costs')).toMatchObject({
      status: 'ready',
      summary:
        '2 of 2 paid settings in the January 2026 census have a recorded cost (520 of 540 children); NEET and elective home education carry no placement cost.',
    });
    const none = {
      ...complete,
      unitCosts: {
        census: 2026,
        settings: complete.unitCosts.settings.map((row) => ({ ...row, costed: 0 })),
      },
    };
    expect(item(none, 'unit-costs').status).toBe('missing');
  });

  it('alerts: a digest for this month or last is ready; an older one or a failed run is not', () => {
    expect(
      item({ ...complete, lastAlertRun: { month: '2026-12', status: 'sent', alerts: 0 } }, 'alerts').status,
    ).toBe('ready');
    expect(
      item({ ...complete, lastAlertRun: { month: '2026-10', status: 'sent', alerts: 3 } }, 'alerts'),
    ).toMatchObject({
      status: 'partial',
      summary: 'The last digest was for 2026-10: months since have not been run.',
      fill: { command: 'npm run -s alerts -- --month 2026-12' },
    });
    expect(
      item({ ...complete, lastAlertRun: { month: '2026-12', status: 'failed', alerts: 0 } }, 'alerts'),
    ).toMatchObject({
      status: 'partial',
      summary: 'The 2026-12 run is marked failed.',
    });
    // January: December of the year before is last month.
    expect(
      item(
        { ...complete, month: '2027-01', lastAlertRun: { month: '2026-12', status: 'sent', alerts: 1 } },
        'alerts',
      ).status,
    ).toBe('ready');
  });

  it('budget: this financial year only', () => {
    const { budget: _none, ...withoutBudget } = complete;
    expect(item(withoutBudget, 'budget')).toMatchObject({
      title: 'Budget for 2026-27',
      status: 'missing',
      fill: { route: 'PUT /budgets/2026-27', group: 'finance' },
    });
  });
});
