/**
 * `hooksmith simulate [--webhooks FILE|NAME…] [--lifecycle granted|rejected|failed] [--payload FILE] [--json]`
 *
 * Prints step × webhook: fires / filtered out / trigger not selected / inactive, with the reason for each
 * miss. Exit 0 whatever the verdicts; 2 when the input is invalid. Sending (`--send`) is not implemented.
 */
import { parseArgs } from 'node:util';
import type { AppError } from '../../../shared/api/result';
import { parseDefinitionFile } from '../../../shared/model/definition-file';
import type { Webhook } from '../../../shared/model/webhook';
import { documentedExample } from '../../../shared/payload/samples';
import type { RequestEvent } from '../../../shared/payload/request-event';
import { LIFECYCLE_NAMES, VERDICT_LABELS, simulateLifecycle, type LifecycleName, type SimStep, type SimWebhook } from '../../../shared/simulator';
import type { CliIo } from '../cli-io';
import { printError } from '../print';

const USAGE = `usage: hooksmith simulate [--webhooks FILE|NAME…] [--lifecycle granted|rejected|failed] [--payload FILE] [--json]
  --webhooks   definition files and/or names of saved webhooks (repeatable; default: every saved webhook)
  --lifecycle  granted: Created → Approved → Granted → Expired (default); rejected: Created → Rejected; failed: Created → Failed
  --payload    the base access request as JSON (default: Apono's documented example)
`;

/** Loads the saved webhooks; the data folder is opened only when a command needs it. */
export type LoadSaved = () => Promise<{ ok: true; value: Webhook[] } | { ok: false; error: AppError }>;

function usage(io: CliIo, why: string): number {
  io.stderr(`${why}\n${USAGE}`);
  return 2;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n') + '\n';
}

/** Resolves `--webhooks` arguments: a readable file is a definition file, anything else a saved name. */
async function resolveWebhooks(args: string[], io: CliIo, loadSaved: LoadSaved): Promise<SimWebhook[] | number> {
  let saved: Webhook[] | undefined;
  const savedList = async (): Promise<Webhook[] | AppError> => {
    if (saved) return saved;
    const r = await loadSaved();
    if (!r.ok) return r.error;
    return (saved = r.value);
  };
  if (args.length === 0) {
    const all = await savedList();
    if (Array.isArray(all)) return all;
    printError(io, all);
    return 2;
  }
  const out: SimWebhook[] = [];
  for (const arg of args) {
    let text: string | undefined;
    try {
      text = await io.readFile(arg);
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      const parsed = parseDefinitionFile(text);
      const errors = parsed.issues.filter((i) => i.severity !== 'warning');
      if (errors.length > 0) {
        io.stderr(`${arg}: not a valid definition file:\n${errors.map((i) => `  ${i.field}: ${i.message}\n`).join('')}`);
        return 2;
      }
      out.push(...parsed.webhooks);
      continue;
    }
    const all = await savedList();
    if (!Array.isArray(all)) {
      printError(io, all);
      return 2;
    }
    const found = all.find((w) => w.name.toLowerCase() === arg.toLowerCase());
    if (!found) return usage(io, `"${arg}" is neither a readable file nor a saved webhook — saved: ${all.map((w) => w.name).join(', ') || 'none'}.`);
    out.push(found);
  }
  return out;
}

/** Reads `--payload`: a JSON object with a `data` object, as Apono sends. */
async function readPayload(file: string | undefined, io: CliIo): Promise<RequestEvent | string> {
  if (!file) return documentedExample();
  let value: unknown;
  try {
    value = JSON.parse(await io.readFile(file));
  } catch (e) {
    return `--payload ${file}: ${e instanceof Error ? e.message : String(e)}`;
  }
  const data = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { data?: unknown }).data : undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return `--payload ${file}: not a request event — it must be a JSON object with a "data" object, e.g. { "event_type": "…", "data": { … } }.`;
  }
  return value as RequestEvent;
}

function printTable(steps: SimStep[], io: CliIo): void {
  const names = steps[0]?.cells.map((c) => c.webhook) ?? [];
  const rows = [['STEP', ...names], ...steps.map((s) => [s.trigger, ...s.cells.map((c) => VERDICT_LABELS[c.verdict.kind] + (c.rendered && !c.rendered.json ? ' (body not JSON)' : ''))])];
  io.stdout(table(rows));
  const why = steps.flatMap((s) => s.cells.filter((c) => c.verdict.kind === 'filtered-out').map((c) => `  ${s.trigger} × ${c.webhook}: ${'reason' in c.verdict ? c.verdict.reason : ''}`));
  if (why.length) io.stdout(`\nFiltered out:\n${why.join('\n')}\n`);
}

export async function simulateCommand(argv: string[], io: CliIo, loadSaved: LoadSaved): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { webhooks: { type: 'string', multiple: true }, lifecycle: { type: 'string', default: 'granted' }, payload: { type: 'string' }, json: { type: 'boolean' }, send: { type: 'boolean' } },
    });
  } catch (e) {
    return usage(io, e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.send) return usage(io, '--send is not available yet: simulate shows what would be sent; use the Test button or `hooksmith render` to send one.');
  if (!(LIFECYCLE_NAMES as string[]).includes(values.lifecycle)) return usage(io, `--lifecycle must be one of ${LIFECYCLE_NAMES.join(', ')}.`);
  // `--webhooks a.json b.json` reads more naturally than repeating the flag, so positionals join the list.
  const webhookArgs = [...(values.webhooks ?? []), ...positionals];
  const webhooks = await resolveWebhooks(webhookArgs, io, loadSaved);
  if (typeof webhooks === 'number') return webhooks;
  const base = await readPayload(values.payload, io);
  if (typeof base === 'string') return usage(io, base);
  if (webhooks.length === 0) {
    io.stdout('No webhooks to simulate — save one, or pass --webhooks FILE.\n');
    return 0;
  }
  const steps = simulateLifecycle(webhooks, base, values.lifecycle as LifecycleName);
  if (values.json) {
    const json = steps.map((s) => ({
      step: s.trigger,
      event_type: s.event.event_type,
      webhooks: s.cells.map((c) => ({ name: c.webhook, verdict: c.verdict.kind, ...('reason' in c.verdict ? { reason: c.verdict.reason } : {}), ...(c.rendered ? { body: c.rendered.body, json: c.rendered.json } : {}) })),
    }));
    io.stdout(`${JSON.stringify({ lifecycle: values.lifecycle, steps: json }, null, 2)}\n`);
  } else {
    printTable(steps, io);
  }
  return 0;
}
