/**
 * `hooksmith lint <webhook-file|template-file>… [--json] [--escape html|none]`
 *
 * For a template: diagnostics plus the robustness check. For a webhook definition file: Apono's rules on every
 * webhook, then the same on each body template. Exit 1 when any error is found (warnings alone exit 0), 2 for
 * bad usage or an unreadable file.
 */
import { parseArgs } from 'node:util';
import { formatFinding, lintTemplate, type LintFinding } from '../../../shared/template/lint-template';
import { definitionWebhooks, lintDefinitionFile } from '../../../shared/template/lint-definition';
import type { CliCommand } from '../cli-io';

export { lintTemplate } from '../../../shared/template/lint-template';
export type { LintFinding, LintOptions } from '../../../shared/template/lint-template';

const USAGE = 'usage: hooksmith lint <webhook-file|template-file>… [--json] [--escape html|none]';

export const lintCommand: CliCommand = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false }, escape: { type: 'string', default: 'html' } } });
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const escape = values.escape;
  if (positionals.length === 0 || (escape !== 'html' && escape !== 'none')) {
    io.stderr(`${positionals.length === 0 ? 'missing template file' : '--escape must be html or none'}\n${USAGE}\n`);
    return 2;
  }
  const findings: LintFinding[] = [];
  for (const file of positionals) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (e) {
      io.stderr(`${file}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    findings.push(...(definitionWebhooks(text) ? lintDefinitionFile(text, file, { escape }) : lintTemplate(text, file, { escape })));
  }
  if (values.json) io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  else for (const f of findings) io.stdout(`${formatFinding(f)}\n`);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
};
