// Export files as answers, the same locally and deployed. Deployed, an answer travels in Lambda's response
// payload: at most 6 MB, with a file's bytes base64-encoded (4 characters for 3 bytes), so a file's body may
// be at most MAX_ANSWER_BYTES. A CSV goes gzip-compressed to a client that accepts it (browsers, curl
// --compressed and Node's fetch all do; `Content-Encoding: gzip`): 50,000 placements are 8.8 MB of CSV and
// about 1 MB compressed. An answer still over the limit is a 413 saying how to get the data instead (a filter,
// or the compressed CSV), never a 502 from the platform. Decision: docs/architecture.md "Large exports".
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { AppError, MAX_ANSWER_BYTES } from './errors';
import { CSV_TYPE } from './operation';

/** Smaller bodies are sent as they are: compressing them saves nothing a user would notice. */
const COMPRESS_FROM_BYTES = 1_024;

/** What a CSV answer is sent as (its documented media type is operation.ts's CSV_TYPE). */
const CSV_CONTENT_TYPE = `${CSV_TYPE}; charset=utf-8`;

/** A file to answer with; its compressed form is made once, when first asked for (files are kept per state). */
export class ExportFile {
  private compressed: Uint8Array | undefined;

  constructor(
    readonly body: Uint8Array,
    readonly type: string,
    /** Whether gzip makes it smaller (CSV); an XLSX is a zip already. */
    readonly compressible: boolean,
  ) {}

  static csv(text: string): ExportFile {
    return new ExportFile(Buffer.from(text, 'utf8'), CSV_CONTENT_TYPE, true);
  }

  gzipped(): Uint8Array {
    this.compressed ??= gzipSync(this.body);
    return this.compressed;
  }
}

/** Whether an Accept-Encoding header accepts gzip: named (or `*`, when gzip is not named) with a q above 0. */
export function acceptsGzip(header: string | undefined): boolean {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...parameters] = part.split(';').map((token) => token.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    weights.set(name, q === undefined ? 1 : Number(q.slice(2)));
  }
  const weight = weights.get('gzip') ?? weights.get('x-gzip') ?? weights.get('*') ?? 0;
  return Number.isFinite(weight) && weight > 0;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/**
 * The file as a download named `fileName`, compressed when that helps and the client accepts it; a 413 when
 * the body is still over MAX_ANSWER_BYTES, saying how to ask for less (`narrow`: a filter, another format).
 */
export function fileAnswer(c: Context, file: ExportFile, fileName: string, narrow?: string): Response {
  const compress =
    file.compressible &&
    file.body.length >= COMPRESS_FROM_BYTES &&
    acceptsGzip(c.req.header('accept-encoding'));
  const body = compress ? file.gzipped() : file.body;
  if (body.length > MAX_ANSWER_BYTES) {
    const ways = [
      ...(file.compressible && !compress ? ['ask for it compressed (Accept-Encoding: gzip)'] : []),
      narrow ?? 'ask for the placements it is made from with a filter (GET /exports/placements.csv?status=…)',
    ];
    throw new AppError(
      413,
      'export_too_large',
      `${fileName} is ${megabytes(body.length)}${compress ? ' compressed' : ''}, more than the ` +
        `${megabytes(MAX_ANSWER_BYTES)} an answer can carry: ${ways.join(', or ')}`,
      { bytes: body.length, limit: MAX_ANSWER_BYTES },
    );
  }
  return c.body(body as Uint8Array<ArrayBuffer>, 200, {
    'content-type': file.type,
    'content-disposition': `attachment; filename="${fileName}"`,
    vary: 'accept-encoding',
    ...(compress ? { 'content-encoding': 'gzip' } : {}),
  });
}
