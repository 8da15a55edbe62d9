/**
 * Block contexts and path resolution, mirroring how Handlebars looks values up at runtime.
 *
 * Only `#each` and `#with` change the context (and so count for `../`); `#if`/`#unless` keep it, as in
 * Handlebars 4 where a depth is pushed only when the context object changes. The same scope serves the
 * AST walk (diagnostics, hovers) and the textual scan used for completions in unfinished templates.
 */
import { childField, isIndex, type FieldSchema, type PayloadSchema } from '../payload/field-schema';

/** A value's place in the payload: its schema (undefined when unknown or opaque) and canonical path. */
export interface Ctx {
  field: FieldSchema | undefined;
  /** Canonical path, `[]` for any array index: `data.access_groups[].integration`. */
  path: string;
  /** Canonical path of the first possibly-missing step on the way here, if any. */
  optionalVia?: string;
}

/** A path as Handlebars' parser sees it. */
export interface PathSpec {
  data: boolean;
  depth: number;
  parts: readonly string[];
  original: string;
}

/** What a block-param name stands for. */
type BlockParam = { kind: 'value'; ctx: Ctx } | { kind: 'index'; of: 'array' | 'object' };

interface Frame {
  helper: string;
  /** Set when the block changes the context (`#each`, `#with`). */
  ctx?: Ctx;
  /** In `#each`: `@index`, `@first`, `@last` (and `@key` for objects) are defined. */
  eachOver?: 'array' | 'object' | 'unknown';
  blockParams?: Map<string, BlockParam>;
  /** Canonical path a `#if`/`#with`/`#each` proves present inside the block. */
  guard?: string;
  inverse: boolean;
}

/** Why a path did not resolve cleanly. */
export type PathProblem =
  | { code: 'unknown-path'; segmentIndex: number; parent: FieldSchema; parentPath: string }
  | { code: 'array-without-index'; segmentIndex: number; arrayPath: string };

/** The result of resolving a path in a scope. */
export interface Resolution {
  /** `field`: a payload value; `data-var`: `@index` & co; `index-param`: a block param bound to the index. */
  kind: 'field' | 'data-var' | 'index-param';
  ctx: Ctx;
  problem?: PathProblem;
}

const LENGTH_FIELD: FieldSchema = { name: 'length', type: 'number', description: 'Number of elements (or characters).', optional: false };

/** Steps from a context down one segment; returns the child ctx or the problem. */
function step(ctx: Ctx, segment: string, index: number): { ctx: Ctx } | { problem: PathProblem } {
  const f = ctx.field;
  if (!f) return { ctx: { field: undefined, path: `${ctx.path}.${segment}`, optionalVia: ctx.optionalVia } };
  const join = (name: string): string => (ctx.path ? `${ctx.path}.${name}` : name);
  if (f.type === 'array') {
    if (isIndex(segment)) {
      const optional = Number(segment) >= (f.minItems ?? 0);
      const path = `${ctx.path}[]`;
      return { ctx: { field: f.element, path, optionalVia: ctx.optionalVia ?? (optional ? path : undefined) } };
    }
    if (segment === 'length') return { ctx: { field: LENGTH_FIELD, path: join('length'), optionalVia: ctx.optionalVia } };
    if (f.element && childField(f.element, segment)) return { problem: { code: 'array-without-index', segmentIndex: index, arrayPath: ctx.path } };
    return { problem: { code: 'unknown-path', segmentIndex: index, parent: f, parentPath: ctx.path } };
  }
  if (f.type === 'object') {
    if (!f.children) return { ctx: { field: undefined, path: join(segment), optionalVia: ctx.optionalVia } };
    const kid = childField(f, segment);
    if (!kid) return { problem: { code: 'unknown-path', segmentIndex: index, parent: f, parentPath: ctx.path } };
    const path = join(segment);
    return { ctx: { field: kid, path, optionalVia: ctx.optionalVia ?? (kid.optional ? path : undefined) } };
  }
  if (f.type === 'string' && segment === 'length') return { ctx: { field: LENGTH_FIELD, path: join('length'), optionalVia: ctx.optionalVia } };
  return { problem: { code: 'unknown-path', segmentIndex: index, parent: f, parentPath: ctx.path } };
}

/** Resolves `parts` from a starting context, stopping at the first problem. */
export function descend(start: Ctx, parts: readonly string[], offset = 0): { ctx: Ctx; problem?: PathProblem } {
  let ctx = start;
  for (let i = 0; i < parts.length; i++) {
    const r = step(ctx, parts[i] ?? '', i + offset);
    if ('problem' in r) return { ctx, problem: r.problem };
    ctx = r.ctx;
  }
  return { ctx };
}

const DATA_VARS: Record<string, string> = {
  index: 'Zero-based position of the current element in `#each`.',
  first: 'True for the first element in `#each`.',
  last: 'True for the last element in `#each`. Use `{{#unless @last}},{{/unless}}` to separate JSON elements.',
  key: 'The property name of the current entry when `#each` iterates an object.',
};

/** Documentation of the `@` data variables Handlebars defines in `#each`. */
export function dataVariableDocs(): Readonly<Record<string, string>> {
  return DATA_VARS;
}

/** The block scope at one point of a template: the stack of enclosing blocks. */
export class Scope {
  private readonly frames: Frame[] = [];
  readonly root: Ctx;

  constructor(readonly schema: PayloadSchema) {
    this.root = { field: schema.root, path: '' };
  }

