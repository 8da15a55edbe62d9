import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render';
import { describeRenderError, renderErrorOf, type FailedRender } from './render-error';

function failed(template: string, event: unknown = {}): FailedRender {
  const r = renderTemplate(template, event);
  if (r.ok) throw new Error(`expected ${template} to fail`);
  return r;
}

describe('describeRenderError', () => {
  it('tells a syntax error with its template line and column', () => {
    const r = failed('{\n  "a": {{#if x}}1\n}');
    const e = renderErrorOf(r);
    expect(e.line).toBeGreaterThan(0);
    expect(describeRenderError(r)).toBe(`${e.message} (template line ${e.line}, column ${e.column})`);
  });

  it('tells a runtime error the same way, and leaves the position out when there is none', () => {
    expect(describeRenderError({ ok: false, runtimeError: { message: 'boom' } })).toBe('boom');
    expect(describeRenderError({ ok: false, runtimeError: { message: 'boom', line: 4 } })).toBe('boom (template line 4, column 1)');
  });
});
