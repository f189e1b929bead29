import { describe, expect, it } from 'vitest';
import {
  type Alert,
  AlertThresholds,
  alertMonthProblem,
  buildDigest,
  evaluateAlerts,
  occupancyAlerts,
  outOfBoroughAlerts,
  outturnAlerts,
  shortfallAlerts,
} from '../../domain/alerts';
import { occupancyLevel, occupancyShare, provisionOccupancy } from '../../domain/occupancy';
import { monthOf } from '../../functions/alerts/run';

const thresholds = AlertThresholds.parse({});
const provision = (occupied: number, places = 100) => ({
  provisionId: 'p1',
  name: 'Oak ASD base',
  places,
  occupied,
});

describe('provision occupancy (warn ≥ 90%, critical ≥ 100%)', () => {
  it.each([
    [89, []],
    [90, ['warn']],
    [91, ['warn']],
    [99, ['warn']],
    [100, ['critical']],
    [101, ['critical']],
  ])('%i of 100 places → %j', (occupied, severities) => {
    expect(occupancyAlerts([provision(occupied)], thresholds).map((a) => a.severity)).toEqual(severities);
  });

  it('treats children in a provision with no places as over capacity', () => {
    const [alert] = occupancyAlerts([provision(3, 0)], thresholds);
    expect(alert?.severity).toBe('critical');
    expect(alert?.subject).toContain('over capacity');
  });

  it('says nothing of an empty provision with no places', () => {
    expect(occupancyAlerts([provision(0, 0)], thresholds)).toEqual([]);
  });

  it('alerts exactly where the shared occupancy level is not ok, with that level as severity', () => {
    const custom = { ...thresholds, occupancyWarn: 0.8, occupancyCritical: 0.95 };
    for (const t of [thresholds, custom])
      for (let occupied = 0; occupied <= 130; occupied++)
        for (const places of [0, 40, 100]) {
          const level = occupancyLevel(occupancyShare({ places, occupied }), t);
          const alerts = occupancyAlerts([provision(occupied, places)], t);
          expect(alerts.map((a) => a.severity)).toEqual(level === 'ok' ? [] : [level]);
        }
  });
});

describe('provision occupancy on a date', () => {
  const base = {
    name: 'Oak ASD base',
    type: 'resourced-provision' as const,
    needs: ['ASD' as const],
    phases: ['primary' as const],
    version: 1,
    createdAt: '',
    updatedAt: '',
    createdBy: '',
    updatedBy: '',
  };
  const oak = {
    ...base,
    id: 'oak',
    commissionedPlaces: [
      { academicYear: 2025, places: 10 },
      { academicYear: 2026, places: 12 },
    ],
    plannedChanges: [],
  };
  const elm = { ...oak, id: 'elm', name: 'Elm', commissionedPlaces: [{ academicYear: 2024, places: 0 }] };
  const at = (provisionId: string | undefined, startDate: string, endDate?: string) => ({
    provisionId,
    startDate,
    ...(endDate ? { endDate } : {}),
  });
  const placements = [
    at('oak', '2025-09-01'),
    at('oak', '2025-09-01', '2026-01-15'), // ends on the day: still there (end dates are inclusive)
    at('oak', '2025-09-01', '2026-01-14'), // gone the day before
    at('oak', '2026-01-16'), // not yet started
    at('elm', '2024-09-01'),
    at(undefined, '2020-09-01'),
  ];

  it('counts the placements naming each provision that are active that day, against that year’s places', () => {
    expect(provisionOccupancy([oak, elm], placements, '2026-01-15')).toEqual([
      { provisionId: 'oak', name: 'Oak ASD base', places: 10, occupied: 2 },
      { provisionId: 'elm', name: 'Elm', places: 0, occupied: 1 },
    ]);
    // September 2026 is the next academic year: 12 places.
    expect(provisionOccupancy([oak], placements, '2026-09-01')[0]).toMatchObject({ places: 12, occupied: 2 });
  });

  it('gives the share and level the alert uses: over capacity when a place-less provision has children', () => {
    expect(occupancyShare({ places: 10, occupied: 9 })).toBe(0.9);
    expect(occupancyLevel(0.9, thresholds)).toBe('warn');
    expect(occupancyLevel(0.8999, thresholds)).toBe('ok');
    expect(occupancyLevel(1, thresholds)).toBe('critical');
    expect(occupancyShare({ places: 0, occupied: 1 })).toBe(Number.POSITIVE_INFINITY);
    expect(occupancyLevel(occupancyShare({ places: 0, occupied: 1 }), thresholds)).toBe('critical');
    expect(occupancyShare({ places: 0, occupied: 0 })).toBe(0);
  });
});

