/**
 * The editors as features use them, each loaded on first render: Monaco and its workers (most of the app's
 * JavaScript) come in a separate chunk fetched only when a page shows an editor, so the Webhooks table is
 * interactive before any of it has loaded. Types come from the real modules; only `import()` loads code.
 */
import { forwardRef, lazy, Suspense, type ReactNode } from 'react';
import type { DiffViewerProps } from './diff-viewer';
import type { JsonEditorProps } from './json-editor';
import type { ReadOnlyCodeProps } from './read-only-code';
import type { TemplateCodeEditorProps, TemplateEditorHandle } from './template-code-editor';

export type { TemplateEditorHandle } from './template-code-editor';

const LazyTemplate = lazy(async () => ({ default: (await import('./template-code-editor')).TemplateCodeEditor }));
const LazyJson = lazy(async () => ({ default: (await import('./json-editor')).JsonEditor }));
const LazyReadOnly = lazy(async () => ({ default: (await import('./read-only-code')).ReadOnlyCode }));
const LazyDiff = lazy(async () => ({ default: (await import('./diff-viewer')).DiffViewer }));

/** Holds the editor's place (and height) while its chunk loads, announced as busy to assistive technology. */
function Loading({ height, children }: { height?: number | string; children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div className="editor-loading" role="status" aria-busy="true" style={{ minHeight: height ?? 120 }}>
          Loading editor…
        </div>
      }
    >
      {children}
    </Suspense>
  );
}

/** The body-template editor (see `template-code-editor.tsx`), loaded on first use. */
export const TemplateCodeEditor = forwardRef<TemplateEditorHandle, TemplateCodeEditorProps>(function TemplateCodeEditor(props, ref) {
  return (
    <Loading height={props.height}>
      <LazyTemplate {...props} ref={ref} />
    </Loading>
  );
});

/** A JSON editor (see `json-editor.tsx`), loaded on first use. */
export function JsonEditor(props: JsonEditorProps) {
  return (
    <Loading>
      <LazyJson {...props} />
    </Loading>
  );
}

/** Read-only code (see `read-only-code.tsx`), loaded on first use. */
export function ReadOnlyCode(props: ReadOnlyCodeProps) {
  return (
    <Loading height={props.maxHeight === undefined ? undefined : Math.min(props.maxHeight, 120)}>
      <LazyReadOnly {...props} />
    </Loading>
  );
}

/** A side-by-side diff (see `diff-viewer.tsx`), loaded on first use. */
export function DiffViewer(props: DiffViewerProps) {
  return (
    <Loading>
      <LazyDiff {...props} />
    </Loading>
  );
}
