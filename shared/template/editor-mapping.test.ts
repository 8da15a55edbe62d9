import { describe, expect, it } from 'vitest';
import { flattenFields } from '../payload/field-schema';
import { REQUEST_SCHEMA } from '../payload/request-schema';
import { analyseTemplate } from './analysis';
import { allSamples } from '../payload/samples';
import { renderBody } from './render';
import { fixesAt, fromEditorRange, insertionFor, offsetOf, rangesTouch, toEditorRange } from './editor-mapping';

const row = (path: string) => {
  const found = flattenFields(REQUEST_SCHEMA).find((r) => r.path === path);
  if (!found) throw new Error(`no field ${path}`);
  return found;
};

describe('editor ranges', () => {
  it('maps 1-based analysis ranges to Monaco ranges and back', () => {
    const r = { line: 2, column: 3, endLine: 2, endColumn: 9 };
    expect(toEditorRange(r)).toEqual({ startLineNumber: 2, startColumn: 3, endLineNumber: 2, endColumn: 9 });
    expect(fromEditorRange(toEditorRange(r))).toEqual(r);
  });

  it('widens an empty range so the marker is visible', () => {
    expect(toEditorRange({ line: 1, column: 5, endLine: 1, endColumn: 5 })).toMatchObject({ startColumn: 5, endColumn: 6 });
  });

  it('treats touching ranges as overlapping and distant ones as not', () => {
    const a = { line: 1, column: 1, endLine: 1, endColumn: 5 };
    expect(rangesTouch(a, { line: 1, column: 5, endLine: 1, endColumn: 5 })).toBe(true);
    expect(rangesTouch(a, { line: 1, column: 6, endLine: 1, endColumn: 8 })).toBe(false);
    expect(rangesTouch(a, { line: 2, column: 1, endLine: 2, endColumn: 1 })).toBe(false);
  });
});

describe('quick fixes at a range', () => {
  it('offers the trailing-comma fix on the marker of an #each without @last', () => {
    const text = '{"ids": [{{#each data.access_groups}}"{{integration.id}}",{{/each}}]}';
    const diags = analyseTemplate(text).diagnostics;
    const comma = diags.find((d) => d.code === 'trailing-comma');
    expect(comma?.fix?.text).toContain('{{#unless @last}},{{/unless}}');
    const at = fixesAt(diags, { line: comma!.line, column: comma!.column, endLine: comma!.line, endColumn: comma!.column });
    expect(at.map((d) => d.code)).toContain('trailing-comma');
    expect(fixesAt(diags, { line: 5, column: 1, endLine: 5, endColumn: 1 })).toEqual([]);
  });
});

describe('insertionFor', () => {
  it('inserts a full {{path}} at the root, outside a mustache', () => {
    expect(insertionFor('{"who": "', row('data.requester.email'))).toBe('{{data.requester.email}}');
  });

  it('inserts a path relative to the #each context, bare inside an open mustache', () => {
    const prefix = '{{#each data.access_groups}}"';
    expect(insertionFor(prefix, row('data.access_groups[].integration.name'))).toBe('{{integration.name}}');
    expect(insertionFor(`${prefix}{{`, row('data.access_groups[].integration.name'))).toBe('integration.name');
  });

  it('indexes nested arrays and reaches outside the context through @root', () => {
    const prefix = '{{#each data.access_groups}}';
    expect(insertionFor(prefix, row('data.access_groups[].access_units[].resource.name'))).toBe('{{access_units.[0].resource.name}}');
    expect(insertionFor(prefix, row('data.requester.email'))).toBe('{{@root.data.requester.email}}');
  });

  it('is back at the root after the block closes, and follows #with', () => {
    expect(insertionFor('{{#each data.access_groups}}{{/each}}', row('data.access_groups[].integration.name'))).toBe('{{data.access_groups.[0].integration.name}}');
    expect(insertionFor('{{#with data.requester}}', row('data.requester.email'))).toBe('{{email}}');
  });
});

describe('insertionFor in nested blocks', () => {
  const inner = '{{#each data.access_groups}}{{#each access_units}}"{{resource.name}} in ';

  it('reaches a field of an enclosing #each with ../ per level, not @root…[0]', () => {
    expect(insertionFor(inner, row('data.access_groups[].integration.name'))).toBe('{{../integration.name}}');
    expect(insertionFor(`${inner}{{`, row('data.access_groups[].integration.name'))).toBe('../integration.name');
    expect(insertionFor(inner, row('data.access_groups[].access_units[].resource.name'))).toBe('{{resource.name}}');
    expect(insertionFor(inner, row('data.access_groups[].resource_types[].name'))).toBe('{{../resource_types.[0].name}}');
  });

  it('goes through @root for root fields, indexing only arrays no enclosing #each iterates', () => {
    expect(insertionFor(inner, row('data.requester.email'))).toBe('{{@root.data.requester.email}}');
    expect(insertionFor(inner, row('data.approvals[].approver.email'))).toBe('{{@root.data.approvals.[0].approver.email}}');
  });

  it('counts #with as a level and #if/#unless as none', () => {
    const t = '{{#each data.access_groups}}{{#with integration}}{{#if name}}{{#unless @last}}';
    expect(insertionFor(t, row('data.access_groups[].integration.name'))).toBe('{{name}}');
    expect(insertionFor(t, row('data.access_groups[].access_units[].resource.name'))).toBe('{{../access_units.[0].resource.name}}');
    expect(insertionFor('{{#if data.grantee}}', row('data.grantee.name'))).toBe('{{data.grantee.name}}');
  });

  it('renders each resource with its own group\'s integration name', () => {
    const sample = allSamples().find((s) => {
      const groups = (s.event as { data?: { access_groups?: Array<{ integration: { name: string } }> } }).data?.access_groups ?? [];
      return new Set(groups.map((g) => g.integration.name)).size > 1;
    });
    expect(sample, 'a sample with groups of different integrations').toBeDefined();
    const event = sample!.event as { data: { access_groups: Array<{ integration: { name: string }; access_units: Array<{ resource: { name: string } }> }> } };
    const template = `${inner}${insertionFor(inner, row('data.access_groups[].integration.name'))}"\n{{/each}}{{/each}}`;
    const expected = event.data.access_groups.flatMap((g) => g.access_units.map((u) => `"${u.resource.name} in ${g.integration.name}"\n`)).join('');
    expect(renderBody(template, event, { escape: 'none' })).toEqual({ ok: true, body: expected });
  });
});

describe('offsetOf', () => {
  it('finds the offset of a line and column', () => {
    expect(offsetOf('ab\ncd\nef', 3, 2)).toBe(7);
    expect(offsetOf('ab', 9, 1)).toBe(2);
  });
});
