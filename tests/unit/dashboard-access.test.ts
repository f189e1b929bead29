// The dashboard decides what to show each group from the deployed route table (web/src/access.ts), and
// turns a corrected form into the smallest PATCH (web/src/views/placement-form.ts). Both are pure.
import { describe, expect, it } from 'vitest';
import { ncyLabel } from '../../domain/codes';
import type { Placement } from '../../domain/placement';
import { GROUPS, type Group } from '../../functions/api/identity';
import { ROUTE_ACCESS } from '../../infra/route-access';
import { can, routeFor } from '../../web/src/access';
import { patchOf } from '../../web/src/views/placement-form';
import { valueWords } from '../../web/src/words';

const sample = (path: string) => path.replace(/\{proxy\+\}/, 'app.js').replace(/\{\w+\}/g, 'x1');

describe('the route table in the dashboard', () => {
  it('finds each deployed route from a concrete path, as API Gateway would', () => {
    for (const route of ROUTE_ACCESS)
      expect(routeFor(route.method, sample(route.path)), `${route.method} ${route.path}`).toBe(route);
    expect(routeFor('GET', '/placements?inBorough=false&lookedAfter=true')?.path).toBe('/placements');
    expect(routeFor('GET', '/exports/witan/costs.csv')?.path).toBe('/exports/witan/{file}');
    expect(routeFor('GET', '/exports/placements.xlsx?inBorough=false')?.path).toBe(
      '/exports/placements.xlsx',
    );
    // Each export file is its own route: a file the table does not list is no route at all (refused).
    expect(routeFor('GET', '/exports/children.csv')).toBeUndefined();
    expect(routeFor('GET', '/no/such/route')).toBeUndefined();
  });

  it('lets a group do exactly what the table lists for it', () => {
    for (const route of ROUTE_ACCESS)
      for (const group of GROUPS)
        expect(can(route.method, sample(route.path), [group]), `${group} ${route.method} ${route.path}`).toBe(
          route.groups === 'public' || (route.groups as readonly Group[]).includes(group),
        );
    expect(can('POST', '/placements', [])).toBe(false);
    expect(can('DELETE' as never, '/placements', [...GROUPS])).toBe(false);
  });
});

describe('a correction as a PATCH', () => {
  const base = {
    id: 'p1',
    childRef: 'C-1',
    primaryNeed: 'SEMH',
    secondaryNeed: 'SLCN',
    setting: 'independent-special',
    residential: false,
    inBorough: false,
    hostLaCode: '808',
    providerName: 'Oak Hill School',
    lookedAfter: false,
    ncy: 8,
    startDate: '2025-09-01',
    costs: { education: 1, socialCare: 0, health: 0, transport: 0 },
    costHistory: [],
    version: 3,
  } as unknown as Placement;
  const { id: _id, costs: _costs, costHistory: _history, version: _version, ...fields } = base;

  it('sends only what changed, and null for a cleared optional detail', () => {
    expect(patchOf(base, fields)).toEqual({});
    const { secondaryNeed: _gone, ...withoutSecondary } = fields;
    expect(patchOf(base, { ...withoutSecondary, setting: 'maintained-special', lookedAfter: true })).toEqual({
      setting: 'maintained-special',
      lookedAfter: true,
      secondaryNeed: null,
    });
  });

  it('never sends null for a field a placement must have', () => {
    const { childRef: _ref, ...withoutRef } = fields;
    expect(patchOf(base, withoutRef)).toEqual({});
  });
});

describe('fields in plain words', () => {
  it('explains codes and writes dates and money in words', () => {
    expect(valueWords('primaryNeed', 'SEMH')).toBe('SEMH: Social, emotional and mental health');
    expect(valueWords('hostLaCode', '808')).toBe('Stockton-on-Tees (808, North East)');
    expect(valueWords('hostLaCode', '999')).toBe('999 (not a current English LA code)');
    expect(valueWords('inBorough', false)).toBe('Out of borough');
    expect(valueWords('startDate', '2025-09-01')).toBe('1 September 2025');
    expect(valueWords('birthMonth', '2014-03')).toBe('March 2014');
    expect(valueWords('endReason', 'plan-ceased-needs-met')).toBe('Plan ceased: needs met');
    expect(valueWords('costs', { education: 62000, socialCare: 0, health: 0, transport: 8000 })).toBe(
      '£70,000 a year (education (high needs block) £62,000, home-to-school transport £8,000)',
    );
    expect(valueWords('secondaryNeed', undefined)).toBe('not recorded');
    expect([-2, 0, 6, 14, 15].map(ncyLabel)).toEqual([
      'Nursery (NCY -2)',
      'Reception',
      'Year 6',
      'Year 14',
      'Post-19 (NCY 15)',
    ]);
  });
});
