// Every check's message in a planner's words, set once in domain/zod.ts for the API, the CLIs, the importer
// and the dashboard: the values allowed and the value given, never zod's "Invalid option: expected one of
// "ASD"|…", "expected number, received NaN" or "Too small: expected number to be >=0".
import { describe, expect, it } from 'vitest';
import { BudgetInput } from '../../domain/budget';
import { NEEDS } from '../../domain/codes';
import { PlacementInput } from '../../domain/placement';
import * as z from '../../domain/zod';

const messages = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

const placement = {
  childRef: 'T-000001',
  primaryNeed: 'ASD',
  setting: 'mainstream',
  residential: false,
  inBorough: true,
  lookedAfter: false,
  ncy: 3,
  startDate: '2025-09-01',
  costs: { education: 9000 },
};

describe('check messages', () => {
  it('a code not in the list names every code allowed, and the right spelling when only the case is wrong', () => {
    expect(messages(PlacementInput, { ...placement, primaryNeed: 'SpLD' })).toEqual([
      `primaryNeed: expected one of ${NEEDS.join(', ')}, got "SpLD" (write it SPLD)`,
    ]);
    expect(messages(PlacementInput, { ...placement, primaryNeed: 'AUTISM' })).toEqual([
      `primaryNeed: expected one of ${NEEDS.join(', ')}, got "AUTISM"`,
    ]);
  });

  it('a number that is not one, or out of range, says what is allowed and what was given', () => {
    expect(messages(z.strictObject({ top: z.coerce.number().int().min(1) }), { top: 'abc' })).toEqual([
      'top: expected a number',
    ]);
    expect(
      messages(BudgetInput, { lines: [{ dsgCategory: 'NMISS', amount: -5 }], openingDsgBalance: 0 }),
    ).toEqual(['lines.0.amount: must not be negative']);
    expect(messages(z.strictObject({ horizon: z.number().int().min(1).max(30) }), { horizon: 0 })).toEqual([
      'horizon: must be 1 or more, got 0',
    ]);
    expect(messages(z.strictObject({ share: z.number().positive().max(1) }), { share: 1.5 })).toEqual([
      'share: must be 1 or less, got 1.5',
    ]);
    expect(messages(z.strictObject({ share: z.number().positive() }), { share: 0 })).toEqual([
      'share: must be more than 0, got 0',
    ]);
    expect(messages(PlacementInput, { ...placement, ncy: 2.5 })).toEqual([
      'ncy: expected a whole number, got 2.5',
    ]);
    expect(messages(PlacementInput, { ...placement, residential: 'yes' })).toEqual([
      'residential: expected true or false, got the text "yes"',
    ]);
  });

  it('a missing field is required, with its values when it has a list', () => {
    const { primaryNeed: _, lookedAfter: __, ...rest } = placement;
    expect(messages(PlacementInput, rest)).toEqual([
      `primaryNeed: required: one of ${NEEDS.join(', ')}`,
      'lookedAfter: required',
    ]);
  });

  it('an unknown field is named', () => {
    expect(messages(PlacementInput, { ...placement, name: 'Alex' })).toEqual([': unknown field "name"']);
  });

  it('a message written on a schema still wins', () => {
    expect(messages(PlacementInput, { ...placement, hostLaCode: '39' })).toEqual([
      'hostLaCode: expected a 3-digit LA code',
    ]);
  });
});
