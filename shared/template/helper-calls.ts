/**
 * Helper calls and partials a template makes that stock Handlebars cannot satisfy.
 *
 * Apono renders with stock Handlebars and registers neither helpers nor partials, so `{{json x}}`,
 * `{{#eachh x}}` or `{{> foo}}` only fail at render time ("Missing helper"). Found here from the AST so the
 * editor can say so where the call is, and the renderer can place its runtime error there.
 */
import type { HbsBlock, HbsExpression, HbsMustache, HbsNode, HbsPath, HbsProgram, HbsStatement, HbsSubExpression } from './handlebars-env';

/** The helpers stock Handlebars registers for templates to call. */
export const STOCK_HELPERS: readonly string[] = ['if', 'unless', 'each', 'with', 'lookup', 'log'];

/** One call that has nothing to call in stock Handlebars. */
export interface MissingCall {
  /** `helper` for `{{name args}}` and `(name args)`, `block` for `{{#name args}}`, `partial` for `{{> name}}`. */
  kind: 'helper' | 'block' | 'partial';
  /** The name as written: `json`, `data.x`, `foo`. */
  name: string;
  /** Whether the name is a path into the data (`data.x`, `this.y`) rather than a bare helper name. */
  dataPath: boolean;
  /** The node naming the helper or partial: where to point. */
  node: HbsNode;
}

interface WithArgs {
  path: HbsExpression;
  params?: HbsExpression[];
  hash?: { pairs?: Array<{ value: HbsExpression }> };
}

interface PartialNode {
  name: HbsExpression;
  params?: HbsExpression[];
  hash?: { pairs?: Array<{ value: HbsExpression }> };
}

function isSimpleName(p: HbsPath): boolean {
  return !p.data && p.depth === 0 && p.parts.length === 1 && !/^(this|\.)/.test(p.original);
}

/** Every call in a parsed template that stock Handlebars has no helper or partial for, in document order. */
export function missingCalls(ast: HbsProgram): MissingCall[] {
  const out: MissingCall[] = [];

  const args = (n: { params?: HbsExpression[]; hash?: WithArgs['hash'] }): void => {
    for (const p of n.params ?? []) expression(p);
    for (const pair of n.hash?.pairs ?? []) expression(pair.value);
  };
  // A mustache or block is a helper call when it has arguments; a sub-expression always is.
  const call = (n: WithArgs, kind: 'helper' | 'block', isCall: boolean): void => {
    const head = n.path;
    if (isCall && head.type === 'PathExpression') {
      const p = head as HbsPath;
      if (!(isSimpleName(p) && STOCK_HELPERS.includes(p.original))) out.push({ kind, name: p.original, dataPath: !isSimpleName(p), node: p });
    }
    args(n);
  };
  const hasArgs = (n: WithArgs): boolean => (n.params?.length ?? 0) > 0 || (n.hash?.pairs?.length ?? 0) > 0;
  const expression = (e: HbsExpression): void => {
    if (e.type === 'SubExpression') call(e as HbsSubExpression, 'helper', true);
  };
  const statement = (s: HbsStatement): void => {
    if (s.type === 'MustacheStatement') call(s as HbsMustache, 'helper', hasArgs(s as HbsMustache));
    else if (s.type === 'BlockStatement') {
      const b = s as HbsBlock;
      call(b, 'block', hasArgs(b));
      if (b.program) program(b.program);
      if (b.inverse) program(b.inverse);
    } else if (s.type === 'PartialStatement') {
      // `{{#> foo}}…{{/foo}}` (a partial block) renders its own content when the partial is missing: not an error.
      const p = s as unknown as PartialNode;
      const name = p.name.type === 'PathExpression' ? (p.name as HbsPath).original : 'dynamic partial';
      out.push({ kind: 'partial', name, dataPath: false, node: p.name });
      args(p);
    } else if (s.type === 'PartialBlockStatement') {
      const body = (s as unknown as { program?: HbsProgram }).program;
      if (body) program(body);
    }
  };
  const program = (p: HbsProgram): void => {
    for (const s of p.body) statement(s);
  };
  program(ast);
  return out;
}

/** The runtime error message of stock Handlebars a call causes, to find the call back from the message. */
export function callForRuntimeError(calls: readonly MissingCall[], message: string): MissingCall | undefined {
  const helper = /^Missing helper: "(.*)"/.exec(message)?.[1];
  if (helper !== undefined) return calls.find((c) => c.kind !== 'partial' && c.name === helper);
  const partial = /^The partial (.*) could not be found/.exec(message)?.[1];
  if (partial !== undefined) return calls.find((c) => c.kind === 'partial' && c.name === partial);
  // Calling a data value (`{{data.id x}}`) fails as "….call is not a function", naming no helper.
  if (/is not a function/.test(message)) return calls.find((c) => c.dataPath);
  return undefined;
}
