import { describe, expect, it } from 'vitest';
import { checkRobustness, type RobustnessFinding, type RobustnessOptions } from './robustness';
import { DOCUMENTED_TEMPLATE, LOOPING_TEMPLATE } from './example-templates';

/** The findings for a template that compiles. */
function findings(text: string, options?: RobustnessOptions): RobustnessFinding[] {
  const report = checkRobustness(text, options);
  if (!report.compiles) throw new Error(`does not compile: ${report.syntaxError.message}`);
  return report.findings;
}

describe('checkRobustness', () => {
  it('the documented template holds on every sample', () => {
    expect(findings(DOCUMENTED_TEMPLATE)).toEqual([]);
  });

  it('finds escaping that alters free text, per sample', () => {
    const f = findings('{"j": "{{data.justification}}", "n": "{{data.requester.name}}"}');
    const ids = f.map((x) => x.sampleId);
    expect(ids).toContain('edge-quotes-backslashes');
    expect(ids).toContain('edge-html-characters');
    expect(f.find((x) => x.sampleId === 'edge-html-characters')).toMatchObject({
      kind: 'escaping-altered',
      altered: { path: '$.j', received: 'Fix &lt;script&gt; &amp; check a &gt; b, &#x60;x&#x60; &#x3D; &#x27;y&#x27;' },
    });
  });

  it('places an altered value at the mustache that output it, in the template and the body', () => {
    const t = '{\n  "id": "{{data.id}}",\n  "who": "by {{data.requester.email}} {{data.requester.name}}",\n  "b": [{{#if data.access_bundle}}"{{data.access_bundle.name}}"{{/if}}]\n}';
    const f = findings(t);
    // Jane "JJ" O'Brien: the quote breaks the unescaped render, so the first entity places it.
    expect(f.find((x) => x.sampleId === 'edge-quotes-backslashes')).toMatchObject({
      kind: 'escaping-altered',
      altered: { path: '$.who' },
      template: { line: 3, column: 39 },
      body: { line: 3, column: 36 },
    });
    // R&D <bundle>: the unescaped render is JSON, so the first differing character places it.
    expect(f.find((x) => x.sampleId === 'edge-html-characters')).toMatchObject({
      altered: { path: '$.b[0]', received: 'R&amp;D &lt;bundle&gt;' },
      template: { line: 4, column: 36 },
    });
  });

  it('finds bodies that stop being JSON, with the template line', () => {
    const t = '{\n  "j": "{{data.justification}}"\n}';
    const f = findings(t);
    const newline = f.find((x) => x.sampleId === 'edge-newlines-tabs');
    expect(newline).toMatchObject({ kind: 'invalid-json', template: { line: 2 } });
    const raw = findings('{\n  "j": "{{{data.justification}}}"\n}');
    expect(raw.find((x) => x.sampleId === 'edge-quotes-backslashes')).toMatchObject({ kind: 'invalid-json', template: { line: 2, column: 9 } });
  });

  it('catches a loop that only breaks with an empty or single list', () => {
    expect(findings(LOOPING_TEMPLATE).filter((f) => f.kind === 'invalid-json')).toEqual([]);
    const t = '{"first": "{{data.approvals.[0].status}}", "n": {{data.approvals.length}} }';
    expect(findings(t)).toEqual([]);
    const unguarded = '{"r": {{data.revocation_date}} }';
    expect(findings(unguarded).map((f) => f.sampleId)).toEqual(['trigger-RequestRejected', 'edge-no-bundle-no-grantee']);
  });

  it('a template that does not compile is reported once, as that, not per sample', () => {
    // The unclosed block is found at the end of the text.
    expect(checkRobustness('{\n  "a": "{{#if data.grantee}}"\n}')).toEqual({ compiles: false, syntaxError: { message: expect.stringContaining('Parse error'), line: 3, column: 2 } });
  });
});
