/**
 * Diagnostics: what in a template will break the JSON, alter data, or read a field that is not there.
 */
import { findField, flattenFields, type FieldSchema, type PayloadSchema } from '../payload/field-schema';
import { descend, type PathProblem } from './analysis-scope';
import type { PathUse, TemplateFacts } from './analysis-walk';
import type { DiagnosticFix, TemplateDiagnostic, TemplateRange } from './analysis-types';
import { closestName, editDistance } from './did-you-mean';
import type { HbsContent, HbsNode } from './handlebars-env';
import { STOCK_HELPERS, type MissingCall } from './helper-calls';
import type { EscapeMode } from './render';

/** The 1-based range of an AST node (Handlebars columns are 0-based). */
export function nodeRange(node: HbsNode): TemplateRange {
  return { line: node.loc.start.line, column: node.loc.start.column + 1, endLine: node.loc.end.line, endColumn: node.loc.end.column + 1 };
}

/** The path text with part `k` replaced, keeping the user's separators, brackets and prefixes. */
function replacePart(original: string, data: boolean, k: number, name: string): string {
  const tokens = original.split(/([./])/);
  let part = -1;
  for (let i = 0; i < tokens.length; i += 2) {
    const t = tokens[i] ?? '';
    if (t === '' || t === '..' || t === 'this' || (i === 0 && t === '@root' && data)) {
      if (t === '@root') part++;
      continue;
    }
    part++;
    if (part === k) {
      tokens[i] = t.startsWith('[') ? `[${name}]` : name;
      return tokens.join('');
    }
  }
  return original;
}

function describeType(f: FieldSchema | undefined): string {
  return f ? f.type : 'unknown';
}

/**
 * The path as the user typed it. Handlebars' `original` drops brackets (`[0]` becomes `0`), and a fix must
 * keep the user's spelling, so the text comes from the source.
 */
function typedPath(use: PathUse, lines: readonly string[]): string {
  const { start, end } = use.node.loc;
  if (start.line !== end.line) return use.node.original;
  return lines[start.line - 1]?.slice(start.column, end.column) ?? use.node.original;
}

/** Unknown-path and array-without-index diagnostics for one use, with did-you-mean fixes. */
function pathProblem(use: PathUse, problem: PathProblem, lines: readonly string[]): TemplateDiagnostic {
  const range = nodeRange(use.node);
  const typed = typedPath(use, lines);
  const parts = use.node.parts;
  // segmentIndex counts from parts[0], including `root` of `@root` and a block param's name.
  const bad = parts[problem.segmentIndex] ?? '';
  if (problem.code === 'array-without-index') {
    return {
      ...range,
      severity: 'error',
      code: 'array-without-index',
      message: `\`${problem.arrayPath}\` is an array: \`${bad}\` needs an index (\`.[0].${bad}\`) or an enclosing {{#each}}.`,
      fix: { title: 'Use the first element', range, text: replacePart(typed, use.node.data, problem.segmentIndex, `[0].${bad}`) },
    };
  }
  const holder = problem.parent.type === 'array' ? problem.parent.element : problem.parent;
  const names = holder?.children?.map((c) => c.name) ?? [];
  const guess = closestName(bad, names);
  let fix: DiagnosticFix | undefined;
  if (guess) {
    const fixed = replacePart(typed, use.node.data, problem.segmentIndex, guess);
    // Offer the fix only when the corrected path resolves all the way.
    const rest = parts.slice(problem.segmentIndex + 1);
    const kid = holder?.children?.find((c) => c.name === guess);
    const tail = kid ? descend({ field: kid, path: guess }, rest) : undefined;
    if (tail && !tail.problem) fix = { title: `Change to ${fixed}`, range, text: fixed };
  }
  const where = problem.parentPath ? `\`${problem.parentPath}\` (${describeType(problem.parent)})` : 'the payload';
  return {
    ...range,
    severity: fix ? 'error' : 'warning',
    code: 'unknown-path',
    message: `${where} has no field \`${bad}\`.${guess ? ` Did you mean \`${guess}\`?` : ''}`,
    ...(fix ? { fix } : {}),
  };
}

function isGuarded(use: PathUse, optionalVia: string): boolean {
  return use.guards.some((g) => g === optionalVia || g.startsWith(`${optionalVia}.`) || g.startsWith(`${optionalVia}[`));
}

/** Diagnostics for one path use. */
function useDiagnostics(use: PathUse, escape: EscapeMode, lines: readonly string[]): TemplateDiagnostic[] {
  const out: TemplateDiagnostic[] = [];
  const r = use.resolution;
  const range = nodeRange(use.node);
  if (r.kind === 'data-var') {
    const name = r.ctx.path;
    if (!r.ctx.field) out.push({ ...range, severity: 'warning', code: 'unknown-path', message: `\`${name}\` is not a Handlebars data variable here.` });
    else if (!use.inEach) out.push({ ...range, severity: 'warning', code: 'data-variable-outside-each', message: `\`${name}\` is only defined inside {{#each}}; here it renders nothing.` });
    return out;
  }
  if (r.problem) return [pathProblem(use, r.problem, lines)];
  const f = r.ctx.field;
  if (use.role === 'output' && f?.type === 'array') {
    out.push({ ...range, severity: 'error', code: 'array-without-index', message: `\`${r.ctx.path}\` is an array: it renders as "[object Object],…". Iterate it with {{#each}} or pick an element with \`.[0]\`.` });
  }
  if (use.role === 'output' && f?.type === 'object') {
    out.push({ ...range, severity: 'warning', code: 'unknown-path', message: `\`${r.ctx.path || 'this'}\` is an object: it renders as "[object Object]". Pick one of its fields.` });
  }
  if (use.role === 'output' && r.ctx.optionalVia && !isGuarded(use, r.ctx.optionalVia)) {
    out.push({
      ...range,
      severity: 'warning',
      code: 'unguarded-optional',
      message: `\`${r.ctx.optionalVia}\` can be missing from real events; wrap this in {{#if ${r.ctx.optionalVia.replace(/\[\]/g, '.[0]')}}}…{{/if}}.`,
    });
  }
  if (use.role !== 'output' || f?.type !== 'string') return out;
  const rawOutput = !use.escaped || escape === 'none';
  if (!use.inJsonString) {
    out.push({ ...range, severity: 'warning', code: 'string-outside-json-string', message: `\`${r.ctx.path}\` is a string but is not inside quotes: the JSON will be invalid. Write "{{${typedPath(use, lines)}}}".` });
  } else if (f.freeText && !use.escaped) {
    out.push({ ...range, severity: 'warning', code: 'triple-stash-breaks-json', message: `\`${r.ctx.path}\` is free text output without escaping: a quote, backslash or newline in it breaks the JSON.` });
  } else if (f.freeText && rawOutput) {
    out.push({ ...range, severity: 'warning', code: 'unescaped-value-breaks-json', message: `With escaping off, a quote, backslash or newline in \`${r.ctx.path}\` breaks the JSON.` });
  } else if (f.freeText) {
    out.push({ ...range, severity: 'warning', code: 'html-escape-alters-value', message: `\`${r.ctx.path}\` is free text: HTML escaping turns " into &quot; and <>&'\`= into entities, so the target receives altered text. A newline or backslash still breaks the JSON.` });
  }
  return out;
}

