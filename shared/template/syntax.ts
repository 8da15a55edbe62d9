/**
 * Parsing a template with exact syntax-error positions.
 */
import Handlebars from 'handlebars';
import { hbs, lastLexerLocation, type HbsProgram } from './handlebars-env';

/** A template syntax error. Line and column are 1-based. */
export interface TemplateSyntaxError {
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** The outcome of parsing: the AST, or where the template is broken. */
export type ParseResult = { ok: true; ast: HbsProgram } | { ok: false; syntaxError: TemplateSyntaxError };

interface ExceptionFields {
  lineNumber?: unknown;
  column?: unknown;
  endLineNumber?: unknown;
  endColumn?: unknown;
}

/**
 * Turns whatever Handlebars threw into a positioned error.
 *
 * `Handlebars.Exception` (mismatched blocks) carries its node's location, with a 0-based column; a
 * lexer/parser error is a plain `Error` whose position is only in the lexer state, which is why this must
 * run synchronously in the `catch` that saw the throw.
 */
export function syntaxErrorFrom(e: unknown): TemplateSyntaxError {
  const raw = e instanceof Error ? e.message : String(e);
  const ex = e as ExceptionFields;
  if (e instanceof Handlebars.Exception && typeof ex.lineNumber === 'number' && typeof ex.column === 'number') {
    const message = raw.replace(/ - \d+:\d+$/, '');
    const out: TemplateSyntaxError = { message, line: ex.lineNumber, column: ex.column + 1 };
    if (typeof ex.endLineNumber === 'number' && typeof ex.endColumn === 'number') {
      out.endLine = ex.endLineNumber;
      out.endColumn = ex.endColumn + 1;
    }
    return out;
  }
  const at = lastLexerLocation();
  // The parser's message repeats the source line with a caret; keep its "Expecting …" summary only.
  const lines = raw.split('\n');
  const summary = lines.length >= 4 ? `${lines[0]?.replace(/ on line \d+:$/, '')}: ${lines.slice(3).join(' ')}` : raw;
  const line = at?.line ?? Number(/line (\d+)/.exec(raw)?.[1] ?? 1);
  return { message: summary, line, column: at?.column ?? 1 };
}

/** Parses a template with the stock whitespace handling, reporting syntax errors with positions. */
export function parseTemplate(text: string): ParseResult {
  try {
    return { ok: true, ast: hbs.parse(text) };
  } catch (e) {
    return { ok: false, syntaxError: syntaxErrorFrom(e) };
  }
}
