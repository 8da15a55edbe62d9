/**
 * The one API between the UI and the backend.
 *
 * Both transports are derived from this file: Electron IPC (the preload exposes exactly these methods) and
 * the loopback HTTP bridge of browser mode. Every method takes at most one argument object and resolves to a
 * {@link Result}; nothing throws across the boundary. Argument shapes are checked at runtime by
 * `api-schemas.ts`, whose keys are the method list.
 */
import type { FieldIssue, Result } from './result';
import type { Webhook, WebhookInput } from '../model/webhook';
import type { Settings } from '../model/store-schema';
import type { EscapeMode } from '../template/render';
import type { RenderedBody } from '../simulator/simulate';

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
  /** Reads a definition file; refuses it whole, listing every problem by field, if any webhook is invalid. */
  importDefinitions(args: { text: string }): Promise<Result<{ created: Webhook[] }>>;
}

/** Preferences that shape rendering and samples. */
export interface SettingsApi {
  /** Current settings. */
  get(): Promise<Result<Settings>>;
  /** Changes some settings and returns all of them. */
  update(args: { patch: Partial<Settings> }): Promise<Result<Settings>>;
}

/** Rendering for the simulator and truth tables, whose verdicts the renderer computes itself. */
export interface SimulatorApi {
  /**
   * Renders body templates against events, in one round trip for a whole table.
   *
   * Rendering runs in the backend because Handlebars compiles templates with `new Function`, which the UI's
   * Content Security Policy (no `unsafe-eval`) forbids. Each item gets its body, whether it is JSON, and the
   * problem when it is not; a broken template is reported per item, never as a failed call.
   */
  renderBodies(args: { items: Array<{ template: string; event: unknown }>; escape?: EscapeMode }): Promise<Result<RenderedBody[]>>;
}

/** The whole contract, by namespace. */
export interface Api {
  app: AppApi;
  webhooks: WebhooksApi;
  settings: SettingsApi;
  simulator: SimulatorApi;
}

export type ApiNamespace = keyof Api;
/** `namespace.method`, the name a call travels under on both transports. */
export type ApiMethodName = { [N in ApiNamespace]: `${N}.${keyof Api[N] & string}` }[ApiNamespace];
