import { describe, expect, it } from 'vitest';
import { dsgCategoryOf, SETTINGS, scapTypeOf } from '../../domain/codes';
import { IsoDate } from '../../domain/dates';
import { costsOn, isActiveOn, PlacementInput, PlacementPatch } from '../../domain/placement';
import { applyPlacementPatch, buildPlacement, endPlacement } from '../../domain/placement-build';
import { canonicalJson, diff } from '../../functions/store/audit';
import { decodeCursor, encodeCursor } from '../../functions/store/cursor';

const ISSUE_BODY = {
  childRef: 'C-000123',
  primaryNeed: 'ASD',
  setting: 'independent-special',
  residential: false,
  inBorough: false,
  hostLaCode: '390',
  lookedAfter: true,
  ncy: 8,
  providerUrn: '123456',
  providerName: 'Example Independent School',
  startDate: '2025-09-01',
  costs: { education: 62000, socialCare: 0, health: 0, transport: 8000 },
};

const fields = (input: unknown) => {
  const result = PlacementInput.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

const actor = { userId: 'u-1', name: 'casey@example.gov.uk' };
const now = new Date('2026-01-10T09:30:00Z');
const built = () => buildPlacement(PlacementInput.parse(ISSUE_BODY), { id: 'p-1', now, actor });

describe('PlacementInput', () => {
  it('accepts the issue body unchanged', () => {
    expect(PlacementInput.parse(ISSUE_BODY)).toEqual(ISSUE_BODY);
  });

  it.each([
    ['a UPN-shaped child reference', { childRef: 'A12345678901B' }, 'childRef'],
    ['a reference over 64 characters', { childRef: 'c'.repeat(65) }, 'childRef'],
    ['a name with spaces', { childRef: 'Jane Smith' }, 'childRef'],
    ['an unknown need', { primaryNeed: 'AUTISM' }, 'primaryNeed'],
    ['an unknown setting', { setting: 'boarding' }, 'setting'],
    ['an NCY out of range', { ncy: 21 }, 'ncy'],
    ['a date that does not exist', { startDate: '2025-02-30' }, 'startDate'],
    ['an empty date', { startDate: '' }, 'startDate'],
    ['a negative cost', { costs: { education: -1 } }, 'costs.education'],
    ['an unknown funder', { costs: { nursing: 10 } }, 'costs'],
    ['a two-digit LA code', { hostLaCode: '39' }, 'hostLaCode'],
    ['the secondary need equal to the primary', { secondaryNeed: 'ASD' }, 'secondaryNeed'],
    ['an end date before the start', { endDate: '2025-08-01', endReason: 'other' }, 'endDate'],
    ['an end date without a reason', { endDate: '2026-08-01' }, 'endReason'],
  ])('rejects %s, naming the field', (_label, change, field) => {
    expect(fields({ ...ISSUE_BODY, ...change })).toContain(field);
  });

  it('requires hostLaCode out of borough, and ncy or birthMonth', () => {
    const { hostLaCode: _code, ncy: _ncy, ...rest } = ISSUE_BODY;
    expect(fields(rest).sort()).toEqual(['hostLaCode', 'ncy']);
    expect(fields({ ...rest, inBorough: true, birthMonth: '2013-04' })).toEqual([]);
  });

  it('fills missing funders with 0', () => {
    expect(PlacementInput.parse({ ...ISSUE_BODY, costs: { education: 100 } }).costs).toEqual({
      education: 100,
      socialCare: 0,
      health: 0,
      transport: 0,
    });
  });

  it('IsoDate never throws, whatever the string', () => {
    for (const value of ['', 'T', '2025-13-01', '9999-99-99', '2024-02-29', 'x'.repeat(20)])
      expect(() => IsoDate.safeParse(value)).not.toThrow();
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true);
    expect(IsoDate.safeParse('2025-02-29').success).toBe(false);
  });

  it('maps every setting to a DSG category (independent special → NMISS, SCAP independent-special)', () => {
    for (const setting of SETTINGS) expect(dsgCategoryOf(setting)).toMatch(/^[A-Za-z0-9]+$/);
    expect(dsgCategoryOf('independent-special')).toBe('NMISS');
    expect(scapTypeOf('independent-special')).toBe('independent-special');
  });
});

