/**
 * Completions at a cursor, including inside an unfinished `{{data.req` that does not parse yet.
 *
 * The block context comes from a textual scan of the text before the cursor (block opens, `{{else}}`,
 * closes), not from the AST: while the user types, the template is usually unparseable.
 */
import { REQUEST_SCHEMA } from '../payload/request-schema';
import type { FieldSchema, PayloadSchema } from '../payload/field-schema';
import { dataVariableDocs, parsePathText, Scope } from './analysis-scope';
import type { CompletionList, TemplateCompletion, TemplateRange } from './analysis-types';

const TAG = /\{\{(!--[\s\S]*?--\}\}|![\s\S]*?\}\}|\{?~?\s*([#^/]?)\s*([^\s}~()]*)([^}]*?)~?\}?\}\})/g;

/** Builds the scope in force at the end of `prefix` by replaying its block tags. */
export function scopeAt(prefix: string, schema: PayloadSchema): Scope {
  const scope = new Scope(schema);
  const stack: string[] = [];
  for (const m of prefix.matchAll(TAG)) {
    if (m[1]?.startsWith('!')) continue;
    const sigil = m[2] ?? '';
    const name = m[3] ?? '';
    const rest = (m[4] ?? '').trim();
    if (sigil === '#') {
      const [paramText = '', , blockParams = ''] = /^(\S*)\s*(as\s*\|([^|]*)\|)?/.exec(rest)?.slice(1) ?? [];
      const param = paramText && !paramText.startsWith('(') ? scope.resolve(parsePathText(paramText)) : undefined;
      scope.push(name, param, blockParams.trim().split(/\s+/).filter(Boolean));
      stack.push(name);
    } else if (sigil === '/') {
      const at = stack.lastIndexOf(name);
      const pops = at < 0 ? 1 : stack.length - at;
      for (let i = 0; i < pops && stack.length; i++) {
        stack.pop();
        scope.pop();
      }
    } else if ((sigil === '' && name === 'else') || (sigil === '^' && name === '')) {
      scope.enterInverse();
    }
  }
  return scope;
}

function kindOf(f: FieldSchema): TemplateCompletion['kind'] {
  return f.type === 'array' ? 'array' : f.type === 'object' ? 'object' : 'field';
}

function docOf(f: FieldSchema): string {
  const lines = [f.description];
  if (f.example !== undefined) lines.push(`Example: \`${JSON.stringify(f.example)}\``);
  if (f.enumValues) lines.push(`Values: ${f.enumValues.map((v) => `\`${v}\``).join(', ')}`);
  if (f.optional) lines.push('May be missing: guard with `{{#if …}}`.');
  if (f.type === 'array') lines.push('An array: iterate with `{{#each …}}` or index with `.[0]`.');
  return lines.join('\n\n');
}

function fieldItems(fields: readonly FieldSchema[], inMustache: boolean, prefixPath: string): TemplateCompletion[] {
  return fields.map((f) => ({
    label: f.name,
    kind: kindOf(f),
    detail: `${f.type}${f.optional ? ' (optional)' : ''}`,
    documentation: docOf(f),
    insertText: inMustache ? f.name : `{{${prefixPath}${f.name}}}`,
  }));
}

const HELPERS: ReadonlyArray<[string, string, string]> = [
  ['each', '{{#each ${1:path}}}\n\t$0\n{{/each}}', 'Repeats the block for each element; the element becomes `this`.'],
  ['if', '{{#if ${1:path}}}$0{{/if}}', 'Renders the block when the value is truthy (a guard for optional fields).'],
  ['unless', '{{#unless ${1:@last}}}$0{{/unless}}', 'Renders the block when the value is falsy; `{{#unless @last}},{{/unless}}` separates JSON elements.'],
  ['with', '{{#with ${1:path}}}$0{{/with}}', 'Makes the value `this` inside the block; skipped when the value is missing.'],
  ['lookup', '{{lookup ${1:object} ${2:key}}}', 'Reads a property by a computed name.'],
  ['log', '{{log ${1:value}}}', 'Logs a value while rendering; outputs nothing.'],
];

/** JSON-aware block snippets offered where a block may start, after the bare ones. Monaco snippet syntax. */
const BLOCK_SNIPPETS: ReadonlyArray<{ label: string; insertText: string; documentation: string }> = [
  {
    label: '#each (JSON list)',
    insertText: '{{#each ${1:data.access_groups}}}\n\t${0:{ \\}}{{#unless @last}},{{/unless}}\n{{/each}}',
    documentation: 'Repeats the block per element and puts a comma between elements, never after the last one, so the JSON list stays valid.',
  },
  {
    label: '#if (optional field)',
    insertText: '{{#if ${1:data.grantee}}}$0{{/if}}',
    documentation: 'Renders the block only when the value exists: a guard for optional objects such as `data.grantee`.',
  },
  {
    label: '#with (object)',
    insertText: '{{#with ${1:data.requester}}}$0{{/with}}',
    documentation: 'Makes the object `this` inside the block, so `{{email}}` reads `data.requester.email`; skipped when missing.',
  },
];

function children(f: FieldSchema | undefined): readonly FieldSchema[] {
  if (!f) return [];
  return (f.type === 'array' ? f.element?.children : f.children) ?? [];
}

/** Options of {@link completionsAt}. */
export interface CompletionOptions {
  schema?: PayloadSchema;
  /**
   * How the list was asked for: `typed` when the editor opens it by itself on a character, `invoked` for
   * Ctrl+Space (the default). Text outside a mustache is JSON, where a typed `{`, `.` or `/` is just JSON: it
   * offers nothing, or Enter after a JSON brace would accept a path instead of starting a new line.
   */
  trigger?: 'typed' | 'invoked';
}

/**
 * Completion items at a 1-based line and column of a template.
 *
 * Inside `{{…` the items complete the path being typed in the block context at the cursor (after a dot,
 * the children of what precedes it); outside a mustache, when asked for, they insert whole `{{path}}`
 * expressions. Block snippets come where a block may start (see {@link CompletionList.blockRange}).
 */
export function completionsAt(text: string, line: number, column: number, options: CompletionOptions = {}): CompletionList {
  const schema = options.schema ?? REQUEST_SCHEMA;
  const lines = text.split('\n');
  const lineText = lines[line - 1] ?? '';
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.min(column - 1, lineText.length);
  const prefix = text.slice(0, offset);
  const open = prefix.lastIndexOf('{{');
  const inMustache = open >= 0 && prefix.indexOf('}}', open) < 0 && !prefix.startsWith('{{!', open);
  if (!inMustache && options.trigger === 'typed') return { items: [], replaceRange: { line, column, endLine: line, endColumn: column } };
  // Outside a mustache a leading bracket is the JSON array's (`[ea`), not the start of a path.
  let word = inMustache ? (/[^\s{}()=~#^&>|]*$/.exec(prefix)?.[0] ?? '') : (/[\w.@[\]]*$/.exec(prefix)?.[0] ?? '').replace(/^[[\]]+/, '');
  // `{{/each` is a close tag, not a path starting with `/`.
  if (word.startsWith('/')) word = word.slice(1);
  const lastDot = Math.max(word.lastIndexOf('.'), word.lastIndexOf('/'));
  const base = lastDot >= 0 ? word.slice(0, lastDot) : '';
  const partial = word.slice(lastDot + 1);
  const replaceRange: TemplateRange = { line, column: column - partial.length, endLine: line, endColumn: column };
  const scope = scopeAt(inMustache ? prefix.slice(0, open) : prefix, schema);
  const items: TemplateCompletion[] = [];

  if (lastDot >= 0) {
    // `../` alone means "the parent context"; `@root.` the payload root.
    const spec = parsePathText(base === '..' ? '../' : base.endsWith('/..') ? `${base}/` : base);
    const r = scope.resolve(spec);
    if (!r.problem && r.kind === 'field') items.push(...fieldItems(children(r.ctx.field), true, ''));
    if (r.kind === 'field' && r.ctx.field?.type === 'array') {
      items.push({ label: '[0]', kind: 'keyword', detail: 'first element', documentation: 'Index into the array (Handlebars writes `.[0]`).', insertText: '[0]' });
    }
    return { items, replaceRange };
  }

  const sigil = inMustache ? (/\{\{\{?~?\s*([#^/]?)/.exec(prefix.slice(open))?.[1] ?? '') : '';
  if (inMustache && sigil === '#') {
    for (const [name, , doc] of HELPERS.filter(([n]) => ['each', 'if', 'unless', 'with'].includes(n))) {
      items.push({ label: name, kind: 'helper', detail: 'block helper', documentation: doc, insertText: `${name} ` });
    }
  } else items.push(...contextItems(scope, inMustache));
  const block = blockStart(prefix, inMustache, sigil, line, column, text.startsWith('}}', offset));
  if (!block) return { items, replaceRange };
  const typed = block.typed.toLowerCase();
  for (const s of [...HELPERS.filter(([n]) => ['each', 'if', 'unless', 'with'].includes(n)).map(([n, insertText, documentation]) => ({ label: `#${n}`, insertText, documentation })), ...BLOCK_SNIPPETS]) {
    if (!s.label.slice(1).toLowerCase().startsWith(typed)) continue;
    // The editor filters by the text in the block range, so the filter text starts the way that text does.
    const filterText = block.lead ? `{{${s.label}` : s.label.slice(1);
    items.push({ label: s.label, kind: 'snippet', detail: 'block', documentation: s.documentation, insertText: s.insertText, isSnippet: true, filterText });
  }
  return { items, replaceRange, blockRange: block.range };
}

/** What a path may start with in the block context: its fields and, inside a mustache, `this`, `../` & co. */
function contextItems(scope: Scope, inMustache: boolean): TemplateCompletion[] {
  const current = scope.current;
  const items = fieldItems(children(current.field), inMustache, '');
  if (inMustache) {
    items.push({ label: 'this', kind: 'keyword', detail: current.path || 'payload root', documentation: 'The current context.', insertText: 'this' });
    if (scope.depth > 0) items.push({ label: '../', kind: 'keyword', detail: 'parent context', documentation: 'Steps out of the enclosing `#each`/`#with`.', insertText: '../' });
    items.push({ label: '@root', kind: 'variable', detail: 'payload root', documentation: 'The whole event payload, from any depth.', insertText: '@root.' });
    if (scope.eachOver) {
      for (const [name, doc] of Object.entries(dataVariableDocs())) {
        if (name === 'key' && scope.eachOver === 'array') continue;
        items.push({ label: `@${name}`, kind: 'variable', detail: 'data variable', documentation: doc, insertText: `@${name}` });
      }
    }
    for (const [name, bp] of scope.blockParams()) {
      items.push({ label: name, kind: 'variable', detail: 'block parameter', documentation: bp.kind === 'index' ? 'The current index.' : `An element of \`${bp.ctx.path}\`.`, insertText: name });
    }
    for (const [name, , doc] of HELPERS.filter(([n]) => n === 'lookup' || n === 'log')) {
      items.push({ label: name, kind: 'helper', detail: 'helper', documentation: doc, insertText: `${name} ` });
    }
  }
  return items;
}

/**
 * Where a whole block may start at the cursor, and what of it is typed: a word outside a mustache (`ea`), a
 * bare `{{` (not `{{{`), or `{{#ea`. The range covers that text and a `}}` the editor closed after the cursor,
 * since a snippet brings its own braces.
 */
function blockStart(prefix: string, inMustache: boolean, sigil: string, line: number, column: number, closed: boolean): { range: TemplateRange; lead: string; typed: string } | undefined {
  // Only the word: in `[ea` the bracket is the JSON array's, not part of a path.
  const word = /\w*$/.exec(prefix)?.[0] ?? '';
  if (!inMustache) return { range: { line, column: column - word.length, endLine: line, endColumn: column }, lead: '', typed: word };
  const m = /(^|[^{])(\{\{#?)(\w*)$/.exec(prefix);
  const lead = m?.[2];
  if (!lead || (lead === '{{' && m[3]) || (lead === '{{#' && sigil !== '#')) return undefined;
  const typed = m[3] ?? '';
  return { range: { line, column: column - lead.length - typed.length, endLine: line, endColumn: column + (closed ? 2 : 0) }, lead, typed };
}
