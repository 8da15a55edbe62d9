import { describe, expect, it } from 'vitest';
import { findJsonError, lineAndColumn } from '../util/json-position';
import { checkJson } from './json-check';

describe('checkJson', () => {
  it('accepts what JSON.parse accepts', () => {
    const good = ['{}', '[]', ' 1 ', '-0.5e+3', '"a\\u00e9\\n"', '{"a":[1,{"b":null}],"c":true}', '\t\r\n[false]'];
    for (const t of good) {
      expect(checkJson(t)).toEqual({ valid: true, value: JSON.parse(t) });
      expect(findJsonError(t)).toBeUndefined();
    }
  });

  it('rejects what JSON.parse rejects, at the right offset', () => {
    const cases: Array<[string, number]> = [
      ['{"a": 1,}', 8],
      ['[1,2,]', 5],
      ['{"a": "x"y"}', 9],
      ['{"a": "line\nbreak"}', 11],
      ['{"a": }', 6],
      ['{"a": 01}', 7],
      ['{a: 1}', 1],
      ['{"a": "\\x"}', 7],
      ['', 0],
      ['{"a": 1} x', 9],
      ['{"a": "unterminated', 19],
      ['[1 2]', 3],
    ];
    for (const [text, offset] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      const r = checkJson(text);
      expect(r.valid, text).toBe(false);
      if (!r.valid) expect(r.offset, text).toBe(offset);
    }
  });

  it('reports 1-based line and column', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    const r = checkJson('{\n  "a": 1,\n}');
    expect(r).toMatchObject({ valid: false, line: 3, column: 1 });
  });
});
