/**
 * The contract's `capture` namespace: runs the capture receiver, keeps its captures (see capture-store.ts),
 * and turns a capture into findings, settings, a sample, or a prediction diff through the other services.
 */
import type { CaptureApi, CaptureDiff } from '../../shared/api/capture-api';
import { AppException, appErrorOf, err, ok, type Result } from '../../shared/api/result';
import { captureFindings, settingsPatchOf, type CaptureFindings } from '../../shared/capture/findings';
import { comparePrediction, predictionEvent } from '../../shared/capture/prediction';
import { probeTemplate } from '../../shared/capture/probe-template';
import type { CaptureRecord, CaptureStatus, CaptureSummary } from '../../shared/capture/types';
import type { SavedSample, Settings } from '../../shared/model/store-schema';
import type { Webhook } from '../../shared/model/webhook';
import { sampleForTrigger } from '../../shared/payload/samples';
import { triggerOfEvent } from '../../shared/payload/user-samples';
import { renderBody } from '../../shared/template/render';
import { captureCert } from './capture/capture-cert';
import { startCaptureServer, type CaptureServer } from './capture/capture-server';
import { CaptureStore } from './capture/capture-store';
import type { SamplesService } from './samples-service';
import type { SettingsService } from './settings-service';
import type { WebhookService } from './webhook-service';

export interface CaptureServiceDeps {
  dataDir: string;
  settings: SettingsService;
  samples: SamplesService;
  webhooks: WebhookService;
  /** The environment `${env:NAME}` secrets read, so their values are masked in captures too. */
  env: Readonly<Record<string, string | undefined>>;
}

/** Runs `work`, turning an AppException into its Result (the store throws them from deep down). */
async function guarded<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (e) {
    const known = appErrorOf(e);
    if (known) return { ok: false, error: known };
    throw e;
  }
}

/** Without a trailing slash (except the root), so `/hook/` and `/hook` match. */
const normalPath = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

export class CaptureService implements CaptureApi {
  readonly store: CaptureStore;
  private server?: { server: CaptureServer; https: boolean; fingerprint?: string; certPem?: string; captured: number };
  private readonly listeners = new Set<(r: CaptureRecord) => void>();
  /** Set while a start is under way, so a second click cannot start a second receiver. */
  private starting = false;

  constructor(private readonly deps: CaptureServiceDeps) {
    this.store = new CaptureStore(deps.dataDir);
  }

  /** Calls `listener` with each capture as it is stored (the CLI prints them); returns the unsubscribe. */
  onCaptured(listener: (r: CaptureRecord) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async start({ port = 0, https = false }: { port?: number; https?: boolean }): Promise<Result<CaptureStatus>> {
    if (this.server) return err('conflict', `The capture receiver already runs at ${this.server.server.url}: stop it first to change its port or protocol.`);
    if (this.starting) return err('conflict', 'The capture receiver is starting already.');
    if (!Number.isInteger(port) || port < 0 || port > 65535) return err('validation-failed', `port must be a whole number from 1 to 65535 (or 0 for any free port), not ${port}.`, { field: 'port' });
    this.starting = true;
    return guarded(() => this.listen(port, https)).finally(() => (this.starting = false));
  }

  /** Opens the listener (making the certificate first for HTTPS). */
  private async listen(port: number, https: boolean): Promise<CaptureStatus> {
    await this.store.ensureDir();
    const tls = https ? await captureCert(this.store.dir) : undefined;
    let server: CaptureServer;
    try {
      server = await startCaptureServer({
        port,
        tls,
        secretHeaderNames: async () => {
          const all = await this.deps.webhooks.list();
          return all.ok ? all.value.flatMap((w) => w.headers.filter((h) => h.secret).map((h) => h.key)) : [];
        },
        secretValues: () => this.deps.webhooks.secretValues(this.deps.env),
        onRequest: async (record) => {
          await this.store.save(record);
          if (this.server) this.server.captured++;
          for (const l of this.listeners) l(record);
        },
      });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        const why = code === 'EADDRINUSE' ? 'in use by another program' : 'not allowed for your user';
        throw new AppException({ code: 'validation-failed', message: `port ${port} on 127.0.0.1 is ${why}: pick another port, or 0 for any free port.`, field: 'port' });
      }
      throw e;
    }
    this.server = { server, https, fingerprint: tls?.fingerprint, certPem: tls?.cert, captured: 0 };
    return this.statusNow();
  }

  async stop(): Promise<Result<CaptureStatus>> {
    const running = this.server;
    this.server = undefined;
    await running?.server.close();
    return ok(this.statusNow());
  }

  /** Stops the receiver when the app or CLI quits. */
  async close(): Promise<void> {
    await this.stop();
  }

  async status(): Promise<Result<CaptureStatus>> {
    return ok(this.statusNow());
  }

  private statusNow(): CaptureStatus {
    const s = this.server;
    if (!s) return { running: false, captured: 0 };
    const status: CaptureStatus = { running: true, url: s.server.url, port: s.server.port, https: s.https, captured: s.captured };
    if (s.fingerprint) status.fingerprint = s.fingerprint;
    if (s.certPem) status.certPem = s.certPem;
    return status;
  }

  async list(): Promise<Result<CaptureSummary[]>> {
    return ok(await this.store.list());
  }

  async get({ id }: { id: string }): Promise<Result<CaptureRecord>> {
    return guarded(() => this.store.get(id));
  }

  async remove({ id }: { id: string }): Promise<Result<{ id: string }>> {
    return guarded(async () => ({ id: await this.store.remove(id) }));
  }

