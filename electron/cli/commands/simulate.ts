/**
 * `hooksmith simulate [--webhooks FILE|NAME…] [--lifecycle granted|rejected|failed] [--payload FILE] [--send] [--json]`
 *
 * Prints step × webhook: fires / filtered out / trigger not selected / inactive, with the reason for each
 * miss. With `--send`, every fired cell is also sent (see simulate-send.ts). Exit 0 whatever the verdicts;
 * 1 when `--send` was given and a send failed or could not go out; 2 when the input is invalid; 130 when
 * Ctrl+C cancelled the sends (the one in flight is recorded as cancelled, the rest are not sent).
 */
import { parseArgs } from 'node:util';
import type { AppError } from '../../../shared/api/result';
import { parseDefinitionFile } from '../../../shared/model/definition-file';
import type { Webhook, WebhookInput } from '../../../shared/model/webhook';
import { documentedExample } from '../../../shared/payload/samples';
import type { RequestEvent } from '../../../shared/payload/request-event';
import { LIFECYCLE_NAMES, VERDICT_LABELS, baseRequestOf, sendPlan, simulateLifecycle, type LifecycleName, type SimStep } from '../../../shared/simulator';
import type { CliBackend } from '../cli-api';
import type { CliIo } from '../cli-io';
import { cancellable, INTERRUPTED_EXIT } from '../interrupt';
import type { LoadAuthoring } from '../saved-authoring';
import { printError } from '../print';
import { NETWORK_FLAG_OPTIONS, networkFromFlags } from '../network-flags';
import { readPayloadFile } from '../payload-file';
import { cellLabel, sendFired, type SentCells } from './simulate-send';
import { findWebhookByName } from '../../../shared/model/webhook-name';
import { readIfFile } from '../file-or-name';

export const SIMULATE_USAGE = `usage: hooksmith simulate [--webhooks FILE|NAME…] [--lifecycle granted|rejected|failed] [--payload FILE]
                         [--send [--ca PEM-FILE] [--insecure] [--proxy HTTP-URL]] [--json]
  --webhooks   definition files and/or names of saved webhooks (repeatable; default: every saved webhook)
  --lifecycle  granted: Created → Approved → Granted → Expired (default); rejected: Created → Rejected; failed: Created → Failed
  --payload    the base access request as JSON (default: Apono's documented example, in the saved event_type
               spelling; a given payload keeps its own). Bodies follow the saved escape mode, as --send does.
  --send       also send every cell that fires, step by step, each with that step's event, through the same
               delivery as the Test button; each send is recorded in the history (see: hooksmith history)
  --ca, --insecure, --proxy   network options for --send, as for hooksmith send
  --json       print steps, verdicts, bodies (and with --send, each send's outcome) as JSON
Exit codes: 0 whatever the verdicts; 1 with --send when any send failed or could not go out (e.g. an unset
env variable); 2 when the input is invalid (nothing is sent then); 130 when Ctrl+C cancelled the sends (the
one in flight is recorded as cancelled, the rest are not sent; a second Ctrl+C quits at once).
`;

/** A webhook to simulate: a saved one (with its id) or one read from a definition file. */
export type SimulatedInput = WebhookInput & { id?: string };

/** Loads the saved webhooks; the data folder is opened only when a command needs it. */
export type LoadSaved = () => Promise<{ ok: true; value: Webhook[] } | { ok: false; error: AppError }>;

/**
 * What simulate needs from the data folder, opened lazily: saved webhooks, the backend to send with, and the
 * saved escape mode and event_type spelling (so the bodies shown are the bodies `--send` delivers).
 */
export interface SimulateDeps {
  loadSaved: LoadSaved;
  backend: () => Promise<CliBackend>;
  loadAuthoring: LoadAuthoring;
}

function usage(io: CliIo, why: string): number {
  io.stderr(`${why}\n${SIMULATE_USAGE}`);
  return 2;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n') + '\n';
}