  /** The current `this`. */
  get current(): Ctx {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f?.ctx && !f.inverse) return f.ctx;
    }
    return this.root;
  }

  /** The contexts `../` can reach, innermost first. */
  private contexts(): Ctx[] {
    const out: Ctx[] = [];
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f?.ctx && !f.inverse) out.push(f.ctx);
    }
    out.push(this.root);
    return out;
  }

  /** Canonical paths of the contexts `../` can reach, innermost first; the root is `''`, last. */
  contextPaths(): string[] {
    return this.contexts().map((c) => c.path);
  }

  /** How many `../` steps are possible here. */
  get depth(): number {
    return this.contexts().length - 1;
  }

  /** Whether the innermost context-changing block is an `#each` (so `@index` & co exist), and over what. */
  get eachOver(): Frame['eachOver'] {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f && f.eachOver && !f.inverse) return f.eachOver;
    }
    return undefined;
  }

  /** Every block param visible here, innermost winning. */
  blockParams(): Map<string, BlockParam> {
    const out = new Map<string, BlockParam>();
    for (const f of this.frames) for (const [k, v] of f.blockParams ?? []) if (!f.inverse) out.set(k, v);
    return out;
  }

  /** Canonical paths proven present by enclosing blocks. */
  guards(): string[] {
    return this.frames.filter((f) => f.guard && !(f.inverse && (f.helper === 'if' || f.helper === 'with' || f.helper === 'each'))).map((f) => f.guard ?? '');
  }

  /**
   * Enters a block. `param` is the block's first argument, already resolved; `params` names block params.
   *
   * `#unless X` guards X only in its `{{else}}` branch, which `enterInverse` handles.
   */
  push(helper: string, param: Resolution | undefined, blockParamNames: readonly string[] = []): void {
    const frame: Frame = { helper, inverse: false };
    const target = param?.kind === 'field' && !param.problem ? param.ctx : undefined;
    if (helper === 'each') {
      const f = target?.field;
      const over = f?.type === 'array' ? 'array' : f?.type === 'object' ? 'object' : 'unknown';
      const element: Ctx = f?.type === 'array' ? { field: f.element, path: `${target?.path ?? ''}[]` } : { field: undefined, path: `${target?.path ?? '?'}.*` };
      frame.ctx = element;
      frame.eachOver = over;
      frame.guard = target?.path;
      const [item, idx] = blockParamNames;
      if (item || idx) {
        frame.blockParams = new Map();
        if (item) frame.blockParams.set(item, { kind: 'value', ctx: element });
        if (idx) frame.blockParams.set(idx, { kind: 'index', of: over === 'object' ? 'object' : 'array' });
      }
    } else if (helper === 'with') {
      frame.ctx = target ? { field: target.field, path: target.path } : { field: undefined, path: '?' };
      frame.guard = target?.path;
      const [name] = blockParamNames;
      if (name) frame.blockParams = new Map([[name, { kind: 'value', ctx: frame.ctx }]]);
    } else if (helper === 'if') {
      frame.guard = target?.path;
    } else if (helper === 'unless') {
      frame.guard = undefined;
      frame.helper = `unless:${target?.path ?? ''}`;
    }
    this.frames.push(frame);
  }

  /** Switches the innermost block to its `{{else}}` branch. */
  enterInverse(): void {
    const f = this.frames[this.frames.length - 1];
    if (!f) return;
    f.inverse = true;
    if (f.helper.startsWith('unless:')) {
      const guarded = f.helper.slice('unless:'.length);
      f.guard = guarded || undefined;
      f.helper = 'unless-else';
    }
  }

  /** Leaves the innermost block. */
  pop(): void {
    this.frames.pop();
  }

  /** Resolves a path as Handlebars would at this point. */
  resolve(path: PathSpec): Resolution {
    if (path.data) {
      const [head, ...rest] = path.parts;
      if (head === 'root') {
        const r = descend(this.root, rest, 1);
        return { kind: 'field', ctx: r.ctx, problem: r.problem };
      }
      const known = head !== undefined && head in DATA_VARS;
      const type = head === 'index' ? 'number' : head === 'key' ? 'string' : 'boolean';
      return {
        kind: 'data-var',
        ctx: { field: known ? { name: `@${head}`, type, description: DATA_VARS[head ?? ''] ?? '', optional: false } : undefined, path: `@${head ?? ''}` },
      };
    }
    const [head, ...rest] = path.parts;
    if (path.depth === 0 && head !== undefined && !/^(this|\.)(\/|\.|$)/.test(path.original)) {
      const bp = this.blockParams().get(head);
      if (bp?.kind === 'index') return { kind: 'index-param', ctx: { field: { name: head, type: bp.of === 'array' ? 'number' : 'string', description: 'Block parameter: the index (or key) of the current element.', optional: false }, path: head } };
      if (bp?.kind === 'value') {
        const r = descend(bp.ctx, rest, 1);
        return { kind: 'field', ctx: r.ctx, problem: r.problem };
      }
    }
    const contexts = this.contexts();
    const start = contexts[Math.min(path.depth, contexts.length - 1)] ?? this.root;
    const r = descend(start, path.parts);
    return { kind: 'field', ctx: r.ctx, problem: r.problem };
  }
}

/**
 * Parses path text as Handlebars writes it (`../data.access_groups.[0]`, `@root.x`, `this/y`) into a
 * PathSpec, for the textual scan used while a template is being typed and cannot be parsed.
 */
export function parsePathText(text: string): PathSpec {
  let rest = text.trim();
  const data = rest.startsWith('@');
  if (data) rest = rest.slice(1);
  let depth = 0;
  while (rest.startsWith('../')) {
    depth++;
    rest = rest.slice(3);
  }
  const raw = rest.length ? rest.split(/[./]/) : [];
  const parts = raw
    .map((p) => (p.startsWith('[') && p.endsWith(']') ? p.slice(1, -1) : p))
    .filter((p, i) => p !== '' && !(i === 0 && (p === 'this' || p === '.')));
  return { data, depth, parts, original: text };
}
