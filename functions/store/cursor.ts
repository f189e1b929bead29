// Opaque pagination cursors: base64url JSON naming the index, which of its key ranges, and where to resume,
// then `.` and an HMAC-SHA256 of it under the stack's cursor key. A cursor also carries a fingerprint of the
// filters it was made for, so it cannot be replayed on others; one changed by hand (a forged start key used to
// reach DynamoDB and come back a 500) fails the signature and is a 400.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../api/errors';

/**
 * Where the signing key comes from, asked once and remembered: in Lambda a Secrets Manager secret shared by
 * every instance (functions/api/lambda-handler.ts), locally a file in the data folder, in tests random bytes.
 */
export type CursorKeySource = () => Promise<Uint8Array>;

/** Asks `source` once, on first use, and keeps the answer (a failure is not kept: the next use asks again). */
export function rememberedKey(source: CursorKeySource): CursorKeySource {
  let key: Promise<Uint8Array> | undefined;
  return () => {
    key ??= source().catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}

/** A random key: cursors are good for this process only (tests, benchmarks, an in-memory local run). */
export const processCursorKey = (): CursorKeySource => {
  const key = randomBytes(32);
  return async () => key;
};

export interface CursorState {
  index: string;
  /** Which of the query's key ranges (a filter may span several, e.g. `ASD#active` then `ASD#ended`). */
  part: number;
  /** Key to resume after; absent when the next page starts at the beginning of `part`. */
  lastKey?: Record<string, string>;
  /** Fingerprint of the filters the cursor belongs to. */
  filters: string;
}

const invalid = (message: string) => new ValidationError([{ field: 'cursor', message }]);

const signature = (body: string, key: Uint8Array) => createHmac('sha256', key).update(body).digest();

export const encodeCursor = (state: CursorState, key: Uint8Array): string => {
  const body = Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
  return `${body}.${signature(body, key).toString('base64url')}`;
};

export function decodeCursor(
  cursor: string,
  expected: { index: string; filters: string },
  key: Uint8Array,
): CursorState {
  const [body = '', mac = '', ...rest] = cursor.split('.');
  const given = Buffer.from(mac, 'base64url');
  const wanted = signature(body, key);
  if (
    rest.length > 0 ||
    !/^[A-Za-z0-9_-]+$/.test(body) ||
    given.length !== wanted.length ||
    !timingSafeEqual(given, wanted)
  )
    throw invalid('not a cursor from this API: pass back the cursor of the last page unchanged');
  let state: Partial<CursorState>;
  try {
    state = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<CursorState>;
  } catch {
    throw invalid('not a cursor from this API');
  }
  const lastKey = state?.lastKey;
  if (
    typeof state !== 'object' ||
    state === null ||
    typeof state.index !== 'string' ||
    typeof state.filters !== 'string' ||
    !Number.isInteger(state.part) ||
    (state.part ?? -1) < 0 ||
    (lastKey !== undefined &&
      (typeof lastKey !== 'object' ||
        lastKey === null ||
        Array.isArray(lastKey) ||
        !Object.values(lastKey).every((value) => typeof value === 'string')))
  )
    throw invalid('not a cursor from this API');
  if (state.index !== expected.index || state.filters !== expected.filters)
    throw invalid('the cursor belongs to a different set of filters');
  return state as CursorState;
}
