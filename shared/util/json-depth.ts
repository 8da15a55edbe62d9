/**
 * How deeply a JSON value nests, measured without recursion: a value nested 100,000 deep (valid JSON, which
 * `JSON.parse` reads fine) overflows the stack of every recursive walk after it (`JSON.stringify`,
 * `structuredClone`, template helpers), so it has to be refused before anything walks it.
 */

/**
 * The most levels of objects and arrays an event may nest. Apono's events nest a handful of levels; recursive
 * code on Node's default stack overflows somewhere past a few thousand, so 256 leaves a wide margin.
 */
export const MAX_JSON_DEPTH = 256;

/** True when `value` nests objects or arrays more than `limit` levels deep (stops looking once it does). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** The refusal for an event nested past {@link MAX_JSON_DEPTH}, naming the limit and the fix; null when it is fine. */
export function eventDepthIssue(event: unknown): { field: 'event'; message: string } | null {
  if (!nestsDeeperThan(event, MAX_JSON_DEPTH)) return null;
  return {
    field: 'event',
    message: `the event payload nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep, the most Hooksmith handles (Apono's events nest a few levels). Nothing was sent; use a flatter payload.`,
  };
}
