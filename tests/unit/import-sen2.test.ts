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
const SALT = 'sen2-unit-test-salt';
/** The childRef a person ID of the sample return becomes. */
const ref = (personId: string) => sen2ChildRef(personId, SALT);

describe('SEN2 person-level modules → placements', () => {
  it('derives setting, borough, needs, dates and residential from the sample return', async () => {
    const parsed = await parseImport('sen2', files(), { salt: SALT });
    const byRef = Object.fromEntries(parsed.valid.map((row) => [row.input.childRef, row.input]));
    expect(Object.keys(byRef)).toHaveLength(7);
    // URN → establishments module: an academy converter in the LA (393) is in-borough mainstream.
    expect(byRef[ref('ST-0001')]).toMatchObject({
      primaryNeed: 'ASD',
      secondaryNeed: 'SLCN',
      setting: 'mainstream',
      inBorough: true,
      birthMonth: '2012-03',
      startDate: '2023-09-04',
      providerUrn: '108765',
    });
    // An independent special school in LA 840; residential from the active plan's res code.
    expect(byRef[ref('ST-0002')]).toMatchObject({
      setting: 'independent-special',
      inBorough: false,
      hostLaCode: '840',
      residential: true,
    });
    // No URN: SENsetting EHE. A UKPRN alone: FE. The SEN unit indicator: resourced provision.
    expect(byRef[ref('ST-0004')]).toMatchObject({
      setting: 'home-education',
      inBorough: true,
      primaryNeed: 'SPLD',
    });
    expect(byRef[ref('ST-0005')]).toMatchObject({ setting: 'further-education', inBorough: true });
    expect(byRef[ref('ST-0007')]).toMatchObject({ setting: 'resourced-provision', providerUrn: '108790' });
    expect(byRef[ref('ST-0008')]).toMatchObject({
      setting: 'special-academy',
      primaryNeed: 'PMLD',
      secondaryNeed: 'PD',
    });
    expect(parsed.notes).toEqual([expect.stringMatching(/^1 placement\(s\) with PlacementRank 2/)]);
  });

  it('hashes every person ID, and never keeps names, UPNs, ULNs, person IDs or full birth dates', async () => {
    const parsed = await parseImport('sen2', files(), { salt: SALT });
    expect(parsed.valid.map((row) => row.input.childRef)).toEqual(
      parsed.valid.map(() => expect.stringMatching(/^sen2-[a-p]{24}$/)),
    );
    // The person whose NativeId is their UPN: hashed like every other.
    expect(parsed.valid.find((row) => row.input.childRef === ref('Z39300000003X'))?.input).toMatchObject({
      setting: 'maintained-special',
      endDate: '2024-07-19',
      endReason: 'plan-ceased-other',
    });
    const kept = JSON.stringify([parsed.valid, parsed.rejects.map(({ line, reason }) => ({ line, reason }))]);
    for (const secret of ['Z393000000', 'ST-000', 'Sample', 'Charlie', 'NE3', '2012-03-14', '1234567890'])
      expect(kept).not.toContain(secret);
  });

  it('refuses the whole return without a salt of at least 16 characters', async () => {
    for (const salt of [undefined, 'short-salt'])
      await expect(parseImport('sen2', files(), salt ? { salt } : {})).rejects.toMatchObject({
        status: 400,
        details: { errors: [{ field: 'salt', message: expect.stringMatching(/at least 16 characters/) }] },
      });
  });

  it('names the line, the field and the problem of a row it cannot place, never the value', async () => {
    const parsed = await parseImport('sen2', files(), { salt: SALT });
    expect(parsed.rejects.map((reject) => [reject.line, reject.reason])).toEqual([
      [
        7,
        'setting: the URN is not in the establishments module and the row has no LA establishment number (LAESTAB)',
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
    const parsed = parseSen2Modules(tables, { laCode: '393', salt: SALT });
    expect(parsed.valid[0]?.input).toMatchObject({
      childRef: ref('K-1'),
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
    expect(() => parseSen2Modules(tables, { salt: SALT })).toThrow(/which LA made this return/);
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

  it('hashes every person ID with HMAC-SHA256, written in letters only', () => {
    // HMAC-SHA256(key "sixteen-char-salt", "Z39300000001X") = 6571159775741c40635bda8c… (first 24 hex digits:
    // `printf Z39300000001X | openssl dgst -sha256 -hmac sixteen-char-salt`), each hex digit 0–f written a–p.
    expect(sen2ChildRef('Z39300000001X', 'sixteen-char-salt')).toBe('sen2-gfhbbfjhhfhebmeagdflnkim');
    expect(sen2ChildRef('ST-0001', 'sixteen-char-salt')).toMatch(/^sen2-[a-p]{24}$/);
    expect(sen2ChildRef('ST-0001', 'another-salt-here')).not.toBe(
      sen2ChildRef('ST-0001', 'sixteen-char-salt'),
    );
  });
});
