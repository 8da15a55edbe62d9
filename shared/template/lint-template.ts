/**
 * Lint of one body template: static diagnostics plus the robustness check, as one list of findings.
 *
 * Pure so the CLI, the webhook-definition loader (a webhook's `bodyTemplate`) and the UI share it.
 */
import type { PayloadSchema } from '../payload/field-schema';
import type { EventTypeStyle, SampleEvent } from '../payload/request-event';
import { allSamples } from '../payload/samples';
import type { DiagnosticSeverity } from './analysis-types';
import { analyseTemplate } from './analysis';
import type { EscapeMode } from './render';
import { checkRobustness, type RobustnessTarget } from './robustness';

/** One lint finding, positioned in a named file. */
export interface LintFinding {
  file: string;
  line: number;
  column: number;
  severity: DiagnosticSeverity;
  code: string;
  message: string;
  /** Labels of the samples a sample check failed for (absent for static findings). */
  samples?: string[];
  /**
   * Where the finding sits in the file on disk, when `file` names a template embedded in it
   * (`hook.json[Name]`, positions inside the template): CI annotations need a real path and position.
   */
  origin?: { file: string; line: number; column: number };
}

/** Options of {@link lintTemplate}. */
export interface LintOptions {
  schema?: PayloadSchema;
  escape?: EscapeMode;
  /** The `event_type` spelling of the built-in samples (the app's setting); default `AccessRequestCreated`. */
  eventTypeStyle?: EventTypeStyle;
  /** Samples checked besides the built-in ones: those the user saved in the template editor, as the app checks them. */
  extraSamples?: readonly SampleEvent[];
  /** Skip rendering against samples (for payload kinds that have none). Defaults to true for request schemas. */
  robustness?: boolean;
  /** The webhook's target contract, URL and headers: each sample's request is checked against the contract. */
  target?: RobustnessTarget;
}

/**
 * Lints a template: diagnostics, then each failing sample (invalid JSON is an error, altered values a
 * warning). `fileName` is echoed in findings so callers can lint templates embedded in other files.
 */
export function lintTemplate(text: string, fileName: string, options: LintOptions = {}): LintFinding[] {
  const analysis = analyseTemplate(text, { schema: options.schema, escape: options.escape });
  const findings: LintFinding[] = analysis.diagnostics.map((d) => ({
    file: fileName,
    line: d.line,
    column: d.column,
    severity: d.severity,
    code: d.code,
    message: d.message,
  }));
  const runSamples = options.robustness ?? (!options.schema || options.schema.kind === 'request');
  if (analysis.syntaxError || !runSamples) return findings;
  // One finding per place and problem, naming every sample it happens for: the same trailing comma breaks
  // fourteen samples, and fourteen identical lines would bury the other findings.
  const grouped = new Map<string, { finding: LintFinding; samples: string[] }>();
  const samples = [...allSamples(options.eventTypeStyle), ...(options.extraSamples ?? [])];
  const report = checkRobustness(text, { escape: options.escape, samples, ...(options.target ? { target: options.target } : {}) });
  // A template that does not compile was reported above, by the analysis.
  for (const f of report.compiles ? report.findings : []) {
    const finding: LintFinding = {
      file: fileName,
      line: f.template?.line ?? 1,
      column: f.template?.column ?? 1,
      severity: f.kind === 'escaping-altered' ? 'warning' : 'error',
      code: f.kind === 'target-refused' ? 'target-contract' : `sample-${f.kind}`,
      message: f.message,
    };
    const key = `${finding.line}:${finding.column}:${finding.code}:${finding.message}`;
    const group = grouped.get(key) ?? { finding, samples: [] };
    group.samples.push(f.sampleLabel);
    grouped.set(key, group);
  }
  for (const { finding, samples } of grouped.values()) {
    const which = samples.length === 1 ? `sample "${samples[0]}"` : `${samples.length} samples (${samples.slice(0, 3).join('; ')}${samples.length > 3 ? '; …' : ''})`;
    findings.push({ ...finding, message: `${finding.message} — in ${which}`, samples });
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The labels of the samples {@link lintTemplate} renders a template with, in its order (for per-sample reports). */
export function lintSampleLabels(options: LintOptions = {}): string[] {
  const runSamples = options.robustness ?? (!options.schema || options.schema.kind === 'request');
  return runSamples ? [...allSamples(options.eventTypeStyle), ...(options.extraSamples ?? [])].map((s) => s.label) : [];
}

/** `FILE:LINE:COL: severity: message [code]`, the format editors and CI annotate from. */
export function formatFinding(f: LintFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.code}]`;
}
