import { describe, expect, it } from 'vitest';
import {
  toBirthMonth,
  toBoolean,
  toEndReason,
  toIsoDate,
  toLaCode,
  toMoney,
  toNcy,
  toNeed,
  toSetting,
  toUrn,
} from '../../functions/imports/normalise';

const value = <T>(result: { ok: true; value: T } | { ok: false; message: string }) =>
  result.ok ? result.value : `ERROR ${result.message}`;

describe('import value normalisation', () => {
  it('reads yes/no in the ways exports write it', () => {
    for (const yes of ['Y', 'yes', 'TRUE', 'True', '1', 't']) expect(value(toBoolean(yes))).toBe(true);
    for (const no of ['N', 'No', 'FALSE', '0', 'f']) expect(value(toBoolean(no))).toBe(false);
    expect(toBoolean('maybe')).toEqual({
      ok: false,
      message: 'expected Y/N, Yes/No or TRUE/FALSE',
    });
  });

  it('reads money with £, commas and spaces, and refuses negatives and text', () => {
    expect(value(toMoney('£12,345.50'))).toBe(12345.5);
    expect(value(toMoney(' 62000 '))).toBe(62000);
    expect(value(toMoney('GBP 1,000'))).toBe(1000);
    expect(toMoney('-5').ok).toBe(false);
    expect(toMoney('lots').ok).toBe(false);
  });

  it('reads UK, ISO, named-month, SEN2 and Excel serial dates as ISO days', () => {
    expect(value(toIsoDate('01/09/2025'))).toBe('2025-09-01'); // day first, as in the UK
    expect(value(toIsoDate('1-9-2025'))).toBe('2025-09-01');
    expect(value(toIsoDate('2025-09-01'))).toBe('2025-09-01');
    expect(value(toIsoDate('2025-09-01T00:00:00Z'))).toBe('2025-09-01');
    expect(value(toIsoDate('1 Sep 2025'))).toBe('2025-09-01');
    expect(value(toIsoDate('2022-Sep-28 00:00:00'))).toBe('2022-09-28');
    // Excel serial 45901 = 2025-09-01 (day 0 is 1899-12-30; =DATE(2025,9,1) in Excel shows 45901).
    expect(value(toIsoDate('45901'))).toBe('2025-09-01');
    expect(toIsoDate('31/02/2024').ok).toBe(false);
    expect(toIsoDate('12345').ok).toBe(false);
    expect(toIsoDate('next week').ok).toBe(false);
  });

  it('keeps only the month of a birth date', () => {
    expect(value(toBirthMonth('2014-03'))).toBe('2014-03');
    expect(value(toBirthMonth('03/2014'))).toBe('2014-03');
    expect(value(toBirthMonth('Mar 2014'))).toBe('2014-03');
    expect(value(toBirthMonth('14/03/2014'))).toBe('2014-03');
    expect(toBirthMonth('2014-13').ok).toBe(false);
  });

  it('reads national curriculum years', () => {
    expect(value(toNcy('7'))).toBe(7);
    expect(value(toNcy('Y7'))).toBe(7);
    expect(value(toNcy('Year 11'))).toBe(11);
    expect(value(toNcy('R'))).toBe(0);
    expect(value(toNcy('N1'))).toBe(-2);
    expect(value(toNcy('N2'))).toBe(-1);
    expect(toNcy('seven').ok).toBe(false);
  });

  it('maps need codes and names to SEN2 codes', () => {
    expect(value(toNeed('ASD'))).toBe('ASD');
    expect(value(toNeed('SpLD'))).toBe('SPLD');
    expect(value(toNeed('Autistic Spectrum Disorder'))).toBe('ASD');
    expect(value(toNeed('Social, Emotional and Mental Health'))).toBe('SEMH');
    expect(value(toNeed('ASD - Autistic Spectrum Disorder'))).toBe('ASD');
    expect(value(toNeed('Profound & Multiple Learning Difficulty'))).toBe('PMLD');
    expect(toNeed('Autsim')).toMatchObject({ ok: false });
  });

  it('maps setting codes and names', () => {
    expect(value(toSetting('ISS'))).toBe('independent-special');
    expect(value(toSetting('NMSS'))).toBe('non-maintained-special');
    expect(value(toSetting('Resourced provision'))).toBe('resourced-provision');
    expect(value(toSetting('independent-special'))).toBe('independent-special');
    expect(value(toSetting('PRU'))).toBe('alternative-provision');
    expect(value(toSetting('FE college'))).toBe('further-education');
    expect(toSetting('Castle')).toMatchObject({ ok: false });
  });

  it('reads end reasons, LA codes and URNs', () => {
    expect(value(toEndReason('moved-setting'))).toBe('moved-setting');
    expect(value(toEndReason('Moved setting'))).toBe('moved-setting');
    expect(value(toEndReason('Left education'))).toBe('left-education');
    expect(toEndReason('bored').ok).toBe(false);
    expect(value(toLaCode('LA 393'))).toBe('393');
    expect(value(toLaCode('840 - County Durham'))).toBe('840');
    expect(toLaCode('39').ok).toBe(false);
    expect(value(toUrn('108765.0'))).toBe('108765');
    expect(toUrn('12').ok).toBe(false);
  });
});
