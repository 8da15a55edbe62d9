/**
 * `hooksmith webhooks list | show NAME | import FILE | export [NAME…] [--out FILE]`.
 */
import { parseArgs } from 'node:util';
import type { CliBackend } from '../cli-api';
import type { CliIo } from '../cli-io';
import { printError } from '../print';
import { hostOf } from '../../../shared/util/host-of';
import { findWebhookByName } from '../../../shared/model/webhook-name';

const USAGE = `Usage:
  hooksmith webhooks list [--json]
  hooksmith webhooks show NAME
  hooksmith webhooks import FILE|-
  hooksmith webhooks export [NAME…] [--out FILE]
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
    options: { out: { type: 'string' }, json: { type: 'boolean' } },
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
      const text = file === '-' ? await io.readStdin() : await io.readFile(file);
      const result = await backend.api.webhooks.importDefinitions({ text });
      if (!result.ok) return printError(io, result.error, file === '-' ? 'stdin' : file);
      for (const w of result.value.created) io.stdout(`Imported ${w.name}\n`);
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
      const out = await backend.api.webhooks.exportDefinitions({ ids });
      if (!out.ok) return printError(io, out.error);
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

function usage(io: CliIo): number {
  io.stderr(USAGE);
  return 2;
}
