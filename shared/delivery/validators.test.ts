import { describe, expect, it } from 'vitest';
import { evaluateValidators, normalizeForComparison } from './validators';

const json = (v: unknown) => ({ text: JSON.stringify(v), encoding: 'utf8' as const, truncated: false });

describe('normalizeForComparison', () => {
  it('compares numbers by value, booleans case-insensitively, null and objects canonically', () => {
    expect(normalizeForComparison(200)).toBe(normalizeForComparison('200'));
    expect(normalizeForComparison(1)).toBe(normalizeForComparison('1.0'));
    expect(normalizeForComparison(true)).toBe(normalizeForComparison('TRUE'));
    expect(normalizeForComparison(null)).toBe('null');
    expect(normalizeForComparison({ b: 1, a: [1, 2] })).toBe(normalizeForComparison('{ "a": [1,2], "b": 1 }'));
    expect(normalizeForComparison('OK')).not.toBe(normalizeForComparison('ok'));
  });
});

describe('evaluateValidators', () => {
  it('reads $.data.<field> from the body and passes when any found value is expected', () => {
    const r = evaluateValidators([{ jsonPath: '$.data.status', expectedValues: ['accepted', 'ok'] }], json({ status: 'ok' }));
    expect(r.passed).toBe(true);
    expect(r.results[0]).toMatchObject({ passed: true, found: ['ok'] });
  });

  it('matches numbers and booleans across types', () => {
    const r = evaluateValidators(
      [
        { jsonPath: '$.data.code', expectedValues: ['200'] },
        { jsonPath: '$.data.version', expectedValues: ['1.0'] },
        { jsonPath: '$.data.ok', expectedValues: ['True'] },
        { jsonPath: '$.data.items[*].id', expectedValues: ['3'] },
      ],
      json({ code: 200, version: 1, ok: true, items: [{ id: 2 }, { id: 3 }] }),
    );
    expect(r.results.map((x) => x.passed)).toEqual([true, true, true, true]);
  });

  it('fails when one validator fails, and says what was found', () => {
    const r = evaluateValidators(
      [
        { jsonPath: '$.data.status', expectedValues: ['ok'] },
        { jsonPath: '$.data.code', expectedValues: ['201'] },
      ],
      json({ status: 'ok', code: 200 }),
    );
    expect(r.passed).toBe(false);
    expect(r.results[1]).toMatchObject({ passed: false, found: ['200'] });
    expect(r.results[1]?.reason).toContain('expected one of 201');
  });

  it('fails on a missing path, and hints at $.data. when the prefix is missing', () => {
    const r = evaluateValidators([{ jsonPath: '$.status', expectedValues: ['ok'] }], json({ status: 'ok' }));
    expect(r.results[0]?.reason).toContain('$.data.');
  });

  it('fails every validator on a body that is not JSON', () => {
    const v = [
      { jsonPath: '$.data.a', expectedValues: ['1'] },
      { jsonPath: '$.data.b', expectedValues: ['2'] },
    ];
    for (const body of [
      { text: '<html>', encoding: 'utf8' as const, truncated: false },
      { text: '', encoding: 'utf8' as const, truncated: false },
      { text: 'AAEC', encoding: 'base64' as const, truncated: false },
      { text: '{"a":', encoding: 'utf8' as const, truncated: true },
    ]) {
      const r = evaluateValidators(v, body);
      expect(r.passed).toBe(false);
      expect(r.results.every((x) => !x.passed && x.reason !== undefined)).toBe(true);
    }
  });

  it('passes with no validators, and reports an invalid path instead of throwing', () => {
    expect(evaluateValidators([], null).passed).toBe(true);
    const r = evaluateValidators([{ jsonPath: '$.data[?(@.a==', expectedValues: ['1'] }], json({ a: 1 }));
    expect(r.passed).toBe(false);
  });
});
