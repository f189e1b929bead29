// Issue 12, finding 5: the API accepted XA123456789012, A1234-5678-9012 and NHS-number-shaped child references,
// and the SEN2 import stored UPN-Z39300000002X and Delta.Sample.20160620. A child reference is refused when it
// holds a UPN, ULN, NHS number or full date anywhere inside it, by the real check characters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNhsNumber, isUln, isUpn, personalDataIn } from '../../domain/identifiers';
import { ChildRef } from '../../domain/placement';

const messages = (ref: string) => ChildRef.safeParse(ref).error?.issues.map((issue) => issue.message) ?? [];

describe('identifier checks', () => {
  it('UPN: the check letter is Σ(position × value) mod 23 over characters 2–13 (DfE)', () => {
    // A123456789012: 2·1 + 3·2 + 4·3 + 5·4 + 6·5 + 7·6 + 8·7 + 9·8 + 10·9 + 11·0 + 12·1 + 13·2 = 368;
    // 368 mod 23 = 0 → A.
    expect(isUpn('A123456789012')).toBe(true);
    expect(isUpn('a123456789012')).toBe(true);
    expect(isUpn('B123456789012')).toBe(false);
    // Temporary UPN, a letter last: 2·9 + 3·3 + 4·8 + 5·1 + 6·2 + 7·3 + 8·4 + 9·5 + 10·6 + 11·7 + 12·1 + 13·0
    // (A = 0) = 323; 323 mod 23 = 1 → B.
    expect(isUpn('B93812345671A')).toBe(true);
    expect(isUpn('I123456789012')).toBe(false); // I, O and S are never check letters
  });

  it('ULN: check digit 10 − (Σ weights 10…2 mod 11), remainder 0 invalid (ESFA)', () => {
    // 1000000043: 1·10 + 4·2 = 18, 18 mod 11 = 7, 10 − 7 = 3.
    expect(isUln('1000000043')).toBe(true);
    expect(isUln('1000000042')).toBe(false);
    // 1000000063: 1·10 + 6·2 = 22, remainder 0: no valid check digit.
    expect(isUln('1000000063')).toBe(false);
    expect(isUln('0000000042')).toBe(false);
  });

  it('NHS number: check digit 11 − (Σ weights 10…2 mod 11), 11 → 0, 10 never issued', () => {
    // 943 476 5919 (the NHS's own example): 9·10+4·9+3·8+4·7+7·6+6·5+5·4+9·3+1·2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
    expect(isNhsNumber('9434765919')).toBe(true);
    expect(isNhsNumber('9434765918')).toBe(false);
    // 4010232137: 4·10+1·8+2·6+3·5+2·4+1·3+3·2 = 92, 92 mod 11 = 4, 11 − 4 = 7.
    expect(isNhsNumber('4010232137')).toBe(true);
  });
});

describe('a child reference holding personal data is refused, naming what, never the value', () => {
  it.each([
    ['XA123456789012', 'a UPN'],
    ['A1234-5678-9012', 'a UPN'],
    ['UPN-Z39300000002X', 'a UPN'],
    ['A12345678901B', 'a UPN'],
    ['C-a123456789012-x', 'a UPN'],
    ['9434765919', 'an NHS number'],
    ['NHS-943-476-5919', 'an NHS number'],
    ['1000000043', 'a ULN'],
    ['uln_1000000043', 'a ULN'],
    ['Delta.Sample.20160620', 'a full date'],
    ['jsmith-14-03-2014', 'a full date'],
    ['J.Smith.14March2014', 'a full date'],
    ['js-2014-Mar-14', 'a full date'],
    ['c_20.6.2016', 'a full date'],
  ])('%s: contains %s', (ref, what) => {
    expect(personalDataIn(ref)).toBe(what);
    expect(messages(ref)).toEqual([
      `contains ${what}: use a pseudonymous reference, never a UPN, ULN, NHS number or date of birth`,
    ]);
    expect(messages(ref).join(' ')).not.toContain(ref);
  });

  it.each([
    'C-000123',
    'CHILD12345678',
    'C-2016',
    'LL-1234567',
    'sen2-gfhbbfjhhfhebmeagdflnkim',
    'imp-0a1b2c',
    'Case.4471.B',
    'C-20161345',
    'Marble14-2014',
  ])('%s: a pseudonymous reference is accepted', (ref) => {
    expect(personalDataIn(ref)).toBeUndefined();
    expect(ChildRef.safeParse(ref).success).toBe(true);
  });

  it('every valid UPN, ULN or NHS number is refused wherever it sits in a reference', () => {
    const letters = 'ABCDEFGHJKLMNPQRTUVWXYZ';
    const upn = fc.stringMatching(/^\d{12}$/).map((body) => {
      const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (i + 2), 0);
      return `${letters[sum % 23]}${body}`;
    });
    const nhs = fc
      .stringMatching(/^\d{9}$/)
      .map((nine) => {
        const check = 11 - ([...nine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0) % 11);
        return check === 10 ? undefined : `${nine}${check === 11 ? 0 : check}`;
      })
      .filter((value): value is string => value !== undefined);
    fc.assert(
      fc.property(
        fc.oneof(upn, nhs),
        fc.stringMatching(/^[A-Za-z]{0,6}-?$/),
        fc.stringMatching(/^(-[A-Za-z]{1,5})?$/),
        (id, before, after) => {
          expect(ChildRef.safeParse(`${before}${id}${after}`).success).toBe(false);
        },
      ),
    );
  });
});
