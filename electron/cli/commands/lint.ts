/**
 * `hooksmith lint <webhook-file|template-file>… [--json] [--escape html|none] [--event-type STYLE]`
 *
 * For a template: diagnostics plus the robustness check. For a webhook definition file: Apono's rules on every
 * webhook, then the same on each body template. Exit 1 when any error is found (warnings alone exit 0), 2 for
 * bad usage or an unreadable file. Like the app's editor, it checks the built-in samples in the saved
 * `event_type` spelling plus the samples saved in the editor, with the saved escape mode unless a flag says
 * otherwise.
 */
import { parseArgs } from 'node:util';
import { ESCAPE_MODES, EVENT_TYPE_STYLES } from '../../../shared/model/store-schema';
import { savedSampleEvents } from '../../../shared/payload/user-samples';
import { formatFinding, lintTemplate, type LintFinding, type LintOptions } from '../../../shared/template/lint-template';
import { definitionWebhooks, lintDefinitionFile } from '../../../shared/template/lint-definition';
import type { CliIo } from '../cli-io';
import type { LoadAuthoring } from '../saved-authoring';

export { lintTemplate } from '../../../shared/template/lint-template';
export type { LintFinding, LintOptions } from '../../../shared/template/lint-template';

const USAGE = `usage: hooksmith lint <webhook-file|template-file>… [--json] [--escape html|none] [--event-type ${EVENT_TYPE_STYLES.join('|')}]
  --escape and --event-type default to the saved settings (the app's Settings page); saved samples are checked too`;

export async function lintCommand(argv: string[], io: CliIo, loadSaved: LoadAuthoring): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false }, escape: { type: 'string' }, 'event-type': { type: 'string' } } });
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const escape = ESCAPE_MODES.find((m) => m === values.escape);
  const style = EVENT_TYPE_STYLES.find((s) => s === values['event-type']);
  const why =
    positionals.length === 0
      ? 'missing template file'
      : values.escape !== undefined && !escape
        ? '--escape must be html or none'
        : values['event-type'] !== undefined && !style
          ? `--event-type must be ${EVENT_TYPE_STYLES.join(' or ')}`
          : undefined;
  if (why) {
    io.stderr(`${why}\n${USAGE}\n`);
    return 2;
  }
  let options: LintOptions;
  try {
    const saved = await loadSaved();
    options = { escape: escape ?? saved.escapeMode, eventTypeStyle: style ?? saved.eventTypeStyle, extraSamples: savedSampleEvents(saved.samples) };
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
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
    findings.push(...(definitionWebhooks(text) ? lintDefinitionFile(text, file, options) : lintTemplate(text, file, options)));
  }
  if (values.json) io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  else for (const f of findings) io.stdout(`${formatFinding(f)}\n`);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
