// The one place zod is imported from, so the whole project shares a single zod instance and version.
// Use it as a namespace (`import * as z from '…/zod'`, zod 4's recommended form): esbuild can then drop what
// a bundle does not use, where re-exporting zod's `z` object would pull all of zod, locales included, into
// every Lambda bundle.
//
// It also sets, once for the API, the CLIs, the importer and the dashboard alike, the messages a failed check
// gives: in a planner's words, with the values allowed and the value given ("expected one of ASD, SEMH, …,
// got "SpLD" (write it SPLD)" rather than 'Invalid option: expected one of "ASD"|"SEMH"|…'). The field is
// named by whoever reports the message (`primaryNeed: …`). A message written on a schema still wins.
import { config, type core } from 'zod';

export * from 'zod';

const MAX_SHOWN = 60;

/** A value as a planner would read it back: text in quotes, numbers as written, NaN as "not a number". */
function shown(value: unknown): string {
  if (typeof value === 'string')
    return `"${value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value}"`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'not a number' : String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const KIND: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
  null: 'null',
};

const kindOf = (value: unknown): string => {
  if (typeof value === 'string') return `the text ${shown(value)}`;
  return shown(value);
};

function sizeMessage(
  issue: core.$ZodRawIssue<core.$ZodIssueTooSmall | core.$ZodIssueTooBig>,
  bound: 'at least' | 'at most',
): string | undefined {
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const exclusive = issue.inclusive === false;
  switch (issue.origin) {
    case 'number':
    case 'int':
    case 'bigint': {
      const rule = exclusive
        ? `must be ${bound === 'at least' ? 'more' : 'less'} than ${limit}`
        : `must be ${limit} or ${bound === 'at least' ? 'more' : 'less'}`;
      return `${rule}, got ${kindOf(issue.input)}`;
    }
    case 'string':
      if (bound === 'at least' && limit === 1) return 'must not be empty';
      return `must have ${bound} ${limit} character${limit === 1 ? '' : 's'}`;
    case 'array':
    case 'set':
      return `must have ${bound} ${limit} item${limit === 1 ? '' : 's'}`;
    default:
      return undefined;
  }
}

/** The message for a failed check, or undefined to keep zod's own (for the rarer kinds of issue). */
export function plainMessage(issue: core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_value': {
      const values = issue.values as unknown[];
      const input = issue.input;
      const allowed = values.length === 1 ? shown(values[0]) : `one of ${values.map(String).join(', ')}`;
      if (input === undefined) return `required: ${allowed}`;
      if (values.length === 1) return `must be ${allowed}, got ${shown(input)}`;
      const sameLetters =
        typeof input === 'string'
          ? values.find((value) => typeof value === 'string' && value.toLowerCase() === input.toLowerCase())
          : undefined;
      return `expected ${allowed}, got ${shown(input)}${
        sameLetters === undefined ? '' : ` (write it ${sameLetters})`
      }`;
    }
    case 'invalid_type': {
      if (issue.input === undefined) return 'required';
      const expected = KIND[issue.expected] ?? issue.expected;
      // NaN comes from text read as a number ("abc" in a query or a form): there is nothing better to show.
      if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return `expected ${expected}`;
      return `expected ${expected}, got ${kindOf(issue.input)}`;
    }
    case 'too_small':
      return sizeMessage(issue, 'at least');
    case 'too_big':
      return sizeMessage(issue, 'at most');
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}, got ${kindOf(issue.input)}`;
    default:
      return undefined;
  }
}

config({ customError: plainMessage });
