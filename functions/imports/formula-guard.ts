// CSV exports are opened in spreadsheets, which run a cell that starts like a formula (=cmd|…, +SUM(…), @…, -1+…).
// Such text is written with a leading ' (the spreadsheet's "this is text" mark) and an import takes exactly that
// mark off again, so every export re-imports as it was stored: a reference like -9-9 comes back as -9-9.
//
// A cell starts where a spreadsheet starts reading one: at the start of the text, and after each ";" (a
// spreadsheet set to the semicolon list separator, as in much of Europe, splits a comma CSV's lines there, so
// "x;=cmd" would put =cmd at the start of a cell of its own). Text already starting with ' before such a start is
// guarded with one more, so a value's own apostrophes survive the round trip and unguard(guard(v)) === v.

/** What starts a formula: = + - @, tab, CR, LF, and | (DDE: =cmd|'…'!A1 in older Excel, |cmd in some readers). */
const FORMULA_START = "'*[=+\\-@\\t\\r\\n|]";
const UNGUARDED = new RegExp(`(^|;)(${FORMULA_START})`, 'g');
const GUARDED = new RegExp(`(^|;)'(${FORMULA_START})`, 'g');

/** The text as a CSV export writes it: a ' before each place a spreadsheet would start a formula. */
export const guardFormulas = (text: string): string => text.replace(UNGUARDED, "$1'$2");

/** The text an export guarded, as it was stored: exactly one ' taken off where `guardFormulas` put one. */
export const unguardFormulas = (text: string): string => text.replace(GUARDED, '$1$2');
