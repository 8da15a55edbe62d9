/**
 * The one API between the UI and the backend.
 *
 * Both transports are derived from this file: Electron IPC (the preload exposes exactly these methods) and
 * the loopback HTTP bridge of browser mode. Every method takes at most one argument object and resolves to a
 * {@link Result}; nothing throws across the boundary. Argument shapes are checked at runtime by
 * `api-schemas.ts`, whose keys are the method list.
 */
import type { FieldIssue, Result } from './result';
import type { Trigger, Webhook, WebhookInput } from '../model/webhook';
import type { DefinitionWarning } from '../model/definition-file';
import type { EnvRead } from '../model/env-reads';
import type { SavedSample, Settings } from '../model/store-schema';
import type { InvocationRecord } from '../delivery/invocation';
import type { HistoryPage, HistoryQuery, HistorySettings, InvocationSummary, RetentionPolicy, WebhookStats } from '../history/types';
import type { EscapeMode } from '../template/render';
import type { RenderedBody } from '../simulator/simulate';
import type { CaptureApi } from './capture-api';

/** What the backend says about itself and its data folder. */
export interface AppInfo {
  version: string;
  /** `electron` in the desktop app, `web` in browser mode. */
  mode: 'electron' | 'web';
  dataDir: string;
  /** Messages the user must see once, e.g. "your data file was unreadable and was moved to …". */
  notices: string[];
  /** How secrets are kept in this mode, in words for the settings page. */
  secretStorage: string;
}

/** A saved webhook plus the warnings that did not block saving (e.g. a loopback http URL). */
export interface SaveResult {
  webhook: Webhook;
  warnings: FieldIssue[];
}

/** An export: the definition file's text and the env variables its secret placeholders expect. */
export interface ExportResult {
  text: string;
  /** Names of `${env:NAME}` variables standing in for stored secrets, so the user knows what to set. */
  secretPlaceholders: string[];
}

/** A definition-file import: the webhooks it created and what the file should still fix. */
export interface ImportDefinitionsResult {
  created: Webhook[];
  /**
   * Problems that did not block the import, one per webhook and field: a secret written in clear, an unknown
   * field (usually a typo, such as `timeout` for `timeoutSeconds`), a loopback http:// URL, TLS verification
   * off, a long timeout. Empty when the file is clean.
   */
  warnings: DefinitionWarning[];
  /** Each variable each created webhook reads and the origin its value goes to, so the user sees what the file can reach. */
  envReads: WebhookEnvReads[];
}

/** The environment variables one imported webhook reads (see `shared/model/env-reads.ts`). */
export interface WebhookEnvReads {
  webhook: string;
  reads: EnvRead[];
}

/** Application-wide queries. */
export interface AppApi {
  /**
   * Version, mode, data folder and pending notices.
   *
   * The UI calls this on start and shows every notice (a corrupt data file moved aside, secrets kept in memory only).
   */
  info(): Promise<Result<AppInfo>>;
}

/** Webhook definitions: the Webhooks table and the Add/Edit page. Secrets come back masked. */
export interface WebhooksApi {
  /** All saved webhooks, sorted by name; secret values masked. */
  list(): Promise<Result<Webhook[]>>;
  /** One webhook by id; `not-found` if it was deleted. */
  get(args: { id: string }): Promise<Result<Webhook>>;
  /**
   * Checks input against Apono's rules without saving.
   *
   * Returns every issue, warnings included; `id` excludes that webhook from the name-uniqueness check.
   */
  validate(args: { input: WebhookInput; id?: string }): Promise<Result<FieldIssue[]>>;
  /** Saves a new webhook; `validation-failed` lists every field at fault and saves nothing. */
  create(args: { input: WebhookInput }): Promise<Result<SaveResult>>;
  /** Replaces a webhook's settings. A secret sent back as the mask keeps its stored value. */
  update(args: { id: string; input: WebhookInput }): Promise<Result<SaveResult>>;
  /** Copies a webhook (secrets included) under a free name such as `SlackAlertsCopy2`, inactive. */
  duplicate(args: { id: string }): Promise<Result<Webhook>>;
  /** Deletes a webhook and its stored secrets. */
  remove(args: { id: string }): Promise<Result<{ id: string }>>;
  /** Activates or deactivates a webhook (the green or white dot). */
  setActive(args: { id: string; active: boolean }): Promise<Result<Webhook>>;
  /** Writes a definition file for the given webhooks (all when `ids` is empty); stored secrets become `${env:…}`. */
  exportDefinitions(args: { ids?: string[] }): Promise<Result<ExportResult>>;
  /**
   * Reads a definition file; refuses it whole, listing every problem by field, if any webhook is invalid or
   * cannot be saved (e.g. each typed secret the secret store refuses). Warnings come back with the result.
   */
  importDefinitions(args: { text: string }): Promise<Result<ImportDefinitionsResult>>;
  /**
   * The clear value of one stored secret, for a user who asked to see it: `field` is a secret slot such as
   * `headers.0.value`, `auth.token` or `auth.clientSecret`. A `${env:NAME}` slot returns the reference itself
   * (it names a variable; its value stays in the environment). `not-found` names the field when it holds no
   * secret; the store's refusal (e.g. a wrong HOOKSMITH_SECRET_KEY) comes back as `secret-unavailable`.
   */
  revealSecret(args: { id: string; field: string }): Promise<Result<{ value: string }>>;
}

