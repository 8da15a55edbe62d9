/**
 * The one Handlebars environment Hooksmith renders and parses with.
 *
 * An isolated environment (`Handlebars.create()`) has exactly the stock helpers, so nothing registered
 * globally by another module can make a preview differ from what stock Handlebars, and thus Apono, renders.
 */
import Handlebars from 'handlebars';

/** The isolated environment with the stock helpers only. */
export const hbs: typeof Handlebars = Handlebars.create();

/** Handlebars AST node types, re-exported so other modules need not reach into the global `hbs` namespace. */
export type HbsProgram = hbs.AST.Program;
export type HbsStatement = hbs.AST.Statement;
export type HbsNode = hbs.AST.Node;
export type HbsMustache = hbs.AST.MustacheStatement;
export type HbsBlock = hbs.AST.BlockStatement;
export type HbsContent = hbs.AST.ContentStatement;
export type HbsPath = hbs.AST.PathExpression;
export type HbsSubExpression = hbs.AST.SubExpression;
export type HbsExpression = hbs.AST.Expression;
export type HbsLocation = hbs.AST.SourceLocation;

/** The undocumented lexer state that holds a parse error's exact position (see toolchain.md). */
interface LexerState {
  yylloc?: { first_line?: number; first_column?: number; last_line?: number; last_column?: number };
}

/** Reads the lexer's last location; must be called synchronously right after a failed parse. */
export function lastLexerLocation(): { line: number; column: number } | undefined {
  const parser = (Handlebars as unknown as { Parser?: { lexer?: LexerState } }).Parser;
  const loc = parser?.lexer?.yylloc;
  if (!loc || typeof loc.first_line !== 'number' || typeof loc.first_column !== 'number') return undefined;
  return { line: loc.first_line, column: loc.first_column + 1 };
}
