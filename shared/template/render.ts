/**
 * Rendering a body template exactly as stock Handlebars does, then checking the result is JSON.
 */
import type { TemplateDelegate } from 'handlebars';
import { hbs } from './handlebars-env';
import { callForRuntimeError, missingCalls } from './helper-calls';
import { checkJson } from './json-check';
import { LruCache } from './lru';
import { templatePositionAt, type TemplatePosition } from './render-trace';
import { parseTemplate, type TemplateSyntaxError } from './syntax';

/**
 * How values are escaped: `html` is stock `{{x}}` behaviour; `none` is `noEscape: true`.
 *
 * Apono's behaviour is undocumented (spec §8), so the preview lets users compare both.
 */
export type EscapeMode = 'html' | 'none';

/** Options of a render. */
export interface RenderOptions {
  escape?: EscapeMode;
}

/** JSON validity of a rendered body; on failure, where in the body and which template location produced it. */
export type RenderedJson =
  | { valid: true; value: unknown }
  | {
      valid: false;
      message: string;
      /** 0-based offset in the body. */
      offset: number;
      /** 1-based line and column in the body. */
      line: number;
      column: number;
      /** 1-based position in the template of the statement that produced the offending character. */
      templateLocation?: TemplatePosition;
    };

/** The outcome of a render. `ok` means Handlebars produced a body; `json` says whether that body is JSON. */
export type RenderResult =
  | { ok: true; body: string; json: RenderedJson }
  | { ok: false; syntaxError: TemplateSyntaxError }
  | { ok: false; runtimeError: { message: string; line?: number; column?: number } };

type Compiled = { ok: true; fn: TemplateDelegate } | { ok: false; syntaxError: TemplateSyntaxError };

const cache = new LruCache<string, Compiled>(64);
let last: { text: string; escape: EscapeMode; compiled: Compiled } | undefined;

/**
 * The compiled template for a text and escape mode, from a bounded cache.
 *
 * `Handlebars.compile` is lazy (it parses on first call), so the text is parsed here first to report syntax
 * errors with positions; the compile itself still starts from the text, as stock does.
 */
export function compileCached(text: string, escape: EscapeMode = 'html'): Compiled {
  // The preview re-renders the same text on every event/sample switch: compare with the last one first,
  // which for the same string object is O(1), and skip building and hashing a key as long as the text.
  if (last && last.text === text && last.escape === escape) return last.compiled;
  const key = `${escape}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) {
    last = { text, escape, compiled: hit };
    return hit;
  }
  const parsed = parseTemplate(text);
  const compiled: Compiled = parsed.ok
    ? { ok: true, fn: hbs.compile(text, escape === 'none' ? { noEscape: true } : {}) }
    : { ok: false, syntaxError: parsed.syntaxError };
  cache.set(key, compiled);
  last = { text, escape, compiled };
  return compiled;
}

/** Empties the compiled-template cache (tests and benchmarks measure cold paths with it). */
export function clearRenderCache(): void {
  cache.clear();
  last = undefined;
}

/** A render that failed before producing a body. */
export type RenderFailure = Exclude<RenderResult, { ok: true }>;

/** Renders without the JSON check: the body exactly as stock Handlebars would produce it. */
export function renderBody(text: string, data: unknown, options: RenderOptions = {}): { ok: true; body: string } | RenderFailure {
  const compiled = compileCached(text, options.escape ?? 'html');
  if (!compiled.ok) return compiled;
  try {
    return { ok: true, body: compiled.fn(data) };
  } catch (e) {
    // Runtime errors carry a node position only when Handlebars had one (`#each` without an argument); the
    // lexer state is stale here, so it is not consulted. A missing helper or partial names no position, so
    // the first call of that name in the template is where it failed.
    const ex = e as { lineNumber?: unknown; column?: unknown };
    const message = (e instanceof Error ? e.message : String(e)).replace(/ - \d+:\d+$/, '');
    if (typeof ex.lineNumber === 'number' && typeof ex.column === 'number') return { ok: false, runtimeError: { message, line: ex.lineNumber, column: ex.column + 1 } };
    const parsed = parseTemplate(text);
    const at = parsed.ok ? callForRuntimeError(missingCalls(parsed.ast), message)?.node.loc.start : undefined;
    return at ? { ok: false, runtimeError: { message, line: at.line, column: at.column + 1 } } : { ok: false, runtimeError: { message } };
  }
}

/**
 * Renders a template against an event and checks the body is JSON.
 *
 * When it is not, the error carries the body position and the template location that produced it, so the
 * editor can underline the template, not just the preview.
 */
export function renderTemplate(text: string, data: unknown, options: RenderOptions = {}): RenderResult {
  const r = renderBody(text, data, options);
  if (!r.ok) return r;
  const check = checkJson(r.body);
  if (check.valid) return { ok: true, body: r.body, json: check };
  const templateLocation = templatePositionAt(text, data, options.escape === 'none', r.body, check.offset);
  return { ok: true, body: r.body, json: templateLocation ? { ...check, templateLocation } : check };
}
