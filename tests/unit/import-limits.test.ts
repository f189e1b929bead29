// Issue 12, finding 4: a 251 KB workbook (one 32 KB shared string in 8,000 cells) came back as a 258 MB JSON
// answer using 1.25 GB, and exceljs's internals ("reading 'col'") leaked into 400 messages. Uploads now have a
// budget of unpacked bytes, rows, cells and text, refused with a 413 before anything is amplified.
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../functions/imports/parse';
import {
  ImportFileError,
  ImportTooLargeError,
  LOCAL_FILE_LIMITS,
  UPLOAD_LIMITS,
} from '../../functions/imports/read';

/** A zip of the given parts, deflated (CRCs left 0: these are refused before anything checks them). */
function zip(parts: Record<string, string | Buffer>): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const raw = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const data = deflateRawSync(raw);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(raw.length, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(header, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const upload = (bytes: Uint8Array) => parseImport('placements', [{ name: 'upload.xlsx', bytes }]);
const HEADERS = ['Child Ref', 'Primary Need', 'Setting', 'Out of Area', 'NCY', 'Start Date'];

describe('an XLSX upload is refused before it can amplify', () => {
  it('one 32 KB shared string in 8,000 cells: a 413, not a 258 MB answer', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Placements');
    sheet.addRow(HEADERS);
    const long = 'x'.repeat(32 * 1024 - 1);
    for (let i = 0; i < 1_000; i++) sheet.addRow([long, long, long, long, long, long, long, long]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(bytes.length).toBeLessThan(256 * 1024);
    const error = await upload(bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportTooLargeError);
    expect(error).toMatchObject({ status: 413, message: 'upload.xlsx: over 8 MB of text in its cells' });
  });

  it('a part that unpacks past the budget is stopped while inflating (a zip bomb)', async () => {
    const bomb = zip({ 'xl/worksheets/sheet1.xml': Buffer.alloc(UPLOAD_LIMITS.unpackedBytes + 1024, 0x20) });
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expect(upload(bomb)).rejects.toMatchObject({
      status: 413,
      message: 'upload.xlsx: it unpacks to over 16 MB',
    });
  });

  it('counts rows and cells in the worksheet XML before exceljs builds them', async () => {
    const rows = '<row/>'.repeat(UPLOAD_LIMITS.rows + 1);
    await expect(
      upload(zip({ 'xl/worksheets/sheet1.xml': `<sheetData>${rows}</sheetData>` })),
    ).rejects.toMatchObject({
      status: 413,
      message: 'upload.xlsx: over 20,000 rows',
    });
    const cells = '<x:c r="A1"/>'.repeat(UPLOAD_LIMITS.cells + 1);
    await expect(
      upload(zip({ 'xl/worksheets/sheet1.xml': `<x:row>${cells}</x:row>` })),
    ).rejects.toMatchObject({
      status: 413,
      message: 'upload.xlsx: over 500,000 cells',
    });
  });

  it('a CSV upload has the same budget of rows', async () => {
    const csv = `${HEADERS.join(',')}\n${'C-1,ASD,mainstream,N,3,2024-09-02\n'.repeat(UPLOAD_LIMITS.rows)}`;
    await expect(
      parseImport('placements', [{ name: 'big.csv', bytes: new TextEncoder().encode(csv) }]),
    ).rejects.toMatchObject({
      status: 413,
      message: expect.stringMatching(/^big.csv: over 20,000 rows in one upload: import it with the CLI$/),
    });
    // The CLI reads the same file on the user's machine, where it is not an upload.
    const local = await parseImport(
      'placements',
      [{ name: 'big.csv', bytes: new TextEncoder().encode(csv) }],
      {
        limits: LOCAL_FILE_LIMITS,
      },
    );
    expect(local.duplicateLines).toHaveLength(UPLOAD_LIMITS.rows - 1);
  });

  it("never lets exceljs's internals into the message", async () => {
    for (const bytes of [
      zip({ 'hello.txt': 'not a workbook' }),
      zip({ 'xl/workbook.xml': '<workbook><sheets>' }),
    ]) {
      const error = await upload(bytes).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as Error).message).toMatch(
        /^upload.xlsx: (not readable as an Excel workbook|the workbook has no data)/,
      );
      expect((error as Error).message).not.toMatch(/reading|undefined|Cannot|TypeError|col/);
    }
    const broken = zip({ 'xl/worksheets/sheet1.xml': '<row/>' }).slice(0, -30);
    await expect(upload(broken)).rejects.toThrow(
      /^upload.xlsx: not readable as an Excel workbook: save it again/,
    );
  });
});
