// Opaque pagination cursors: base64url JSON naming the index, which of its key ranges, and where to resume.
// A cursor also carries a fingerprint of the filters it was made for, so it cannot be replayed on others.
import { ValidationError } from '../api/errors';

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

export const encodeCursor = (state: CursorState): string =>
  Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');

export function decodeCursor(cursor: string, expected: { index: string; filters: string }): CursorState {
  let state: Partial<CursorState>;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorState>;
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
