// Optimistic concurrency over HTTP: the ETag is the record's version, and a write names the version it read,
// in `If-Match` (3, "3" or W/"3") or as `version` in the body.
import type { Context } from 'hono';
import type { Actor } from '../../store/ports';
import { ValidationError } from '../errors';
import type { Identity } from '../identity';

export const etag = (version: number): string => `"${version}"`;

/** The version a write expects: from If-Match or the body's `version`; they must agree when both are given. */
export function expectedVersion(c: Context, bodyVersion: number | undefined): number | undefined {
  const header = c.req.header('if-match');
  let fromHeader: number | undefined;
  if (header !== undefined) {
    const match = /^\s*(?:W\/)?"?([1-9]\d{0,14})"?\s*$/.exec(header);
    if (!match?.[1])
      throw new ValidationError([{ field: 'If-Match', message: 'expected the version, e.g. If-Match: "3"' }]);
    fromHeader = Number(match[1]);
  }
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion)
    throw new ValidationError([{ field: 'version', message: 'If-Match and version disagree' }]);
  return fromHeader ?? bodyVersion;
}

export function requiredVersion(c: Context, bodyVersion: number | undefined): number {
  const version = expectedVersion(c, bodyVersion);
  if (version === undefined)
    throw new ValidationError([
      { field: 'version', message: 'version required: If-Match header or version field' },
    ]);
  return version;
}

export const actorOf = (identity: Identity): Actor => ({ userId: identity.userId, name: identity.name });
