/**
 * The contract's `delivery` namespace: the Test button and `hooksmith send`.
 *
 * Turns "this webhook (or these form contents), this trigger" into one delivery: rules check, secrets
 * resolved (through `secrets/` only), event picked, body rendered, `deliver` called, record kept. Problems
 * the user must fix before anything can be sent (rules, unset env variables) are result errors naming the
 * field; everything from rendering on produces an invocation record, failures included.
 */
import type { DeliveryApi, TestArgs } from '../../shared/api/contract';
import { err, ok, validationFailed, type Result } from '../../shared/api/result';
import { invalidBodyError, type DeliveryError } from '../../shared/delivery/errors';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import type { Trigger, Webhook } from '../../shared/model/webhook';
import { checkMaxResponseBytes } from '../../shared/model/response-limit';
import { validateWebhookInput } from '../../shared/model/webhook-rules';
import { allSamples, sampleForTrigger } from '../../shared/payload/samples';
import { renderTemplate } from '../../shared/template/render';
import { describeRenderError } from '../../shared/template/render-error';
import { eventDepthIssue } from '../../shared/util/json-depth';
import { deliver, type DeliverOptions } from './delivery/deliver';
import { mergeNetwork } from './delivery/network-options';
import type { TokenCache } from './delivery/oauth2';
import { invocationRecord } from './delivery/record-parts';
import type { SecretStore } from './secrets/secret-store';
import { keepMaskedSecrets, resolveSecrets } from './secrets/webhook-secrets';
import { keepEnvReferences, maskText, webhookSecrets } from '../../shared/delivery/masking';
import { checkRequest, findContract, plannedHeaders } from '../../shared/contracts';
import type { DataFile } from './storage/data-file';
import type { RunRegistry } from './run-registry';

/** Where finished invocations go (the history store; a short in-memory list until it lands). */
export type RecordInvocation = (record: InvocationRecord) => Promise<void>;

export interface DeliveryServiceOptions {
  file: DataFile;
  secrets: SecretStore;
  env: Readonly<Record<string, string | undefined>>;
  recordInvocation: RecordInvocation;
  /** Defaults under every send (tests trust their receiver's CA here); app, webhook and per-test network settings add to them. */
  deliverDefaults?: DeliverOptions;
  /** The backend's one registry of cancellable runs (replays run in it too, so `cancel` reaches them). */
  runs: RunRegistry;
  /** The backend's one OAuth2 token cache, shared with replays: tokens outlive a single test, as they would in Apono. */
  tokenCache: TokenCache;
}

export class DeliveryService implements DeliveryApi {
  constructor(private readonly opts: DeliveryServiceOptions) {}

  async test(args: TestArgs): Promise<Result<InvocationRecord>> {
    return this.opts.runs.run(args.runId, (signal) => this.run(args, signal));
  }

  async cancel({ runId }: { runId: string }): Promise<Result<{ cancelled: boolean }>> {
    return ok({ cancelled: this.opts.runs.cancel(runId) });
  }

  /** The webhook to send, with its secrets still as references; or why there is none. */
  private async target(args: TestArgs): Promise<Result<Webhook>> {
    const saved = args.webhookId ? (await this.opts.file.read()).webhooks.find((w) => w.id === args.webhookId) : undefined;
    if (args.webhookId && !saved && !args.input) return err('not-found', `No webhook with id ${args.webhookId}; it may have been deleted.`, { field: 'webhookId' });
    if (!args.input) {
      if (!saved) return err('invalid-argument', 'Give a saved webhook (webhookId) or the settings to test (input).');
      return ok(saved);
    }
    // A test saves nothing, so the name need not be unique; every other rule applies as on save.
    const checked = validateWebhookInput(args.input);
    if (!checked.value) return validationFailed(checked.issues, 'The webhook');
    const kept = keepMaskedSecrets(checked.value, saved);
    if (kept.issues.length) return validationFailed(kept.issues, 'The webhook');
    const stamp = new Date().toISOString();
    return ok({ ...kept.webhook, id: saved?.id ?? '', createdAt: saved?.createdAt ?? stamp, updatedAt: saved?.updatedAt ?? stamp });
  }

