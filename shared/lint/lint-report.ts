/**
 * What one `hooksmith lint` run checked, for the reports CI systems read (GitHub annotations, JUnit, SARIF).
 *
 * Findings alone do not say what passed: JUnit needs a test case for every file and sample, failing or not.
 */
import type { LintFinding } from '../template/lint-template';

/** One body template checked: its name in findings (`file`, or `file[Name]` inside a definition file) and its samples. */
export interface LintedTemplate {
  name: string;
  /** Labels of the samples it was rendered with, in order. */
  samples: string[];
}

/** One file given to `lint`: a template, or a definition file whose webhooks' rules were checked too. */
export interface LintedFile {
  path: string;
  kind: 'template' | 'definition';
  templates: LintedTemplate[];
}

/** Everything a lint run checked, and what it found. */
export interface LintReport {
  files: LintedFile[];
  findings: LintFinding[];
}

/** The report formats of `hooksmith lint --format`. */
export const LINT_FORMATS = ['text', 'json', 'github', 'junit', 'sarif'] as const;
/** One of {@link LINT_FORMATS}. */
export type LintFormat = (typeof LINT_FORMATS)[number];

/** Where a finding sits in a file on disk: its own position, or, inside an embedded template, its `origin`. */
export function findingLocation(f: LintFinding): { file: string; line: number; column: number } {
  return f.origin ?? { file: f.file, line: f.line, column: f.column };
}

/**
 * The finding's message for a report located in the file on disk: an embedded template's finding says which
 * webhook's template and where in it, since the file position alone points into a one-line JSON string.
 */
export function locatedMessage(f: LintFinding): string {
  if (!f.origin) return f.message;
  const inner = f.file.startsWith(f.origin.file) ? f.file.slice(f.origin.file.length) : f.file;
  return `${inner} bodyTemplate line ${f.line}, column ${f.column}: ${f.message}`;
}
