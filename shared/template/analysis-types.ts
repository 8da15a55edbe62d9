/**
 * Types the template analysis returns: diagnostics, completions and hovers, shaped so the editor can map
 * them onto Monaco markers, completion items and hovers one-to-one. Lines and columns are 1-based; end
 * columns are exclusive, as in Monaco ranges.
 */

/** A 1-based range in the template. */
export interface TemplateRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Diagnostic codes; the editor can key quick-fixes and docs on them. */
export type DiagnosticCode =
  | 'syntax-error'
  | 'unknown-path'
  | 'array-without-index'
  | 'trailing-comma'
  | 'html-escape-alters-value'
  | 'triple-stash-breaks-json'
  | 'unescaped-value-breaks-json'
  | 'string-outside-json-string'
  | 'unguarded-optional'
  | 'data-variable-outside-each'
  | 'unknown-helper'
  | 'unknown-partial';

/** Severity, in Monaco's terms. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** A text edit that fixes a diagnostic. */
export interface DiagnosticFix {
  title: string;
  range: TemplateRange;
  text: string;
}

/** One problem in a template. */
export interface TemplateDiagnostic extends TemplateRange {
  severity: DiagnosticSeverity;
  message: string;
  code: DiagnosticCode;
  fix?: DiagnosticFix;
}

/** What a completion inserts: a payload field, a data variable, a helper, a block parameter or a keyword. */
export type CompletionKind = 'field' | 'object' | 'array' | 'variable' | 'helper' | 'keyword' | 'snippet';

/** One completion item. `insertText` may be a Monaco snippet when `kind` is `snippet`. */
export interface TemplateCompletion {
  label: string;
  kind: CompletionKind;
  detail: string;
  documentation: string;
  insertText: string;
  /** Monaco snippet syntax in `insertText` (`${1:…}`). */
  isSnippet?: boolean;
  /**
   * For block snippets, which replace {@link CompletionList.blockRange}: the text the editor matches what is
   * typed in that range against (`{{#each (JSON list)` after `{{#ea`, `each (JSON list)` after a bare `ea`).
   */
  filterText?: string;
}

/** Completions for a cursor position, with the range of the word they replace. */
export interface CompletionList {
  items: TemplateCompletion[];
  replaceRange: TemplateRange;
  /**
   * Present where a whole block may start (right after `{{`, or anywhere outside a mustache when asked for
   * with Ctrl+Space): the range a block snippet replaces, from the `{{` typed so far through a `}}` the
   * editor closed after the cursor, since the snippet brings its own braces.
   */
  blockRange?: TemplateRange;
}

/** Hover documentation for the path under the cursor (markdown). */
export interface TemplateHover {
  contents: string;
  range: TemplateRange;
}
