/**
 * `hooksmith webhooks list | show NAME | import FILE | export [NAME…] [--format json|terraform] [--out FILE]`.
 *
 * Terraform (`--format terraform`, and `import FILE.tf`) is for Manual webhooks managed with Apono's provider
 * (`apono_manual_webhook`); see `shared/terraform/`.
 */
import { parseArgs } from 'node:util';
import { parseDefinitionFile, serializeDefinitionFile } from '../../../shared/model/definition-file';
import { envReadsLine } from '../../../shared/model/env-reads';
import { toTerraform } from '../../../shared/terraform/manual-webhook-export';
import { fromTerraform, looksLikeTerraform } from '../../../shared/terraform/manual-webhook-import';
import { APP_VERSION } from '../../version';
import { readInputText, type CliIo } from '../cli-io';
import type { CliBackend } from '../cli-api';
import { printError } from '../print';
import { hostOf } from '../../../shared/util/host-of';
import { findWebhookByName } from '../../../shared/model/webhook-name';
import type { Webhook } from '../../../shared/model/webhook';

const USAGE = `Usage:
  hooksmith webhooks list [--json]
  hooksmith webhooks show NAME
  hooksmith webhooks import FILE|-          (a definition file, or a Terraform file of apono_manual_webhook resources)
  hooksmith webhooks export [NAME…] [--format json|terraform] [--out FILE]
`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n') + '\n';
}

/** Runs a `webhooks` subcommand against an opened backend. */
export async function webhooksCommand(argv: string[], io: CliIo, backend: CliBackend): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { out: { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' } },
  });
  const listed = await backend.api.webhooks.list();
  if (!listed.ok) return printError(io, listed.error);
  const all = listed.value;

  switch (sub) {
    case 'list': {
      if (values.json) {
        io.stdout(JSON.stringify(all, null, 2) + '\n');
        return 0;
      }
      if (!all.length) {
        io.stdout('No webhooks yet. Create one in the app, or: hooksmith webhooks import FILE\n');
        return 0;
      }
      const rows = [['STATUS', 'NAME', 'METHOD', 'HOST', 'TRIGGERS']];
      for (const w of all) rows.push([w.active ? 'active' : 'inactive', w.name, w.method, hostOf(w.url), w.triggers.join(',')]);
      io.stdout(table(rows));
      return 0;
    }
    case 'show': {
      const name = positionals[0];
      if (!name) return usage(io);
      const w = findWebhookByName(all, name);
      if (!w) return printError(io, { code: 'not-found', message: `No webhook named "${name}". See: hooksmith webhooks list` });
      const out = await backend.api.webhooks.exportDefinitions({ ids: [w.id] });
      if (!out.ok) return printError(io, out.error);
      io.stdout(out.value.text);
      return 0;
    }
    case 'import': {
      const file = positionals[0];
      if (!file) return usage(io);
      const source = await readInputText(io, file);
      if (source === undefined) return 2;
      let text = source;
      if (file.endsWith('.tf') || looksLikeTerraform(source)) {
        const tf = fromTerraform(source);
        if (!tf.ok) return printError(io, { code: 'validation-failed', message: `The Terraform file has ${tf.issues.length === 1 ? '1 problem' : `${tf.issues.length} problems`}:`, issues: tf.issues }, file === '-' ? 'stdin' : file);
        for (const note of tf.notes) io.stderr(`Note: ${note}\n`);
        text = serializeDefinitionFile(tf.webhooks);
      }
      const result = await backend.api.webhooks.importDefinitions({ text });
      if (!result.ok) return printError(io, result.error, file === '-' ? 'stdin' : file);
      for (const w of result.value.created) io.stdout(`Imported ${w.name}\n`);
      // The file chose the variables and the URLs: say what each webhook will read and where it sends it
      // (on stderr with the warnings, so stdout stays one line per webhook for scripts).
      for (const r of result.value.envReads) if (r.reads.length) io.stderr(`${envReadsLine(r.webhook, r.reads)}\n`);
      // Imported all the same: these say what to fix in the file before it is shared or committed.
      for (const w of result.value.warnings) io.stderr(`Warning: ${w.webhook}: ${w.field}: ${w.message}\n`);
      return 0;
    }
    case 'export': {
      const ids: string[] = [];
      for (const name of positionals) {
        const w = findWebhookByName(all, name);
        if (!w) return printError(io, { code: 'not-found', message: `No webhook named "${name}". See: hooksmith webhooks list` });
        ids.push(w.id);
      }
      if (values.format !== undefined && values.format !== 'json' && values.format !== 'terraform') {
        io.stderr(`--format must be json or terraform, not "${values.format}"\n${USAGE}`);
        return 2;
      }
      // "Export everything as Terraform" means every webhook Terraform can hold: a named webhook that is not
      // Manual-only is refused (toTerraform says why), an unnamed one is left out with a note.
      const leftOut = values.format === 'terraform' && !positionals.length ? all.filter((w) => !isManualOnly(w)) : [];
      if (leftOut.length) {
        const manual = all.filter(isManualOnly);
        if (!manual.length) return printError(io, { code: 'invalid-argument', message: "no saved webhook has Manual as its only trigger, and Apono's Terraform provider manages only Manual webhooks (apono_manual_webhook): export definition files instead (hooksmith webhooks export)." });
        ids.push(...manual.map((w) => w.id));
      }
      const out = await backend.api.webhooks.exportDefinitions({ ids });
      if (!out.ok) return printError(io, out.error);
      for (const w of leftOut) io.stderr(`Note: left out ${w.name}: Apono's Terraform provider manages only Manual webhooks, and it fires on ${w.triggers.filter((t) => t !== 'Manual').join(', ') || 'no trigger'}.\n`);
      if (values.format === 'terraform') return writeTerraform(io, out.value.text, values.out);
      if (values.out) {
        await io.writeFile(values.out, out.value.text);
        io.stderr(`Wrote ${values.out}\n`);
      } else io.stdout(out.value.text);
      if (out.value.secretPlaceholders.length) {
        io.stderr(`Stored secrets were exported as \${env:…} placeholders; set these before using the file: ${out.value.secretPlaceholders.join(', ')}\n`);
      }
      return 0;
    }
    default:
      return usage(io);
  }
}

/** Whether Apono's provider can hold the webhook as an `apono_manual_webhook`. */
const isManualOnly = (w: Pick<Webhook, 'triggers'>) => w.triggers.length > 0 && w.triggers.every((t) => t === 'Manual');

/** `export --format terraform`: the exported definitions (secrets as references) written as Terraform. */
async function writeTerraform(io: CliIo, definitions: string, out: string | undefined): Promise<number> {
  const tf = toTerraform(parseDefinitionFile(definitions).webhooks, APP_VERSION);
  if (!tf.ok) return printError(io, { code: 'invalid-argument', message: `${tf.field}: ${tf.message}`, field: tf.field });
  if (out) {
    await io.writeFile(out, tf.text);
    io.stderr(`Wrote ${out}\n`);
  } else io.stdout(tf.text);
  for (const note of tf.notes) io.stderr(`Note: ${note}\n`);
  if (tf.variables.length) io.stderr(`Set these Terraform variables (sensitive): ${tf.variables.join(', ')}, e.g. export TF_VAR_${tf.variables[0]}=…\n`);
  return 0;
}

function usage(io: CliIo): number {
  io.stderr(USAGE);
  return 2;
}
