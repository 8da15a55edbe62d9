/**
 * `hooksmith history [--webhook NAME] [--request ID|EMAIL] [--search TEXT] [--status success|failure]
 * [--since DURATION] [--json]` and `hooksmith show <id> [--json]`.
 */
import { parseArgs } from 'node:util';
import type { InvocationRecord } from '../../../shared/delivery/invocation';
import { parseDuration } from '../../../shared/history/stats';
import type { HistoryQuery, InvocationSummary } from '../../../shared/history/types';
import { editDistance } from '../../../shared/template/did-you-mean';
import type { CliBackend } from '../cli-api';
import type { CliIo } from '../cli-io';
import { printError } from '../print';
import { cancellableRun, INTERRUPTED_EXIT } from '../interrupt';
import { requestFilter } from '../../../shared/history/filters';
import { findWebhookByName } from '../../../shared/model/webhook-name';

const USAGE = `usage: hooksmith history [--webhook NAME] [--request ID|EMAIL] [--search TEXT] [--status success|failure]
                         [--since DURATION (e.g. 1h, 7d)] [--limit N] [--json]
  --request   an Apono request's friendly_id or id, or the requester's email (looked up in the history's index)
  --search    text in URLs, headers and bodies (reads the records; Ctrl+C stops it)`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n') + '\n';
}

function row(s: InvocationSummary): string[] {
  return [s.startedAt.replace('T', ' ').slice(0, 19), s.webhookName, s.trigger, s.outcome === 'Success' ? 'ok' : 'FAIL', s.status === null ? '-' : String(s.status), `${Math.round(s.durationMs)}ms`, s.errorClass ?? '', s.id];
}

/** How many recent invocations `--webhook` looks through for names like a mistyped one. */
const RECENT_FOR_SUGGESTIONS = 1000;

/** Names like `name`: containing it, or a likely typo of it; closest first, at most three. */
function closeNames(name: string, candidates: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const max = Math.max(2, Math.floor(name.length / 3));
  const scored = [...new Set(candidates)]
    .map((c) => ({ c, d: c.toLowerCase().includes(lower) ? 0 : editDistance(lower, c.toLowerCase(), max) }))
    .filter(({ d }) => d <= max);
  return scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c)).slice(0, 3).map(({ c }) => c);
}

/**
 * The history filter for `--webhook NAME`: a saved webhook's id when one has that name (or id), else the name
 * as recorded, which is what `history` lists for invocations sent from a definition file or of a deleted
 * webhook. `null` with a printed error, suggesting close names, when neither knows it.
 */
