import { describe, expect, it } from 'vitest';
import { eventDepthIssue, MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

/** `{ a: { a: … } }` nested `n` objects deep, built without recursion. */
function nested(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, not scalars, and walks 100,000 levels without overflowing the stack', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan({}, 1)).toBe(false);
    expect(nestsDeeperThan({ a: [{}] }, 2)).toBe(true);
    expect(nestsDeeperThan({ a: [{}] }, 3)).toBe(false);
    expect(nestsDeeperThan(nested(100_000), MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)), MAX_JSON_DEPTH)).toBe(true);
  });

  it('an event at the limit passes; one level more is refused with a message naming the limit', () => {
    expect(eventDepthIssue(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(eventDepthIssue(nested(MAX_JSON_DEPTH + 1))).toEqual({ field: 'event', message: expect.stringContaining(`more than ${MAX_JSON_DEPTH} levels deep`) });
  });
});
