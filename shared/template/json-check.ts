/**
 * JSON validity with an exact error offset.
 *
 * `JSON.parse` messages differ across V8 versions (Node 20 says "at position N", newer Chromium quotes the
 * text and sometimes gives line/column only), so the offset comes from this small validator instead. It
 * runs only after `JSON.parse` has failed, so the fast path costs nothing extra.
 */

/** The outcome of checking a rendered body. Positions are 0-based offset, 1-based line and column. */
export type JsonCheck =
  | { valid: true; value: unknown }
  | { valid: false; message: string; offset: number; line: number; column: number };

/** 1-based line and column of an offset (columns count UTF-16 units, as Monaco does). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses `text` as JSON; on failure, reports where and why. */
export function checkJson(text: string): JsonCheck {
  try {
    return { valid: true, value: JSON.parse(text) };
  } catch (e) {
    const found = findJsonError(text) ?? { offset: 0, message: e instanceof Error ? e.message : String(e) };
    return { valid: false, ...found, ...lineColumnAt(text, found.offset) };
  }
}

class JsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * The first JSON syntax error in `text`, or undefined when it is valid.
 *
 * Follows RFC 8259 as `JSON.parse` does (whitespace is space, tab, CR, LF only).
 */
export function findJsonError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const describe = (at: number): string => (at >= text.length ? 'end of input' : JSON.stringify(text[at]));
  const fail = (what: string, at = i): never => {
    throw new JsonError(`Expected ${what} but found ${describe(at)}`, at);
  };
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) throw new JsonError('Unterminated string', i);
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 0x20) throw new JsonError(`Control character ${describe(i)} in string (must be escaped)`, i);
      if (c === 92) {
        const n = text[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new JsonError('Bad \\u escape in string', i);
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else throw new JsonError(`Bad escape \\${n ?? ''} in string`, i);
      } else i++;
    }
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-') fail('a value');
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("':'");
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail("',' or '}'");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail("',' or ']'");
      }
    } else if (c === '"') string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else {
      for (const word of ['true', 'false', 'null']) {
        if (text.startsWith(word, i)) {
          i += word.length;
          return;
        }
      }
      fail('a value');
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail('end of input');
    return undefined;
  } catch (e) {
    if (e instanceof JsonError) return { offset: e.offset, message: e.message };
    throw e;
  }
}
