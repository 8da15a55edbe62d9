/**
 * `hooksmith lint <webhook-file|template-file>… [--format text|json|github|junit|sarif] [--json] [--escape html|none] [--event-type STYLE]`
 *
 * For a template: diagnostics plus the robustness check. For a webhook definition file: Apono's rules on every
 * webhook, then the same on each body template. Exit 1 when any error is found (warnings alone exit 0), 2 for
 * bad usage or an unreadable file. Like the app's editor, it checks the built-in samples in the saved
 * `event_type` spelling plus the samples saved in the editor, with the saved escape mode unless a flag says
 * otherwise. `--format` writes the findings for CI (GitHub annotations, JUnit XML, SARIF); `--json` is
 * `--format json`. The exit code does not depend on the format.
 */
import { parseArgs } from 'node:util';
import { ESCAPE_MODES, EVENT_TYPE_STYLES } from '../../../shared/model/store-schema';
import { savedSampleEvents } from '../../../shared/payload/user-samples';
import { lintSampleLabels, lintTemplate, type LintFinding, type LintOptions } from '../../../shared/template/lint-template';
import { definitionWebhooks, lintDefinitionFile, templateName } from '../../../shared/template/lint-definition';
import { formatLintReport } from '../../../shared/lint/format-report';
import { LINT_FORMATS, type LintedFile, type LintFormat } from '../../../shared/lint/lint-report';
import { APP_VERSION } from '../../version';
import { readProblem, type CliIo } from '../cli-io';
import type { LoadAuthoring } from '../saved-authoring';

export { lintTemplate } from '../../../shared/template/lint-template';
export type { LintFinding, LintOptions } from '../../../shared/template/lint-template';

const USAGE = `usage: hooksmith lint <webhook-file|template-file>… [--format ${LINT_FORMATS.join('|')}] [--json]
                      [--escape html|none] [--event-type ${EVENT_TYPE_STYLES.join('|')}]
  --format: text (FILE:LINE:COL lines, the default), json (--json), github (Actions annotations),
  junit (JUnit XML for GitLab and Jenkins) or sarif (SARIF 2.1.0 for code scanning)
  --escape and --event-type default to the saved settings (the app's Settings page); saved samples are checked too`;

export async function lintCommand(argv: string[], io: CliIo, loadSaved: LoadAuthoring): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false }, format: { type: 'string' }, escape: { type: 'string' }, 'event-type': { type: 'string' } } });
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const escape = ESCAPE_MODES.find((m) => m === values.escape);
  const style = EVENT_TYPE_STYLES.find((s) => s === values['event-type']);
  const format: LintFormat | undefined = values.json ? 'json' : values.format === undefined ? 'text' : LINT_FORMATS.find((f) => f === values.format);
  const why =
    positionals.length === 0
      ? 'missing template file'
      : values.json && values.format !== undefined && values.format !== 'json'
        ? `--json is --format json; it cannot be combined with --format ${values.format}`
      : !format
        ? `--format must be ${LINT_FORMATS.join(', ')}, not "${values.format}"`
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
  const files: LintedFile[] = [];
  const samples = lintSampleLabels(options);
  for (const file of positionals) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (e) {
      io.stderr(`${file}: ${readProblem(e)}\n`);
      return 2;
    }
    const webhooks = definitionWebhooks(text);
    if (webhooks) {
      findings.push(...lintDefinitionFile(text, file, options));
      files.push({ path: file, kind: 'definition', templates: webhooks.filter((w) => typeof w.bodyTemplate === 'string').map((w) => ({ name: templateName(w, webhooks.indexOf(w), file), samples })) });
    } else {
      findings.push(...lintTemplate(text, file, options));
      files.push({ path: file, kind: 'template', templates: [{ name: file, samples }] });
    }
  }
  io.stdout(formatLintReport({ files, findings }, format ?? 'text', APP_VERSION));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
