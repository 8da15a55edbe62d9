/**
 * Maps an offset in a rendered body back to the template location that produced it.
 *
 * Technique: parse the template (stock whitespace handling already applied to the AST), insert before
 * every statement of every program a call to a private helper that outputs a marker
 * `U+E000 <id> U+E001`, compile that AST with the same options and render it with the same data. The
 * markers are then stripped while recording, for each, the offset it had in the clean output. Because
 * markers are raw (triple-stash) helper output and the inserted nodes are not content, the stock
 * whitespace pass that `compile` re-runs on the AST leaves every content node untouched, so the stripped
 * output equals the normal render. That equality is checked, not assumed: if it fails (say the data itself
 * contains U+E000), no location is reported rather than a wrong one.
 *
 * An offset maps to the last marker at or before it: the innermost statement whose output started there.
 * Inside a content statement the exact character is found by walking its source text, accounting for the
 * whitespace the stock standalone/`~` rules removed. Inside a mustache the location is the mustache.
 * This runs only when the body is invalid JSON, so the normal preview path pays nothing for it.
 */
import { hbs, type HbsContent, type HbsNode, type HbsProgram, type HbsStatement } from './handlebars-env';

const MARK_HELPER = '__hooksmith_mark__';
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** A 1-based template position. */
export interface TemplatePosition {
  line: number;
  column: number;
}

interface Traced {
  clean: string;
  marks: Array<{ offset: number; node: HbsStatement }>;
}

function instrument(program: HbsProgram, nodes: HbsStatement[]): void {
  const body: HbsStatement[] = [];
  for (const st of program.body) {
    const id = nodes.length;
    nodes.push(st);
    const loc = st.loc;
    const mark = {
      type: 'MustacheStatement',
      path: { type: 'PathExpression', data: false, depth: 0, parts: [MARK_HELPER], original: MARK_HELPER, loc },
      params: [{ type: 'NumberLiteral', value: id, original: id, loc }],
      hash: undefined,
      escaped: false,
      strip: { open: false, close: false },
      loc,
    };
    body.push(mark as unknown as HbsStatement, st);
    const block = st as { program?: HbsProgram; inverse?: HbsProgram };
    if (block.program) instrument(block.program, nodes);
    if (block.inverse) instrument(block.inverse, nodes);
  }
  program.body = body;
}

/** Renders with markers; undefined when the traced render does not reproduce `expected`. */
export function traceRender(text: string, data: unknown, noEscape: boolean, expected: string): Traced | undefined {
  try {
    const ast = hbs.parse(text);
    const nodes: HbsStatement[] = [];
    instrument(ast, nodes);
    const fn = hbs.compile(ast, noEscape ? { noEscape: true } : {});
    const raw = fn(data, { helpers: { [MARK_HELPER]: (id: number) => `${OPEN}${id}${CLOSE}` } });
    const marks: Traced['marks'] = [];
    let clean = '';
    let i = 0;
    while (i < raw.length) {
      const open = raw.indexOf(OPEN, i);
      if (open < 0) {
        clean += raw.slice(i);
        break;
      }
      clean += raw.slice(i, open);
      const close = raw.indexOf(CLOSE, open);
      const node = nodes[Number(raw.slice(open + 1, close))];
      if (close < 0 || !node) return undefined;
      marks.push({ offset: clean.length, node });
      i = close + 1;
    }
    return clean === expected ? { clean, marks } : undefined;
  } catch {
    return undefined;
  }
}

/** Where, in a content node's source, the `k`-th character of its (whitespace-stripped) value sits. */
function contentPosition(node: HbsContent, k: number): TemplatePosition {
  const original = String(node.original as unknown);
  const value = node.value;
  // The stock whitespace rules only remove leading/trailing whitespace, so value is a substring of original.
  let start = 0;
  while (start < original.length && original.slice(start, start + value.length) !== value) start++;
  if (start >= original.length && value.length > 0) start = 0;
  let line = node.loc.start.line;
  let column = node.loc.start.column;
  const stop = Math.min(start + k, original.length);
  for (let j = 0; j < stop; j++) {
    if (original[j] === '\n') {
      line++;
      column = 0;
    } else column++;
  }
  return { line, column: column + 1 };
}

function nodeStart(node: HbsNode): TemplatePosition {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

/** The template position that produced the character at `offset` of the rendered body, if it can be known. */
export function templatePositionAt(
  text: string,
  data: unknown,
  noEscape: boolean,
  body: string,
  offset: number,
): TemplatePosition | undefined {
  const traced = traceRender(text, data, noEscape, body);
  if (!traced) return undefined;
  let best: Traced['marks'][number] | undefined;
  for (const m of traced.marks) {
    if (m.offset <= offset) best = m;
    else break;
  }
  if (!best) return undefined;
  if (best.node.type === 'ContentStatement') return contentPosition(best.node as HbsContent, offset - best.offset);
  return nodeStart(best.node);
}
