import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEEDS, type Need, type Setting } from '../../domain/codes';
import {
  academicYearStartOf,
  censusDate,
  fromDayNumber,
  ncyFromBirthMonth,
  toDayNumber,
} from '../../domain/dates';
import { isActiveOn, Placement, totalAnnualCost } from '../../domain/placement';
import { Provision, placesInAcademicYear } from '../../domain/provision';
import { academicYearOfDay, ncyOnDay } from '../../infra/local/demo/calendar';
import { NEIGHBOUR_LA_CODES } from '../../infra/local/demo/catalogue';
import {
  DEFAULT_DEMO_AS_OF,
  DEMO_ACTOR,
  type DemoAuthority,
  generateDemoAuthority,
} from '../../infra/local/demo/generate';

const demo = generateDemoAuthority();
const asOf = DEFAULT_DEMO_AS_OF;
const activeOn = (date: string, placements = demo.placements) =>
  placements.filter((p) => isActiveOn(p, date));
const active = activeOn(asOf);
const outOfBorough = active.filter((p) => !p.inBorough);
const inBorough = active.filter((p) => p.inBorough);
const share = (part: number, whole: number) => part / whole;
const countBy = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};
const needShare = (placements: Placement[], need: Need) =>
  share(placements.filter((p) => p.primaryNeed === need).length, placements.length);
const settingShare = (placements: Placement[], settings: Setting[]) =>
  share(placements.filter((p) => settings.includes(p.setting)).length, placements.length);
const ncyOnAsOf = (p: Placement) => ncyFromBirthMonth(p.birthMonth as string, asOf);