  async probeTemplate(): Promise<Result<{ template: string }>> {
    return ok({ template: probeTemplate() });
  }

  async findings({ id }: { id: string }): Promise<Result<CaptureFindings>> {
    return guarded(async () => findingsOf(await this.store.get(id)));
  }

  async applyFindings({ id }: { id: string }): Promise<Result<Settings>> {
    const f = await this.findings({ id });
    if (!f.ok) return f;
    const patch = settingsPatchOf(f.value);
    if (Object.keys(patch).length === 0) {
      return err('validation-failed', 'This capture settles neither the event_type spelling nor the escaping, so no setting was changed: capture the probe template with a value holding & < > " \' in the test data.', { field: 'id' });
    }
    return this.deps.settings.update({ patch });
  }

  async saveSample({ id, name }: { id: string; name?: string }): Promise<Result<SavedSample>> {
    const got = await this.get({ id });
    if (!got.ok) return got;
    const f = findingsOf(got.value);
    if (!f.event) return err('validation-failed', `Capture ${got.value.id} holds no event to save (${f.notes[0] ?? 'no event found'}).`, { field: 'id' });
    return this.deps.samples.save({ name: name ?? `Captured ${got.value.receivedAt.replace('T', ' ').slice(0, 19)}`, event: f.event });
  }

  async diff({ id, webhookId, eventFrom, event }: { id: string; webhookId?: string; eventFrom?: string; event?: Record<string, unknown> }): Promise<Result<CaptureDiff>> {
    const got = await this.get({ id });
    if (!got.ok) return got;
    const capture = got.value;
    if (capture.bodyEncoding !== 'utf8') return err('validation-failed', `Capture ${capture.id} has a binary body; only text bodies can be compared.`, { field: 'id' });
    const picked = await this.webhookFor(capture, webhookId);
    if (!picked.ok) return picked;
    const settings = await this.deps.settings.get();
    if (!settings.ok) return settings;
    const { escapeMode, eventTypeStyle } = settings.value;
    const source = event ? ok({ event, from: 'given' }) : await this.eventFor(capture, picked.value.webhook, eventTypeStyle, eventFrom);
    if (!source.ok) return source;
    const rendered = renderBody(picked.value.webhook.bodyTemplate, predictionEvent(source.value.event, eventTypeStyle), { escape: escapeMode });
    if (!rendered.ok) {
      const e = 'syntaxError' in rendered ? rendered.syntaxError : rendered.runtimeError;
      return err('validation-failed', `Webhook ${picked.value.webhook.name}'s template does not render: ${e.message}`, { field: 'webhookId' });
    }
    const compared = comparePrediction(rendered.body, capture.body);
    return ok({ ...compared, webhookId: picked.value.webhook.id, webhookName: picked.value.webhook.name, webhookMatchedBy: picked.value.by, eventFrom: source.value.from, escapeMode, eventTypeStyle });
  }

  /** The event to predict with (see {@link CaptureApi.diff} for the order). */
  private async eventFor(capture: CaptureRecord, webhook: Webhook, style: Settings['eventTypeStyle'], eventFrom?: string): Promise<Result<{ event: Record<string, unknown>; from: string }>> {
    if (eventFrom) {
      const named = await this.get({ id: eventFrom });
      if (!named.ok) return { ok: false, error: { ...named.error, field: 'eventFrom' } };
      const event = findingsOf(named.value).event;
      return event ? ok({ event, from: `capture ${named.value.id}` }) : err('validation-failed', `Capture ${named.value.id} holds no event: name a probe capture.`, { field: 'eventFrom' });
    }
    const own = findingsOf(capture);
    if (own.event) return ok({ event: own.event, from: `capture ${capture.id}` });
    const earlier = await this.store.newest((r) => r.bodyEncoding === 'utf8' && findingsOf(r).event !== null, capture.id);
    if (earlier) return ok({ event: findingsOf(earlier).event!, from: `capture ${earlier.id}` });
    const trigger = (own.eventType !== null ? triggerOfEvent({ event_type: own.eventType }) : undefined) ?? webhook.triggers[0] ?? 'RequestCreated';
    return ok({ event: sampleForTrigger(trigger, style) as unknown as Record<string, unknown>, from: `sample ${trigger}` });
  }

  private async webhookFor(capture: CaptureRecord, webhookId?: string): Promise<Result<{ webhook: Webhook; by: 'picked' | 'path' }>> {
    if (webhookId) {
      const w = await this.deps.webhooks.get({ id: webhookId });
      return w.ok ? ok({ webhook: w.value, by: 'picked' }) : w;
    }
    const all = await this.deps.webhooks.list();
    if (!all.ok) return all;
    const matches = all.value.filter((w) => {
      try {
        return normalPath(new URL(w.url).pathname) === normalPath(capture.path);
      } catch {
        return false;
      }
    });
    if (matches.length === 1) return ok({ webhook: matches[0]!, by: 'path' });
    const why = matches.length
      ? `${matches.length} saved webhooks have the path ${capture.path} (${matches.map((w) => w.name).join(', ')})`
      : `no saved webhook's URL has the path ${capture.path}`;
    return err('validation-failed', `Pick the webhook to compare with (--webhook NAME, or the Webhook list on the Capture page): ${why}.`, { field: 'webhookId' });
  }
}

/** Findings of a capture's body (a binary body has none to read). */
function findingsOf(r: CaptureRecord): CaptureFindings {
  return captureFindings(r.bodyEncoding === 'utf8' ? r.body : '');
}
