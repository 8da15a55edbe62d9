/**
 * The preview's renderer. Handlebars compiles templates with `new Function`, which the page's CSP forbids;
 * this worker's own policy allows it and nothing else (see shared/security/csp.ts). The event is sent
 * only when it changes, so a keystroke sends just the template text.
 */
import { renderTemplate, type EscapeMode, type RenderResult } from '../../../../shared/template/render';

/** Messages the page sends. */
export type RenderRequest = { type: 'event'; event: unknown } | { type: 'render'; id: number; text: string; escape: EscapeMode };

/** The result of one render request. */
export interface RenderResponse {
  id: number;
  result: RenderResult;
}

let event: unknown = {};

self.onmessage = (e: MessageEvent<RenderRequest>) => {
  const msg = e.data;
  if (msg.type === 'event') {
    event = msg.event;
    return;
  }
  const response: RenderResponse = { id: msg.id, result: renderTemplate(msg.text, event, { escape: msg.escape }) };
  self.postMessage(response);
};
