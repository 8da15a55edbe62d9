import { describe, expect, it } from 'vitest';
import { comparePrediction, firstJsonDifference, predictionEvent } from './prediction';
import { maskCapturedHeaders, maskCapturedQuery } from './mask';

describe('comparePrediction', () => {
  it('says equal only for the same bytes', () => {
    expect(comparePrediction('{"a":1}', '{"a":1}')).toMatchObject({ equal: true });
    expect(comparePrediction('{"a":1}', '{"a":1}').summary).toMatch(/^Equal/);
  });

  it('names the first difference by line, column and JSON path', () => {
    const d = comparePrediction('{\n  "a": "x &amp; y",\n  "b": 2\n}', '{\n  "a": "x & y",\n  "b": 2\n}');
    expect(d.equal).toBe(false);
    expect(d.firstDifference).toMatchObject({ line: 2, column: 12, jsonPath: '$.a', predicted: 'amp; y",\n  "b": 2\n}', received: ' y",\n  "b": 2\n}' });
    expect(d.summary).toMatch(/^Differs at line 2, column 12 \(\$\.a\)/);
  });

  it('tells a layout-only difference, and a difference in a body that is not JSON', () => {
    expect(comparePrediction('{"a":1}', '{"a": 1}').summary).toMatch(/same JSON, different layout/);
    const broken = comparePrediction('{"a":"say &quot;hi&quot;"}', '{"a":"say "hi""}');
    expect(broken.firstDifference?.jsonPath).toBeUndefined();
    expect(broken.firstDifference?.column).toBe(11);
  });

  it('walks arrays and nested keys, and reports a key only one side has', () => {
    expect(firstJsonDifference({ x: [{ y: 1 }, { y: 2 }] }, { x: [{ y: 1 }, { y: 3 }] })).toBe('$.x[1].y');
    expect(firstJsonDifference({ a: 1 }, { a: 1, 'b c': 2 })).toBe('$["b c"]');
  });
});

describe('predictionEvent', () => {
  it('spells event_type as the settings say', () => {
    expect(predictionEvent({ event_type: 'RequestApproved' }, 'AccessRequestCreated').event_type).toBe('AccessRequestApproved');
    expect(predictionEvent({ event_type: 'AccessRequestApproved' }, 'RequestCreated').event_type).toBe('RequestApproved');
    expect(predictionEvent({ event_type: 'Custom' }, 'RequestCreated').event_type).toBe('Custom');
  });
});

describe('capture masking', () => {
  it('masks Authorization (keeping the scheme), credential headers and credential query parameters', () => {
    expect(maskCapturedHeaders([['Authorization', 'Bearer abc'], ['X-Api-Key', 'k'], ['Content-Type', 'application/json']])).toEqual([
      ['Authorization', 'Bearer ••••••••'],
      ['X-Api-Key', '••••••••'],
      ['Content-Type', 'application/json'],
    ]);
    expect(maskCapturedQuery('token=abc&team=ops&api_key=1&flag')).toBe('token=••••••••&team=ops&api_key=••••••••&flag');
  });
});
