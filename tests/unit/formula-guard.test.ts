// Issue 12, finding 10: the ' our CSV exports put before text starting like a formula ("-9-9") stayed on import,
// so the export of a reference like -9-9 did not re-import (a ' is no letter of a reference). A leading | and ;=
// went out unguarded. Now every place a spreadsheet starts a cell (the text's start, and after each ";" for a
// spreadsheet splitting on semicolons) is guarded, and an import takes off exactly the guard.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placementsCsv } from '../../functions/imports/export';
import { guardFormulas, unguardFormulas } from '../../functions/imports/formula-guard';
import { parseImport } from '../../functions/imports/parse';
import { storedPlacement } from '../helpers/placement';

/** Text from the characters that matter here, so the property meets them often. */
const tricky = fc.string({
  unit: fc.constantFrom("'", ';', '=', '+', '-', '@', '|', '\t', '\r', '\n', ',', '"', 'a', '9', ' '),
  maxLength: 12,
});

/** Each place a spreadsheet starts reading a cell: the start, and after each ";" (semicolon list separator). */
const cellStarts = (text: string) => text.split(';');

describe('the formula guard of CSV exports', () => {
  it.each([
    ['-9-9', "'-9-9"],
    ['=cmd|"/c calc"!A1', '\'=cmd|"/c calc"!A1'],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['@import', "'@import"],
    ['|pipe', "'|pipe"],
    [';=x', ";'=x"],
    ['Oak Hill;=HYPERLINK("x")', 'Oak Hill;\'=HYPERLINK("x")'],
    ["'-9-9", "''-9-9"],
    ["'quoted", "'quoted"],
    ['Oak Hill School', 'Oak Hill School'],
    ['', ''],
  ])('%j is written %j', (stored, written) => {
    expect(guardFormulas(stored)).toBe(written);
    expect(unguardFormulas(written)).toBe(stored);
  });

  it('takes off exactly what it put on, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string()), (text) => {
        expect(unguardFormulas(guardFormulas(text))).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves no cell a spreadsheet reads, split on commas or on semicolons, starting like a formula', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        for (const start of cellStarts(guardFormulas(text))) expect(start).not.toMatch(/^[=+\-@\t\r\n|]/);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('a placements CSV export re-imports as it was stored', () => {
  const odd = [
    storedPlacement('p1', { childRef: '-9-9' }),
    storedPlacement('p2', { childRef: '-C-1', providerName: '=HYPERLINK("http://x.example")' }),
    storedPlacement('p3', { childRef: 'C-3', providerName: '|pipe' }),
    storedPlacement('p4', { childRef: 'C-4', providerName: 'Oak Hill;=cmd' }),
    storedPlacement('p5', { childRef: 'C-5', providerName: "'-quoted already" }),
    storedPlacement('p6', { childRef: 'C-6', providerName: "St Mary's" }),
  ];

  it('every reference and name comes back unchanged, none refused', async () => {
    const csv = placementsCsv(odd);
    const parsed = await parseImport('placements', [
      { name: 'export.csv', bytes: new TextEncoder().encode(csv) },
    ]);
    expect(parsed.rejects).toEqual([]);
    expect(parsed.valid.map((row) => [row.input.childRef, row.input.providerName])).toEqual(
      odd.map((p) => [p.childRef, p.providerName]),
    );
  });

  it('the file itself holds no cell that starts like a formula, split either way', () => {
    // Read as a spreadsheet would, naively: split on either separator, a quote opening a cell dropped.
    for (const line of placementsCsv(odd).split('\r\n'))
      for (const cell of line.split(/[,;]/)) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@|]/);
  });
});
