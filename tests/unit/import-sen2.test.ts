import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImport, type UploadedFile } from '../../functions/imports/parse';
import { readCsv } from '../../functions/imports/read';
import {
  parseSen2Modules,
  sen2ChildRef,
  sen2ModuleOf,
  settingOfEstablishmentType,
  settingOfLaEstab,
} from '../../functions/imports/sen2';

const dir = new URL('../fixtures/imports/sen2/', import.meta.url);
const files = (): UploadedFile[] =>
  readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dir))) }));

describe('SEN2 person-level modules → placements', () => {
  it('derives setting, borough, needs, dates and residential from the sample return', async () => {
    const parsed = await parseImport('sen2', files(), { salt: 'test-salt' });
    const byRef = Object.fromEntries(parsed.valid.map((row) => [row.input.childRef, row.input]));
    expect(Object.keys(byRef)).toHaveLength(7);
    // URN → establishments module: an academy converter in the LA (393) is in-borough mainstream.
    expect(byRef['ST-0001']).toMatchObject({
      primaryNeed: 'ASD',
      secondaryNeed: 'SLCN',
      setting: 'mainstream',
      inBorough: true,
      birthMonth: '2012-03',
      startDate: '2023-09-04',
      providerUrn: '108765',
    });
    // An independent special school in LA 840; residential from the active plan's res code.
    expect(byRef['ST-0002']).toMatchObject({
      setting: 'independent-special',
      inBorough: false,
      hostLaCode: '840',
      residential: true,
    });
    // No URN: SENsetting EHE. A UKPRN alone: FE. The SEN unit indicator: resourced provision.
    expect(byRef['ST-0004']).toMatchObject({
      setting: 'home-education',
      inBorough: true,
      primaryNeed: 'SPLD',
    });
    expect(byRef['ST-0005']).toMatchObject({ setting: 'further-education', inBorough: true });
    expect(byRef['ST-0007']).toMatchObject({ setting: 'resourced-provision', providerUrn: '108790' });
    expect(byRef['ST-0008']).toMatchObject({
      setting: 'special-academy',
      primaryNeed: 'PMLD',
      secondaryNeed: 'PD',
    });
    expect(parsed.notes).toEqual([expect.stringMatching(/^1 placement\(s\) with PlacementRank 2/)]);
  });

  it('pseudonymises a UPN-shaped person ID with the salt, and never keeps names, UPNs or full birth dates', async () => {
    const parsed = await parseImport('sen2', files(), { salt: 'test-salt' });
    const hashed = parsed.valid.find((row) => row.input.childRef.startsWith('sen2-'));
    expect(hashed?.input).toMatchObject({
      setting: 'maintained-special',
      endDate: '2024-07-19',
      endReason: 'plan-ceased-other',
    });
    const stored = JSON.stringify(parsed.valid);
    for (const secret of ['Z393000000', 'Sample', 'Charlie', 'NE3', '2012-03-14'])
      expect(stored).not.toContain(secret);
  });

  it('rejects a UPN-shaped person ID when no salt is given, and a URN it cannot place', async () => {
    const parsed = await parseImport('sen2', files());
    expect(parsed.rejects.map((reject) => [reject.line, reject.reason])).toEqual([
      [4, expect.stringMatching(/^childRef: the person ID looks like a UPN.*give a salt/)],
      [
        7,
        'setting: URN 999999 is not in the establishments module and the row has no LA establishment number (LAESTAB)',
      ],
    ]);
  });

  it('uses the LA establishment number on the placement row when there is no establishments module', () => {
    const tables = {
      person: readCsv('persontableid,NativeId,personbirthdate\n1,K-1,2014-02-11\n'),
      activeplans: readCsv('activeplanstableid,persontableid\nAP1,1\n'),
      placementdetail: readCsv(
        'activeplanstableid,urn,laestab,placementrank,entrydate\nAP1,123456,8406003,1,2024-Sep-02 00:00:00\n',
      ),
      senneed: readCsv('activeplanstableid,sentyperank,sentype\nAP1,1,SEMH\n'),
    };
    const parsed = parseSen2Modules(tables, { laCode: '393' });
    expect(parsed.valid[0]?.input).toMatchObject({
      childRef: 'K-1',
      setting: 'independent-special',
      inBorough: false,
      hostLaCode: '840',
      primaryNeed: 'SEMH',
    });
  });

  it('needs to know which LA made the return', () => {
    const tables = {
      person: readCsv('persontableid\n1\n'),
      activeplans: readCsv('activeplanstableid,persontableid\nAP1,1\n'),
      placementdetail: readCsv('activeplanstableid,entrydate\nAP1,2024-01-01\n'),
      senneed: readCsv('activeplanstableid,sentyperank,sentype\nAP1,1,SEMH\n'),
    };
    expect(() => parseSen2Modules(tables)).toThrow(/which LA made this return/);
  });
});

