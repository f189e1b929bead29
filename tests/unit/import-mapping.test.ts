import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMappingFile, resolveColumns } from '../../functions/imports/mapping';
import { readCsv } from '../../functions/imports/read';
import { mapRow, parsePlacementRows } from '../../functions/imports/rows';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url));

describe('default column mapping', () => {
  it('recognises common headers case- and punctuation-insensitively', () => {
    const map = resolveColumns([
      'CHILD_REF',
      'primary sen type',
      'Placement Type',
      'Out of Area?',
      'start-date',
      'Notes',
    ]);
    expect(map.columns).toMatchObject({
      childRef: 0,
      primaryNeed: 1,
      setting: 2,
      outOfBorough: 3,
      startDate: 4,
    });
    expect(map.ignored).toEqual(['Notes']);
  });

  it('refuses a header with no recognised columns, without repeating it (it may be a row of data)', () => {
    expect(() => resolveColumns(['Jane Smith', '14 March 2014', 'NE33 1AA'])).toThrow(
      /^no recognised columns in the first line: is it the header\?[^0-9]*$/,
    );
  });

  it('names the required fields that have no column', () => {
    expect(() => resolveColumns(['Child Ref', 'Primary Need', 'Start Date'])).toThrow(
      /no column for setting, inBorough \(or outOfBorough\)/,
    );
  });

  it('inverts "Out of Area" into inBorough', () => {
    const map = resolveColumns([
      'Child Ref',
      'Primary Need',
      'Setting',
      'Out of Area',
      'Host LA',
      'NCY',
      'Start Date',
    ]);
    const result = mapRow(['C1', 'ASD', 'ISS', 'Y', '840', '9', '2024-01-08'], map);
    expect(result).toMatchObject({
      ok: true,
      input: { inBorough: false, hostLaCode: '840', lookedAfter: false },
    });
  });

  it('names every bad field of a row', () => {
    const map = resolveColumns([
      'Child Ref',
      'Primary Need',
      'Setting',
      'In Borough',
      'NCY',
      'Start Date',
      'LAC',
    ]);
    const result = mapRow(['C1', 'Autsim', 'Castle', 'Y', '', '2024-02-30', 'maybe'], map);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'primaryNeed',
      'setting',
      'lookedAfter',
      'startDate',
      'ncy',
    ]);
  });
});

describe('mapping file', () => {
  it('maps an unusual header set and recodes values', () => {
    const mapping = parseMappingFile(JSON.parse(fixture('mapping-unusual.json').toString('utf8')));
    const parsed = parsePlacementRows(
      readCsv(fixture('placements-unusual-headers.csv').toString('utf8')),
      mapping,
    );
    expect(parsed.rejects).toEqual([]);
    expect(parsed.valid.map((row) => [row.input.childRef, row.input.setting, row.input.inBorough])).toEqual([
      ['U-3001', 'mainstream', true],
      ['U-3002', 'independent-special', false],
      ['U-3003', 'maintained-special', true],
      ['U-3004', 'resourced-provision', true],
    ]);
    expect(parsed.valid[2]?.input).toMatchObject({ endDate: '2025-07-18', endReason: 'moved-setting' });
    expect(parsed.valid[1]?.input.costs).toEqual({
      education: 61000,
      socialCare: 21000,
      health: 0,
      transport: 0,
    });
  });

  it('is validated: unknown fields and a header that is not there are clear errors', () => {
    expect(() => parseMappingFile({ columns: { childName: 'Name' } })).toThrow(
      /not a valid mapping file: columns/,
    );
    expect(() => parseMappingFile({ colums: {} })).toThrow(/not a valid mapping file/);
    const mapping = parseMappingFile({ columns: { childRef: 'Pupil Key' } });
    expect(() =>
      resolveColumns(['Child Ref', 'Primary Need', 'Setting', 'In Borough', 'Start Date'], mapping),
    ).toThrow('the mapping names column "Pupil Key" for childRef, but no such header');
  });
});

describe('placements files', () => {
  it('imports every row of the clean sample', () => {
    const parsed = parsePlacementRows(readCsv(fixture('placements-clean.csv').toString('utf8')));
    expect(parsed.rejects).toEqual([]);
    expect(parsed.valid).toHaveLength(12);
    expect(parsed.valid[1]).toEqual({
      line: 3,
      input: {
        childRef: 'C-1002',
        primaryNeed: 'SEMH',
        setting: 'independent-special',
        inBorough: false,
        hostLaCode: '840',
        providerUrn: '145210',
        providerName: 'Oakwood Independent School',
        lookedAfter: true,
        ncy: 9,
        startDate: '2024-01-08',
        costs: { education: 62000, socialCare: 18000, health: 0, transport: 9800 },
        residential: true,
      },
    });
  });

  it('rejects the bad rows of the mixed sample with line and field', () => {
    const parsed = parsePlacementRows(readCsv(fixture('placements-mixed.csv').toString('utf8')));
    expect(parsed.valid.map((row) => row.line)).toEqual([2, 5, 11, 12, 13]);
    expect(parsed.rejects.map((reject) => [reject.line, reject.reason.split(':')[0]])).toEqual([
      [3, 'primaryNeed'],
      [4, 'hostLaCode'],
      [6, 'startDate'],
      [7, 'lookedAfter'],
      [8, 'childRef'],
      [9, 'ncy'],
      [10, 'endDate'],
    ]);
    expect(parsed.rejects[3]?.reason).toContain('educationCost: expected an amount in pounds');
    // A reason names the field and the problem, never the value: it is stored and shown to every group.
    expect(parsed.rejects.map((reject) => reject.reason).join('\n')).not.toMatch(/lots|Autsim|M-20/);
    expect(parsed.rejects[0]?.row).toMatchObject({ 'Child ID': 'M-2002', 'Primary SEN Type': 'Autsim' });
  });
});