describe('generateDemoAuthority: reproducible', () => {
  it('gives byte-identical output for the same seed and as-of date', () => {
    expect(JSON.stringify(generateDemoAuthority({ seed: 20260115, asOf: '2026-11-01' }))).toBe(
      JSON.stringify(demo),
    );
  });

  it('gives a different authority for a different seed', () => {
    const other = generateDemoAuthority({ seed: 7 });
    expect(JSON.stringify(other.placements)).not.toBe(JSON.stringify(demo.placements));
  });

  it('is the synthetic Demo Borough with the non-existent LA code 999', () => {
    expect(demo.name).toBe('Demo Borough');
    expect(demo.laCode).toBe('999');
  });

  it('rejects an as-of date that is not a date or lies outside the history', () => {
    expect(() => generateDemoAuthority({ asOf: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateDemoAuthority({ asOf: '2017-12-31' })).toThrow(/asOf/);
    expect(() => generateDemoAuthority({ seed: 1.5 })).toThrow(/seed/);
  });
});

describe('generateDemoAuthority: fully formed stored records', () => {
  it('every placement passes the Placement schema, as a demo-generator record at version 1', () => {
    const invalid = demo.placements.flatMap((p) => {
      const parsed = Placement.safeParse(p);
      return parsed.success ? [] : [`${p.id}: ${parsed.error.message}`];
    });
    expect(invalid).toEqual([]);
    const unlike = demo.placements.filter(
      (p) =>
        p.version !== 1 ||
        p.createdBy !== DEMO_ACTOR ||
        p.updatedBy !== DEMO_ACTOR ||
        p.createdAt !== `${p.startDate}T00:00:00.000Z` ||
        p.updatedAt !== p.createdAt,
    );
    expect(unlike.map((p) => p.id)).toEqual([]);
  });

  it('every provision passes the Provision schema', () => {
    for (const provision of demo.provisions) {
      const parsed = Provision.safeParse(provision);
      expect(parsed.success, `${provision.id}: ${parsed.error?.message}`).toBe(true);
      expect(provision).toMatchObject({ version: 1, createdBy: DEMO_ACTOR, updatedBy: DEMO_ACTOR });
    }
  });

  it('has unique ids and nothing starting or ending after the as-of date', () => {
    expect(new Set(demo.placements.map((p) => p.id)).size).toBe(demo.placements.length);
    expect(new Set(demo.provisions.map((p) => p.id)).size).toBe(demo.provisions.length);
    const late = demo.placements.filter((p) => p.startDate > asOf || (p.endDate ?? '') >= asOf);
    expect(late.map((p) => p.id)).toEqual([]);
  });

  it('keeps a cost history from the start date whose last period is the current costs', () => {
    const wrong = demo.placements.filter((p) => {
      const dates = p.costHistory.map((period) => period.effectiveFrom);
      return (
        dates[0] !== p.startDate ||
        JSON.stringify(p.costs) !== JSON.stringify(p.costHistory.at(-1)?.costs) ||
        dates.some((date, i) => i > 0 && date <= (dates[i - 1] as string)) ||
        dates.some((date) => date > (p.endDate ?? asOf))
      );
    });
    expect(wrong.map((p) => p.id)).toEqual([]);
    const changed = demo.placements.filter((p) => p.costHistory.length >= 2);
    expect(changed.length).toBeGreaterThan(100);
  });

  it('uses pseudonymous child references and a birth month consistent with the NCY at the start', () => {
    expect(demo.placements.filter((p) => !/^C-\d{6}$/.test(p.childRef))).toEqual([]);
    const inconsistent = demo.placements.filter(
      (p) => ncyFromBirthMonth(p.birthMonth as string, p.startDate) !== p.ncy,
    );
    expect(inconsistent.map((p) => p.id)).toEqual([]);
  });

  it('names a real neighbouring LA for every out-of-borough placement, and a provider for every school', () => {
    const neighbours: readonly (string | undefined)[] = NEIGHBOUR_LA_CODES;
    const wrong = demo.placements.filter(
      (p) =>
        (p.inBorough ? p.hostLaCode !== undefined : !neighbours.includes(p.hostLaCode)) ||
        (p.providerUrn !== undefined && !/^\d{6}$/.test(p.providerUrn)) ||
        (['maintained-special', 'special-academy', 'independent-special'].includes(p.setting) &&
          !p.providerName),
    );
    expect(wrong.map((p) => p.id)).toEqual([]);
  });

  it('moves a child between settings by ending one placement and starting the next the day after', () => {
    const byChild = new Map<string, Placement[]>();
    for (const p of demo.placements) byChild.set(p.childRef, [...(byChild.get(p.childRef) ?? []), p]);
    let moves = 0;
    const broken: string[] = [];
    for (const placements of byChild.values()) {
      placements.sort((a, b) => a.startDate.localeCompare(b.startDate));
      for (const [index, p] of placements.entries()) {
        const next = placements[index + 1];
        const dayAfterEnd = p.endDate && fromDayNumber(toDayNumber(p.endDate) + 1);
        if (p.endReason === 'moved-setting') moves++;
        // Only a move has a next placement, starting the day after; a child keeps their primary need.
        const expectedNext = p.endReason === 'moved-setting' ? dayAfterEnd : undefined;
        if (next?.startDate !== expectedNext || (next && next.primaryNeed !== p.primaryNeed))
          broken.push(p.id);
      }
    }
    expect(broken).toEqual([]);
    expect(moves).toBeGreaterThan(500);
    // Children also join, age out at 25 and leave for other reasons.
    const reasons = countBy(
      demo.placements.filter((p) => p.endReason),
      (p) => p.endReason as string,
    );
    for (const reason of [
      'transferred-to-adult-services',
      'left-education',
      'plan-ceased-needs-met',
      'moved-out-of-area',
    ])
      expect(reasons.get(reason) ?? 0).toBeGreaterThan(20);
  });
});

describe('generateDemoAuthority: headline figures (domain.md)', () => {
  it('has about 1,400 plans active on the as-of date, about 190 of them out of borough', () => {
    expect(active.length).toBeGreaterThanOrEqual(1300);
    expect(active.length).toBeLessThanOrEqual(1500);
    expect(outOfBorough.length).toBeGreaterThanOrEqual(170);
    expect(outOfBorough.length).toBeLessThanOrEqual(210);
  });

  it('has 30% of out-of-borough placements looked after (Stockton-on-Tees) and far fewer in borough', () => {
    const outShare = share(outOfBorough.filter((p) => p.lookedAfter).length, outOfBorough.length);
    const inShare = share(inBorough.filter((p) => p.lookedAfter).length, inBorough.length);
    expect(outShare).toBeGreaterThanOrEqual(0.25);
    expect(outShare).toBeLessThanOrEqual(0.35);
    expect(inShare).toBeGreaterThanOrEqual(0.03);
    expect(inShare).toBeLessThanOrEqual(0.09);
  });

  it("has Stockton-on-Tees' out-of-area need mix: 30% ASD, 19% SEMH, 30% MLD", () => {
    expect(needShare(outOfBorough, 'ASD')).toBeGreaterThan(0.22);
    expect(needShare(outOfBorough, 'ASD')).toBeLessThan(0.4);
    expect(needShare(outOfBorough, 'SEMH')).toBeGreaterThan(0.12);
    expect(needShare(outOfBorough, 'SEMH')).toBeLessThan(0.28);
    expect(needShare(outOfBorough, 'MLD')).toBeGreaterThan(0.2);
    expect(needShare(outOfBorough, 'MLD')).toBeLessThan(0.36);
  });

  it("has England's need mix overall (SEN2 2025: ASD 31.5%, SLCN 21.3%, SEMH 20.7%, MLD 10.6%)", () => {
    const expected: [Need, number][] = [
      ['ASD', 0.315],
      ['SLCN', 0.213],
      ['SEMH', 0.207],
      ['MLD', 0.106],
    ];
    for (const [need, england] of expected)
      expect(Math.abs(needShare(active, need) - england)).toBeLessThan(0.03);
    for (const need of NEEDS.filter((n) => n !== 'NSA')) expect(needShare(active, need)).toBeGreaterThan(0);
  });

  it('has plans at every January census 2018–2026, growing ≈ 1,000 → ≈ 1,400 as in South Tyneside', () => {
    const counts = Array.from({ length: 9 }, (_, i) => activeOn(censusDate(2018 + i)).length);
    expect(counts.filter((count) => count > 0).length).toBeGreaterThanOrEqual(6);
    expect(counts[1]).toBeGreaterThan(950);
    expect(counts[1]).toBeLessThan(1050);
    expect(counts[8]).toBeGreaterThan(1350);
    expect(counts[8]).toBeLessThan(1450);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1] as number);
  });

  it('grows ASD by ≈ 80% and SEMH by ≈ 42% over five years (2021 → 2026), faster than the rest', () => {
    const count = (year: number, need?: Need) =>
      activeOn(censusDate(year)).filter((p) => need === undefined || p.primaryNeed === need).length;
    const growth = (need?: Need) => count(2026, need) / count(2021, need);
    expect(growth('ASD')).toBeGreaterThan(1.65);
    expect(growth('ASD')).toBeLessThan(1.95);
    expect(growth('SEMH')).toBeGreaterThan(1.3);
    expect(growth('SEMH')).toBeLessThan(1.55);
    expect(growth('SEMH')).toBeGreaterThan(growth());
    for (const need of ['SLCN', 'MLD'] as const) expect(growth(need)).toBeLessThan(growth('SEMH'));
  });

  it('has about a third of plans for young people aged 16–25 (NCY 12+; South Tyneside 32.2%)', () => {
    const post16 = share(active.filter((p) => ncyOnAsOf(p) >= 12).length, active.length);
    expect(post16).toBeGreaterThan(0.27);
    expect(post16).toBeLessThan(0.37);
    expect(Math.min(...active.map(ncyOnAsOf))).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...active.map(ncyOnAsOf))).toBeLessThanOrEqual(20);
  });

  it("has the four seed authorities' setting mix", () => {
    expect(settingShare(active, ['mainstream', 'resourced-provision'])).toBeGreaterThan(0.36);
    expect(settingShare(active, ['mainstream', 'resourced-provision'])).toBeLessThan(0.5);
    expect(settingShare(active, ['maintained-special', 'special-academy'])).toBeGreaterThan(0.25);
    expect(settingShare(active, ['maintained-special', 'special-academy'])).toBeLessThan(0.35);
    expect(settingShare(active, ['independent-special', 'non-maintained-special'])).toBeGreaterThan(0.045);
    expect(settingShare(active, ['independent-special', 'non-maintained-special'])).toBeLessThan(0.1);
    expect(settingShare(active, ['further-education'])).toBeGreaterThan(0.08);
    expect(settingShare(active, ['further-education'])).toBeLessThan(0.15);
    expect(settingShare(active, ['alternative-provision'])).toBeGreaterThan(0.003);
    expect(settingShare(active, ['alternative-provision'])).toBeLessThan(0.03);
    expect(settingShare(active, ['early-years'])).toBeGreaterThan(0);
    expect(settingShare(active, ['early-years'])).toBeLessThan(0.03);
  });
});