describe('SEN2 derivation rules', () => {
  it('recognises module files by name', () => {
    expect(sen2ModuleOf('Blade-Export_01-02-2025_placementdetail.csv')).toBe('placementdetail');
    expect(sen2ModuleOf('Blade-Export_01-02-2025_sen2.csv')).toBe('sen2');
    expect(sen2ModuleOf('senneed.csv')).toBe('senneed');
    expect(sen2ModuleOf('notes.csv')).toBeUndefined();
  });

  it('maps GIAS establishment types', () => {
    expect(settingOfEstablishmentType('Community special school')).toBe('maintained-special');
    expect(settingOfEstablishmentType('Academy special sponsor led')).toBe('special-academy');
    expect(settingOfEstablishmentType('Free schools special')).toBe('special-academy');
    expect(settingOfEstablishmentType('Non-maintained special school')).toBe('non-maintained-special');
    expect(settingOfEstablishmentType('Other independent special school')).toBe('independent-special');
    expect(settingOfEstablishmentType('Pupil referral unit')).toBe('alternative-provision');
    expect(settingOfEstablishmentType('Academy alternative provision converter')).toBe(
      'alternative-provision',
    );
    expect(settingOfEstablishmentType('Further education')).toBe('further-education');
    expect(settingOfEstablishmentType('Special post 16 institution')).toBe('specialist-post16');
    expect(settingOfEstablishmentType('Voluntary aided school')).toBe('mainstream');
  });

  it('maps LA establishment number ranges', () => {
    expect(settingOfLaEstab('3931001')).toBe('early-years');
    expect(settingOfLaEstab('3931105')).toBe('alternative-provision');
    expect(settingOfLaEstab('3932012')).toBe('mainstream');
    expect(settingOfLaEstab('3934001')).toBe('mainstream');
    expect(settingOfLaEstab('8406001')).toBe('independent-special');
    expect(settingOfLaEstab('3937001')).toBe('maintained-special');
    expect(settingOfLaEstab('3939001')).toBeUndefined();
  });

  it('keeps a plain person ID and hashes identifying ones with HMAC-SHA256', () => {
    expect(sen2ChildRef('ST-0001', ['Z39300000001X'], undefined)).toEqual({ ok: true, value: 'ST-0001' });
    expect(sen2ChildRef('Z39300000001X', [], undefined).ok).toBe(false);
    // The ID equal to the person's ULN is identifying even though it is not UPN-shaped.
    expect(sen2ChildRef('1234567890', ['', '1234567890'], undefined).ok).toBe(false);
    const hashed = sen2ChildRef('Z39300000001X', [], 'salt');
    // HMAC-SHA256(key "salt", "Z39300000001X"), first 24 hex digits: `printf Z39300000001X | openssl dgst -sha256 -hmac salt`.
    expect(hashed).toEqual({ ok: true, value: `sen2-8002457e23d56428bfa52358` });
  });
});
