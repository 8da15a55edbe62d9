/**
 * JSON parsing that reports where a syntax error is, as line and column.
 *
 * `JSON.parse` messages differ between Node versions and some carry no position at all ("Unexpected token
 * 'x', … is not valid JSON" on Node 20), so on failure a small scanner finds the first error itself.
 */

/** A parsed JSON value, or where and why parsing failed (line and column count from 1). */
export type JsonParseResult = { ok: true; value: unknown } | { ok: false; line: number; column: number; problem: string };

/**
 * Parses JSON text; a leading byte-order mark is ignored.
 *
 * Editors on Windows often save a BOM, which `JSON.parse` rejects although the file looks fine.
 */
export function parseJsonWithPosition(text: string): JsonParseResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    const found = findJsonError(body) ?? { offset: body.length, problem: 'the JSON is not valid' };
    return { ok: false, ...lineAndColumn(body, found.offset), problem: found.problem };
  }
}

/** Converts a character offset to a 1-based line and column. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/** One step into a JSON value: an object key or an array index. */
export type JsonPathStep = string | number;

/** Told of every value the scanner finishes: its steps from the root and its source range `[start, end)`. */
type ValueVisitor = (path: readonly JsonPathStep[], start: number, end: number) => void;

/**
 * Finds the first syntax error by walking the JSON grammar; undefined when the text is valid.
 *
 * It only validates: values still come from `JSON.parse`, the reference implementation.
 */
export function findJsonError(text: string): { offset: number; problem: string } | undefined {
  return scanJson(text);
}

/**
 * Where the value at `path` is in JSON `text`: its source range, or that of the deepest value on the path
 * when the path goes further than the text does (`depth` counts the steps that matched). Undefined when the
 * text is not JSON. A repeated key counts at its last occurrence, as `JSON.parse` keeps the last.
 */
export function locateJsonValue(text: string, path: readonly JsonPathStep[]): { start: number; end: number; depth: number } | undefined {
  let best: { start: number; end: number; depth: number } | undefined;
  const error = scanJson(text, (at, start, end) => {
    if (at.length > path.length || at.length < (best?.depth ?? 0)) return;
    if (at.every((step, k) => step === path[k])) best = { start, end, depth: at.length };
  });
  return error ? undefined : best;
}

/**
 * The source offset of the `index`-th UTF-16 unit of the parsed value of the string literal whose opening
 * quote is at `quote` (an escape such as `\n` or `\u00e9` is one unit); the closing quote when it is shorter.
 */
export function stringUnitOffset(text: string, quote: number, index: number): number {
  let i = quote + 1;
  for (let k = 0; k < index && i < text.length && text.charAt(i) !== '"'; k++) {
    i += text.charAt(i) !== '\\' ? 1 : text.charAt(i + 1) === 'u' ? 6 : 2;
  }
  return i;
}

function scanJson(text: string, visit?: ValueVisitor): { offset: number; problem: string } | undefined {
  // The steps to the value being read; kept only when someone listens, so plain validation stays lean.
  const path: JsonPathStep[] = [];
  let i = 0;
  const fail = (problem: string): never => {
    throw new ScanError(i, problem);
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const unexpected = (expected: string): never => {
    if (i >= text.length) return fail(`the file ends early (expected ${expected})`);
    const c = text.charAt(i);
    const hint = c === '}' || c === ']' ? '; a trailing comma is a common cause' : '';
    return fail(`expected ${expected} but found ${JSON.stringify(c)}${hint}`);
  };
  const readString = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail('a string is not closed (missing ")');
      const c = text.charAt(i);
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') fail('a string contains a line break or control character — write it as \\n or remove it');
      if (c === '\\') {
        const esc = text.charAt(i + 1);
        if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if ('"\\/bfnrt'.includes(esc) && esc !== '') i += 2;
        else fail('invalid escape sequence in a string');
      } else {
        i++;
      }
    }
  };
  const readContainer = (close: '}' | ']'): void => {
    let index = 0;
    i++;
    skipSpace();
    if (text.charAt(i) === close) {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (close === '}') {
        if (text.charAt(i) !== '"') unexpected('a "quoted" property name');
        const keyStart = i;
        readString();
        if (visit) path.push(JSON.parse(text.slice(keyStart, i)) as string);
        skipSpace();
        if (text.charAt(i) !== ':') unexpected('":"');
        i++;
      } else if (visit) path.push(index);
      readValue();
      if (visit) path.pop();
      index++;
      skipSpace();
      if (text.charAt(i) === ',') i++;
      else if (text.charAt(i) === close) {
        i++;
        return;
      } else unexpected(`"," or "${close}"`);
    }
  };
  const readValue = (): void => {
    skipSpace();
    const start = i;
    readBareValue();
    visit?.(path, start, i);
  };
  const readBareValue = (): void => {
    const c = text.charAt(i);
    if (c === '{') return readContainer('}');
    if (c === '[') return readContainer(']');
    if (c === '"') return readString();
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if ((c === '-' || (c >= '0' && c <= '9')) && number.test(text)) {
      i = number.lastIndex;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    unexpected('a value');
  };
  try {
    readValue();
    skipSpace();
    if (i < text.length) fail('there is more text after the end of the JSON value');
    return undefined;
  } catch (e) {
    if (e instanceof ScanError) return { offset: e.offset, problem: e.problem };
    throw e;
  }
}
