// Results derived from the placements, kept for as long as the records do not change. The projection answers
// every read of the same state with the same frozen array (placement-projection.ts), so a result kept under
// that array and its question is current exactly while the array is the answer: any write makes a new array,
// and the old one's results go with it (a WeakMap). Per process: a warm Lambda or the local server answers a
// repeated read from memory; a fresh process computes it once. An array that is not frozen (a test's or a
// bench's own list, which its owner may still change) is never cached.
import { createHash } from 'node:crypto';

export class PerState<T> {
  private readonly byState = new WeakMap<readonly unknown[], Map<string, T>>();

  /** `limit`: results kept per state (questions asked of one state of the records); the oldest goes first. */
  constructor(private readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError('limit must be a whole number ≥ 1');
  }

  /** The result for `key` of this state: kept, or computed now (a rejected promise is not kept). */
  get(state: readonly unknown[], key: string, compute: () => T): T {
    if (!Object.isFrozen(state)) return compute();
    let results = this.byState.get(state);
    if (!results) {
      results = new Map();
      this.byState.set(state, results);
    }
    if (results.has(key)) return results.get(key) as T;
    const value = compute();
    if (results.size >= this.limit) results.delete(results.keys().next().value as string);
    results.set(key, value);
    if (value instanceof Promise)
      value.catch(() => {
        if (results.get(key) === value) results.delete(key);
      });
    return value;
  }
}

/** A short key for a question's inputs (a population, provisions, a budget): their JSON's sha256. */
export const keyOf = (value: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('hex');