describe('generateDemoAuthority: costs (DfE unit costs in domain.md)', () => {
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const educationMean = (settings: Setting[], residential = false) =>
    mean(
      active
        .filter((p) => settings.includes(p.setting) && p.residential === residential)
        .map((p) => p.costs.education),
    );

  it('prices a state special place near £26k and an independent day place near £63k', () => {
    expect(educationMean(['maintained-special', 'special-academy'])).toBeGreaterThan(22_000);
    expect(educationMean(['maintained-special', 'special-academy'])).toBeLessThan(30_000);
    expect(educationMean(['independent-special', 'non-maintained-special'])).toBeGreaterThan(55_000);
    expect(educationMean(['independent-special', 'non-maintained-special'])).toBeLessThan(72_000);
    expect(educationMean(['mainstream'])).toBeGreaterThan(6_000);
    expect(educationMean(['mainstream'])).toBeLessThan(12_000);
    expect(educationMean(['resourced-provision'])).toBeGreaterThan(14_000);
    expect(educationMean(['resourced-provision'])).toBeLessThan(21_000);
  });

  it('shares residential placements with social care, at £150k–£300k a year in all', () => {
    const residential = active.filter((p) => p.residential);
    expect(residential.length).toBeGreaterThan(5);
    for (const p of residential) {
      expect(p.costs.socialCare).toBeGreaterThan(0);
      expect(totalAnnualCost(p.costs)).toBeGreaterThan(120_000);
      expect(totalAnnualCost(p.costs)).toBeLessThan(350_000);
    }
    expect(residential.some((p) => p.costs.health > 0)).toBe(true);
  });

  it('has a handful of out-of-borough providers taking most of the out-of-borough spend', () => {
    const spend = new Map<string, number>();
    for (const p of outOfBorough)
      spend.set(p.providerName ?? '', (spend.get(p.providerName ?? '') ?? 0) + totalAnnualCost(p.costs));
    const ranked = [...spend.values()].sort((a, b) => b - a);
    const total = ranked.reduce((sum, v) => sum + v, 0);
    expect(ranked.slice(0, 6).reduce((sum, v) => sum + v, 0) / total).toBeGreaterThan(0.5);
  });
});

