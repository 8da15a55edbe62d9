/**
 * What the replay diff view compares: four parts of an original invocation and its replay, each as the text
 * the two sides of a diff editor show. Pure, so the diff view stays a thin Monaco wrapper.
 */
import { headersText, prettyBody } from '../delivery/format';
import type { InvocationRecord } from '../delivery/invocation';

/** The parts a user can pick in the diff view, in tab order. */
export const DIFF_PARTS = ['Request body', 'Request headers', 'Response status', 'Response body'] as const;
export type DiffPart = (typeof DIFF_PARTS)[number];

/** One part of both invocations, and the language the editor should highlight it as. */
export interface DiffSides {
  original: string;
  replay: string;
  language: 'json' | 'plaintext';
  /** True when both sides are the same text, so the view can say so instead of showing an empty diff. */
  same: boolean;
}

function requestBody(r: InvocationRecord): { text: string; json: boolean } {
  if (r.bodiesOmitted) return { text: '(body not kept: "don\'t keep bodies" is on for this webhook)', json: false };
  return prettyBody(r.request?.body ?? r.renderedBody);
}

function responseBody(r: InvocationRecord): { text: string; json: boolean } {
  if (!r.response) return { text: `(no response${r.error ? `: ${r.error.message}` : ''})`, json: false };
  if (r.bodiesOmitted) return { text: '(body not kept)', json: false };
  return prettyBody(r.response.body, r.response.bodyEncoding);
}

function statusText(r: InvocationRecord): string {
  const lines = [r.response ? `${r.response.status} ${r.response.statusText}` : 'No response', `Outcome: ${r.outcome}`];
  if (r.error) lines.push(`Error: ${r.error.errorClass} — ${r.error.message}`);
  return lines.join('\n');
}

/** Both sides of one part. JSON bodies are pretty-printed so a changed field shows as one changed line. */
export function diffSides(original: InvocationRecord, replay: InvocationRecord, part: DiffPart): DiffSides {
  let a: { text: string; json: boolean };
  let b: { text: string; json: boolean };
  switch (part) {
    case 'Request body':
      [a, b] = [requestBody(original), requestBody(replay)];
      break;
    case 'Response body':
      [a, b] = [responseBody(original), responseBody(replay)];
      break;
    case 'Request headers':
      [a, b] = [{ text: headersText(original.request?.headers ?? []) || '(nothing was sent)', json: false }, { text: headersText(replay.request?.headers ?? []) || '(nothing was sent)', json: false }];
      break;
    case 'Response status':
      [a, b] = [{ text: statusText(original), json: false }, { text: statusText(replay), json: false }];
      break;
  }
  return { original: a.text, replay: b.text, language: a.json && b.json ? 'json' : 'plaintext', same: a.text === b.text };
}
