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
  /** Said above the diff when the sides differ only in formatting (shown as the raw text then). */
  note?: string;
}

interface BodyText {
  text: string;
  json: boolean;
  /** The exact text (what was sent or received), when it is a body. */
  raw?: string;
}

function requestBody(r: InvocationRecord): BodyText {
  if (r.bodiesOmitted) return { text: '(body not kept: "don\'t keep bodies" is on for this webhook)', json: false };
  const raw = r.request?.body ?? r.renderedBody;
  return { ...prettyBody(raw), raw };
}

function responseBody(r: InvocationRecord): BodyText {
  if (!r.response) return { text: `(no response${r.error ? `: ${r.error.message}` : ''})`, json: false };
  if (r.bodiesOmitted) return { text: '(body not kept)', json: false };
  return { ...prettyBody(r.response.body, r.response.bodyEncoding), raw: r.response.body };
}

function statusText(r: InvocationRecord): string {
  const lines = [r.response ? `${r.response.status} ${r.response.statusText}` : 'No response', `Outcome: ${r.outcome}`];
  if (r.error) lines.push(`Error: ${r.error.errorClass} — ${r.error.message}`);
  return lines.join('\n');
}

/** Both sides of one part. JSON bodies are pretty-printed so a changed field shows as one changed line. */
export function diffSides(original: InvocationRecord, replay: InvocationRecord, part: DiffPart): DiffSides {
  let a: BodyText;
  let b: BodyText;
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
  // Pretty-printing hides whitespace: bodies that read the same but were not the same bytes are shown raw.
  if (a.text === b.text && a.raw !== undefined && b.raw !== undefined && a.raw !== b.raw) {
    return { original: a.raw, replay: b.raw, language: 'plaintext', same: false, note: `The ${part.toLowerCase()}s hold the same JSON but not the same bytes (whitespace or layout differ); shown exactly as sent or received.` };
  }
  return { original: a.text, replay: b.text, language: a.json && b.json ? 'json' : 'plaintext', same: a.text === b.text };
}
