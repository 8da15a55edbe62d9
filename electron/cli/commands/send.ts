/**
 * `hooksmith send <webhook-file|name> [--event <trigger>] [--payload <file>] [--json]`
 *
 * Sends once through the same delivery service as the Test button, records the invocation, and prints a
 * one-screen summary (or, with --json, the invocation record). Exit 0 on success, 1 when the delivery
 * failed or could not be sent (e.g. an unset env variable), 2 for bad usage (unknown webhook, bad flags,
 * unreadable or invalid files), 130 when Ctrl+C cancelled it (the cancelled invocation is still recorded).
 */
import { parseArgs } from 'node:util';
import type { TestArgs } from '../../../shared/api/contract';
import { formatInvocationSummary } from '../../../shared/delivery/summary';
import { parseDefinitionFile } from '../../../shared/model/definition-file';
import { checkMaxResponseBytes, parseByteSize } from '../../../shared/model/response-limit';
import { TRIGGERS, type Trigger, type WebhookInput } from '../../../shared/model/webhook';
import type { CliBackend } from '../cli-api';
import type { CliIo } from '../cli-io';
import { cancellableRun, INTERRUPTED_EXIT } from '../interrupt';
import { NETWORK_FLAG_OPTIONS, networkFromFlags } from '../network-flags';
import { readPayloadFile } from '../payload-file';
import { printError } from '../print';
import { findWebhookByName } from '../../../shared/model/webhook-name';
import { readIfFile } from '../file-or-name';

export const SEND_USAGE = `usage: hooksmith send <webhook-file|name> [--event <trigger>] [--payload <file>] [--json]
                      [--ca <pem-file>] [--insecure] [--proxy <http-url>] [--max-response <size>]
  <webhook-file>  a definition file holding one webhook (secrets as \${env:NAME}); else a saved webhook's name
  --event         the trigger whose sample event is sent (default: the webhook's first trigger)
  --payload       a JSON file with the event to render the body with, instead of the sample
  --json          print the invocation record as JSON instead of the summary
  --ca            trust an extra CA certificate (PEM) for this send
  --insecure      accept any server certificate (local testing only; Apono always verifies)
  --proxy         send through this http:// proxy (default: HTTPS_PROXY / NO_PROXY)
  --max-response  keep at most this much of the response body, e.g. 2MB, 512KB or 1048576 (bytes);
                  1 KB to 100 MB, binary units (default: the app setting, 1 MB unless changed)
Ctrl+C cancels the send: what happened so far is printed and recorded in the history (exit 130);
a second Ctrl+C quits at once.
`;

function usage(io: CliIo, why: string): number {
  io.stderr(`${why}\n${SEND_USAGE}`);
  return 2;
}

/** The `--max-response` flag in bytes (undefined when absent), or what is wrong with it. */
function maxResponseFromFlag(text: string | undefined): number | undefined | string {
  if (text === undefined) return undefined;
  const bytes = parseByteSize(text);
  if (bytes === null) return `--max-response must be a size such as 2MB, 512KB or 1048576 (bytes), not "${text}"`;
  const issue = checkMaxResponseBytes(bytes, 'maxResponseBytes', '--max-response')[0];
  return issue ? issue.message : bytes;
}

/** Reads a file, or returns undefined when there is none at that path (so the argument is a name). */
/** Runs `send` against an opened backend. */
export async function sendCommand(argv: string[], io: CliIo, backend: CliBackend): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        event: { type: 'string' },
        payload: { type: 'string' },
        json: { type: 'boolean' },
        'max-response': { type: 'string' },
        ...NETWORK_FLAG_OPTIONS,
      },
    });
  } catch (e) {
    return usage(io, e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const [target, ...extra] = positionals;
  if (!target) return usage(io, 'missing webhook file or name');
  if (extra.length) return usage(io, `unexpected argument ${extra[0]}`);
  if (values.event !== undefined && !(TRIGGERS as readonly string[]).includes(values.event)) {
    return usage(io, `--event must be one of ${TRIGGERS.join(', ')}`);
  }
  const limit = maxResponseFromFlag(values['max-response']);
  if (typeof limit === 'string') return usage(io, limit);

  const args: Partial<TestArgs> = limit === undefined ? {} : { maxResponseBytes: limit };
  let triggers: readonly Trigger[];
  try {
    const text = await readIfFile(io, target);
    if (text !== undefined) {
      const def = parseDefinitionFile(text);
      const errors = def.issues.filter((i) => i.severity !== 'warning');
      if (errors.length) {
        printError(io, { code: 'validation-failed', message: `${target} is not a valid definition file:`, issues: errors });
        return 2;
      }
      if (def.webhooks.length !== 1) return usage(io, `${target} holds ${def.webhooks.length} webhooks; send needs a file with exactly one (or import it and send by name).`);
      const input: WebhookInput = def.webhooks[0]!;
      args.input = input;
      triggers = input.triggers;
    } else {
      const listed = await backend.api.webhooks.list();
      if (!listed.ok) return printError(io, listed.error);
      const saved = findWebhookByName(listed.value, target);
      if (!saved) return usage(io, `"${target}" is neither a file nor a saved webhook's name. See: hooksmith webhooks list`);
      args.webhookId = saved.id;
      triggers = saved.triggers;
    }
    if (values.payload !== undefined) {
      const payload = await readPayloadFile(io, values.payload);
      if (!payload.ok) return (io.stderr(`${payload.message}\n`), 2);
      args.event = payload.value;
    }
    const network = await networkFromFlags(values, io);
    if (typeof network === 'string') return usage(io, network);
    if (Object.keys(network).length) args.network = network;
  } catch (e) {
    return usage(io, e instanceof Error ? e.message : String(e));
  }

  const trigger = (values.event as Trigger | undefined) ?? triggers[0] ?? 'RequestCreated';
  const { value: result, cancelled } = await cancellableRun(
    io,
    (runId) => backend.api.delivery.cancel({ runId }),
    (runId) => backend.api.delivery.test({ ...args, trigger, runId }),
  );
  if (!result.ok) return cancelled ? (printError(io, result.error), INTERRUPTED_EXIT) : printError(io, result.error);
  const record = result.value;
  io.stdout(values.json ? `${JSON.stringify(record, null, 2)}\n` : formatInvocationSummary(record));
  if (cancelled) return INTERRUPTED_EXIT;
  return record.outcome === 'Success' ? 0 : 1;
}
