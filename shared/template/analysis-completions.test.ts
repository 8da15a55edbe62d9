import { describe, expect, it } from 'vitest';
import { completionsAt, type CompletionOptions } from './analysis-completions';
import { hoverAt } from './analysis-hover';

/** Completions at the `|` marker of a template (the last `|`, as block params use pipes too). */
function at(marked: string, trigger: CompletionOptions['trigger'] = 'invoked') {
  const offset = marked.lastIndexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return completionsAt(text, before.length, (before[before.length - 1]?.length ?? 0) + 1, { trigger });
}
const labels = (marked: string) => at(marked).items.map((i) => i.label);

describe('completions', () => {
  it('root fields at the top level of a mustache', () => {
    const l = labels('{"a": "{{|');
    expect(l).toEqual(expect.arrayContaining(['event_type', 'event_time', 'data', '@root', 'this', 'lookup']));
    expect(l).not.toContain('@index');
  });

  it('completes an unfinished {{data.req with the children of data', () => {
    const c = at('{\n  "r": "{{data.req|');
    expect(c.items.map((i) => i.label)).toEqual(expect.arrayContaining(['requester', 'friendly_id', 'access_groups', 'grantee']));
    expect(c.replaceRange).toEqual({ line: 2, column: 16, endLine: 2, endColumn: 19 });
    const requester = c.items.find((i) => i.label === 'requester');
    expect(requester).toMatchObject({ kind: 'object', insertText: 'requester' });
    expect(at('"{{data.requester.|').items.map((i) => i.label)).toEqual(['id', 'name', 'email']);
  });

  it('inside #each the element is the context, with @index and ../', () => {
    const l = labels('{{#each data.access_groups}}\n  {{|');
    expect(l).toEqual(expect.arrayContaining(['integration', 'resource_types', 'access_units', '@index', '@first', '@last', '../']));
    expect(l).not.toContain('@key');
    expect(l).not.toContain('requester');
  });

  it('nested #each and ../ paths', () => {
    const t = '{{#each data.access_groups}}{{#each access_units}}{{|';
    expect(labels(t)).toEqual(expect.arrayContaining(['resource', 'permission']));
    expect(labels('{{#each data.access_groups}}{{#each access_units}}{{../|')).toEqual(['integration', 'resource_types', 'access_units']);
    expect(labels('{{#each data.access_groups}}{{#each access_units}}{{../../data.requester.|')).toEqual(['id', 'name', 'email']);
    expect(labels('{{#each data.access_groups}}{{#each access_units}}{{@root.data.access_flow.|')).toEqual(['id', 'name']);
    expect(labels('{{#each data.access_groups}}{{#each access_units}}{{resource.type.|')).toEqual(['id', 'name', 'display_path']);
  });

  it('closed blocks and {{else}} restore the outer context', () => {
    expect(labels('{{#each data.approvals}}{{status}}{{/each}}{{|')).toContain('data');
    expect(labels('{{#each data.approvals}}{{else}}{{|')).toContain('data');
    expect(labels('{{#with data.requester}}{{|')).toEqual(expect.arrayContaining(['id', 'name', 'email']));
    expect(labels('{{#if data.grantee}}{{|')).toContain('data');
  });

  it('block params', () => {
    const l = labels('{{#each data.approvals as |a i|}}{{|');
    expect(l).toEqual(expect.arrayContaining(['a', 'i', 'approver']));
    expect(labels('{{#each data.approvals as |a i|}}{{a.approver.|')).toEqual(['id', 'name', 'email']);
  });

  it('array paths offer [0] and the element fields', () => {
    expect(labels('{{data.access_groups.|')).toEqual(['integration', 'resource_types', 'access_units', '[0]']);
    expect(labels('{{data.access_groups.[0].integration.|')).toEqual(['id', 'type', 'name']);
  });

  it('block helpers after {{#, and snippets outside mustaches', () => {
    expect(at('{{#|').items.filter((i) => i.kind !== 'snippet').map((i) => i.label)).toEqual(['each', 'if', 'unless', 'with']);
    const outside = at('{"a": |');
    expect(outside.items.find((i) => i.label === 'event_type')?.insertText).toBe('{{event_type}}');
    expect(outside.items.find((i) => i.label === '#each')).toMatchObject({ kind: 'snippet', isSnippet: true });
    expect(outside.blockRange).toEqual(outside.replaceRange);
  });

  it('a typed JSON brace or dot outside a mustache offers nothing; the second brace of {{ does', () => {
    expect(at('{\n  "a": {|', 'typed').items).toEqual([]);
    expect(at('{"url": "https://a.b/|', 'typed').items).toEqual([]);
    expect(at('{"a": "x.|', 'typed').items).toEqual([]);
    expect(at('{{! a comment {|', 'typed').items).toEqual([]);
    const typed = at('{"a": "{{|', 'typed');
    expect(typed.items.map((i) => i.label)).toEqual(expect.arrayContaining(['event_type', 'data', '#each', '#if', '#with']));
    expect(at('{"a": "{{data.|', 'typed').items.map((i) => i.label)).toContain('requester');
  });

  it('block snippets only where a block may start, replacing the {{ typed and the }} the editor closed', () => {
    const open = at('{"a": {{|}}');
    expect(open.blockRange).toEqual({ line: 1, column: 7, endLine: 1, endColumn: 11 });
    expect(open.items.find((i) => i.label === '#each')?.insertText).toMatch(/^\{\{#each /);
    expect(at('{"a": {{|').blockRange).toEqual({ line: 1, column: 7, endLine: 1, endColumn: 9 });
    for (const inside of ['{"a": "{{data|', '{"a": "{{{|', '{"a": "{{ |']) {
      const c = at(inside);
      expect(c.blockRange).toBeUndefined();
      expect(c.items.filter((i) => i.kind === 'snippet')).toEqual([]);
    }
  });
});

describe('block snippets by a typed prefix', () => {
  const snippets = (c: ReturnType<typeof at>) => c.items.filter((i) => i.kind === 'snippet');

  it('a word outside a mustache offers the blocks it starts, replacing just the word', () => {
    const c = at('[\n  ea|');
    expect(snippets(c).map((i) => i.label)).toEqual(['#each', '#each (JSON list)']);
    expect(c.blockRange).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 5 });
    // The editor matches the typed `ea` against the filter text, which must start the same way.
    for (const s of snippets(c)) expect(s.filterText?.startsWith('ea'), s.label).toBe(true);
    expect(snippets(at('[ each|')).map((i) => i.label)).toEqual(['#each', '#each (JSON list)']);
    // A JSON bracket right before the word is not part of it.
    const bracket = at('"groups": [ea|');
    expect(snippets(bracket).map((i) => i.label)).toEqual(['#each', '#each (JSON list)']);
    expect(bracket.blockRange).toEqual({ line: 1, column: 12, endLine: 1, endColumn: 14 });
    expect(at('"groups": [dat|').replaceRange).toEqual({ line: 1, column: 12, endLine: 1, endColumn: 15 });
    expect(snippets(at('[ w|')).map((i) => i.label)).toEqual(['#with', '#with (object)']);
    expect(snippets(at('[ x|'))).toEqual([]);
  });

  it('after {{# the snippets replace the {{# and the typed prefix, and a }} the editor closed', () => {
    const c = at('{"a": {{#ea|');
    expect(c.items.filter((i) => i.kind !== 'snippet').map((i) => i.label)).toEqual(['each', 'if', 'unless', 'with']);
    expect(snippets(c).map((i) => i.label)).toEqual(['#each', '#each (JSON list)']);
    expect(c.blockRange).toEqual({ line: 1, column: 7, endLine: 1, endColumn: 12 });
    for (const s of snippets(c)) expect(s.filterText?.startsWith('{{#ea'), s.label).toBe(true);
    expect(snippets(c).find((i) => i.label === '#each (JSON list)')?.insertText).toMatch(/^\{\{#each .*\{\{#unless @last\}\},\{\{\/unless\}\}/s);
    expect(at('{"a": {{#|}}').blockRange).toEqual({ line: 1, column: 7, endLine: 1, endColumn: 12 });
    expect(snippets(at('{"a": {{#|')).map((i) => i.label)).toEqual(['#each', '#if', '#unless', '#with', '#each (JSON list)', '#if (optional field)', '#with (object)']);
    // Past the helper name the block is started: no snippet.
    expect(at('{"a": {{#each |').blockRange).toBeUndefined();
  });

  it('right after {{ every block is offered with a filter text that starts with the braces', () => {
    const c = at('{"a": {{|');
    expect(snippets(c).map((i) => i.filterText)).toContain('{{#each (JSON list)');
  });
});

describe('hover', () => {
  it('documents the field, resolved in context', () => {
    const t = '{{#each data.access_groups}}"{{integration.name}}"{{/each}}';
    const h = hoverAt(t, 1, 45);
    expect(h?.contents).toContain('data.access_groups[].integration.name');
    expect(h?.contents).toContain('Admin-given integration name');
    expect(h?.range).toEqual({ line: 1, column: 32, endLine: 1, endColumn: 48 });
  });

  it('documents the segment under the cursor', () => {
    const t = '"{{data.requester.email}}"';
    expect(hoverAt(t, 1, 10)?.contents).toContain('The requesting user');
    expect(hoverAt(t, 1, 20)?.contents).toContain('Email of the requester');
  });

  it('works while the template does not parse', () => {
    const h = hoverAt('{{#with data.grantee}}{{type', 1, 25);
    expect(h?.contents).toContain('Grantee type');
    expect(hoverAt('plain text', 1, 3)).toBeUndefined();
  });
});
