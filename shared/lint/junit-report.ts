/**
 * A lint run as JUnit XML, the test report GitLab (`artifacts:reports:junit`) and Jenkins (`junit` step) read.
 *
 * One `<testsuite>` per file; in it one `<testcase>` per check: the definition file's rules, each template's
 * static diagnostics, and each sample the template is rendered with. Each error is one `<failure>` in the case
 * it belongs to; warnings go to the case's `<system-out>` (JUnit has no warning state). A template that does
 * not compile has its sample cases `<skipped>`: they were never rendered.
 */
import type { LintFinding } from '../template/lint-template';
import { findingLocation, locatedMessage, type LintReport, type LintedFile } from './lint-report';

/** Text for an XML attribute or element: markup escaped, characters XML 1.0 forbids dropped. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Case {
  name: string;
  findings: LintFinding[];
  skipped?: string;
}

function casesOf(file: LintedFile, findings: readonly LintFinding[]): Case[] {
  const cases: Case[] = [];
  if (file.kind === 'definition') cases.push({ name: 'webhook rules', findings: findings.filter((f) => f.file === file.path && !f.origin) });
  for (const t of file.templates) {
    const label = t.name === file.path ? '' : `${t.name.slice(file.path.length)} `;
    const own = findings.filter((f) => f.file === t.name);
    const statics = own.filter((f) => !f.samples);
    cases.push({ name: `${label}template`, findings: statics });
    const skipped = statics.some((f) => f.code === 'syntax-error') ? 'the template does not compile, so no sample was rendered' : undefined;
    for (const sample of t.samples) cases.push({ name: `${label}sample: ${sample}`, findings: own.filter((f) => f.samples?.includes(sample)), skipped });
  }
  return cases;
}

function caseXml(file: string, c: Case): string {
  const errors = c.findings.filter((f) => f.severity === 'error');
  const others = c.findings.filter((f) => f.severity !== 'error');
  const line = (f: LintFinding) => {
    const at = findingLocation(f);
    return `${at.file}:${at.line}:${at.column}: ${f.severity}: ${locatedMessage(f)} [${f.code}]`;
  };
  const body = [
    ...(c.skipped && !errors.length ? [`      <skipped message="${xmlText(c.skipped)}"/>`] : []),
    ...errors.map((f) => `      <failure message="${xmlText(locatedMessage(f))}" type="${xmlText(f.code)}">${xmlText(line(f))}</failure>`),
    ...(others.length ? [`      <system-out>${xmlText(others.map(line).join('\n'))}</system-out>`] : []),
  ];
  const open = `    <testcase classname="${xmlText(file)}" name="${xmlText(c.name)}" file="${xmlText(file)}"`;
  return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
}

/** The whole report as one JUnit XML document. */
export function toJunitXml(report: LintReport): string {
  const suites = report.files.map((file) => {
    const cases = casesOf(file, report.findings);
    const failures = cases.filter((c) => c.findings.some((f) => f.severity === 'error')).length;
    const skipped = cases.filter((c) => c.skipped && !c.findings.some((f) => f.severity === 'error')).length;
    return { file, cases, failures, skipped };
  });
  const total = (k: 'failures' | 'skipped') => suites.reduce((n, s) => n + s[k], 0);
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hooksmith lint" tests="${tests}" failures="${total('failures')}" errors="0" skipped="${total('skipped')}">`,
    ...suites.map((s) =>
      [
        `  <testsuite name="${xmlText(s.file.path)}" tests="${s.cases.length}" failures="${s.failures}" errors="0" skipped="${s.skipped}">`,
        ...s.cases.map((c) => caseXml(s.file.path, c)),
        '  </testsuite>',
      ].join('\n'),
    ),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}
