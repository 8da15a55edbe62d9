import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { documentedExample } from '../payload/samples';
import { allSamples } from '../payload/samples';
import { DOCUMENTED_TEMPLATE, LOOPING_TEMPLATE } from './example-templates';
import { clearRenderCache, renderTemplate } from './render';

const CORPUS = [
  DOCUMENTED_TEMPLATE,
  LOOPING_TEMPLATE,
  '{"j": "{{data.justification}}", "raw": "{{{data.justification}}}", "amp": "{{&data.requester.name}}"}',
  '{{#each data.approvals}}\n  {{name}}:{{status}}{{#if @first}} first{{/if}}{{#if @last}} last{{/if}} {{@index}}\n{{/each}}',
  '{{#with data.requester}}{{name}} <{{email}}> {{../data.id}} {{@root.event_type}}{{/with}}',
  '  {{#if data.grantee}}\n  grantee {{data.grantee.name}}\n  {{else}}\n  none\n  {{/if}}\n',
  '{{~#each data.access_groups~}} {{integration.name}} {{~/each~}}',
  '{{#each data.custom_fields}}{{@key}}={{this}};{{else}}empty{{/each}}',
  '{{lookup data.requester "email"}} {{data.access_groups.length}} {{!comment}} {{!-- long --}}',
  '{{#each data.access_groups as |g gi|}}{{#each g.access_units as |u|}}{{gi}}:{{u.resource.name}} {{/each}}{{/each}}',
  '\\{{escaped}} {{data.friendly_id}}',
];

describe('renderTemplate', () => {
  it('renders byte-for-byte as stock Handlebars on the corpus, in both escape modes', () => {
    clearRenderCache();
    for (const sample of allSamples()) {
      for (const t of CORPUS) {
        for (const escape of ['html', 'none'] as const) {
          const stock = Handlebars.compile(t, escape === 'none' ? { noEscape: true } : {})(sample.event);
          const r = renderTemplate(t, sample.event, { escape });
          expect(r.ok && r.body, `${sample.id} ${escape}: ${t}`).toBe(stock);
        }
      }
    }
  });

  it('returns the parsed JSON when the body is valid', () => {
    const r = renderTemplate(DOCUMENTED_TEMPLATE, documentedExample());
    expect(r.ok && r.json).toMatchObject({ valid: true, value: { fields: { 'integration name': 'prod db' } } });
  });

  it('html mode escapes, none mode does not', () => {
    const event = { data: { justification: 'a"b<c>&' } };
    const t = '{"j": "{{data.justification}}"}';
    expect(renderTemplate(t, event).ok && (renderTemplate(t, event) as { body: string }).body).toBe('{"j": "a&quot;b&lt;c&gt;&amp;"}');
    const raw = renderTemplate(t, event, { escape: 'none' });
    expect(raw.ok && raw.json).toMatchObject({ valid: false, line: 1, column: 10 });
  });

  it('maps an invalid-JSON position to the template statement that produced it', () => {
    // The trailing comma comes from the content inside #each on template line 3.
    const t = '{\n  "units": [\n    {{#each data.access_groups}}"{{integration.name}}",{{/each}}\n  ]\n}';
    const r = renderTemplate(t, documentedExample());
    expect(r.ok).toBe(true);
    if (!r.ok || r.json.valid) throw new Error('expected invalid JSON');
    expect(r.body).toBe('{\n  "units": [\n    "prod db",\n  ]\n}');
    expect(r.json).toMatchObject({ line: 4, column: 3 });
    // The `]` that JSON rejects is on template line 4, column 3.
    expect(r.json.templateLocation).toEqual({ line: 4, column: 3 });
  });

  it('points at the mustache whose value broke the JSON', () => {
    const t = '{\n  "a": 1,\n  "j": "{{{data.justification}}}"\n}';
    const event = { data: { justification: 'say "hi"' } };
    const r = renderTemplate(t, event);
    if (!r.ok || r.json.valid) throw new Error('expected invalid JSON');
    expect(r.json.templateLocation).toEqual({ line: 3, column: 9 });
  });

  it('maps positions inside content after stripped standalone lines', () => {
    const t = '{\n  {{#if data.x}}\n  "a": 1\n  {{/if}}\n  "b": 2 x\n}';
    const r = renderTemplate(t, { data: { x: true } });
    if (!r.ok || r.json.valid) throw new Error('expected invalid JSON');
    expect(r.body).toBe('{\n  "a": 1\n  "b": 2 x\n}');
    // JSON fails at `"b"` (missing comma): body line 3, but template line 5 once the standalone lines are counted.
    expect(r.json).toMatchObject({ line: 3, column: 3, templateLocation: { line: 5, column: 3 } });
  });

  it('reports syntax errors with 1-based line and column', () => {
    const r = renderTemplate('{\n  "a": "{{data.id"\n}', {});
    expect(r).toMatchObject({ ok: false, syntaxError: { line: 2 } });
    const m = renderTemplate('{{#each data.access_groups}}\n  x\n{{/with}}', {});
    expect(m).toMatchObject({ ok: false, syntaxError: { message: "each doesn't match with", line: 1, column: 4 } });
    const s = renderTemplate('{{n}}}', {});
    expect(s.ok).toBe(false);
  });

  it('reports runtime errors as such', () => {
    const r = renderTemplate('{{> missing}}', {});
    expect(r).toMatchObject({ ok: false, runtimeError: { message: expect.stringContaining('missing') } });
  });

  it('places a missing helper or partial at its first call, which Handlebars does not', () => {
    expect(renderTemplate('{\n  "r": {{json data.requester}}\n}', {})).toEqual({ ok: false, runtimeError: { message: 'Missing helper: "json"', line: 2, column: 10 } });
    expect(renderTemplate('[\n {{#eachh data.x}}{{/eachh}}]', {})).toMatchObject({ runtimeError: { line: 2, column: 5 } });
    expect(renderTemplate('{"x": "{{data.friendly_id \'y\'}}"}', {})).toMatchObject({ runtimeError: { message: 'Missing helper: "data.friendly_id"', line: 1, column: 10 } });
    expect(renderTemplate('{"a": 1,\n "b": {{> foo}} }', {})).toMatchObject({ runtimeError: { message: 'The partial foo could not be found', line: 2, column: 11 } });
  });
});
