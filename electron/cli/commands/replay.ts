/**
 * `hooksmith replay <id> [--rerender] [--json]`, `hooksmith export <id> --format curl|har|bundle [--reveal-secrets]`
 * and `hooksmith import <bundle-or-curl-file|->`. Ctrl+C cancels a replay in flight (recorded; exit 130).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatMs } from '../../../shared/delivery/format';
import { envReadsLine } from '../../../shared/model/env-reads';
import { readInputText, type CliIo } from '../cli-io';
import type { CliBackend } from '../cli-api';
import { cancellableRun, INTERRUPTED_EXIT } from '../interrupt';
import { printError } from '../print';
import { describeRecord } from './history';

function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>, usage: string, io: CliIo) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n${usage}\n`);
    return null;
  }
}

export async function replayCommand(argv: string[], io: CliIo, backend: CliBackend): Promise<number> {
  const usage = 'usage: hooksmith replay <id> [--rerender] [--json]';
  const p = parse(argv, { rerender: { type: 'boolean' }, json: { type: 'boolean' } }, usage, io);
  if (!p) return 2;
  const id = p.positionals[0];
  if (!id) return (io.stderr(`${usage}\n`), 2);
  const { value: r, cancelled } = await cancellableRun(
    io,
    (runId) => backend.api.delivery.cancel({ runId }),
    (runId) => backend.api.history.replay({ id, mode: p.values.rerender ? 'rerender' : 'exact', runId }),
  );
  if (!r.ok) return cancelled ? (printError(io, r.error), INTERRUPTED_EXIT) : printError(io, r.error);
  io.stdout(p.values.json ? JSON.stringify(r.value, null, 2) + '\n' : describeRecord(r.value));
  if (!cancelled) return r.value.outcome === 'Success' ? 0 : 1;
  io.stderr(`Cancelled after ${formatMs(r.value.durationMs)}; recorded as invocation ${r.value.id}.\n`);
  return INTERRUPTED_EXIT;
}

export async function exportCommand(argv: string[], io: CliIo, backend: CliBackend): Promise<number> {
  const usage = 'usage: hooksmith export <id> --format curl|har|bundle [--reveal-secrets] [--out FILE]';
  const p = parse(argv, { format: { type: 'string' }, 'reveal-secrets': { type: 'boolean' }, out: { type: 'string' } }, usage, io);
  if (!p) return 2;
  const id = p.positionals[0];
  const format = p.values.format;
  if (!id || (format !== 'curl' && format !== 'har' && format !== 'bundle')) return (io.stderr(`${!id ? 'missing invocation id' : '--format must be curl, har or bundle'}\n${usage}\n`), 2);
  const r = await backend.api.history.exportInvocation({ id, format, revealSecrets: p.values['reveal-secrets'] === true });
  if (!r.ok) return printError(io, r.error);
  if (typeof p.values.out === 'string') {
    await io.writeFile(p.values.out, r.value.text);
    io.stderr(`Wrote ${p.values.out}\n`);
  } else io.stdout(r.value.text);
  if (r.value.envVars.length) io.stderr(`Set these before running it: ${r.value.envVars.join(', ')}\n`);
  return 0;
}

export async function importCommand(argv: string[], io: CliIo, backend: CliBackend): Promise<number> {
  const usage = 'usage: hooksmith import <bundle-or-curl-file|->';
  const p = parse(argv, {}, usage, io);
  if (!p) return 2;
  const file = p.positionals[0];
  if (!file) return (io.stderr(`${usage}\n`), 2);
  const text = await readInputText(io, file);
  if (text === undefined) return 2;
  const r = await backend.api.history.importBundle({ text });
  if (!r.ok) return printError(io, r.error, file === '-' ? 'stdin' : file);
  io.stdout(`Created webhook ${r.value.webhook.name} (inactive)\n`);
  if (r.value.envReads.length) io.stderr(`${envReadsLine(r.value.webhook.name, r.value.envReads)}\n`);
  if (r.value.invocation) io.stdout(`Added invocation ${r.value.invocation.id}; replay it with: hooksmith replay ${r.value.invocation.id}\n`);
  for (const w of r.value.warnings) io.stderr(`Warning: ${w}\n`);
  return 0;
}