// Issue 12, finding 9: what used to be stored, or to give a 500.
describe('PlacementInput: money, text and age', () => {
  const parse = (change: Record<string, unknown>) => PlacementInput.safeParse({ ...ISSUE_BODY, ...change });
  const problems = (change: Record<string, unknown>) =>
    parse(change).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

  it('rounds money to the penny: 1e-200 is 0 (DynamoDB cannot store it), 62000.005 is 62000.01', () => {
    const costs = parse({
      costs: { education: 1e-200, socialCare: 62_000.005, health: 0.004, transport: 0.1 + 0.2 },
    }).data?.costs;
    expect(costs).toEqual({ education: 0, socialCare: 62_000.01, health: 0, transport: 0.3 });
    expect(Object.is(costs?.education, -0)).toBe(false);
  });

  it.each([
    ['NUL', 'School\u0000Name'],
    ['a right-to-left override', 'School \u202egpj.exe'],
    ['a left-to-right isolate', 'School \u2066x\u2069'],
    ['a lone high surrogate', 'School \ud83d'],
    ['a lone low surrogate', '\ude00 School'],
    ['a line break', 'School\nName'],
    ['an escape', 'School \u001b[31m'],
  ])('refuses %s in a provider name', (_label, providerName) => {
    expect(problems({ providerName })).toEqual([
      expect.stringMatching(
        /^providerName: (must not contain line breaks, control characters|contains a broken character)/,
      ),
    ]);
  });

  it('accepts names in any script, with emoji', () => {
    expect(parse({ providerName: 'Ysgol Gymraeg — Ÿ 学校 مدرسة 🏫' }).success).toBe(true);
  });

  it('refuses an NCY that does not fit the birth month (NCY 20, born January 2024)', () => {
    expect(problems({ ncy: 20, birthMonth: '2024-01' })).toEqual([
      'ncy: does not fit birthMonth: a child born then is in NCY -4 when the placement starts (one year either side is allowed)',
    ]);
    // Born March 2012: NCY 8 in 2025/26 (age 13 on 31 August 2025); a year either side is allowed.
    for (const ncy of [7, 8, 9]) expect(parse({ ncy, birthMonth: '2012-03' }).success).toBe(true);
    expect(problems({ ncy: 10, birthMonth: '2012-03' })).toEqual([
      expect.stringMatching(/^ncy: does not fit/),
    ]);
  });

  it('refuses a birth month after the start, or one that makes the child over 25 at the start', () => {
    expect(problems({ birthMonth: '2025-10' })).toEqual([
      'birthMonth: must not be after the month the placement starts',
    ]);
    const { ncy: _ncy, ...withoutNcy } = ISSUE_BODY;
    expect(
      PlacementInput.safeParse({ ...withoutNcy, birthMonth: '1990-01' }).error?.issues.map(
        (issue) => issue.message,
      ),
    ).toEqual(['the child would be past NCY 20 (age 25) when the placement starts']);
  });

  it('checks the merged record of an update too', () => {
    const result = applyPlacementPatch(built(), PlacementPatch.parse({ birthMonth: '2024-01' }), {
      now,
      actor,
    });
    expect(result).toMatchObject({
      ok: false,
      problems: [{ field: 'ncy', message: expect.stringMatching(/^does not fit/) }],
    });
  });
});

describe('buildPlacement', () => {
  it('makes version 1 with one cost period from the start date, stamped by the actor', () => {
    expect(built()).toEqual({
      id: 'p-1',
      ...ISSUE_BODY,
      costHistory: [{ effectiveFrom: '2025-09-01', costs: ISSUE_BODY.costs }],
      version: 1,
      createdAt: '2026-01-10T09:30:00.000Z',
      updatedAt: '2026-01-10T09:30:00.000Z',
      createdBy: 'casey@example.gov.uk',
      updatedBy: 'casey@example.gov.uk',
    });
  });

  it('does not copy a client id field over the given id', () => {
    const placement = buildPlacement(PlacementInput.parse({ ...ISSUE_BODY, id: 'client-1' }), {
      id: 'client-1',
      now,
      actor,
    });
    expect(placement.id).toBe('client-1');
  });
});

