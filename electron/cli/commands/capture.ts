/**
 * `hooksmith capture …`: the capture receiver and what its captures tell (issue #15).
 *
 *   capture [--port N] [--https]        run the receiver until Ctrl+C (exit 0: stopping is how it ends)
 *   capture list [--json]               captures, newest first
 *   capture show ID [--json]            one capture: request line, headers, body
 *   capture delete ID [--json]          delete one capture
 *   capture probe-template              the probe body template, for an Apono webhook's body
 *   capture findings ID [--json]        eventTypeSpelling, escapeMode, fields, value types
 *   capture apply ID                    set the settings the findings determined
 *   capture save-sample ID [--name N]   save the captured event as a sample
 *   capture diff ID [--webhook NAME] [--event-from CAPTURE_ID | --payload FILE] [--json]
 *                                       Hooksmith's prediction against the captured bytes (exit 1 if they differ)
 */
import { parseArgs } from 'node:util';
import { captureFindings, type CaptureFindings } from '../../../shared/capture/findings';
import { isProbeBody } from '../../../shared/capture/probe-read';
import type { CaptureRecord, CaptureSummary } from '../../../shared/capture/types';
import { findWebhookByName } from '../../../shared/model/webhook-name';
import type { CliBackend } from '../cli-api';
import type { CliIo } from '../cli-io';
import { readPayloadFile } from '../payload-file';
import { printError } from '../print';

export const CAPTURE_USAGE = `usage: hooksmith capture [--port N] [--https]      receive and record requests until Ctrl+C
       hooksmith capture list [--json]
       hooksmith capture show ID [--json]
       hooksmith capture delete ID [--json]
       hooksmith capture probe-template
       hooksmith capture findings ID [--json]
       hooksmith capture apply ID [--json]         set eventTypeSpelling and escapeMode from the findings
       hooksmith capture save-sample ID [--name NAME] [--json]
       hooksmith capture diff ID [--webhook NAME] [--event-from CAPTURE_ID | --payload FILE] [--json]
                                                   exit 0 when Hooksmith's prediction equals the captured body, 1 if not;
                                                   the event: --payload, else --event-from's, else the capture's own,
                                                   else the newest earlier capture's (the probe), else the trigger's sample
`;

type Sub = (positionals: string[], values: Record<string, string | boolean | undefined>, io: CliIo, backend: CliBackend) => Promise<number>;

const OPTIONS = {
  port: { type: 'string' },
  https: { type: 'boolean' },
  json: { type: 'boolean' },
  webhook: { type: 'string' },
  name: { type: 'string' },
  'event-from': { type: 'string' },
  payload: { type: 'string' },
} as const;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n') + '\n';
}

const time = (iso: string) => iso.replace('T', ' ').slice(0, 19);
const target = (r: Pick<CaptureRecord, 'path' | 'query'>) => `${r.path}${r.query ? `?${r.query}` : ''}`;

/** One line per request as it arrives; a probe also gets what it settled, so Apono's Test answers at once. */
export function arrivalLine(r: CaptureRecord): string {
  const line = `${time(r.receivedAt)}  ${r.method} ${target(r)}  ${r.size} bytes${r.truncated ? ' (cut)' : ''}  id ${r.id}\n`;
  if (r.bodyEncoding !== 'utf8' || !isProbeBody(r.body)) return line;
  const f = captureFindings(r.body);
  return `${line}  probe: eventTypeSpelling ${f.eventTypeSpelling}, escapeMode ${f.escapeMode} (more: hooksmith capture findings ${r.id})\n`;
}

const run: Sub = async (_p, values, io, backend) => {
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return (io.stderr(`--port must be a whole number from 0 to 65535\n${CAPTURE_USAGE}`), 2);
  const started = await backend.api.capture.start({ port, https: values.https === true });
  if (!started.ok) return printError(io, started.error);
  const status = started.value;
  const unsubscribe = backend.onCaptured((r) => io.stdout(arrivalLine(r)));
  io.stdout(`Capturing at ${status.url}\n`);
  if (status.fingerprint) io.stdout(`Certificate SHA-256 fingerprint: ${status.fingerprint}\nCertificate: ${backend.captureCertificatePath}\n`);
  io.stderr('Requests are answered 200 {"ok":true,"captured":"<id>"}. Press Ctrl+C to stop.\n');
  await new Promise<void>((resolve) => {
    const stop = io.onInterrupt(() => {
      stop();
      resolve();
    });
  });
  unsubscribe();
  const last = await backend.api.capture.status();
  await backend.api.capture.stop();
  io.stderr(`Stopped: ${last.ok ? last.value.captured : 0} request(s) captured. See: hooksmith capture list\n`);
  return 0;
};

