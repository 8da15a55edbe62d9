/**
 * "Does the JSON hold?": renders a template against every sample and edge case and lists the cases
 * where the body is not JSON, or where HTML escaping changed a value the target will receive.
 */
import { allSamples } from '../payload/samples';
import type { EventTypeStyle, SampleEvent } from '../payload/request-event';
import { lineAndColumn, locateJsonValue, stringUnitOffset, type JsonPathStep } from '../util/json-position';
import { renderTemplate, type EscapeMode } from './render';
import { templatePositionAt, type TemplatePosition } from './render-trace';
import { checkRequest, type TargetContract } from '../contracts/target-contract';

/** One case that fails. Template positions are 1-based. */
export interface RobustnessFinding {
  sampleId: string;
  sampleLabel: string;
  kind: 'render-error' | 'invalid-json' | 'escaping-altered' | 'target-refused';
  message: string;
  /** Where in the rendered body JSON failed, or the first altered character is. */
  body?: { line: number; column: number };
  /** Which template line/column produced it: for an altered value, the mustache that output it. */
  template?: TemplatePosition;
  /** For altered values: the JSON path and both renderings. */
  altered?: { path: string; received: string; intended: string };
}

/**
 * What {@link checkRobustness} found: the failing samples, or, when the template itself does not compile,
 * only that (with where), since then no sample can render and a per-sample count would say nothing.
 */
export type RobustnessReport =
  | { compiles: true; findings: RobustnessFinding[] }
  | { compiles: false; syntaxError: { message: string; line: number; column: number } };

/** Options of {@link checkRobustness}. */
export interface RobustnessOptions {
  escape?: EscapeMode;
  /** The samples to render against; every trigger sample and edge case by default. */
  samples?: readonly SampleEvent[];
  eventTypeStyle?: EventTypeStyle;
  /** The webhook's target contract and the URL and headers it sends with: each sample's request is checked against it. */
  target?: RobustnessTarget;
}

/** What a request is checked against besides JSON: the target's documented rules, and what the body travels with. */
export interface RobustnessTarget {
  contract: TargetContract;
  url: string;
  headers: ReadonlyArray<readonly [string, string]>;
}

const ENTITY = /&(quot|amp|lt|gt|#x27|#x60|#x3D);/;

/** A string the target receives altered; `steps` lead to it from the body's root. */
interface AlteredLeaf {
  path: string;
  steps: JsonPathStep[];
  received: string;
  intended: string;
}

/** Pairs of string leaves that differ between two parsed JSON values of the same shape. */
function alteredLeaves(escaped: unknown, raw: unknown, path: string, steps: JsonPathStep[], out: AlteredLeaf[]): void {
  if (typeof escaped === 'string') {
    if (typeof raw === 'string' && raw !== escaped) out.push({ path, steps, received: escaped, intended: raw });
    else if (typeof raw !== 'string' && ENTITY.test(escaped)) out.push({ path, steps, received: escaped, intended: '' });
    return;
  }
  if (Array.isArray(escaped)) {
    escaped.forEach((v, i) => alteredLeaves(v, Array.isArray(raw) ? raw[i] : undefined, `${path}[${i}]`, [...steps, i], out));
    return;
  }
  if (escaped && typeof escaped === 'object') {
    const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(escaped)) alteredLeaves(v, r[k], `${path}.${k}`, [...steps, k], out);
  }
}

/**
 * Where an altered value's first altered character is, in the body and in the template.
 *
 * That character is the first where the received and intended strings differ (or, when the unescaped render
 * is not JSON, the first entity), so it was written by the mustache whose escaping altered it; the same
 * trace that places invalid JSON then names that mustache.
 */
function alteredAt(text: string, data: unknown, body: string, leaf: AlteredLeaf): Pick<RobustnessFinding, 'body' | 'template'> {
  const found = locateJsonValue(body, leaf.steps);
  if (!found || found.depth !== leaf.steps.length || body.charAt(found.start) !== '"') return {};
  let k = 0;
  if (leaf.intended === '') k = Math.max(0, leaf.received.search(ENTITY));
  else while (k < leaf.received.length && leaf.received[k] === leaf.intended[k]) k++;
  const offset = stringUnitOffset(body, found.start, k);
  const template = templatePositionAt(text, data, false, body, offset);
  return { body: lineAndColumn(body, offset), ...(template ? { template } : {}) };
}

/**
 * Checks a template against every sample.
 *
 * Altered values are found by rendering the same sample with escaping off and comparing each string the
 * target would receive; when the unescaped render is not JSON (a quote broke it) entity-looking strings
 * are reported instead. At most one altered value is reported per sample, the first in document order.
 */
export function checkRobustness(text: string, options: RobustnessOptions = {}): RobustnessReport {
  const escape = options.escape ?? 'html';
  const samples = options.samples ?? allSamples(options.eventTypeStyle);
  const findings: RobustnessFinding[] = [];
  // The URL and the auth header are the same for every sample: said once, with the first sample.
  let requestLevelSaid = false;
  for (const s of samples) {
    const base = { sampleId: s.id, sampleLabel: s.label };
    const r = renderTemplate(text, s.event, { escape });
    if (!r.ok) {
      if ('syntaxError' in r) {
        const { message, line, column } = r.syntaxError;
        return { compiles: false, syntaxError: { message, line, column } };
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
    if (options.target) {
      const refused = checkRequest(options.target.contract, { url: options.target.url, headers: options.target.headers, body: r.body });
      for (const f of refused) {
        const requestLevel = f.where === 'auth' || f.where === 'url';
        if (requestLevel && requestLevelSaid) continue;
        const at = f.steps ? locateJsonValue(r.body, f.steps) : undefined;
        const template = at ? templatePositionAt(text, s.event, escape === 'none', r.body, at.start) : undefined;
        findings.push({ ...base, kind: 'target-refused', message: f.message, ...(at ? { body: lineAndColumn(r.body, at.start) } : {}), ...(template ? { template } : {}) });
      }
      if (refused.some((f) => f.where === 'auth' || f.where === 'url')) requestLevelSaid = true;
    }
    if (escape !== 'html') continue;
    const raw = renderTemplate(text, s.event, { escape: 'none' });
    const rawValue = raw.ok && raw.json.valid ? raw.json.value : undefined;
    const altered: AlteredLeaf[] = [];
    alteredLeaves(r.json.value, rawValue, '$', [], altered);
    const first = altered[0];
    if (first) {
      const { steps: _steps, ...shown } = first;
      findings.push({
        ...base,
        kind: 'escaping-altered',
        message: `HTML escaping changes ${first.path}${altered.length > 1 ? ` (and ${altered.length - 1} more)` : ''}: the target receives ${JSON.stringify(first.received.slice(0, 80))}`,
        ...alteredAt(text, s.event, r.body, first),
        altered: shown,
      });
    }
  }
  return { compiles: true, findings };
}
