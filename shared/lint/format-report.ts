/**
 * `hooksmith lint --format`: one lint report written for a person (text), a script (json) or a CI system.
 */
import { formatFinding } from '../template/lint-template';
import { toGithubAnnotations } from './github-annotations';
import { toJunitXml } from './junit-report';
import type { LintFormat, LintReport } from './lint-report';
import { toSarif } from './sarif-report';

/** The report as `format` writes it; `version` is Hooksmith's (SARIF names the tool's version). */
export function formatLintReport(report: LintReport, format: LintFormat, version: string): string {
  switch (format) {
    case 'text':
      return report.findings.map((f) => `${formatFinding(f)}\n`).join('');
    case 'json':
      return `${JSON.stringify(report.findings, null, 2)}\n`;
    case 'github':
      return toGithubAnnotations(report.findings);
    case 'junit':
      return toJunitXml(report);
    case 'sarif':
      return `${JSON.stringify(toSarif(report.findings, version), null, 2)}\n`;
  }
}