describe('applyPlacementPatch', () => {
  const patch = (body: unknown) => PlacementPatch.parse(body);

  it('bumps the version and keeps the rest', () => {
    const result = applyPlacementPatch(built(), patch({ lookedAfter: false }), { now, actor });
    expect(result).toMatchObject({ ok: true, placement: { lookedAfter: false, version: 2, ncy: 8 } });
  });

  it('appends a cost period effective today by default and keeps the earlier one', () => {
    const costs = { education: 65000, socialCare: 0, health: 0, transport: 8000 };
    const result = applyPlacementPatch(built(), patch({ costs }), { now, actor });
    if (!result.ok) throw new Error('expected ok');
    expect(result.placement.costHistory).toEqual([
      { effectiveFrom: '2025-09-01', costs: ISSUE_BODY.costs },
      { effectiveFrom: '2026-01-10', costs },
    ]);
    expect(costsOn(result.placement, '2025-12-31').education).toBe(62000);
    expect(costsOn(result.placement, '2026-01-10').education).toBe(65000);
  });

  it('replaces the period with the same effective date rather than duplicating it', () => {
    const costs = { education: 1, socialCare: 0, health: 0, transport: 0 };
    const result = applyPlacementPatch(built(), patch({ costs, costsEffectiveFrom: '2025-09-01' }), {
      now,
      actor,
    });
    if (!result.ok) throw new Error('expected ok');
    expect(result.placement.costHistory).toEqual([{ effectiveFrom: '2025-09-01', costs }]);
  });

  it('refuses a cost change before the start, a date without costs, and a start moved past a cost change', () => {
    const costs = { education: 1, socialCare: 0, health: 0, transport: 0 };
    const early = applyPlacementPatch(built(), patch({ costs, costsEffectiveFrom: '2025-08-31' }), {
      now,
      actor,
    });
    expect(early).toMatchObject({ ok: false, problems: [{ field: 'costsEffectiveFrom' }] });
    const dateOnly = applyPlacementPatch(built(), patch({ ncy: 9, costsEffectiveFrom: '2025-10-01' }), {
      now,
      actor,
    });
    expect(dateOnly).toMatchObject({ ok: false, problems: [{ field: 'costsEffectiveFrom' }] });
    const changed = applyPlacementPatch(built(), patch({ costs, costsEffectiveFrom: '2025-11-01' }), {
      now,
      actor,
    });
    if (!changed.ok) throw new Error('expected ok');
    const moved = applyPlacementPatch(changed.placement, patch({ startDate: '2025-12-01' }), { now, actor });
    expect(moved).toMatchObject({ ok: false, problems: [{ field: 'startDate' }] });
  });

  it('checks the merged record against the cross-field rules', () => {
    const inBorough = applyPlacementPatch(built(), patch({ secondaryNeed: 'ASD' }), { now, actor });
    expect(inBorough).toMatchObject({ ok: false, problems: [{ field: 'secondaryNeed' }] });
  });
});

describe('endPlacement and isActiveOn', () => {
  it('ends on a date for a reason; the placement is active up to and including that date', () => {
    const result = endPlacement(
      built(),
      { endDate: '2026-03-31', endReason: 'moved-setting' },
      { now, actor },
    );
    if (!result.ok) throw new Error('expected ok');
    expect(result.placement).toMatchObject({ endDate: '2026-03-31', endReason: 'moved-setting', version: 2 });
    expect(isActiveOn(result.placement, '2026-03-31')).toBe(true);
    expect(isActiveOn(result.placement, '2026-04-01')).toBe(false);
  });

  it('refuses an end before the start', () => {
    expect(
      endPlacement(built(), { endDate: '2025-01-01', endReason: 'other' }, { now, actor }),
    ).toMatchObject({
      ok: false,
      problems: [{ field: 'endDate' }],
    });
  });
});

describe('audit diff and cursors', () => {
  it('lists changed top-level fields, ignoring bookkeeping and key order', () => {
    const before = built();
    const after = {
      ...before,
      ncy: 9,
      costs: { transport: 8000, health: 0, socialCare: 0, education: 62000 },
      version: 2,
    };
    expect(diff(before, after)).toEqual([{ field: 'ncy', from: 8, to: 9 }]);
    expect(diff({}, { a: 1 })).toEqual([{ field: 'a', to: 1 }]);
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });

  it('round-trips a signed cursor and refuses one for other filters, one changed by hand, or one not ours', () => {
    const key = Buffer.alloc(32, 7);
    const expected = { index: 'byNeed', filters: 'f1' };
    const state = {
      index: 'byNeed',
      part: 1,
      filters: 'f1',
      lastKey: { pk: 'PLACEMENT#x', sk: 'PLACEMENT' },
    };
    const cursor = encodeCursor(state, key);
    expect(decodeCursor(cursor, expected, key)).toEqual(state);
    expect(() => decodeCursor(cursor, { index: 'byNeed', filters: 'f2' }, key)).toThrow(
      expect.objectContaining({
        errors: [{ field: 'cursor', message: 'the cursor belongs to a different set of filters' }],
      }),
    );
    // Issue 12, finding 9: a forged start key reached DynamoDB and came back as a 500.
    const [, mac] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ ...state, lastKey: { pk: 'x', nope: 'y' } })).toString(
      'base64url',
    );
    for (const bad of [
      `${forged}.${mac}`,
      forged,
      Buffer.from('{"index":"byNeed","part":-1,"filters":"f1"}').toString('base64url'),
      '%%%',
      `${cursor}.x`,
      '.',
    ])
      expect(() => decodeCursor(bad, expected, key)).toThrow(
        expect.objectContaining({
          errors: [{ field: 'cursor', message: expect.stringMatching(/^not a cursor from this API/) }],
        }),
      );
    // Another stack's (or another process's) key: not ours either.
    expect(() => decodeCursor(cursor, expected, Buffer.alloc(32, 8))).toThrow(
      expect.objectContaining({
        errors: [{ field: 'cursor', message: expect.stringMatching(/^not a cursor/) }],
      }),
    );
  });
});
