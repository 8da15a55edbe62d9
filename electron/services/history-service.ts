/**
 * The contract's `history` namespace: the invocation store, replay, export and import.
 *
 * Secrets: records hold masked values; replay and `revealSecrets` exports resolve today's values through
 * `secrets/webhook-secrets.ts` (`resolveSecrets`), the only module that yields plain secrets.
 */
import { join } from 'node:path';
import type { HistoryApi, ImportResult, InvocationExport } from '../../shared/api/contract';
import { appErrorOf, err, ok, validationFailed, type FieldIssue, type Result } from '../../shared/api/result';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import { keepEnvReferences, maskWebhook } from '../../shared/delivery/masking';
import { stripBodies } from '../../shared/history/summary';
import { confineBundleSecrets, looksLikeBundle, parseBundle, toBundle } from '../../shared/history/bundle';
import { toCurl } from '../../shared/history/export-curl';
import { toHar } from '../../shared/history/export-har';
import { parseCurl } from '../../shared/history/parse-curl';
import type { HistoryPage, HistoryQuery, HistorySettings, RetentionPolicy, WebhookStats } from '../../shared/history/types';
import { ENV_REFERENCE, type Webhook, type WebhookInput } from '../../shared/model/webhook';
import { findWebhookByName } from '../../shared/model/webhook-name';
import { envReads, originOf } from '../../shared/model/env-reads';
import { secretSlots } from '../../shared/model/secret-slots';
import { validateWebhookInput } from '../../shared/model/webhook-rules';
import type { DeliverOptions } from './delivery/deliver';
import type { TokenCache } from './delivery/oauth2';
import { mergeNetwork } from './delivery/network-options';
import { recordFromBundle, webhookFromCurl, freeName } from './history/import';
import { InvocationStore } from './history/invocation-store';
import { destinationRefusal, replayExact, replayRerender, revealedHeaders } from './history/replay';
import { loadHistorySettings, writeHistorySettings } from './history/settings-file';
import type { SecretStore } from './secrets/secret-store';
import { resolveSecrets } from './secrets/webhook-secrets';
import type { RunRegistry } from './run-registry';
import type { DataFile } from './storage/data-file';
import { unwritable } from './storage/write-errors';
import type { WebhookService } from './webhook-service';

export interface HistoryServiceDeps {
  dataDir: string;
  dataFile: DataFile;
  secrets: SecretStore;
  webhooks: WebhookService;
  env: Readonly<Record<string, string | undefined>>;
  version: string;
  /** TLS/proxy options for replays (tests pass their CA). */
  deliveryOptions?: DeliverOptions;
  /** The backend's one registry of cancellable runs: `delivery.cancel` reaches a replay through it. */
  runs: RunRegistry;
  /** The backend's one OAuth2 token cache: a replay reuses the token a Test fetched. */
  tokenCache: TokenCache;
  now?: () => Date;
}

export class HistoryService implements HistoryApi {
  readonly store: InvocationStore;
  private settingsValue: HistorySettings;
  private readonly dir: string;

  constructor(private readonly deps: HistoryServiceDeps) {
    this.dir = join(deps.dataDir, 'history');
    // The saved limits apply from the first moment: opening with defaults would run a 30-day retention over a
    // history the user chose to keep forever, before the settings were read.
    const saved = loadHistorySettings(this.dir);
    this.settingsValue = saved.settings;
    this.store = InvocationStore.open(this.dir, { retention: saved.settings.retention, omitBodiesFor: saved.settings.omitBodiesFor });
    if (saved.problem) this.store.recovery.push(saved.problem);
  }

  private apply(): void {
    this.store.retention = { ...this.settingsValue.retention };
    this.store.omitBodiesFor = new Set(this.settingsValue.omitBodiesFor);
    this.store.enforceRetention();
  }

  async previewRetention({ retention }: { retention: Partial<RetentionPolicy> }): Promise<Result<{ remove: number; keep: number }>> {
    const policy = { ...this.settingsValue.retention, ...retention };
    const remove = this.store.wouldRemove(policy);
    return ok({ remove, keep: this.store.size - remove });
  }

  /**
   * Keeps a delivery in the history (the Test panel and replays call this). When the history folder cannot be
   * written, the delivery still happened: the record says why it was not kept (also returned) instead of the
   * call failing.
   */
  record(rec: InvocationRecord): string | null {
    for (const [attempt, note] of keepable(rec)) {
      try {
        // On disk before the caller shows or prints it: what the user has seen survives a power cut.
        this.store.append(attempt);
        this.store.sync();
        if (note) rec.warnings.push(note);
        return null;
      } catch (e) {
        const known = appErrorOf(e);
        if (known) {
          rec.warnings.push(known.message);
          return known.message;
        }
        // Too deep or too big to write as JSON: the request went out, so keep what can be kept.
        if (!(e instanceof RangeError)) throw e;
      }
    }
    return null;
  }

