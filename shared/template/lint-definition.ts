/**
 * Lint for webhook definition files: Apono's rules on every webhook, then the template lint on each body.
 *
 * `hooksmith lint` takes templates and definition files alike; a file is a definition file when it parses as
 * JSON holding webhooks (an object with `bodyTemplate` or `webhooks`, or a list). A template may be valid
 * JSON too (a constant body), so that test looks for the webhook shape, not just for JSON.
 */
import { parseDefinitionFile } from '../model/definition-file';
import { lintTemplate, type LintFinding, type LintOptions } from './lint-template';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The webhook objects of a definition file, or undefined when `text` is not one. */
export function definitionWebhooks(text: string): JsonObject[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.webhooks) ? value.webhooks : isObject(value) && 'bodyTemplate' in value ? [value] : undefined;
  if (!list || !list.every((w) => isObject(w) && 'bodyTemplate' in w)) return undefined;
  return list as JsonObject[];
}

/**
 * Findings for a definition file: each rule problem as an error or warning (file position 1:1, the field named
 * in the message), and each webhook's template findings under `FILE[Name]`.
 */
export function lintDefinitionFile(text: string, fileName: string, options: LintOptions = {}): LintFinding[] {
  const findings: LintFinding[] = parseDefinitionFile(text).issues.map((issue) => ({
    file: fileName,
    line: 1,
    column: 1,
    severity: issue.severity === 'warning' ? 'warning' : 'error',
    code: 'webhook-rule',
    message: `${issue.field}: ${issue.message}`,
  }));
  for (const [i, w] of (definitionWebhooks(text) ?? []).entries()) {
    if (typeof w.bodyTemplate !== 'string') continue;
    const name = typeof w.name === 'string' && w.name ? w.name : `webhooks[${i}]`;
    findings.push(...lintTemplate(w.bodyTemplate, `${fileName}[${name}]`, options));
  }
  return findings;
}
