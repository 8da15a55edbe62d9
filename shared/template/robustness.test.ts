import { describe, expect, it } from 'vitest';
import { checkRobustness } from './robustness';
import { DOCUMENTED_TEMPLATE, LOOPING_TEMPLATE } from './example-templates';

describe('checkRobustness', () => {
  it('the documented template holds on every sample', () => {
    expect(checkRobustness(DOCUMENTED_TEMPLATE)).toEqual([]);
  });

  it('finds escaping that alters free text, per sample', () => {
    const f = checkRobustness('{"j": "{{data.justification}}", "n": "{{data.requester.name}}"}');
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
    const f = checkRobustness(t);
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
    const f = checkRobustness(t);
    const newline = f.find((x) => x.sampleId === 'edge-newlines-tabs');
    expect(newline).toMatchObject({ kind: 'invalid-json', template: { line: 2 } });
    const raw = checkRobustness('{\n  "j": "{{{data.justification}}}"\n}');
    expect(raw.find((x) => x.sampleId === 'edge-quotes-backslashes')).toMatchObject({ kind: 'invalid-json', template: { line: 2, column: 9 } });
  });

  it('catches a loop that only breaks with an empty or single list', () => {
    expect(checkRobustness(LOOPING_TEMPLATE).filter((f) => f.kind === 'invalid-json')).toEqual([]);
    const t = '{"first": "{{data.approvals.[0].status}}", "n": {{data.approvals.length}} }';
    expect(checkRobustness(t)).toEqual([]);
    const unguarded = '{"r": {{data.revocation_date}} }';
    expect(checkRobustness(unguarded).map((f) => f.sampleId)).toEqual(['trigger-RequestRejected', 'edge-no-bundle-no-grantee']);
  });

  it('reports a syntax error once', () => {
    expect(checkRobustness('{{#if}}')).toHaveLength(1);
  });
});