  private notFound(id: string) {
    return err('not-found', `No invocation with id ${id} in the history; it may have been removed or dropped by retention.`);
  }

  /**
   * The webhook a record came from, as configured today, secrets resolved; null when there is none. A record
   * sent from a definition file has no webhook id: once that file is imported, its webhook is found by name
   * (secrets still go only to the webhook's own origin, see `destinationRefusal`).
   */
  private async currentWebhook(record: InvocationRecord, orRecorded = false): Promise<Result<Webhook | null>> {
    const saved = (await this.deps.dataFile.read()).webhooks;
    const raw = record.webhookId === '' ? findWebhookByName(saved, record.webhookName) : saved.find((w) => w.id === record.webhookId);
    if (!raw) return orRecorded ? this.recordedWebhook(record) : ok(null);
    const resolved = await resolveSecrets(raw, this.deps.secrets, this.deps.env);
    if (!resolved.ok) return err('secret-unavailable', resolved.issues.map((i) => i.message).join('\n'), { field: resolved.issues[0]?.field, issues: resolved.issues });
    return ok(resolved.webhook);
  }

  /**
   * For an invocation sent from a definition file (`hooksmith send FILE`): the webhook as the record keeps it,
   * when every secret it holds is an `${env:NAME}` reference (the record keeps those, never values, see
   * `keepEnvReferences`), read from today's environment. Null when a secret was typed in the file (the record
   * holds only its mask, so nothing can bring it back). An unset variable is refused by name.
   */
  private recordedWebhook(record: InvocationRecord): Result<Webhook | null> {
    if (record.webhookId !== '') return ok(null);
    const slots = secretSlots(record.webhook).filter((s) => s.value !== '');
    if (slots.length === 0 || slots.some((s) => !ENV_REFERENCE.test(s.value))) return ok(null);
    const issues: FieldIssue[] = [];
    const plain = structuredClone(record.webhook);
    for (const slot of secretSlots(plain)) {
      const envName = ENV_REFERENCE.exec(slot.value)?.[1];
      if (envName === undefined) continue;
      const value = this.deps.env[envName];
      if (value === undefined) issues.push({ field: slot.field, message: `${envName} is not set: "${record.webhookName}" was sent from a definition file whose ${slot.field.startsWith('headers.') ? `${slot.role} header` : slot.role} reads the environment variable ${envName}; set it and try again.` });
      else slot.set(value);
    }
    if (issues.length) return err('secret-unavailable', `Not sent: ${issues.map((i) => i.message).join(' ')}`, { field: issues[0]!.field, issues });
    return ok(plain);
  }

  async list(query: HistoryQuery): Promise<Result<HistoryPage>> {
    const { runId, ...q } = query;
    // A long text search is a run like a send: `delivery.cancel({ runId })` stops it between reads.
    return this.deps.runs.run(runId, async (signal) => {
      try {
        return ok(await this.store.query(q, signal));
      } catch (e) {
        if (!signal.aborted) throw e;
        return err('cancelled', 'The search was cancelled before it had read the whole history.');
      }
    });
  }

  async get({ id }: { id: string }): Promise<Result<InvocationRecord>> {
    const rec = await this.store.get(id);
    return rec ? ok(rec) : this.notFound(id);
  }

  async remove({ ids }: { ids: string[] }): Promise<Result<{ removed: number }>> {
    return ok({ removed: this.store.remove(ids) });
  }

  async clear(): Promise<Result<{ removed: number }>> {
    const removed = this.store.size;
    this.store.clear();
    return ok({ removed });
  }

  async stats({ webhookId, since, bucketMs }: { webhookId: string; since?: string; bucketMs?: number }): Promise<Result<WebhookStats>> {
    const t = since === undefined ? undefined : Date.parse(since);
    if (t !== undefined && Number.isNaN(t)) return err('invalid-argument', `since: "${since}" is not an ISO 8601 date; write e.g. 2025-01-31T00:00:00Z.`, { field: 'since' });
    return ok(this.store.stats(webhookId, t, bucketMs));
  }