const list: Sub = async (_p, values, io, backend) => {
  const r = await backend.api.capture.list();
  if (!r.ok) return printError(io, r.error);
  if (values.json) return (io.stdout(JSON.stringify(r.value, null, 2) + '\n'), 0);
  if (!r.value.length) return (io.stdout('No captures. Start one with: hooksmith capture\n'), 0);
  const row = (s: CaptureSummary) => [time(s.receivedAt), s.method, s.path, `${s.size}${s.truncated ? ' (cut)' : ''}`, s.contentType, s.id];
  io.stdout(table([['TIME (UTC)', 'METHOD', 'PATH', 'BYTES', 'CONTENT-TYPE', 'ID'], ...r.value.map(row)]));
  return 0;
};

/** A short human view of one capture. */
export function describeCapture(r: CaptureRecord): string {
  const lines = [`${r.method} ${target(r)}  ${r.receivedAt}  ${r.size} bytes${r.tls ? '  https' : ''}  id ${r.id}`];
  if (r.truncated) lines.push(`(body cut: ${r.size} bytes received, the first ${Buffer.byteLength(r.body, r.bodyEncoding === 'base64' ? 'base64' : 'utf8')} kept)`);
  lines.push(...r.headers.map(([n, v]) => `> ${n}: ${v}`), '', r.bodyEncoding === 'utf8' ? r.body : `(binary body, ${r.size} bytes: see --json for base64)`);
  return lines.join('\n') + '\n';
}

const withId =
  (usage: string, work: (id: string, values: Record<string, string | boolean | undefined>, io: CliIo, backend: CliBackend) => Promise<number>): Sub =>
  async (positionals, values, io, backend) => {
    const [id, ...extra] = positionals;
    if (!id || extra.length) return (io.stderr(`${id ? `unexpected argument ${extra[0]}` : 'missing capture ID'}\nusage: hooksmith capture ${usage}\nSee: hooksmith capture list\n`), 2);
    return work(id, values, io, backend);
  };

const show = withId('show ID [--json]', async (id, values, io, backend) => {
  const r = await backend.api.capture.get({ id });
  if (!r.ok) return printError(io, r.error);
  io.stdout(values.json ? JSON.stringify(r.value, null, 2) + '\n' : describeCapture(r.value));
  return 0;
});

/** Prints `value` as JSON under --json, else the human line; exit 0. */
function answer(io: CliIo, values: Record<string, string | boolean | undefined>, value: unknown, line: string): number {
  io.stdout(values.json ? JSON.stringify(value, null, 2) + '\n' : `${line}\n`);
  return 0;
}

const remove = withId('delete ID [--json]', async (id, values, io, backend) => {
  const r = await backend.api.capture.remove({ id });
  if (!r.ok) return printError(io, r.error);
  return answer(io, values, { id: r.value.id, deleted: true }, `Deleted capture ${r.value.id}`);
});

const probe: Sub = async (positionals, _v, io, backend) => {
  if (positionals.length) return (io.stderr(`unexpected argument ${positionals[0]}\nusage: hooksmith capture probe-template\n`), 2);
  const r = await backend.api.capture.probeTemplate();
  if (!r.ok) return printError(io, r.error);
  io.stdout(r.value.template);
  return 0;
};

/** Findings in words. */
export function describeFindings(id: string, f: CaptureFindings): string {
  const types = Object.entries(f.valueTypes).map(([p, t]) => `${p} ${t}`);
  const lines = [
    `Capture ${id} (${f.source === 'probe' ? 'probe template' : f.source === 'json' ? 'JSON event' : 'not an event'}${f.jsonValid ? '' : ', not valid JSON'})`,
    `eventTypeSpelling: ${f.eventTypeSpelling}${f.eventType !== null ? `  (event_type "${f.eventType}")` : ''}`,
    `escapeMode: ${f.escapeMode}`,
    ...f.escapeEvidence.map((e) => `  ${e}`),
    `Fields present: ${f.fields.present.length}`,
    `Fields missing: ${f.fields.missing.join(', ') || 'none'}`,
    `Fields unknown: ${f.fields.unknown.join(', ') || 'none'}`,
  ];
  if (types.length) lines.push(`Value types: ${types.join(', ')}`);
  lines.push(...f.notes.map((n) => `Note: ${n}`));
  if (f.eventTypeSpelling !== 'undetermined' || f.escapeMode !== 'undetermined') lines.push(`Set them: hooksmith capture apply ${id}`);
  if (f.event) lines.push(`Keep the event: hooksmith capture save-sample ${id}`);
  return lines.join('\n') + '\n';
}