export async function webhookFilter(backend: CliBackend, io: CliIo, name: string): Promise<Pick<HistoryQuery, 'webhookId' | 'webhookName'> | null> {
  const listed = await backend.api.webhooks.list();
  if (!listed.ok) return (printError(io, listed.error), null);
  const w = findWebhookByName(listed.value, name) ?? listed.value.find((x) => x.id === name);
  if (w) return { webhookId: w.id };
  const recorded = await backend.api.history.list({ webhookName: name, limit: 1 });
  if (!recorded.ok) return (printError(io, recorded.error), null);
  if (recorded.value.total > 0) return { webhookName: name };
  const recent = await backend.api.history.list({ limit: RECENT_FOR_SUGGESTIONS });
  const known = [...listed.value.map((x) => x.name), ...(recent.ok ? recent.value.items.map((i) => i.webhookName) : [])];
  const close = closeNames(name, known);
  const hint = close.length ? ` Did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '';
  printError(io, { code: 'not-found', message: `--webhook: no webhook named "${name}" is saved or in the history.${hint} See: hooksmith webhooks list, or hooksmith history` });
  return null;
}

export async function historyCommand(argv: string[], io: CliIo, backend: CliBackend): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { webhook: { type: 'string' }, request: { type: 'string' }, search: { type: 'string' }, status: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
    });
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const v = parsed.values;
  const q: HistoryQuery = { limit: v.limit ? Number(v.limit) : 50 };
  if (v.status !== undefined) {
    if (v.status !== 'success' && v.status !== 'failure') return (io.stderr(`--status must be success or failure\n${USAGE}\n`), 2);
    q.outcome = v.status === 'success' ? 'Success' : 'Failure';
  }
  if (v.since !== undefined) {
    const ms = parseDuration(v.since);
    if (ms === null) return (io.stderr(`--since must be a duration such as 30m, 1h or 7d\n${USAGE}\n`), 2);
    q.since = Date.now() - ms;
  }
  if (!Number.isInteger(q.limit) || q.limit! < 1 || q.limit! > 1000) return (io.stderr(`--limit must be a whole number from 1 to 1000\n${USAGE}\n`), 2);
  if (v.request !== undefined) {
    if (!v.request.trim()) return (io.stderr(`--request needs an Apono request id (friendly_id or id) or a requester's email\n${USAGE}\n`), 2);
    Object.assign(q, requestFilter(v.request));
  }
  if (v.search !== undefined) {
    if (!v.search.trim()) return (io.stderr(`--search needs the text to look for\n${USAGE}\n`), 2);
    q.text = v.search.trim();
  }
  if (v.webhook !== undefined) {
    const filter = await webhookFilter(backend, io, v.webhook);
    if (filter === null) return 1;
    Object.assign(q, filter);
  }
  // A text search reads the records: Ctrl+C stops it (through the one run registry) instead of killing the CLI.
  const { value: page, cancelled } = await cancellableRun(
    io,
    (runId) => backend.api.delivery.cancel({ runId }),
    (runId) => backend.api.history.list(q.text !== undefined ? { ...q, runId } : q),
  );
  if (!page.ok) return cancelled ? (printError(io, page.error), INTERRUPTED_EXIT) : printError(io, page.error);
  if (v.json) {
    io.stdout(JSON.stringify(page.value, null, 2) + '\n');
    return 0;
  }
  if (!page.value.items.length) {
    io.stdout('No invocations match.\n');
    return 0;
  }
  io.stdout(table([['TIME (UTC)', 'WEBHOOK', 'TRIGGER', 'RESULT', 'STATUS', 'DURATION', 'ERROR', 'ID'], ...page.value.items.map(row)]));
  io.stdout(`${page.value.items.length} of ${page.value.totalAtLeast ? 'at least ' : ''}${page.value.total}\n`);
  return 0;
}

/** A short human view of one record. */
export function describeRecord(r: InvocationRecord): string {
  const lines = [`${r.outcome}  ${r.webhookName}  ${r.trigger}  ${r.startedAt}  ${Math.round(r.durationMs)}ms  id ${r.id}`];
  if (r.replayOf) lines.push(`Replay of ${r.replayOf}`);
  if (r.importedFrom) lines.push(`Imported from invocation ${r.importedFrom.originalId} of ${r.importedFrom.startedAt}`);
  if (r.error) lines.push(`Error (${r.error.errorClass}): ${r.error.message}`, `Hint: ${r.error.hint}`);
  if (r.request) {
    lines.push('', `> ${r.request.method} ${r.request.url}`, ...r.request.headers.map(([n, val]) => `> ${n}: ${val}`), '', r.request.body);
  }
  if (r.response) {
    lines.push('', `< ${r.response.status} ${r.response.statusText}`, ...r.response.headers.map(([n, val]) => `< ${n}: ${val}`), '', r.response.bodyEncoding === 'utf8' ? r.response.body : `(${r.response.size} bytes, binary)`);
  }
  if (r.bodiesOmitted) lines.push('', '(bodies were not kept for this webhook)');
  return lines.join('\n') + '\n';
}

export async function showCommand(argv: string[], io: CliIo, backend: CliBackend): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const id = positionals[0];
  if (!id) return (io.stderr('usage: hooksmith show <id> [--json]\n'), 2);
  const rec = await backend.api.history.get({ id });
  if (!rec.ok) return printError(io, rec.error);
  io.stdout(values.json ? JSON.stringify(rec.value, null, 2) + '\n' : describeRecord(rec.value));
  return 0;
}
