/**
 * Lint findings as a SARIF 2.1.0 log, the format GitHub code scanning uploads (`github/codeql-action/upload-sarif`).
 *
 * Shape per the OASIS SARIF 2.1.0 standard and GitHub's "SARIF support for code scanning" page: one run whose
 * `tool.driver` lists a rule per finding code, and one result per finding with `ruleId`, `level`
 * (`error` | `warning` | `note`), `message.text` and a physical location (`artifactLocation.uri` relative to
 * the repository when the path given was, `region.startLine` / `startColumn`, both 1-based).
 */
import type { LintFinding } from '../template/lint-template';
import { findingLocation, locatedMessage } from './lint-report';

/** The JSON schema of SARIF 2.1.0, as GitHub's documentation names it. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** What a family of finding codes checks, for the rule list code scanning shows. */
function ruleDescription(code: string): string {
  if (code === 'webhook-rule') return "Apono's rules for a webhook definition (name, method, URL, headers, triggers, timeout, validators).";
  if (code.startsWith('sample-')) return `The body template's output holds for every sample event (${code.slice('sample-'.length).replace(/-/g, ' ')}).`;
  return `Body template diagnostic: ${code.replace(/-/g, ' ')}.`;
}

/**
 * A path as a SARIF URI: forward slashes, each segment percent-encoded (`encodeURI` would leave `#` and `?`,
 * which a URI reader takes for a fragment or query, RFC 3986 §3.3); an absolute path becomes a `file://` URI.
 */
export function sarifUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const encoded = slashed
    .split('/')
    .map((segment, i) => (i === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

/** SARIF 2.1.0 log types, as much of them as we write. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; shortDescription: { text: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: 'error' | 'warning' | 'note';
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
    }>;
  }>;
}

/** The findings as a SARIF log; `version` is Hooksmith's. */
export function toSarif(findings: readonly LintFinding[], version: string): SarifLog {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hooksmith',
            version,
            rules: codes.map((id) => ({ id, shortDescription: { text: ruleDescription(id) } })),
          },
        },
        results: findings.map((f) => {
          const at = findingLocation(f);
          return {
            ruleId: f.code,
            ruleIndex: codes.indexOf(f.code),
            level: LEVEL[f.severity],
            message: { text: locatedMessage(f) },
            locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(at.file) }, region: { startLine: at.line, startColumn: at.column } } }],
          };
        }),
      },
    ],
  };
}