const findings = withId('findings ID [--json]', async (id, values, io, backend) => {
  const r = await backend.api.capture.findings({ id });
  if (!r.ok) return printError(io, r.error);
  io.stdout(values.json ? JSON.stringify(r.value, null, 2) + '\n' : describeFindings(id, r.value));
  return 0;
});

const apply = withId('apply ID [--json]', async (id, values, io, backend) => {
  const r = await backend.api.capture.applyFindings({ id });
  if (!r.ok) return printError(io, r.error);
  return answer(io, values, r.value, `Settings: eventTypeStyle ${r.value.eventTypeStyle}, escapeMode ${r.value.escapeMode}`);
});

const saveSample = withId('save-sample ID [--name NAME] [--json]', async (id, values, io, backend) => {
  const r = await backend.api.capture.saveSample({ id, ...(typeof values.name === 'string' ? { name: values.name } : {}) });
  if (!r.ok) return printError(io, r.error);
  return answer(io, values, r.value, `Saved sample "${r.value.name}"`);
});

const diff = withId('diff ID [--webhook NAME] [--event-from CAPTURE_ID | --payload FILE] [--json]', async (id, values, io, backend) => {
  if (values['event-from'] !== undefined && values.payload !== undefined) return (io.stderr(`--event-from and --payload are exclusive\n${CAPTURE_USAGE}`), 2);
  let event: Record<string, unknown> | undefined;
  if (typeof values.payload === 'string') {
    const read = await readPayloadFile(io, values.payload);
    if (!read.ok) return (io.stderr(`${read.message}\n`), 2);
    if (typeof read.value !== 'object' || read.value === null || Array.isArray(read.value)) return (io.stderr(`--payload ${values.payload}: must hold a JSON object (an event).\n`), 2);
    event = read.value as Record<string, unknown>;
  }
  let webhookId: string | undefined;
  if (typeof values.webhook === 'string') {
    const all = await backend.api.webhooks.list();
    if (!all.ok) return printError(io, all.error);
    const w = findWebhookByName(all.value, values.webhook) ?? all.value.find((x) => x.id === values.webhook);
    if (!w) return printError(io, { code: 'not-found', message: `--webhook: no saved webhook is named "${values.webhook}". See: hooksmith webhooks list` });
    webhookId = w.id;
  }
  const eventFrom = typeof values['event-from'] === 'string' ? values['event-from'] : undefined;
  const r = await backend.api.capture.diff({ id, ...(webhookId ? { webhookId } : {}), ...(eventFrom ? { eventFrom } : {}), ...(event ? { event } : {}) });
  // The service names its argument (eventFrom); the user typed the flag.
  if (!r.ok) return printError(io, r.error.field === 'eventFrom' ? { ...r.error, message: `--event-from: ${r.error.message}` } : r.error);
  const d = r.value;
  if (values.json) io.stdout(JSON.stringify(d, null, 2) + '\n');
  else {
    io.stdout(`Webhook ${d.webhookName} (${d.webhookMatchedBy === 'path' ? 'matched by path' : 'picked'}), event from ${d.eventFrom}, escapeMode ${d.escapeMode}, eventTypeStyle ${d.eventTypeStyle}\n`);
    io.stdout(`${d.summary}\n`);
  }
  return d.equal ? 0 : 1;
});

const SUBCOMMANDS: Record<string, Sub> = { list, show, delete: remove, 'probe-template': probe, findings, apply, 'save-sample': saveSample, diff };

export async function captureCommand(argv: string[], io: CliIo, backend: CliBackend): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n${CAPTURE_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.port !== undefined || values.https) {
    if (positionals.length) return (io.stderr(`--port and --https start the receiver; they take no ${positionals[0]}\n${CAPTURE_USAGE}`), 2);
  }
  const [sub, ...rest] = positionals;
  if (sub === undefined) return run(rest, values, io, backend);
  const command = SUBCOMMANDS[sub];
  if (!command) return (io.stderr(`Unknown capture command "${sub}".\n${CAPTURE_USAGE}`), 2);
  return command(rest, values, io, backend);
}
