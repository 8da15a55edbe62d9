import { describe, expect, it } from 'vitest';
import { findJsonError, locateJsonValue, parseJsonWithPosition, stringUnitOffset } from './json-position';

describe('parseJsonWithPosition', () => {
  it('parses valid JSON and ignores a BOM', () => {
    expect(parseJsonWithPosition('\uFEFF{"a":[1,-2.5e3,true,null,"\\u00e9\\n"]}')).toEqual({ ok: true, value: { a: [1, -2500, true, null, 'é\n'] } });
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1, /trailing comma/],
    ['{"a": x}', 1, 7, /expected a value but found "x"/],
    ['{"a": 1', 1, 8, /ends early/],
    ['[1 2]', 1, 4, /expected "," or "]"/],
    ['{a: 1}', 1, 2, /"quoted" property name/],
    ['{"a": "b\nc"}', 1, 9, /line break/],
    ['{} []', 1, 4, /more text/],
    ['"\\x"', 1, 2, /escape/],
    ['', 1, 1, /ends early/],
  ])('locates the error in %j', (text, line, column, problem) => {
    const result = parseJsonWithPosition(text);
    expect(result).toMatchObject({ ok: false, line, column });
    expect(result.ok ? '' : result.problem).toMatch(problem);
  });

  it('agrees with JSON.parse on valid text', () => {
    expect(findJsonError('{"a":{"b":[{},[],"",0.5,-0,1E+2]}}')).toBeUndefined();
  });
});

describe('locateJsonValue', () => {
  const text = '{\n  "a": [1, {"b c": "x\\"y"}],\n  "a.b": true,\n  "0": null\n}';

  it('finds a value by keys and indexes, keys with dots or digits included', () => {
    const at = (path: Array<string | number>) => {
      const r = locateJsonValue(text, path);
      return r && { ...r, source: text.slice(r.start, r.end) };
    };
    expect(at(['a', 1, 'b c'])).toMatchObject({ depth: 3, source: '"x\\"y"' });
    expect(at(['a.b'])).toMatchObject({ depth: 1, source: 'true' });
    expect(at(['0'])).toMatchObject({ depth: 1, source: 'null' });
    expect(at([])).toMatchObject({ depth: 0, start: 0, end: text.length });
  });

  it('falls back to the deepest value on the path, and refuses text that is not JSON', () => {
    expect(locateJsonValue(text, ['a', 1, 'missing'])).toMatchObject({ depth: 2, start: text.indexOf('{"b c"') });
    expect(locateJsonValue(text, ['a', 0, 'deeper'])).toMatchObject({ depth: 2 });
    expect(locateJsonValue('{"a": [1,]}', ['a'])).toBeUndefined();
  });

  it('keeps the last of a repeated key, as JSON.parse does', () => {
    const dup = '{"k": 1, "k": 22}';
    expect(locateJsonValue(dup, ['k'])).toMatchObject({ start: dup.indexOf('22') });
  });
});

describe('stringUnitOffset', () => {
  it('counts an escape as the one character it stands for', () => {
    const text = '"a\\n\\u00e9b"';
    expect(text.charAt(stringUnitOffset(text, 0, 0))).toBe('a');
    expect(text.charAt(stringUnitOffset(text, 0, 3))).toBe('b');
    expect(stringUnitOffset(text, 0, 99)).toBe(text.length - 1);
  });
});
