// Looks inside an XLSX (a zip) before exceljs loads it, so a small upload cannot unpack into gigabytes: every
// part is inflated here with a hard output limit (what the zip says about sizes is not trusted), and the
// worksheets' rows and cells are counted from their XML. A zip this cannot read is refused the same way exceljs
// would refuse it, with a message of our own.
import { inflateRawSync } from 'node:zlib';

export interface UnpackLimits {
  /** Bytes all parts together may unpack to. */
  unpackedBytes: number;
  rows: number;
  cells: number;
}

export interface UnpackedSize {
  bytes: number;
  rows: number;
  cells: number;
}

/** Why a workbook is refused before loading: too big once unpacked (413), or not a zip one can read (400). */
export class UnpackError extends Error {
  constructor(
    readonly kind: 'too_large' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** A workbook has a few dozen parts; thousands mean something else. */
const MAX_PARTS = 2_000;

const malformed = (why: string) => new UnpackError('malformed', why);
const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** The End Of Central Directory record, searched back from the end (it may be followed by a comment). */
function endOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  throw malformed('no zip directory');
}

/** Counts tags named `name` (with or without a namespace prefix: `<c `, `<x:c>`) in worksheet XML. */
const countTags = (xml: string, name: string) =>
  xml.match(new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}[\\s/>]`, 'g'))?.length ?? 0;

/**
 * Inflates every part within `limits.unpackedBytes` (in total) and counts worksheet rows and cells; an
 * UnpackError past a limit or on anything it cannot read.
 */
export function checkUnpackedSize(bytes: Uint8Array, limits: UnpackLimits): UnpackedSize {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (zip.length < 22) throw malformed('too short for a zip');
  const eocd = endOfCentralDirectory(zip);
  const parts = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (parts > MAX_PARTS) throw new UnpackError('too_large', `over ${MAX_PARTS} parts in the workbook`);
  const size: UnpackedSize = { bytes: 0, rows: 0, cells: 0 };
  for (let part = 0; part < parts; part++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw malformed('a broken zip directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at = next;
    if (compressedSize === 0xffffffff || localAt === 0xffffffff) throw malformed('a zip64 archive');
    if (localAt + 30 > zip.length || zip.readUInt32LE(localAt) !== LOCAL_SIGNATURE)
      throw malformed('a broken zip part');
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const data = zip.subarray(dataAt, dataAt + compressedSize);
    if (data.length !== compressedSize) throw malformed('a zip part cut short');
    const budget = limits.unpackedBytes - size.bytes;
    let content: Buffer;
    if (method === 0) content = data;
    else if (method === 8)
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, budget + 1) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
          throw new UnpackError('too_large', `it unpacks to over ${megabytes(limits.unpackedBytes)}`);
        throw malformed('a zip part that does not inflate');
      }
    else throw malformed('a zip compression method Excel does not use');
    size.bytes += content.length;
    if (size.bytes > limits.unpackedBytes)
      throw new UnpackError('too_large', `it unpacks to over ${megabytes(limits.unpackedBytes)}`);
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) {
      const xml = content.toString('utf8');
      size.rows += countTags(xml, 'row');
      size.cells += countTags(xml, 'c');
      if (size.rows > limits.rows)
        throw new UnpackError('too_large', `over ${limits.rows.toLocaleString('en-GB')} rows`);
      if (size.cells > limits.cells)
        throw new UnpackError('too_large', `over ${limits.cells.toLocaleString('en-GB')} cells`);
    }
  }
  return size;
}
