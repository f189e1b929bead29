// Names and free text as people type them, and nothing else: no control characters (NUL, escape, …), no
// bidirectional overrides or isolates (which make "gpj.exe" display as "exe.jpg"), no lone surrogates (half a
// character, which breaks every encoder downstream). Free text may have line breaks and tabs; a name may not.
// And the one form of a record's identifier.
import * as z from './zod';

/** C0 and C1 controls and DEL (but tab and line breaks where allowed), bidirectional embeddings, overrides and isolates. */
const isControl = (code: number, lineBreaks: boolean) =>
  (code < 0x20 && !(lineBreaks && (code === 0x09 || code === 0x0a || code === 0x0d))) ||
  (code >= 0x7f && code <= 0x9f) ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069);
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** What is wrong with the characters of `text`, in the user's words, or undefined; never the text itself. */
export function unsafeCharacters(text: string, { lineBreaks }: { lineBreaks: boolean }): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isControl(code, lineBreaks))
      return lineBreaks
        ? 'must not contain control characters or text-direction overrides'
        : 'must not contain line breaks, control characters or text-direction overrides';
    if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    else if (isHighSurrogate(code) || isLowSurrogate(code))
      return 'contains a broken character (half of an emoji or symbol)';
  }
  return undefined;
}

const refuseUnsafe = (lineBreaks: boolean) => (text: string, ctx: z.RefinementCtx) => {
  const problem = unsafeCharacters(text, { lineBreaks });
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** A name (of a provider, a provision, a scenario, a file): one line, trimmed, 1 to `max` characters. */
export const Name = (max: number) => z.string().trim().min(1).max(max).superRefine(refuseUnsafe(false));

/** Free text (notes, descriptions): line breaks allowed, trimmed, at most `max` characters. */
export const FreeText = (max: number) => z.string().trim().max(max).superRefine(refuseUnsafe(true));

/** Client- or server-given identifier of a record: URL-safe, at most 64 characters. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1–64 letters, digits, "-" or "_"');
