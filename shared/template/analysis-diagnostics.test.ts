import { describe, expect, it } from 'vitest';
import { INTEGRATION_SCHEMA } from '../payload/other-schemas';
import { analyseTemplate } from './analysis';
import { DOCUMENTED_TEMPLATE, LOOPING_TEMPLATE } from './example-templates';

const codes = (t: string, escape: 'html' | 'none' = 'html') => analyseTemplate(t, { escape }).diagnostics.map((d) => d.code);
const only = (t: string) => {
  const ds = analyseTemplate(t).diagnostics;
  expect(ds, JSON.stringify(ds)).toHaveLength(1);
  return ds[0]!;
};

describe('diagnostics', () => {
  it('the documented templates are clean', () => {
    expect(analyseTemplate(DOCUMENTED_TEMPLATE).diagnostics).toEqual([]);
    expect(analyseTemplate(LOOPING_TEMPLATE).diagnostics).toEqual([]);
  });

  it('syntax errors carry a position', () => {
    const d = only('{\n  "a": "{{data.id"\n}');
    expect(d).toMatchObject({ code: 'syntax-error', severity: 'error', line: 2 });
  });

  it('unknown path with did-you-mean and a fix', () => {
    const d = only('{"e": "{{data.requestor.email}}"}');
    expect(d).toMatchObject({ code: 'unknown-path', severity: 'error', line: 1, column: 10, endColumn: 30 });
    expect(d.message).toContain('Did you mean `requester`?');
    expect(d.fix).toEqual({ title: 'Change to data.requester.email', range: { line: 1, column: 10, endLine: 1, endColumn: 30 }, text: 'data.requester.email' });
  });

  it('did-you-mean keeps bracket, ../ and @root spellings', () => {
    const fix = (t: string) => analyseTemplate(t).diagnostics[0]?.fix?.text;
    expect(fix('"{{data.access_groups.[0].[integraton].name}}"')).toBe('data.access_groups.[0].[integration].name');
    expect(fix('{{#each data.access_groups}}"{{../data.frendly_id}}"{{/each}}')).toBe('../data.friendly_id');
    expect(fix('"{{@root.data.Justification}}"')).toBe('@root.data.justification');
    // No close name: a warning without a fix (the field may be undocumented).
    expect(analyseTemplate('"{{data.tenant_region}}"').diagnostics[0]).toMatchObject({ code: 'unknown-path', severity: 'warning' });
    expect(analyseTemplate('"{{data.tenant_region}}"').diagnostics[0]?.fix).toBeUndefined();
  });

  it('array used without index or #each', () => {
    const d = only('{"n": "{{data.access_groups.integration.name}}"}');
    expect(d).toMatchObject({ code: 'array-without-index', severity: 'error' });
    expect(d.fix?.text).toBe('data.access_groups.[0].integration.name');
    expect(only('{"x": "{{data.access_groups}}"}').code).toBe('array-without-index');
    // The integration payload's documented example makes exactly this mistake (spec §9.2).
    const i = analyseTemplate('{"s": "{{data.issues.status}}"}', { schema: INTEGRATION_SCHEMA }).diagnostics;
    expect(i.map((d) => d.code)).toEqual(['array-without-index']);
  });

  it('trailing comma from #each without @last, with a fix', () => {
    const t = '{"u": [\n  {{#each data.access_groups}}\n  "{{integration.name}}",\n  {{/each}}\n]}';
    const d = only(t);
    expect(d).toMatchObject({ code: 'trailing-comma', severity: 'error', line: 3, column: 25 });
    expect(d.fix?.text).toBe('{{#unless @last}},{{/unless}}');
    const fixed = t.split('\n').map((l, i) => (i === 2 ? l.slice(0, 24) + d.fix!.text + l.slice(25) : l)).join('\n');
    expect(codes(fixed)).toEqual([]);
    // A comma inside a JSON string is not a separator.
    expect(codes('{"u": "{{#each data.access_groups}}{{integration.name}}, {{/each}}"}')).toEqual([]);
    // A leading @first guard is fine too.
    expect(codes('[{{#each data.approvals}}{{#unless @first}},{{/unless}}"{{status}}"{{/each}}]')).toEqual([]);
  });

  it('free text under HTML escaping is a warning; raw output of it too', () => {
    expect(only('{"j": "{{data.justification}}"}')).toMatchObject({ code: 'html-escape-alters-value', severity: 'warning' });
    expect(codes('{"j": "{{{data.justification}}}"}')).toEqual(['triple-stash-breaks-json']);
    expect(codes('{"j": "{{&data.justification}}"}')).toEqual(['triple-stash-breaks-json']);
    expect(codes('{"j": "{{data.justification}}"}', 'none')).toEqual(['unescaped-value-breaks-json']);
    // IDs and emails are not free text: no warning.
    expect(codes('{"j": "{{data.friendly_id}}", "e": "{{data.requester.email}}"}')).toEqual([]);
  });

  it('a string outside quotes', () => {
    expect(only('{"id": {{data.friendly_id}} }')).toMatchObject({ code: 'string-outside-json-string' });
    expect(codes('{"t": {{data.creation_date}} }')).toEqual([]);
  });

  it('optional objects need a guard', () => {
    expect(only('{"b": "{{data.access_bundle.name}}"}')).toMatchObject({ code: 'unguarded-optional', severity: 'warning' });
    expect(codes('{ {{#if data.access_bundle}}"b": "{{data.access_bundle.id}}"{{/if}} }')).toEqual([]);
    expect(codes('{ {{#with data.grantee}}"g": "{{id}}"{{/with}} }')).toEqual([]);
    expect(codes('{ {{#if data.grantee}}{{else}}"g": "{{data.grantee.id}}"{{/if}} }')).toEqual(['unguarded-optional']);
    expect(codes('{ {{#unless data.grantee}}{{else}}"g": "{{data.grantee.id}}"{{/unless}} }')).toEqual([]);
    // An index past minItems: approvals can be empty.
    expect(codes('{"a": "{{data.approvals.[0].status}}"}')).toEqual(['unguarded-optional']);
    expect(codes('{"a": "{{data.access_groups.[0].integration.id}}"}')).toEqual([]);
    // An optional number outside quotes renders nothing: `"r": ,`.
    expect(codes('{"r": {{data.revocation_date}} }')).toEqual(['unguarded-optional']);
  });

  it('data variables outside #each', () => {
    expect(only('{"i": {{@index}} }')).toMatchObject({ code: 'data-variable-outside-each' });
    expect(codes('[{{#each data.approvals}}{{@index}}{{#unless @last}},{{/unless}}{{/each}}]')).toEqual([]);
  });

  it('helpers and partials stock Handlebars lacks are errors at the call, with did-you-mean for built-ins', () => {
    const json = only('{"r": {{json data.requester}} }');
    expect(json).toMatchObject({ code: 'unknown-helper', severity: 'error', line: 1, column: 9, endColumn: 13 });
    expect(json.message).toContain('Apono renders with stock Handlebars');
    expect(json.message).toContain('Missing helper "json"');
    const date = analyseTemplate('{\n  "d": "{{formatDate data.creation_date}}"\n}').diagnostics;
    expect(date).toEqual([expect.objectContaining({ code: 'unknown-helper', line: 2, column: 11 })]);
    const block = only('[\n{{#eachh data.approvals}}{{/eachh}}]');
    expect(block).toMatchObject({ code: 'unknown-helper', line: 2, column: 4 });
    expect(block.message).toContain('Did you mean `each`?');
    expect(block.fix).toBeUndefined();
    expect(only('"{{lookupp data.requester "email"}}"').fix).toMatchObject({ text: 'lookup' });
    const partial = only('{"a": {{> foo}} }');
    expect(partial).toMatchObject({ code: 'unknown-partial', severity: 'error', line: 1, column: 11 });
    expect(partial.message).toContain('no partials');
    expect(codes('"{{lookup data.requester (concat "e" "mail")}}"')).toContain('unknown-helper');
  });

  it('a data path with arguments is a helper call too; stock helpers and argument-less names are not', () => {
    const d = only('{"x": "{{data.friendly_id "y"}}"}');
    expect(d).toMatchObject({ code: 'unknown-helper', column: 10 });
    expect(d.message).toContain('calls it as a helper');
    expect(d.message).not.toContain('Did you mean');
    expect(codes('[{{#each data.approvals}}"{{lookup this "name"}}"{{#unless @last}},{{/unless}}{{log @index}}{{/each}}]')).toEqual([]);
    expect(codes('{{#with data.requester}}"{{email}}"{{/with}}')).toEqual([]);
  });
});
