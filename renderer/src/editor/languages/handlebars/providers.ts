/**
 * Completions, hovers and quick fixes for the Handlebars template models, from the shared analysis.
 *
 * Registered once per page for the `handlebars` language, which only body templates use.
 */
import type { editor, languages } from 'monaco-editor/editor';
import { completionsAt } from '../../../../../shared/template/analysis-completions';
import { hoverAt } from '../../../../../shared/template/analysis-hover';
import type { TemplateRange } from '../../../../../shared/template/analysis-types';
import { COMPLETION_KIND, fixesAt, fromEditorRange, toEditorRange } from '../../../../../shared/template/editor-mapping';
import { monaco } from '../../monaco';
import { diagnosticsOf } from './diagnostics';

export const TEMPLATE_LANGUAGE = 'handlebars';

/** An edit range exactly as the analysis gives it (an empty range is an insertion, never widened). */
function editRange(r: TemplateRange) {
  return { startLineNumber: r.line, startColumn: r.column, endLineNumber: r.endLine, endColumn: r.endColumn };
}

const Snippet = () => monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet;

const completionProvider: languages.CompletionItemProvider = {
  // `{` matters only as the second brace of `{{`: the analysis offers nothing for a typed JSON brace.
  triggerCharacters: ['{', '.', '/', '@'],
  provideCompletionItems(model, position, context) {
    const trigger = context.triggerKind === monaco.languages.CompletionTriggerKind.TriggerCharacter ? 'typed' : 'invoked';
    const list = completionsAt(model.getValue(), position.lineNumber, position.column, { trigger });
    const blockRange = list.blockRange && editRange(list.blockRange);
    const suggestions: languages.CompletionItem[] = list.items.map((item, i) => ({
      label: item.label,
      kind: monaco.languages.CompletionItemKind[COMPLETION_KIND[item.kind]],
      detail: item.detail,
      documentation: { value: item.documentation },
      insertText: item.insertText,
      ...(item.isSnippet ? { insertTextRules: Snippet() } : {}),
      sortText: String(i).padStart(4, '0'),
      // A block snippet's range may start at the `{{` already typed: Monaco filters by the text in it.
      ...(item.kind === 'snippet' && blockRange ? { range: blockRange, filterText: item.filterText ?? item.label } : { range: editRange(list.replaceRange) }),
    }));
    return { suggestions };
  },
};

const hoverProvider: languages.HoverProvider = {
  provideHover(model, position) {
    const hover = hoverAt(model.getValue(), position.lineNumber, position.column);
    return hover ? { contents: [{ value: hover.contents }], range: toEditorRange(hover.range) } : null;
  },
};

const codeActionProvider: languages.CodeActionProvider = {
  provideCodeActions(model: editor.ITextModel, range, context) {
    const actions: languages.CodeAction[] = fixesAt(diagnosticsOf(model), fromEditorRange(range)).map((d) => {
      const fix = d.fix!;
      const markers = context.markers.filter((m) => m.source === 'Hooksmith' && m.code === d.code && m.startLineNumber === d.line);
      return {
        title: fix.title,
        kind: 'quickfix',
        isPreferred: true,
        diagnostics: markers,
        edit: { edits: [{ resource: model.uri, textEdit: { range: editRange(fix.range), text: fix.text }, versionId: model.getVersionId() }] },
      };
    });
    return { actions, dispose() {} };
  },
};

let registered = false;

/** Registers the template providers once for the page. */
export function registerTemplateLanguage(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider(TEMPLATE_LANGUAGE, completionProvider);
  monaco.languages.registerHoverProvider(TEMPLATE_LANGUAGE, hoverProvider);
  monaco.languages.registerCodeActionProvider(TEMPLATE_LANGUAGE, codeActionProvider, { providedCodeActionKinds: ['quickfix'] });
}
