/**
 * Hover documentation for the path under the cursor.
 */
import { REQUEST_SCHEMA } from '../payload/request-schema';
import type { FieldSchema, PayloadSchema } from '../payload/field-schema';
import { parsePathText, type Ctx } from './analysis-scope';
import { scopeAt } from './analysis-completions';
import type { TemplateHover, TemplateRange } from './analysis-types';
import { walkTemplate } from './analysis-walk';
import { parseTemplate } from './syntax';

function describe(ctx: Ctx, typed: string): string {
  const f: FieldSchema | undefined = ctx.field;
  const head = `**${typed}**${ctx.path && ctx.path !== typed ? ` → \`${ctx.path}\`` : ''}`;
  if (!f) return `${head}\n\nNot described by the payload schema (an opaque object or an unknown context).`;
  const lines = [`${head}: \`${f.type}\`${f.optional ? ' (optional)' : ''}`, f.description];
  if (f.example !== undefined) lines.push(`Example: \`${JSON.stringify(f.example)}\``);
  if (f.enumValues) lines.push(`Values: ${f.enumValues.map((v) => `\`${v}\``).join(', ')}`);
  if (ctx.optionalVia) lines.push(`\`${ctx.optionalVia}\` can be missing.`);
  return lines.join('\n\n');
}

/** The start and end (0-based, exclusive) of the path-like word around a column of a line. */
function wordAround(lineText: string, col0: number): [number, number] {
  const isWord = (c: string | undefined): boolean => c !== undefined && /[\w.@/[\]-]/.test(c);
  let s = col0;
  let e = col0;
  while (isWord(lineText[s - 1])) s--;
  while (isWord(lineText[e])) e++;
  return [s, e];
}

/** Options of {@link hoverAt}. */
export interface HoverOptions {
  schema?: PayloadSchema;
}

/**
 * Hover docs for the path at a 1-based line and column, resolved in its block context.
 *
 * Hovering one segment (`requester` in `data.requester.email`) documents that segment's field. Works on
 * unparseable templates too, by resolving the word under the cursor textually.
 */
export function hoverAt(text: string, line: number, column: number, options: HoverOptions = {}): TemplateHover | undefined {
  const schema = options.schema ?? REQUEST_SCHEMA;
  const lines = text.split('\n');
  const lineText = lines[line - 1];
  if (lineText === undefined) return undefined;
  const col0 = column - 1;
  const parsed = parseTemplate(text);
  if (parsed.ok) {
    const facts = walkTemplate(parsed.ast, schema);
    const use = facts.uses.find(
      (u) => u.node.loc.start.line === line && u.node.loc.end.line === line && u.node.loc.start.column <= col0 && col0 < u.node.loc.end.column,
    );
    if (!use) return undefined;
    const typed = lineText.slice(use.node.loc.start.column, use.node.loc.end.column);
    // Cut the typed path after the segment under the cursor and resolve that prefix in the same scope.
    const cut = lineText.slice(use.node.loc.start.column, col0 + 1) + (/^[^./]*/.exec(lineText.slice(col0 + 1))?.[0] ?? '');
    const prefixPath = cut.length < typed.length ? cut : typed;
    const scope = scopeAt(lines.slice(0, line - 1).join('\n') + '\n' + lineText.slice(0, use.node.loc.start.column), schema);
    const r = prefixPath === typed ? use.resolution : scope.resolve(parsePathText(prefixPath));
    const range: TemplateRange = { line, column: use.node.loc.start.column + 1, endLine: line, endColumn: use.node.loc.end.column + 1 };
    return { contents: describe(r.ctx, prefixPath), range };
  }
  const [s, e] = wordAround(lineText, col0);
  if (s === e) return undefined;
  const before = lines.slice(0, line - 1).join('\n') + '\n' + lineText.slice(0, s);
  if (before.lastIndexOf('{{') <= before.lastIndexOf('}}')) return undefined;
  const end = e > col0 ? col0 + 1 + (/^[^./]*/.exec(lineText.slice(col0 + 1))?.[0]?.length ?? 0) : e;
  const typed = lineText.slice(s, Math.min(end, e));
  const r = scopeAt(before.slice(0, before.lastIndexOf('{{')), schema).resolve(parsePathText(typed));
  return { contents: describe(r.ctx, typed), range: { line, column: s + 1, endLine: line, endColumn: e + 1 } };
}
