import { describe, expect, it } from 'vitest';
import { findJsonError, parseJsonWithPosition } from './json-position';

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
