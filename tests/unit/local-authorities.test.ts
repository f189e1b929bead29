// The host LA list: every current English local authority with its DfE three-digit code (data/
// english-local-authorities/SOURCE.md), checked by count per kind of authority, against the seed
// authorities' own configs, and on the reorganisations of 2019–2023.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ENGLISH_LOCAL_AUTHORITIES,
  localAuthority,
  localAuthorityLabel,
  searchLocalAuthorities,
} from '../../domain/local-authorities';
import { REPO_ROOT } from '../helpers/data';

describe('English local authorities', () => {
  it('holds the 153 current authorities, each code once', () => {
    expect(ENGLISH_LOCAL_AUTHORITIES).toHaveLength(153);
    const codes = ENGLISH_LOCAL_AUTHORITIES.map((la) => la.code);
    expect(new Set(codes).size).toBe(153);
    expect(new Set(ENGLISH_LOCAL_AUTHORITIES.map((la) => la.gssCode)).size).toBe(153);
    for (const la of ENGLISH_LOCAL_AUTHORITIES) {
      expect(la.code, la.name).toMatch(/^\d{3}$/);
      expect(la.gssCode, la.name).toMatch(/^E(06|08|09|10)\d{6}$/);
      expect(la.name.trim()).toBe(la.name);
    }
    // 63 unitary authorities (Isles of Scilly included), 36 metropolitan districts, 32 London boroughs
    // and the City of London, 21 county councils (after the April 2023 reorganisations).
    const kinds: Record<string, number> = {};
    for (const la of ENGLISH_LOCAL_AUTHORITIES) {
      const kind = la.gssCode.slice(0, 3);
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    expect(kinds).toEqual({
      E06: 63,
      E08: 36,
      E09: 33,
      E10: 21,
    });
    expect(ENGLISH_LOCAL_AUTHORITIES.filter((la) => la.region === 'London')).toHaveLength(33);
  });

  it("agrees with each seed authority's own LA code", () => {
    const dir = join(REPO_ROOT, 'infra/authorities');
    const configs = readdirSync(dir).map(
      (file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as { name: string; laCode: string },
    );
    expect(configs.length).toBeGreaterThanOrEqual(4);
    for (const config of configs) expect(localAuthority(config.laCode)?.name).toBe(config.name);
  });

  it('has the authorities made since 2019 and not the ones they replaced', () => {
    const made = {
      '839': 'Bournemouth, Christchurch and Poole',
      '838': 'Dorset',
      '825': 'Buckinghamshire',
      '940': 'North Northamptonshire',
      '941': 'West Northamptonshire',
      '942': 'Cumberland',
      '943': 'Westmorland and Furness',
      '815': 'North Yorkshire',
      '933': 'Somerset',
    };
    for (const [code, name] of Object.entries(made)) expect(localAuthority(code)?.name).toBe(name);
    expect(localAuthority('815')?.gssCode).toBe('E06000065'); // now a unitary, no longer a county
    // Bournemouth, Poole, old Dorset county, Northamptonshire, Cumbria.
    for (const gone of ['837', '836', '835', '928', '909']) expect(localAuthority(gone)).toBeUndefined();
  });

  it('finds an authority by the start of its code or any part of its name or region, in any case', () => {
    expect(searchLocalAuthorities('stock').map((la) => la.name)).toEqual(['Stockport', 'Stockton-on-Tees']);
    expect(searchLocalAuthorities('80').map((la) => la.code)).toEqual(
      expect.arrayContaining(['800', '801', '802', '803', '805', '806', '807', '808']),
    );
    expect(searchLocalAuthorities('80').every((la) => la.code.startsWith('80'))).toBe(true);
    expect(searchLocalAuthorities('north east').some((la) => la.name === 'Hartlepool')).toBe(true);
    expect(searchLocalAuthorities('  ')).toHaveLength(153);
    expect(localAuthorityLabel('808')).toBe('808 Stockton-on-Tees');
    expect(localAuthorityLabel('999')).toBe('999');
  });
});
