/**
 * "Does the JSON hold?" off the main thread: rendering every sample (one has 500 access units) takes long
 * enough to be felt while typing, so it runs here and only the report travels back.
 */
import { allSamples } from '../../../../shared/payload/samples';
import type { EventTypeStyle, SampleEvent } from '../../../../shared/payload/request-event';
import { checkRobustness, type RobustnessReport, type RobustnessTarget } from '../../../../shared/template/robustness';
import type { EscapeMode } from '../../../../shared/template/render';

/** A check request; built-in samples are made here from the style, only the user's travel in. */
export interface RobustnessRequest {
  id: number;
  text: string;
  escape: EscapeMode;
  style: EventTypeStyle;
  userSamples: SampleEvent[];
  /** The webhook's target contract, URL and headers (plain data, so it crosses to the worker). */
  target?: RobustnessTarget;
}

/** The report of one request, with the number of samples checked. */
export interface RobustnessResponse {
  id: number;
  report: RobustnessReport;
  checked: number;
}

const builtIns = new Map<EventTypeStyle, SampleEvent[]>();

self.onmessage = (e: MessageEvent<RobustnessRequest>) => {
  const { id, text, escape, style, userSamples, target } = e.data;
  let samples = builtIns.get(style);
  if (!samples) builtIns.set(style, (samples = allSamples(style)));
  const all = [...samples, ...userSamples];
  const response: RobustnessResponse = { id, report: checkRobustness(text, { escape, samples: all, ...(target ? { target } : {}) }), checked: all.length };
  self.postMessage(response);
};