/** The trailing-comma diagnostic of one `#each`, with a fix that guards the comma with `@last`. */
function trailingComma(content: HbsContent): TemplateDiagnostic {
  const original = String(content.original as unknown);
  const at = original.lastIndexOf(',');
  let line = content.loc.start.line;
  let column = content.loc.start.column;
  for (let i = 0; i < at; i++) {
    if (original[i] === '\n') {
      line++;
      column = 0;
    } else column++;
  }
  const range: TemplateRange = { line, column: column + 1, endLine: line, endColumn: column + 2 };
  return {
    ...range,
    severity: 'error',
    code: 'trailing-comma',
    message: 'This comma is emitted after the last element too, which makes invalid JSON.',
    fix: { title: 'Emit the comma only between elements', range, text: '{{#unless @last}},{{/unless}}' },
  };
}

const STOCK_LIST = 'if, unless, each, with, lookup and log';

/** A near-miss of a stock helper (`eachh` → `each`); short names need a closer match so `x` is not `if`. */
function stockHelperLike(name: string): string | undefined {
  const guess = closestName(name, STOCK_HELPERS);
  return guess && editDistance(name.toLowerCase(), guess, 2) <= (name.length > 4 ? 2 : 1) ? guess : undefined;
}

/** The error for a helper call or partial that stock Handlebars, and so Apono, does not have. */
export function missingCallDiagnostic(call: MissingCall): TemplateDiagnostic {
  const range = nodeRange(call.node);
  if (call.kind === 'partial') {
    return {
      ...range,
      severity: 'error',
      code: 'unknown-partial',
      message: `Partial \`${call.name}\` does not exist: Apono renders with stock Handlebars and registers no partials, so rendering fails. Write the text inline.`,
    };
  }
  if (call.dataPath) {
    return {
      ...range,
      severity: 'error',
      code: 'unknown-helper',
      message: `\`${call.name}\` is followed by arguments, so Handlebars calls it as a helper; Apono renders with stock Handlebars, where it is not one, and rendering fails. Remove the arguments to output the value.`,
    };
  }
  const guess = stockHelperLike(call.name);
  const message = `\`${call.name}\` is not a helper: Apono renders with stock Handlebars, which has only ${STOCK_LIST}, so rendering fails with Missing helper "${call.name}".${guess ? ` Did you mean \`${guess}\`?` : ''}`;
  // A block's name is written twice (open and close), which one range edit cannot change: no fix there.
  const fix: DiagnosticFix | undefined = guess && call.kind === 'helper' ? { title: `Change to ${guess}`, range, text: guess } : undefined;
  return { ...range, severity: 'error', code: 'unknown-helper', message, ...(fix ? { fix } : {}) };
}

/** Options of the analysis. */
export interface AnalysisOptions {
  schema: PayloadSchema;
  /** The template text, so fixes keep the user's spelling of paths. */
  source: string;
  escape?: EscapeMode;
}

/** Every diagnostic derived from the walk's facts. */
export function diagnosticsFrom(facts: TemplateFacts, options: AnalysisOptions, calls: readonly MissingCall[] = []): TemplateDiagnostic[] {
  const escape = options.escape ?? 'html';
  const lines = options.source.split('\n');
  const out = facts.uses.flatMap((u) => useDiagnostics(u, escape, lines));
  out.push(...calls.map(missingCallDiagnostic));
  for (const each of facts.eachBlocks) if (each.trailingComma && !each.guardsComma) out.push(trailingComma(each.trailingComma));
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Every documented path of a schema, for whole-path suggestions in the UI. */
export function knownPaths(schema: PayloadSchema): string[] {
  return flattenFields(schema).map((r) => r.path);
}

/** Whether a dotted path exists in a schema (indexes as numbers or `[0]`). */
export function pathExists(schema: PayloadSchema, path: string): boolean {
  return findField(schema, path.split('.').map((s) => s.replace(/^\[(.*)\]$/, '$1'))) !== undefined;
}
