/**
 * The contract's `capture` namespace: the capture receiver, its captures, the probe template, findings and
 * the prediction diff (issue #15). Kept in its own file so the contract hub only gains one line.
 */
import type { Result } from './result';
import type { SavedSample, Settings } from '../model/store-schema';
import type { CaptureRecord, CaptureStatus, CaptureSummary } from '../capture/types';
import type { CaptureFindings } from '../capture/findings';
import type { PredictionDiff } from '../capture/prediction';

/** A prediction diff and what it was made from. */
export interface CaptureDiff extends PredictionDiff {
  webhookId: string;
  webhookName: string;
  /** How the webhook was chosen: named by the caller, or the one whose URL path is the capture's path. */
  webhookMatchedBy: 'picked' | 'path';
  /**
   * Where the event came from: `given` (the caller's), `capture <id>` (this capture, a named one, or the newest
   * earlier capture holding one, e.g. the probe of the same Apono Test), or `sample <trigger>` (Hooksmith's own
   * sample for the trigger, as \`hooksmith send\` uses, when no capture holds an event).
   */
  eventFrom: string;
  /** The settings the prediction used. */
  escapeMode: Settings['escapeMode'];
  eventTypeStyle: Settings['eventTypeStyle'];
}

/** Capturing what Apono really sends, and settling the open questions with it. */
export interface CaptureApi {
  /**
   * Starts the receiver on 127.0.0.1 (HTTP, or HTTPS with Hooksmith's self-signed certificate, whose
   * fingerprint and PEM come back). `port` 0 or absent picks a free port. `conflict` when it already runs,
   * `validation-failed` naming `port` when the port is taken or out of range.
   */
  start(args: { port?: number; https?: boolean }): Promise<Result<CaptureStatus>>;
  /** Stops the receiver; the captures stay. */
  stop(): Promise<Result<CaptureStatus>>;
  /** Whether the receiver runs, its URL and how many requests it captured. */
  status(): Promise<Result<CaptureStatus>>;
  /** Every kept capture, newest first. */
  list(): Promise<Result<CaptureSummary[]>>;
  /** One capture (by id or a unique prefix of it); `not-found` if deleted or dropped by retention. */
  get(args: { id: string }): Promise<Result<CaptureRecord>>;
  /** Deletes one capture. */
  remove(args: { id: string }): Promise<Result<{ id: string }>>;
  /** The probe body template: paste it into an Apono webhook's body and press Test. */
  probeTemplate(): Promise<Result<{ template: string }>>;
  /** What one capture tells: `eventTypeSpelling`, `escapeMode`, fields present/missing/unknown, value types, the event. */
  findings(args: { id: string }): Promise<Result<CaptureFindings>>;
  /**
   * Sets the settings the capture's findings determined (`eventTypeStyle`, `escapeMode`) and returns all
   * settings; `validation-failed` when the capture settled neither.
   */
  applyFindings(args: { id: string }): Promise<Result<Settings>>;
  /** Saves the event reconstructed from a capture as a sample (default name: `Captured <time>`). */
  saveSample(args: { id: string; name?: string }): Promise<Result<SavedSample>>;
  /**
   * Renders a webhook's template for the captured event with the current settings and compares it with the
   * captured body. The webhook is `webhookId`, else the one saved webhook whose URL path is the capture's
   * path. The event is `event` when given, else that of capture `eventFrom`, else the capture's own (a probe
   * or an event-shaped JSON body), else the newest earlier capture's, else Hooksmith's sample for the trigger
   * the body names (or the webhook's first trigger).
   */
  diff(args: { id: string; webhookId?: string; eventFrom?: string; event?: Record<string, unknown> }): Promise<Result<CaptureDiff>>;
}
