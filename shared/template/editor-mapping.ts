/**
 * Plain-data mapping from the template analysis to what a code editor (Monaco) consumes: ranges, severities,
 * completion kinds, quick fixes for a range, and the path to insert for a schema field at the cursor.
 *
 * Kept free of Monaco so it is unit-tested here; renderer/src/editor/ turns these into Monaco objects.
 */
import type { FieldRow, PayloadSchema } from '../payload/field-schema';
import { REQUEST_SCHEMA } from '../payload/request-schema';
import { scopeAt } from './analysis-completions';
import type { CompletionKind, DiagnosticSeverity, TemplateDiagnostic, TemplateRange } from './analysis-types';

/** A Monaco-shaped range (`IRange`): 1-based, end column exclusive, as the analysis ranges already are. */
export interface EditorRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** The editor range of an analysis range; an empty range is widened by one column so a marker stays visible. */
export function toEditorRange(r: TemplateRange): EditorRange {
  const empty = r.endLine === r.line && r.endColumn <= r.column;
  return { startLineNumber: r.line, startColumn: r.column, endLineNumber: r.endLine, endColumn: empty ? r.column + 1 : r.endColumn };
}

/** The analysis range of an editor range. */
export function fromEditorRange(r: EditorRange): TemplateRange {
  return { line: r.startLineNumber, column: r.startColumn, endLine: r.endLineNumber, endColumn: r.endColumn };
}

/** Monaco's `MarkerSeverity` values (Hint 1, Info 2, Warning 4, Error 8), fixed by its public API. */
export const MARKER_SEVERITY: Readonly<Record<DiagnosticSeverity, 2 | 4 | 8>> = { info: 2, warning: 4, error: 8 };

/** The name of Monaco's `CompletionItemKind` member shown for each analysis completion kind. */
export const COMPLETION_KIND: Readonly<Record<CompletionKind, 'Field' | 'Module' | 'Enum' | 'Variable' | 'Function' | 'Keyword' | 'Snippet'>> = {
  field: 'Field',
  object: 'Module',
  array: 'Enum',
  variable: 'Variable',
  helper: 'Function',
  keyword: 'Keyword',
  snippet: 'Snippet',
};

/** Whether two ranges overlap or touch (a cursor at a marker's edge still offers its fix). */
export function rangesTouch(a: TemplateRange, b: TemplateRange): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number): boolean => l1 < l2 || (l1 === l2 && c1 < c2);
  return !before(a.endLine, a.endColumn, b.line, b.column) && !before(b.endLine, b.endColumn, a.line, a.column);
}

/** The diagnostics with a fix that touch a range: the quick fixes to offer there. */
export function fixesAt(diagnostics: readonly TemplateDiagnostic[], range: TemplateRange): TemplateDiagnostic[] {
  return diagnostics.filter((d) => d.fix && rangesTouch(d, range));
}

/** Whether the end of `prefix` is inside an open `{{…` (so a path goes in bare, without braces). */
export function insideMustache(prefix: string): boolean {
  const open = prefix.lastIndexOf('{{');
  return open >= 0 && prefix.indexOf('}}', open) < 0;
}

/**
 * The text to insert for a schema field at a cursor, written for the block context there.
 *
 * The path starts from the nearest enclosing context the field lies under, one `../` per context-changing
 * block (`#each`, `#with`) stepped out of: inside `{{#each data.access_groups}}{{#each access_units}}` the field
 * `data.access_groups[].integration.name` becomes `../integration.name`, the current group's, where an
 * `@root…[0]` path would read the first group's for every element. A field under no enclosing context but
 * the root goes through `@root.` (clearer than `../../`); `.[0]` indexes only arrays no enclosing `#each`
 * iterates. Outside a mustache the path is wrapped in `{{…}}`.
 */
export function insertionFor(prefix: string, row: FieldRow, schema: PayloadSchema = REQUEST_SCHEMA): string {
  const inMustache = insideMustache(prefix);
  const open = prefix.lastIndexOf('{{');
  const contexts = scopeAt(inMustache ? prefix.slice(0, open) : prefix, schema).contextPaths();
  const up = contexts.findIndex((c) => c !== '' && row.path.startsWith(`${c}.`));
  let path: string;
  if (up >= 0) path = `${'../'.repeat(up)}${row.path.slice((contexts[up] ?? '').length + 1).replace(/\[\]/g, '.[0]')}`;
  else if (contexts.length > 1) path = `@root.${row.handlebarsPath}`;
  else path = row.handlebarsPath;
  return inMustache ? path : `{{${path}}}`;
}

/** The 0-based offset of a 1-based line and column in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + column - 1, text.length);
}