describe('projected shortfall (median above places → warn, 95th percentile above → watch)', () => {
  const row = (demandP50: number, demandP95: number) => ({
    need: 'ASD',
    phase: 'secondary' as const,
    year: 2027,
    withinMonths: 12,
    places: 120,
    demandP50,
    demandP95,
  });
  it.each([
    [110, 119, []],
    [110, 120, []],
    [110, 121, ['watch']],
    [120, 130, ['watch']],
    [121, 130, ['warn']],
  ])('p50 %d, p95 %d against 120 places → %j', (p50, p95, severities) => {
    expect(shortfallAlerts([row(p50, p95)]).map((a) => a.severity)).toEqual(severities);
  });

  it('headline and body give the same gap on the median, in whole places', () => {
    const [alert] = shortfallAlerts([row(130.2, 140), { ...row(118, 126), year: 2028, withinMonths: 24 }]);
    expect(alert?.figures).toMatchObject({ measure: 'median', year: 2027, shortfall: 11 });
    expect(alert?.subject).toBe(
      'ASD secondary specialist places short by 11 by January 2027 on the median projection',
    );
    expect(alert?.message).toBe(
      'ASD, secondary: January 2027 (within 12 months): median demand 131 against 120 local places, 11 short; ' +
        'at the 95th percentile 140, 20 short; January 2028 (within 24 months): median demand 118 against 120 ' +
        'local places; at the 95th percentile 126, 6 short. Short on the median projection: children will be ' +
        'placed independent or out of borough unless places are commissioned.',
    );
  });

  it('names the 95th percentile when only it runs short (the issue: PD primary, median 6 against 7 places)', () => {
    const [alert] = shortfallAlerts([
      { ...row(6, 9.4), need: 'PD', phase: 'primary' as const, places: 7, year: 2028, withinMonths: 24 },
    ]);
    expect(alert?.severity).toBe('watch');
    expect(alert?.subject).toBe(
      'PD primary specialist places could be short by 3 by January 2028 at the 95th percentile',
    );
    expect(alert?.message).toContain(
      'median demand 6 against 7 local places; at the 95th percentile 10, 3 short',
    );
    expect(alert?.figures).toMatchObject({ measure: '95th percentile', shortfall: 3 });
  });

  it('writes no fraction of a place anywhere in the text', () => {
    const alerts = shortfallAlerts([row(130.2, 140.7), { ...row(90.5, 121.3), phase: 'primary' as const }]);
    for (const alert of alerts) expect(`${alert.subject} ${alert.message}`).not.toMatch(/\d\.\d/);
  });

  it('gives one alert per need and phase, naming each horizon and the worst year', () => {
    const alerts = shortfallAlerts([
      row(110, 125),
      { ...row(140, 150), year: 2028, withinMonths: 24 },
      { ...row(100, 110), phase: 'primary' as const },
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.severity).toBe('warn');
    expect(alerts[0]?.figures).toMatchObject({ year: 2028, shortfall: 20 });
    expect(alerts[0]?.message).toContain('January 2027 (within 12 months)');
    expect(alerts[0]?.message).toContain('January 2028 (within 24 months)');
  });

  it('says when shortfalls could not be checked (no population stored), every month until fixed', () => {
    const figures = { occupancy: [], shortfalls: [], outOfBorough: { now: 10, yearAgo: 10 } };
    expect(evaluateAlerts(figures, thresholds)).toEqual([]);
    const alerts = evaluateAlerts(
      { ...figures, shortfallsUnchecked: 'no population stored: load it with PUT /population' },
      thresholds,
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        rule: 'projected-shortfall',
        severity: 'watch',
        key: 'projected-shortfall:unchecked',
        message: expect.stringContaining('no population stored: load it with PUT /population'),
      }),
    ]);
  });
});

describe('outturn against budget (warn ≥ 2% over)', () => {
  const outturn = (forecastP50: number) => ({
    financialYear: '2026-27',
    budget: 1_000_000,
    forecastP50,
    forecastP95: forecastP50 * 1.05,
  });
  it.each([
    [1_019_999, 0],
    [1_020_000, 1],
    [1_020_001, 1],
  ])('forecast %d against a £1m budget → %d alert(s)', (forecast, count) => {
    expect(outturnAlerts(outturn(forecast), thresholds)).toHaveLength(count);
  });
  it('is silent with no budget set', () => {
    expect(outturnAlerts(undefined, thresholds)).toEqual([]);
    expect(outturnAlerts({ ...outturn(5), budget: 0 }, thresholds)).toEqual([]);
  });
});