/** Preferences that shape rendering and samples. */
export interface SettingsApi {
  /** Current settings. */
  get(): Promise<Result<Settings>>;
  /** Changes some settings and returns all of them. */
  update(args: { patch: Partial<Settings> }): Promise<Result<Settings>>;
}

/** Sample events the user saved in the template editor, kept in the data file. */
export interface SamplesApi {
  /** Every saved sample, sorted by name. */
  list(): Promise<Result<SavedSample[]>>;
  /**
   * Saves a sample payload (any JSON object) under a name; a sample with the same name is replaced.
   *
   * `validation-failed` names the field (`name` or `event`) and the fix.
   */
  save(args: { name: string; event: Record<string, unknown> }): Promise<Result<SavedSample>>;
  /** Deletes a saved sample; `not-found` if it is already gone. */
  remove(args: { id: string }): Promise<Result<{ id: string }>>;
}

/**
 * Network overrides for one test (the CLI's `--ca`, `--insecure`, `--proxy`); not saved. They go on top of
 * the environment (`NODE_EXTRA_CA_CERTS`, `HTTPS_PROXY`, `NO_PROXY`), the app settings' `network` and the
 * webhook's own `network` (which the UI edits in the form): extra CAs add up, the narrowest proxy wins.
 */
export interface TestNetworkOptions {
  /** Accept any server certificate. For local testing only; the record carries a warning. */
  insecureTls?: boolean;
  /** Extra trusted CA certificate(s), PEM, added to the system roots. */
  extraCaPem?: string;
  /** An explicit `http://host:port` proxy; empty or absent means the environment's `HTTPS_PROXY`. */
  proxyUrl?: string;
}

/** What to test: a saved webhook, or the form's unsaved contents. */
export interface TestArgs {
  /** A saved webhook. With `input`, only used to fill in secrets that `input` carries masked. */
  webhookId?: string;
  /** Unsaved settings (the form); checked with Apono's rules first. */
  input?: WebhookInput;
  trigger: Trigger;
  /** The event to render the body with; default: the sample for `trigger` (or `sampleId`). */
  event?: unknown;
  /** A sample event by id (see `allSamples`), used when `event` is absent. */
  sampleId?: string;
  /** Chosen by the caller so `delivery.cancel` can stop the run while it is in flight; unique among running runs. */
  runId: string;
  network?: TestNetworkOptions;
  /**
   * Keep at most this many bytes of the response body for this test (the CLI's `--max-response`); default:
   * the `maxResponseBytes` setting. A whole number from 1 KB to 100 MB; the record says when it cut.
   */
  maxResponseBytes?: number;
}

/** Sending webhooks: the Test button and `hooksmith send`. */
export interface DeliveryApi {
  /**
   * Renders the body and delivers the webhook once; every attempt that gets as far as rendering yields an
   * invocation record (also on failure: check `outcome`), and the record is kept in the history.
   *
   * Result errors mean nothing was sent: `validation-failed` (input breaks the rules, fields named),
   * `secret-unavailable` (an env variable is unset or a stored secret is gone, fields named), `not-found`.
   */
  test(args: TestArgs): Promise<Result<InvocationRecord>>;
  /**
   * Cancels whatever runs under `runId`: a test, a replay (`history.replay`), one send of "Send all that fire" or a
   * CLI send. It is the one cancel for every run; the request in flight is stopped and still recorded (error
   * class `cancelled`). `cancelled` is false when no run with that id is in flight (a run that starts with that
   * id shortly after, as when the calls cross on the HTTP bridge, is cancelled at once).
   */
  cancel(args: { runId: string }): Promise<Result<{ cancelled: boolean }>>;
}

/** A text export of one invocation. */
export interface InvocationExport {
  text: string;
  /** A suggested file name, e.g. `SlackAlerts-3f2a….har`. */
  fileName: string;
  /** Environment variables the text refers to for secrets (curl), so the user knows what to set. */
  envVars: string[];
}