  async replay({ id, mode, runId }: { id: string; mode: 'exact' | 'rerender'; runId?: string }): Promise<Result<InvocationRecord>> {
    const original = await this.store.get(id);
    if (!original) return this.notFound(id);
    const current = await this.currentWebhook(original, mode === 'exact');
    if (!current.ok) return current;
    return this.deps.runs.run(runId, async (signal) => {
      const settings = (await this.deps.dataFile.read()).settings;
      // A replay goes out over today's network settings, as a Test would; the record carries their warnings.
      const network = mergeNetwork(this.deps.deliveryOptions ?? {}, { global: settings.network, webhook: current.value?.network });
      const options: DeliverOptions = { ...network.options, maxBodyBytes: settings.maxResponseBytes, signal, tokenCache: this.deps.tokenCache };
      const escape = settings.escapeMode;
      const out = mode === 'exact' ? await replayExact(original, current.value, options) : await replayRerender(original, current.value, escape, options);
      if (!out.ok) return validationFailed([{ field: out.field, message: out.message }], 'The replay');
      const stored = (await this.deps.dataFile.read()).webhooks.find((w) => w.id === original.webhookId);
      if (mode === 'rerender' && stored) out.record.webhook = keepEnvReferences(out.record.webhook, stored);
      out.record.warnings.push(...network.warnings.filter((w) => !out.record.warnings.includes(w)));
      this.record(out.record);
      return ok(out.record);
    });
  }

  async exportInvocation({ id, format, revealSecrets }: { id: string; format: 'curl' | 'har' | 'bundle'; revealSecrets?: boolean }): Promise<Result<InvocationExport>> {
    const rec = await this.store.get(id);
    if (!rec) return this.notFound(id);
    const base = `${rec.webhookName}-${rec.id.slice(0, 8)}`;
    if (format === 'har') return ok({ text: JSON.stringify(toHar([rec], this.deps.version), null, 2) + '\n', fileName: `${base}.har`, envVars: [] });
    if (format === 'bundle') {
      const now = (this.deps.now ?? (() => new Date()))();
      return ok({ text: JSON.stringify(toBundle(rec, now.toISOString()), null, 2) + '\n', fileName: `${base}.hooksmith-bundle.json`, envVars: [] });
    }
    let revealed: Record<string, string> | undefined;
    if (revealSecrets) {
      const current = await this.currentWebhook(rec, true);
      if (!current.ok) return current;
      // A command holding secrets must point where the webhook sends, as an exact replay must.
      const refused = rec.request ? destinationRefusal(rec, rec.request, current.value) : null;
      if (refused) return validationFailed([{ field: refused.field, message: refused.message }], 'The export');
      const got = await revealedHeaders(rec, current.value, { ...this.deps.deliveryOptions });
      if (!got.ok) return validationFailed([{ field: got.field, message: got.message }], 'The export');
      revealed = got.values;
    }
    const curl = toCurl(rec, { revealed });
    if (!curl) return err('not-found', 'This invocation sent nothing (it failed before the request), so there is no request to copy as curl; export it as a bundle instead.', { field: 'request' });
    return ok({ text: curl.command + '\n', fileName: `${base}.sh`, envVars: curl.envVars });
  }

  async importBundle({ text, dryRun = false }: { text: string; dryRun?: boolean }): Promise<Result<ImportResult>> {
    const taken = (await this.deps.dataFile.read()).webhooks.map((w) => w.name);
    if (text.trimStart().startsWith('curl')) {
      const parsed = parseCurl(text);
      if (!parsed.ok) return validationFailed([{ field: 'text', message: parsed.message }], 'The curl command');
      const input = webhookFromCurl(parsed.request, taken);
      if (!input.ok) return validationFailed([{ field: input.field, message: input.message }], 'The curl command');
      const warnings = [...parsed.request.warnings, ...input.warnings];
      if (dryRun) return this.preview(input.input, taken, warnings);
      const saved = await this.deps.webhooks.create({ input: input.input });
      if (!saved.ok) return saved;
      const webhook = saved.value.webhook;
      return ok({ webhook, warnings: [...warnings, ...saved.value.warnings.map((w) => `${w.field}: ${w.message}`)], envReads: envReads(webhook), saved: true });
    }
    if (!looksLikeBundle(text)) return validationFailed([{ field: 'text', message: 'This is neither a Hooksmith repro bundle (a JSON file with "kind": "hooksmith-repro-bundle") nor a curl command; paste one of those.' }], 'The import');
    const parsed = parseBundle(text);
    if (!parsed.ok) return validationFailed([{ field: parsed.field, message: parsed.message }], 'The bundle');
    const bundle = parsed.bundle;
    // Checked before the secrets are confined, which needs the webhook's shape; create checks it again.
    // Inactive whatever the bundle says: an import must not start firing on real events (or a simulate --send)
    // before the user has looked at where it sends.
    const checked = validateWebhookInput({ ...bundle.webhook, active: false, name: freeName(bundle.webhook.name, taken) }, { existingNames: taken });
    if (!checked.value) return validationFailed(checked.issues, 'The webhook');
    const { webhook: input, rewritten, reads } = confineBundleSecrets(checked.value, bundle.webhook.name);
    const warnings: string[] = [];
    if (input.name !== bundle.webhook.name) warnings.push(`A webhook named ${bundle.webhook.name} exists; the import is named ${input.name}.`);
    if (rewritten.length) {
      warnings.push(
        `A bundle may name only the variables its own export writes (any other could hand one of your secrets to the bundle's URL), so these were replaced: ${rewritten.join('; ')}. Set those variables to the real secrets before replaying.`,
      );
    }
    if (reads.length) {
      // The bundle chose the URL too: the user decides whether that endpoint may have these secrets.
      warnings.push(`Before replaying: ${input.name} reads ${[...new Set(reads)].join(', ')} from the environment and sends ${reads.length === 1 ? 'it' : 'them'} to ${originOf(input.url)}. Check that this is the endpoint you expect.`);
    }
    if (dryRun) return this.preview(input, taken, warnings);
    const saved = await this.deps.webhooks.create({ input });
    if (!saved.ok) return saved;
    const rec = recordFromBundle(bundle, saved.value.webhook, (this.deps.now ?? (() => new Date()))());
    const notKept = this.record(rec);
    const summary = (await this.store.query({ limit: 1, text: undefined, webhookId: rec.webhookId })).items.find((s) => s.id === rec.id);
    if (notKept) warnings.unshift(notKept);
    return ok({ webhook: saved.value.webhook, invocation: summary, warnings, envReads: envReads(saved.value.webhook), saved: true });
  }