/** Resolves `--webhooks` arguments: a file is a definition file, an argument naming no file a saved webhook (see file-or-name.ts). */
async function resolveWebhooks(args: string[], io: CliIo, loadSaved: LoadSaved): Promise<SimulatedInput[] | number> {
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
  const out: SimulatedInput[] = [];
  for (const arg of args) {
    let text: string | undefined;
    try {
      text = await readIfFile(io, arg);
    } catch (e) {
      return usage(io, e instanceof Error ? e.message : String(e));
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
    const found = findWebhookByName(all, arg);
    if (!found) return usage(io, `"${arg}" is neither a readable file nor a saved webhook — saved: ${all.map((w) => w.name).join(', ') || 'none'}.`);
    out.push(found);
  }
  return out;
}

/** Reads `--payload`: a JSON object with a `data` object, as Apono sends. */
async function readPayload(file: string | undefined, io: CliIo): Promise<RequestEvent | string> {
  if (!file) return documentedExample();
  const payload = await readPayloadFile(io, file);
  if (!payload.ok) return payload.message;
  const base = baseRequestOf(payload.value);
  return base.ok ? base.event : `--payload ${file}: ${base.problem}`;
}

function printTable(steps: SimStep[], io: CliIo, sent?: SentCells): void {
  const names = steps[0]?.cells.map((c) => c.webhook) ?? [];
  const verdict = (s: SimStep, i: number) => s.cells.map((c, j) => VERDICT_LABELS[c.verdict.kind] + (c.rendered && !c.rendered.json ? ' (body not JSON)' : '') + cellLabel(sent?.get(`${i}:${j}`)));
  const rows = [['STEP', ...names], ...steps.map((s, i) => [s.trigger, ...verdict(s, i)])];
  io.stdout(table(rows));
  const why = steps.flatMap((s) => s.cells.filter((c) => c.verdict.kind === 'filtered-out').map((c) => `  ${s.trigger} × ${c.webhook}: ${'reason' in c.verdict ? c.verdict.reason : ''}`));
  if (why.length) io.stdout(`\nFiltered out:\n${why.join('\n')}\n`);
  if (sent?.size) {
    const lines = [...sent.values()].map((r) => `  ${r.trigger} × ${r.webhook}: ${r.line}`);
    io.stdout(`\nSent (recorded in the history; see: hooksmith show ID):\n${lines.join('\n')}\n`);
  }
}

export async function simulateCommand(argv: string[], io: CliIo, deps: SimulateDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        webhooks: { type: 'string', multiple: true },
        lifecycle: { type: 'string', default: 'granted' },
        payload: { type: 'string' },
        json: { type: 'boolean' },
        send: { type: 'boolean' },
        ...NETWORK_FLAG_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage(io, e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(SIMULATE_USAGE);
    return 0;
  }
  if (!values.send && (values.ca !== undefined || values.insecure || values.proxy !== undefined)) return usage(io, '--ca, --insecure and --proxy apply to --send only.');
  if (!(LIFECYCLE_NAMES as string[]).includes(values.lifecycle)) return usage(io, `--lifecycle must be one of ${LIFECYCLE_NAMES.join(', ')}.`);
  // `--webhooks a.json b.json` reads more naturally than repeating the flag, so positionals join the list.
  const webhookArgs = [...(values.webhooks ?? []), ...positionals];
  const webhooks = await resolveWebhooks(webhookArgs, io, deps.loadSaved);
  if (typeof webhooks === 'number') return webhooks;
  const base = await readPayload(values.payload, io);
  if (typeof base === 'string') return usage(io, base);
  if (webhooks.length === 0) {
    io.stdout('No webhooks to simulate — save one, or pass --webhooks FILE.\n');
    return 0;
  }
  const network = values.send ? await networkFromFlags(values, io) : {};
  if (typeof network === 'string') return usage(io, network);
  const { escapeMode, eventTypeStyle } = await deps.loadAuthoring();
  // A given payload keeps its own event_type spelling; the documented example takes the saved one.
  const style = values.payload === undefined ? eventTypeStyle : undefined;
  const steps = simulateLifecycle(webhooks, base, values.lifecycle as LifecycleName, { escape: escapeMode, style });
  const backend = values.send ? await deps.backend() : undefined;
  const run = backend ? await cancellable(io, (signal) => sendFired(steps, webhooks, network, backend, signal)) : undefined;
  const sent = run?.value;
  if (values.json) {
    const json = steps.map((s, i) => ({
      step: s.trigger,
      event_type: s.event.event_type,
      webhooks: s.cells.map((c, j) => {
        const send = sent?.get(`${i}:${j}`);
        return {
          name: c.webhook,
          verdict: c.verdict.kind,
          ...('reason' in c.verdict ? { reason: c.verdict.reason } : {}),
          ...(c.rendered ? { body: c.rendered.body, json: c.rendered.json } : {}),
          ...(send ? { sent: send.json } : {}),
        };
      }),
    }));
    io.stdout(`${JSON.stringify({ lifecycle: values.lifecycle, steps: json }, null, 2)}\n`);
  } else {
    printTable(steps, io, sent);
  }
  if (run?.cancelled) {
    const left = sendPlan(steps).length - run.value.size;
    io.stderr(`Cancelled: the send in flight was stopped and recorded${left ? `; ${left} more that fired ${left === 1 ? 'was' : 'were'} not sent` : ''}.\n`);
    return INTERRUPTED_EXIT;
  }
  return sent && [...sent.values()].some((r) => !r.ok) ? 1 : 0;
}