describe('generateDemoAuthority: local provisions', () => {
  const year = academicYearStartOf(asOf);
  const occupancy = (provision: Provision, authority: DemoAuthority = demo, date = asOf) =>
    activeOn(date, authority.placements).filter((p) => p.provisionId === provision.id).length /
    placesInAcademicYear(provision, academicYearStartOf(date));
  const open = demo.provisions.filter((p) => placesInAcademicYear(p, year) > 0);

  it('has 8–12 provisions: ASD and SEMH resourced provisions in both phases, special schools, post-16', () => {
    expect(demo.provisions.length).toBeGreaterThanOrEqual(8);
    expect(demo.provisions.length).toBeLessThanOrEqual(12);
    for (const need of ['ASD', 'SEMH'] as const)
      for (const phase of ['primary', 'secondary'] as const)
        expect(
          demo.provisions.some(
            (p) => p.type === 'resourced-provision' && p.needs.includes(need) && p.phases.includes(phase),
          ),
        ).toBe(true);
    expect(
      demo.provisions.filter((p) => p.type === 'maintained-special' || p.type === 'special-academy').length,
    ).toBe(3);
    expect(demo.provisions.some((p) => p.type === 'specialist-post16')).toBe(true);
  });

  it('commissions places for every academic year 2017–2026 and the next, 2027, growing modestly', () => {
    for (const provision of open) {
      const rows = provision.commissionedPlaces;
      expect(rows.map((r) => r.academicYear)).toEqual(Array.from({ length: 11 }, (_, i) => 2017 + i));
      for (let i = 1; i < rows.length; i++)
        expect(rows[i]?.places).toBeGreaterThanOrEqual(rows[i - 1]?.places as number);
      expect((rows.at(-1)?.places as number) / (rows[0]?.places as number)).toBeLessThan(2);
    }
  });

  it('plans a new ASD resourced provision for September 2027 and an expansion', () => {
    const changes = demo.provisions.flatMap((p) => p.plannedChanges.map((change) => ({ ...change, p })));
    const opening = changes.find((c) => c.kind === 'opening');
    expect(opening).toMatchObject({ date: '2027-09-01' });
    expect(opening?.p).toMatchObject({ type: 'resourced-provision', needs: ['ASD'] });
    expect(opening?.places).toBeGreaterThan(0);
    expect(placesInAcademicYear(opening?.p as Provision, 2026)).toBe(0);
    expect(placesInAcademicYear(opening?.p as Provision, 2027)).toBe(opening?.places);
    const expansion = changes.find((c) => c.kind === 'expansion' && c.places > 0);
    expect(expansion).toBeDefined();
    // The 2027 commissioned figure already holds the expansion, and it counts once.
    expect(placesInAcademicYear(expansion?.p as Provision, 2027)).toBe(
      placesInAcademicYear(expansion?.p as Provision, 2026) + (expansion?.places as number),
    );
  });

  it('links in-borough specialist placements to provisions that serve their need and phase', () => {
    const byId = new Map(demo.provisions.map((p) => [p.id, p]));
    const linked = demo.placements.filter((p) => p.provisionId !== undefined);
    expect(linked.length).toBeGreaterThan(300);
    const mismatched = linked.filter((p) => {
      const provision = byId.get(p.provisionId as string);
      return (
        !provision ||
        !p.inBorough ||
        !provision.needs.includes(p.primaryNeed) ||
        p.providerUrn !== provision.providerUrn
      );
    });
    expect(mismatched.map((p) => p.id)).toEqual([]);
  });

  it('leaves some provisions nearly full (≥ 90%) and at least one over capacity, for the alerts to find', () => {
    const shares = open.map((p) => occupancy(p));
    expect(shares.filter((s) => s >= 0.9).length).toBeGreaterThanOrEqual(2);
    expect(shares.some((s) => s > 1)).toBe(true);
    expect(shares.every((s) => s <= 1.2)).toBe(true);
  });
});

describe('generateDemoAuthority: other as-of dates', () => {
  it('ends the history at an earlier as-of date with fewer plans', () => {
    const earlier = generateDemoAuthority({ asOf: '2023-06-30' });
    const current = activeOn('2023-06-30', earlier.placements).length;
    expect(current).toBeGreaterThan(1150);
    expect(current).toBeLessThan(1350);
    expect(earlier.placements.filter((p) => p.startDate > '2023-06-30')).toEqual([]);
  });
});

describe('demo calendar arithmetic agrees with domain/dates', () => {
  it('academic year and NCY on any day from 2000 to 2045', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10_957, max: 27_394 }),
        fc.integer({ min: 1970, max: 2040 }),
        fc.integer({ min: 1, max: 12 }),
        (day, birthYear, birthMonth) => {
          const date = fromDayNumber(day);
          expect(academicYearOfDay(day)).toBe(academicYearStartOf(date));
          const month = `${birthYear}-${String(birthMonth).padStart(2, '0')}`;
          expect(ncyOnDay(birthYear, birthMonth, day)).toBe(ncyFromBirthMonth(month, date));
        },
      ),
    );
  });
});