  /** What an import would create, checked as saving would check it, with nothing saved. */
  private async preview(input: WebhookInput, taken: readonly string[], warnings: string[]): Promise<Result<ImportResult>> {
    const checked = validateWebhookInput(input, { existingNames: [...taken] });
    if (!checked.value) return validationFailed(checked.issues, 'The webhook');
    const stamp = new Date().toISOString();
    // Secrets typed in clear (a curl -H 'X-Api-Key: …') go back masked, as a saved webhook's would.
    const full: Webhook = { ...checked.value, id: '', createdAt: stamp, updatedAt: stamp };
    const webhook = keepEnvReferences(maskWebhook(full), full);
    return ok({ webhook, warnings: [...warnings, ...checked.issues.map((w) => `${w.field}: ${w.message}`)], envReads: envReads(checked.value), saved: false });
  }

  async settings(): Promise<Result<HistorySettings>> {
    return ok(structuredClone(this.settingsValue));
  }

  async updateSettings({ retention, omitBodiesFor }: { retention?: Partial<RetentionPolicy>; omitBodiesFor?: string[] }): Promise<Result<HistorySettings>> {
    const cap = retention?.maxTotalBytes;
    if (cap !== undefined && cap !== null && cap < MIN_TOTAL_BYTES) {
      return validationFailed([{ field: 'retention.maxTotalBytes', message: `retention.maxTotalBytes: ${cap} bytes is below the smallest size cap, 1 MB (${MIN_TOTAL_BYTES} bytes); raise it, or turn the cap off and limit by count or age.` }], 'The history settings');
    }
    const next: HistorySettings = {
      retention: { ...this.settingsValue.retention, ...retention },
      omitBodiesFor: omitBodiesFor ? [...new Set(omitBodiesFor)] : this.settingsValue.omitBodiesFor,
    };
    try {
      await writeHistorySettings(this.dir, next);
    } catch (e) {
      throw unwritable(this.dir, 'the history settings', e);
    }
    this.settingsValue = next;
    this.apply();
    return ok(structuredClone(this.settingsValue));
  }
}

/** The smallest size cap: below it a single large response (up to 1 MB by default) could not be kept at all. */
const MIN_TOTAL_BYTES = 1024 * 1024;

/**
 * The record, then lesser versions of it for when it cannot be written as JSON (an event nested thousands deep
 * overflows the stack): without the event, then without any body. Each says in a warning what was left out.
 */
function* keepable(rec: InvocationRecord): Generator<[InvocationRecord, string | null]> {
  yield [rec, null];
  const noEvent = 'The history could not keep this invocation\'s event (too deeply nested to write); it was kept without it.';
  yield [{ ...rec, event: null, warnings: [...rec.warnings, noEvent] }, noEvent];
  const noBodies = 'The history could not keep this invocation\'s event and bodies (too deeply nested to write); it was kept without them.';
  yield [{ ...stripBodies(rec), warnings: [...rec.warnings, noBodies] }, noBodies];
}
