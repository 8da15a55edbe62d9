import { describe, expect, it } from 'vitest';
import { baseRequestOf, parseBaseRequest } from './base-request';

describe('base request of a lifecycle', () => {
  it('takes any object with a data object', () => {
    const r = parseBaseRequest('{"event_type":"AccessRequestCreated","data":{"id":"1"}}');
    expect(r).toEqual({ ok: true, event: { event_type: 'AccessRequestCreated', data: { id: '1' } } });
  });

  it('refuses text that is not JSON, naming the parser error', () => {
    const r = parseBaseRequest('{"data": }');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(/^not JSON: /);
  });

  it.each([[null], [[]], [{}], [{ data: [] }], [{ data: 'x' }], [{ data: null }]])('refuses %j: no data object', (value) => {
    expect(baseRequestOf(value)).toMatchObject({ ok: false, problem: expect.stringMatching(/^not a request event — it must be a JSON object with a "data" object/) });
  });
});
