/**
 * One pass over a template's AST that records every path it uses, resolved in its block context, and
 * the facts diagnostics need: whether a value lands inside a JSON string, whether it is escaped, and what
 * each `#each` emits last.
 */
import type { PayloadSchema } from '../payload/field-schema';
import type { HbsBlock, HbsContent, HbsExpression, HbsMustache, HbsPath, HbsProgram, HbsStatement, HbsSubExpression } from './handlebars-env';
import { Scope, type Resolution } from './analysis-scope';

/** How a path is used. `output` renders the value; `block` is a block helper's argument; `param` a helper's. */
export type PathRole = 'output' | 'block' | 'param';

/** One path occurrence with everything diagnostics and hovers need. */
export interface PathUse {
  node: HbsPath;
  role: PathRole;
  /** The block or helper the path is an argument of (`each`, `if`, `lookup`…). */
  helper?: string;
  /** For output: `{{x}}` (true) or `{{{x}}}`/`{{&x}}` (false). */
  escaped: boolean;
  /** For output: whether the surrounding template text puts the value inside a JSON string. */
  inJsonString: boolean;
  resolution: Resolution;
  /** Canonical paths proven present by enclosing blocks. */
  guards: string[];
  /** Whether an `#each` encloses the use (so `@index` & co are defined). */
  inEach: boolean;
}

/** An `#each` block and what its body emits last, for the trailing-comma check. */
export interface EachBlock {
  node: HbsBlock;
  /** The content node whose text ends the body with a comma outside a JSON string, if any. */
  trailingComma?: HbsContent;
  /** Whether the body refers to `@last` or `@first` (a comma guard) at its top level. */
  guardsComma: boolean;
}

/** Everything the walk found. */
export interface TemplateFacts {
  uses: PathUse[];
  eachBlocks: EachBlock[];
}

const BLOCK_PARAM_HELPERS = new Set(['each', 'with']);

/** Tracks whether template text leaves the output inside a JSON string literal. */
function scanJsonString(text: string, inString: boolean): boolean {
  let s = inString;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (s) {
      if (c === '\\') i++;
      else if (c === '"') s = false;
    } else if (c === '"') s = true;
  }
  return s;
}

function isPath(e: HbsExpression | undefined): e is HbsPath {
  return e?.type === 'PathExpression';
}

/** Walks a parsed template against a payload schema. */
export function walkTemplate(ast: HbsProgram, schema: PayloadSchema): TemplateFacts {
  const scope = new Scope(schema);
  const uses: PathUse[] = [];
  const eachBlocks: EachBlock[] = [];
  let inString = false;

  const record = (node: HbsPath, role: PathRole, escaped: boolean, helper?: string): Resolution => {
    const resolution = scope.resolve(node);
    uses.push({ node, role, helper, escaped, inJsonString: inString, resolution, guards: scope.guards(), inEach: scope.eachOver !== undefined });
    return resolution;
  };

  const params = (list: readonly HbsExpression[] | undefined, helper: string): void => {
    for (const p of list ?? []) {
      if (isPath(p)) record(p, 'param', true, helper);
      else if (p.type === 'SubExpression') subExpression(p as HbsSubExpression);
    }
  };
  const hash = (h: { pairs?: Array<{ value: HbsExpression }> } | undefined, helper: string): void => params(h?.pairs?.map((p) => p.value), helper);
  const subExpression = (s: HbsSubExpression): void => {
    params(s.params, s.path.original);
    hash(s.hash, s.path.original);
  };

  const mustache = (m: HbsMustache): void => {
    const hasArgs = (m.params?.length ?? 0) > 0 || (m.hash?.pairs?.length ?? 0) > 0;
    if (!isPath(m.path)) return;
    if (hasArgs) {
      params(m.params, m.path.original);
      hash(m.hash, m.path.original);
    } else record(m.path, 'output', m.escaped);
  };

  const block = (b: HbsBlock): void => {
    const helper = b.path.original;
    const first = b.params[0];
    let resolution: Resolution | undefined;
    if (isPath(first)) resolution = record(first, 'block', true, helper);
    else if (first?.type === 'SubExpression') subExpression(first as HbsSubExpression);
    params(b.params.slice(1), helper);
    hash(b.hash, helper);
    const startState = inString;
    scope.push(helper, resolution, BLOCK_PARAM_HELPERS.has(helper) ? (b.program?.blockParams ?? []) : []);
    if (b.program) program(b.program);
    const afterProgram = inString;
    if (helper === 'each' && b.program) eachBlocks.push(eachFacts(b, b.program, startState));
    if (b.inverse) {
      scope.enterInverse();
      inString = startState;
      program(b.inverse);
    }
    scope.pop();
    inString = b.program ? afterProgram : inString;
  };

  const statement = (s: HbsStatement): void => {
    switch (s.type) {
      case 'ContentStatement':
        inString = scanJsonString((s as HbsContent).value, inString);
        break;
      case 'MustacheStatement':
        mustache(s as HbsMustache);
        break;
      case 'BlockStatement':
        block(s as HbsBlock);
        break;
      default:
        break;
    }
  };

  const program = (p: HbsProgram): void => {
    for (const s of p.body) statement(s);
  };

  program(ast);
  return { uses, eachBlocks };
}

/** Whether an `#each` body ends with a comma that will trail the last element. */
function eachFacts(node: HbsBlock, body: HbsProgram, startInString: boolean): EachBlock {
  let guardsComma = false;
  let last: HbsStatement | undefined;
  let inString = startInString;
  for (const s of body.body) {
    if (s.type === 'ContentStatement') {
      const c = s as HbsContent;
      inString = scanJsonString(c.value, inString);
      if (c.value.trim() === '') continue;
    }
    if (s.type === 'BlockStatement' || s.type === 'MustacheStatement') {
      const p = (s as HbsBlock).params?.[0];
      if (isPath(p) && p.data && (p.parts[0] === 'last' || p.parts[0] === 'first')) guardsComma = true;
    }
    last = s;
  }
  const trailing = last?.type === 'ContentStatement' && !inString && (last as HbsContent).value.trimEnd().endsWith(',');
  return trailing ? { node, trailingComma: last as HbsContent, guardsComma } : { node, guardsComma };
}
