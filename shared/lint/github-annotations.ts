/**
 * Lint findings as GitHub Actions workflow commands, which the runner turns into annotations on the pull
 * request: `::error file=F,line=L,col=C::message`, `::warning …` and `::notice …`.
 *
 * Escaping follows GitHub's own toolkit (actions/toolkit `packages/core/src/command.ts`, `escapeData` and
 * `escapeProperty`), as the "Workflow commands for GitHub Actions" documentation asks: in the message `%`,
 * `\r` and `\n` are percent-encoded; in a property value also `:` and `,`, which would end the property.
 */
import type { LintFinding } from '../template/lint-template';
import { findingLocation, locatedMessage } from './lint-report';

/** A workflow command's message with `%`, CR and LF percent-encoded (toolkit `escapeData`). */
export function escapeCommandData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as {@link escapeCommandData}, plus `:` and `,` (toolkit `escapeProperty`). */
export function escapeCommandProperty(s: string): string {
  return escapeCommandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** One workflow command per finding, one per line. */
export function toGithubAnnotations(findings: readonly LintFinding[]): string {
  return findings
    .map((f) => {
      const at = findingLocation(f);
      const props = `file=${escapeCommandProperty(at.file)},line=${at.line},col=${at.column}`;
      return `::${COMMAND[f.severity]} ${props}::${escapeCommandData(`${locatedMessage(f)} [${f.code}]`)}\n`;
    })
    .join('');
}
