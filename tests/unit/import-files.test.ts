import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImport, type UploadedFile } from '../../functions/imports/parse';
import { ImportFileError, readCsv, readTable } from '../../functions/imports/read';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = 'Child Ref,Primary Need,Setting,In Borough,NCY,Start Date\n';

async function fileError(bytes: Uint8Array, name = 'upload.csv'): Promise<string> {
  try {
    await parseImport('placements', [{ name, bytes }]);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).status).toBe(400);
    return (error as Error).message;
  }
  throw new Error('expected an ImportFileError');
}

describe('malformed files are refused whole, with a clear message', () => {
  it('an empty file', async () => {
    expect(await fileError(new Uint8Array())).toBe('upload.csv: the file is empty');
    expect(await fileError(utf8('\n\n  \n'))).toBe('upload.csv: the file is empty');
  });

  it('a header and no rows', async () => {
    expect(await fileError(utf8(HEADER))).toBe('upload.csv: the file has a header but no data rows');
  });

  it('invalid UTF-8 (a Windows-1252 export), naming the line', async () => {
    const latin1 = Uint8Array.from([
      ...utf8(`${HEADER}C1,ASD,ISS,Y,3,2024-01-01\nC2,ASD,`),
      0xa3,
      ...utf8('100\n'),
    ]);
    expect(await fileError(latin1)).toMatch(
      /not valid UTF-8 \(first bad byte on line 3\); save it as "CSV UTF-8/,
    );
  });

  it('UTF-16, with or without BOM order', async () => {
    expect(await fileError(Uint8Array.from([0xff, 0xfe, 0x43, 0x00]))).toMatch(/the file is UTF-16/);
    expect(await fileError(Uint8Array.from([0xfe, 0xff, 0x00, 0x43]))).toMatch(/the file is UTF-16/);
  });

  it('no recognised header', async () => {
    expect(await fileError(utf8('C1,ASD,ISS,Y,3,2024-01-01\nC2,ASD,ISS,Y,3,2024-01-01\n'))).toMatch(
      /no recognised columns in the first line/,
    );
  });

  it('an enormous cell', async () => {
    const huge = 'x'.repeat(40 * 1024);
    expect(await fileError(utf8(`${HEADER}C1,ASD,"${huge}",Y,3,2024-01-01\n`))).toMatch(
      /line 2, column 3: a cell of 40,960 characters \(over 32 KB\)/,
    );
  });

  it('a quote left open to the end of the file', async () => {
    expect(await fileError(utf8(`${HEADER}C1,ASD,"ISS,Y,3,2024-01-01\n`))).toMatch(
      /^upload.csv: line 2: a quote is opened and never closed$/,
    );
  });

  it('an Excel workbook sent as CSV, and a CSV sent as Excel', async () => {
    const xlsx = fixture('placements.xlsx');
    await expect(readTable(new Uint8Array(xlsx), 'csv')).rejects.toThrow(
      /this is a zip or Excel \(.xlsx\) file/,
    );
    await expect(readTable(utf8(HEADER), 'xlsx')).rejects.toThrow(/not an Excel .xlsx workbook/);
  });
});

describe('readable files', () => {
  it('drops a UTF-8 BOM, so the first header is still recognised', async () => {
    const parsed = await parseImport('placements', [
      { name: 'bom.csv', bytes: utf8(`\uFEFF${HEADER}C1,ASD,ISS,Y,3,2024-01-01\n`) },
    ]);
    expect(parsed.valid[0]?.input.childRef).toBe('C1');
  });

  it('reads semicolon- and tab-separated exports', () => {
    expect(readCsv('A;B\n1;2\n').rows[0]?.cells).toEqual(['1', '2']);
    expect(readCsv('A\tB\n1\t2\n').rows[0]?.cells).toEqual(['1', '2']);
  });

  it('reports the line a row started on, skipping blank lines', () => {
    const table = readCsv(`${HEADER}\nC1,ASD,ISS,Y,3,2024-01-01\n,,,,,\nC2,ASD,ISS,Y,3,2024-01-01\n`);
    expect(table.rows.map((row) => row.line)).toEqual([3, 5]);
  });

  it('reads XLSX with real date cells, Excel serial dates and numbers', async () => {
    const parsed = await parseImport('placements', [
      { name: 'placements.xlsx', bytes: new Uint8Array(fixture('placements.xlsx')) },
    ]);
    expect(parsed.valid.map((row) => [row.line, row.input.childRef, row.input.startDate])).toEqual([
      [2, 'X-4001', '2024-09-02'],
      [3, 'X-4002', '2023-01-09'],
      [4, 'X-4003', '2023-09-04'], // Excel serial 45173
      [5, 'X-4004', '2023-09-04'],
    ]);
    expect(parsed.valid[1]?.input).toMatchObject({
      inBorough: false,
      hostLaCode: '840',
      providerUrn: '145210',
    });
    expect(parsed.valid[1]?.input.costs).toEqual({
      education: 64500.5,
      socialCare: 20000,
      health: 0,
      transport: 10400,
    });
    expect(parsed.rejects).toEqual([
      expect.objectContaining({
        line: 6,
        reason: expect.stringMatching(/^primaryNeed: not a known need/),
      }),
    ]);
  });

  it('counts repeats of a natural key within a file as duplicates, not imports', async () => {
    const parsed = await parseImport('placements', [
      { name: 'mixed.csv', bytes: new Uint8Array(fixture('placements-mixed.csv')) },
    ]);
    expect(parsed.duplicateLines).toEqual([12]);
    expect(parsed.valid).toHaveLength(4);
  });
});

describe('SEN2 module files', () => {
  const sen2Files = (): UploadedFile[] =>
    readdirSync(new URL('../fixtures/imports/sen2/', import.meta.url)).map((name) => ({
      name,
      bytes: new Uint8Array(fixture(`sen2/${name}`)),
    }));

  it('needs the person, placement detail and SEN need modules', async () => {
    const files = sen2Files().filter((file) => !file.name.startsWith('senneed'));
    await expect(parseImport('sen2', files)).rejects.toThrow('SEN2 import needs the senneed module file(s)');
  });

  it('refuses a file whose name is not a module', async () => {
    await expect(
      parseImport('sen2', [...sen2Files(), { name: 'notes.csv', bytes: utf8('a\n1\n') }]),
    ).rejects.toThrow(/notes.csv: not a SEN2 module file/);
  });
});