describe('out-of-borough growth over 12 months (warn above 10%)', () => {
  it.each([
    [109, 0],
    [110, 0],
    [111, 1],
  ])('%d now against 100 a year ago → %d alert(s)', (now, count) => {
    expect(outOfBoroughAlerts({ now, yearAgo: 100 }, thresholds)).toHaveLength(count);
  });
  it('cannot compute growth from nothing, so stays silent', () => {
    expect(outOfBoroughAlerts({ now: 5, yearAgo: 0 }, thresholds)).toEqual([]);
  });
});

describe('digest', () => {
  const alerts = evaluateAlerts(
    {
      occupancy: [provision(104)],
      shortfalls: [],
      outturn: {
        financialYear: '2026-27',
        budget: 1_000_000,
        forecastP50: 1_050_000,
        forecastP95: 1_100_000,
      },
      outOfBorough: { now: 100, yearAgo: 100 },
    },
    thresholds,
  );

  it('orders alerts critical first', () => {
    expect(alerts.map((a) => a.severity)).toEqual(['critical', 'warn']);
  });

  it('names the figures, what changed since last month and the dashboard views', () => {
    const previous: Alert[] = [
      alerts[1] as Alert,
      { ...(alerts[0] as Alert), key: 'out-of-borough-growth', subject: 'Out-of-borough placements up 12%' },
    ];
    const digest = buildDigest({
      authorityName: 'Demo Borough',
      month: '2026-11',
      alerts,
      previous,
      dashboardUrl: 'http://localhost:3000/',
    });
    expect(digest.subject).toBe('Demo Borough SEND sufficiency 2026-11: 1 critical, 1 warn');
    expect(digest.body).toContain('Oak ASD base: 104 children in 100 commissioned places (104%)');
    expect(digest.body).toContain('[new]');
    expect(digest.body).toContain('[continuing]');
    expect(digest.body).toContain('1 new, 1 continuing, 1 resolved.');
    expect(digest.body).toContain('Resolved: Out-of-borough placements up 12%');
    expect(digest.body).toContain('http://localhost:3000/#/finance');
    expect(digest.body).toContain('http://localhost:3000/#/provisions');
  });

  it('says so when nothing crossed a threshold', () => {
    const digest = buildDigest({
      authorityName: 'X',
      month: '2026-11',
      alerts: [],
      previous: undefined,
      dashboardUrl: 'u',
    });
    expect(digest.subject).toBe('X SEND sufficiency 2026-11: no alerts');
    expect(digest.body).toContain('first digest on record');
  });
});

describe('the month of a scheduled run', () => {
  it('takes a month given as YYYY-MM as it is', () => {
    expect(monthOf('2026-11', new Date('2026-01-01T00:00:00Z'))).toBe('2026-11');
  });
  it("reads the scheduler's time in London: 06:00 BST on 1 October is still October", () => {
    // 2026-10-01T06:00 in London is 05:00 UTC; 00:30 London on 1 April (BST) is 23:30 UTC on 31 March.
    expect(monthOf('2026-10-01T05:00:00Z', new Date())).toBe('2026-10');
    expect(monthOf('2026-03-31T23:30:00Z', new Date())).toBe('2026-04');
  });
  it('falls back to the current London month without a usable time', () => {
    expect(monthOf(undefined, new Date('2026-12-01T06:00:00Z'))).toBe('2026-12');
    expect(monthOf('not a date', new Date('2027-01-01T00:30:00Z'))).toBe('2027-01');
  });
});

describe('which months alerts may run for', () => {
  it('allows the current month and each of the 12 before it, across a new year', () => {
    expect(alertMonthProblem('2027-01', '2027-01')).toBeUndefined();
    expect(alertMonthProblem('2026-12', '2027-01')).toBeUndefined();
    expect(alertMonthProblem('2026-01', '2027-01')).toBeUndefined();
  });

  it('refuses a month that has not started, and one more than 12 months ago, saying which months may run', () => {
    const allowed =
      'alerts run for the current month (2027-01) or, to catch up a missed month, one of the 12 before it (2026-01 to 2027-01)';
    expect(alertMonthProblem('2027-02', '2027-01')).toBe(`2027-02 has not started yet: ${allowed}`);
    expect(alertMonthProblem('2031-05', '2027-01')).toBe(`2031-05 has not started yet: ${allowed}`);
    expect(alertMonthProblem('2025-12', '2027-01')).toBe(`2025-12 is too long ago: ${allowed}`);
    expect(alertMonthProblem('2019-03', '2027-01')).toBe(`2019-03 is too long ago: ${allowed}`);
  });
});
