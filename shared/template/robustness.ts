/**
 * "Does the JSON hold?": renders a template against every sample and edge case and lists the cases
 * where the body is not JSON, or where HTML escaping changed a value the target will receive.
 */
import { allSamples } from '../payload/samples';
import type { EventTypeStyle, SampleEvent } from '../payload/request-event';
import { renderTemplate, type EscapeMode } from './render';

/** One case that fails. Template positions are 1-based. */
export interface RobustnessFinding {
  sampleId: string;
  sampleLabel: string;
  kind: 'syntax-error' | 'render-error' | 'invalid-json' | 'escaping-altered';
  message: string;
  /** Where in the rendered body JSON failed. */
  body?: { line: number; column: number };
  /** Which template line/column produced it (or the altered value's mustache, when known). */
  template?: { line: number; column: number };
  /** For altered values: the JSON path and both renderings. */
  altered?: { path: string; received: string; intended: string };
}

/** Options of {@link checkRobustness}. */
export interface RobustnessOptions {
  escape?: EscapeMode;
  /** The samples to render against; every trigger sample and edge case by default. */
  samples?: readonly SampleEvent[];
  eventTypeStyle?: EventTypeStyle;
}

const ENTITY = /&(quot|amp|lt|gt|#x27|#x60|#x3D);/;

/** Pairs of string leaves that differ between two parsed JSON values of the same shape. */
function alteredLeaves(escaped: unknown, raw: unknown, path: string, out: Array<{ path: string; received: string; intended: string }>): void {
  if (typeof escaped === 'string') {
    if (typeof raw === 'string' && raw !== escaped) out.push({ path, received: escaped, intended: raw });
    else if (typeof raw !== 'string' && ENTITY.test(escaped)) out.push({ path, received: escaped, intended: '' });
    return;
  }
  if (Array.isArray(escaped)) {
    escaped.forEach((v, i) => alteredLeaves(v, Array.isArray(raw) ? raw[i] : undefined, `${path}[${i}]`, out));
    return;
  }
  if (escaped && typeof escaped === 'object') {
    const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(escaped)) alteredLeaves(v, r[k], `${path}.${k}`, out);
  }
}

/**
 * Checks a template against every sample.
 *
 * Altered values are found by rendering the same sample with escaping off and comparing each string the
 * target would receive; when the unescaped render is not JSON (a quote broke it) entity-looking strings
 * are reported instead. At most one altered value is reported per sample, the first in document order.
 */
export function checkRobustness(text: string, options: RobustnessOptions = {}): RobustnessFinding[] {
  const escape = options.escape ?? 'html';
  const samples = options.samples ?? allSamples(options.eventTypeStyle);
  const findings: RobustnessFinding[] = [];
  for (const s of samples) {
    const base = { sampleId: s.id, sampleLabel: s.label };
    const r = renderTemplate(text, s.event, { escape });
    if (!r.ok) {
      if ('syntaxError' in r) {
        const e = r.syntaxError;
        return [{ ...base, sampleId: '*', sampleLabel: 'every sample', kind: 'syntax-error', message: e.message, template: { line: e.line, column: e.column } }];
      }
      const e = r.runtimeError;
      findings.push({ ...base, kind: 'render-error', message: e.message, ...(e.line !== undefined && e.column !== undefined ? { template: { line: e.line, column: e.column } } : {}) });
      continue;
    }
    if (!r.json.valid) {
      const j = r.json;
      findings.push({ ...base, kind: 'invalid-json', message: j.message, body: { line: j.line, column: j.column }, ...(j.templateLocation ? { template: j.templateLocation } : {}) });
      continue;
    }
    if (escape !== 'html') continue;
    const raw = renderTemplate(text, s.event, { escape: 'none' });
    const rawValue = raw.ok && raw.json.valid ? raw.json.value : undefined;
    const altered: Array<{ path: string; received: string; intended: string }> = [];
    alteredLeaves(r.json.value, rawValue, '$', altered);
    const first = altered[0];
    if (first) {
      findings.push({
        ...base,
        kind: 'escaping-altered',
        message: `HTML escaping changes ${first.path}${altered.length > 1 ? ` (and ${altered.length - 1} more)` : ''}: the target receives ${JSON.stringify(first.received.slice(0, 80))}`,
        altered: first,
      });
    }
  }
  return findings;
}