  private async eventFor(args: TestArgs, trigger: Trigger): Promise<Result<unknown>> {
    if (args.event !== undefined) return ok(args.event);
    const style = (await this.opts.file.read()).settings.eventTypeStyle;
    if (args.sampleId === undefined) return ok(sampleForTrigger(trigger, style));
    const sample = allSamples(style).find((s) => s.id === args.sampleId);
    return sample ? ok(sample.event) : err('not-found', `No sample event with id "${args.sampleId}".`, { field: 'sampleId' });
  }

  private async run(args: TestArgs, signal: AbortSignal): Promise<Result<InvocationRecord>> {
    const target = await this.target(args);
    if (!target.ok) return target;
    if (args.network) {
      const early = mergeNetwork({}, { test: args.network });
      if (early.issues.length) return validationFailed(early.issues, 'The network options');
    }
    if (args.maxResponseBytes !== undefined) {
      const limitIssues = checkMaxResponseBytes(args.maxResponseBytes);
      if (limitIssues.length) return validationFailed(limitIssues, 'The test');
    }
    const resolved = await resolveSecrets(target.value, this.opts.secrets, this.opts.env);
    if (!resolved.ok) {
      const first = resolved.issues[0];
      // The messages name the header or token in the form's words; the fields travel in `issues`.
      return err('secret-unavailable', `Not sent: ${resolved.issues.map((i) => i.message).join(' ')}`, { field: first?.field, issues: resolved.issues });
    }
    const webhook = resolved.webhook;
    const settings = (await this.opts.file.read()).settings;
    const network = mergeNetwork(this.opts.deliverDefaults ?? {}, { global: settings.network, webhook: webhook.network, test: args.network });
    const event = await this.eventFor(args, args.trigger);
    if (!event.ok) return event;
    // Refused before anything walks it: an event nested thousands deep would overflow the stack after the request left.
    const tooDeep = eventDepthIssue(event.value);
    if (tooDeep) return validationFailed([tooDeep], 'The test');

    const rendered = renderTemplate(webhook.bodyTemplate, event.value, { escape: settings.escapeMode });
    let record: InvocationRecord;
    if (!rendered.ok) {
      record = notSentRecord(webhook, args.trigger, event.value, '', invalidBodyError('handlebars', describeRenderError(rendered)));
    } else if (!rendered.json.valid) {
      const j = rendered.json;
      const from = j.templateLocation ? `; produced by template line ${j.templateLocation.line}, column ${j.templateLocation.column}` : '';
      const detail = `${j.message} at body line ${j.line}, column ${j.column}${from}`;
      record = notSentRecord(webhook, args.trigger, event.value, rendered.body, invalidBodyError('json', detail));
    } else {
      record = await deliver({
        webhook,
        renderedBody: rendered.body,
        trigger: args.trigger,
        event: event.value,
        options: { ...network.options, maxBodyBytes: args.maxResponseBytes ?? settings.maxResponseBytes, signal, tokenCache: this.opts.tokenCache },
      });
    }
    record.webhook = keepEnvReferences(record.webhook, target.value);
    if (rendered.ok && rendered.json.valid) record.warnings.push(...contractWarnings(webhook, rendered.body));
    record.warnings.push(...network.warnings);
    try {
      await this.opts.recordInvocation(record);
    } catch (e) {
      // The test itself happened; losing its history entry must not hide the result.
      record.warnings.push(`The invocation could not be saved to the history: ${e instanceof Error ? e.message : String(e)}`);
    }
    return ok(record);
  }
}

/**
 * What the webhook's target contract says about the request that went out ("Splunk would refuse this: …"), so a
 * refusal in the response comes with its reason, and a test against a stand-in says what the real target would do.
 */
function contractWarnings(webhook: Webhook, body: string): string[] {
  const contract = webhook.contract ? findContract(webhook.contract) : undefined;
  if (!contract) return [];
  const secrets = webhookSecrets(webhook);
  return checkRequest(contract, { url: webhook.url, headers: plannedHeaders(webhook), body }).map((f) => maskText(f.message, secrets));
}

/** A record for a delivery stopped before sending (the body could not be rendered as JSON). */
function notSentRecord(webhook: Webhook, trigger: Trigger, event: unknown, renderedBody: string, error: DeliveryError): InvocationRecord {
  const now = Date.now();
  return invocationRecord({ webhook, trigger, event, renderedBody, steps: [], validators: [], error, warnings: [], startedMs: now, finishedMs: now });
}
