/**
 * Template analysis entry point: parse once, walk once, derive diagnostics.
 *
 * The editor calls this on every (debounced) keystroke; hovers reuse the same result.
 */
import { REQUEST_SCHEMA } from '../payload/request-schema';
import type { PayloadSchema } from '../payload/field-schema';
import { diagnosticsFrom } from './analysis-diagnostics';
import type { TemplateDiagnostic } from './analysis-types';
import { walkTemplate, type TemplateFacts } from './analysis-walk';
import { missingCalls } from './helper-calls';
import type { EscapeMode } from './render';
import { parseTemplate, type TemplateSyntaxError } from './syntax';

/** Options of {@link analyseTemplate}. */
export interface AnalyseOptions {
  /** The payload the template is for; the request-webhook payload by default. */
  schema?: PayloadSchema;
  /** The escape mode the user previews with; changes which escaping warning applies. */
  escape?: EscapeMode;
}

/** The analysis of one template text. */
export interface TemplateAnalysis {
  syntaxError?: TemplateSyntaxError;
  /** Undefined when the template does not parse. */
  facts?: TemplateFacts;
  diagnostics: TemplateDiagnostic[];
}

/** Parses and analyses a template, returning its diagnostics (a syntax error is one of them). */
export function analyseTemplate(text: string, options: AnalyseOptions = {}): TemplateAnalysis {
  const schema = options.schema ?? REQUEST_SCHEMA;
  const parsed = parseTemplate(text);
  if (!parsed.ok) {
    const e = parsed.syntaxError;
    return {
      syntaxError: e,
      diagnostics: [
        {
          severity: 'error',
          code: 'syntax-error',
          message: e.message,
          line: e.line,
          column: e.column,
          endLine: e.endLine ?? e.line,
          endColumn: e.endColumn ?? e.column + 1,
        },
      ],
    };
  }
  const facts = walkTemplate(parsed.ast, schema);
  return { facts, diagnostics: diagnosticsFrom(facts, { schema, source: text, escape: options.escape }, missingCalls(parsed.ast)) };
}
