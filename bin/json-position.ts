// Where a JSON text first goes wrong, as 1-based line and column: Node 20's JSON.parse reports no position
// for most syntax errors, and a scenario file's author needs one. A minimal scanner of the JSON grammar
// (RFC 8259); it only locates errors — JSON.parse still does the parsing.

export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings exclude raw control characters (RFC 8259 §7).
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class Failure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const describe = () =>
    i >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[i])}`;
  const expect = (char: string) => {
    space();
    if (text[i] !== char) throw new Failure(i, `${describe()}, expected "${char}"`);
    i++;
  };
  const match = (pattern: RegExp) => {
    pattern.lastIndex = i;
    const found = pattern.exec(text);
    if (!found) return false;
    i += found[0].length;
    return true;
  };
  const list = (close: string, item: () => void) => {
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] !== ',') {
        expect(close);
        return;
      }
      i++;
    }
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{') {
      i++;
      list('}', () => {
        space();
        if (!match(STRING)) throw new Failure(i, `${describe()}, expected a property name in double quotes`);
        expect(':');
        value();
      });
      return;
    }
    if (char === '[') {
      i++;
      list(']', value);
      return;
    }
    if (char === '"' ? match(STRING) : match(NUMBER)) return;
    for (const word of ['true', 'false', 'null'])
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    throw new Failure(i, `${describe()}, expected a value`);
  };
  try {
    value();
    space();
    if (i < text.length) throw new Failure(i, `${describe()} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    const before = text.slice(0, error.offset).split('\n');
    return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, message: error.message };
  }
}