/** What an import created. */
export interface ImportResult {
  webhook: Webhook;
  /** The history entry made from a bundle (absent for a curl command), ready to replay. */
  invocation?: InvocationSummary;
  warnings: string[];
  /** Each variable the webhook reads and the origin its value goes to; the UI shows them before saving. */
  envReads: EnvRead[];
  /** False for a `dryRun`: nothing was saved, and `webhook` (id "") is what an import would create. */
  saved: boolean;
}

/**
 * The invocation history: every delivery kept on disk, browsable, replayable and exportable.
 *
 * Records never hold plain secrets; replay resolves them from today's configuration of the webhook.
 */
export interface HistoryApi {
  /** A page of summaries matching the filters (newest first by default) and the total number of matches. */
  list(args: HistoryQuery): Promise<Result<HistoryPage>>;
  /** The full record of one invocation; `not-found` if it was removed or dropped by retention. */
  get(args: { id: string }): Promise<Result<InvocationRecord>>;
  /** Deletes invocations by id; returns how many existed. */
  remove(args: { ids: string[] }): Promise<Result<{ removed: number }>>;
  /** Deletes the whole history. */
  clear(): Promise<Result<{ removed: number }>>;
  /** Success rate and p50/p95 latency per time bucket for one webhook (the per-webhook chart). */
  stats(args: { webhookId: string; since?: string; bucketMs?: number }): Promise<Result<WebhookStats>>;
  /**
   * Sends an invocation again as a new invocation linked to the original (`replayOf`).
   *
   * `exact` re-sends the recorded method, URL, headers and body, with masked secrets filled in from today's
   * configuration of the webhook; `rerender` renders the webhook's current template against the recorded event
   * and delivers it with the current settings. `runId` names the run so `delivery.cancel` can stop it in flight.
   */
  replay(args: { id: string; mode: 'exact' | 'rerender'; runId?: string }): Promise<Result<InvocationRecord>>;
  /**
   * One invocation as a curl command, a HAR 1.2 file, or a repro bundle.
   *
   * Secrets are `$HOOKSMITH_…` references in curl (their clear values only with `revealSecrets`), redacted in
   * HAR, and `${env:…}` placeholders in bundles.
   */
  exportInvocation(args: { id: string; format: 'curl' | 'har' | 'bundle'; revealSecrets?: boolean }): Promise<Result<InvocationExport>>;
  /**
   * Imports a repro bundle (a webhook plus a history entry to replay) or a curl command (a new webhook).
   *
   * With `dryRun`, checks the text and answers what would be created (with the variables it reads and where
   * they go) without saving anything, so the UI can ask before saving.
   */
  importBundle(args: { text: string; dryRun?: boolean }): Promise<Result<ImportResult>>;
  /** Retention limits and the webhooks whose bodies are not kept. */
  settings(): Promise<Result<HistorySettings>>;
  /**
   * How many kept invocations a retention change would delete, before it is saved (the Settings dialog says so):
   * limits not given stay as saved.
   */
  previewRetention(args: { retention: Partial<RetentionPolicy> }): Promise<Result<{ remove: number; keep: number }>>;
  /** Changes history settings; retention applies at once. */
  updateSettings(args: { retention?: Partial<RetentionPolicy>; omitBodiesFor?: string[] }): Promise<Result<HistorySettings>>;
}

/** Rendering for the simulator and truth tables, whose verdicts the renderer computes itself. */
export interface SimulatorApi {
  /**
   * Renders body templates against events, in one round trip for a whole table.
   *
   * Handlebars compiles templates with `new Function`, which the UI page's Content Security Policy forbids; the
   * editor's preview renders in a worker allowed to, and whole tables render here in the backend. Each item gets its body, whether it is JSON, and the
   * problem when it is not; a broken template is reported per item, never as a failed call.
   */
  renderBodies(args: { items: Array<{ template: string; event: unknown }>; escape?: EscapeMode }): Promise<Result<RenderedBody[]>>;
}

/** The whole contract, by namespace. */
export interface Api {
  app: AppApi;
  webhooks: WebhooksApi;
  settings: SettingsApi;
  samples: SamplesApi;
  delivery: DeliveryApi;
  history: HistoryApi;
  simulator: SimulatorApi;
  capture: CaptureApi;
}

export type ApiNamespace = keyof Api;
/** `namespace.method`, the name a call travels under on both transports. */
export type ApiMethodName = { [N in ApiNamespace]: `${N}.${keyof Api[N] & string}` }[ApiNamespace];
