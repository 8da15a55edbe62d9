/**
 * A read-only side-by-side diff (Monaco's diff editor), for comparing an invocation with its replay.
 * Lives here because this folder is the only place allowed to import Monaco.
 */
import { useEffect, useRef } from 'react';
import { DiffEditor } from '@monaco-editor/react';
import type { editor } from 'monaco-editor/editor';
import { BASE_EDITOR_OPTIONS } from './editor-options';
import { currentTheme } from './monaco';

export interface DiffViewerProps {
  /** Unique per pair of texts, e.g. `<id>-<replayId>-Request body`, so models are not shared between views. */
  path: string;
  original: string;
  modified: string;
  language: 'json' | 'plaintext';
  ariaLabel: string;
  height: number | string;
}

/** One diff editor per pair of texts: another path is a new editor, so each editor's models are its own. */
export function DiffViewer(props: DiffViewerProps) {
  return <PairDiff key={props.path} {...props} />;
}

/** Models outlive their view for a moment (see below), so each mount names its own. */
let mounts = 0;

/**
 * How long detached models are kept. Monaco's worker diff throws "no diff result available" (uncaught) when a
 * diff still computing finds its models gone: it checks cancellation only after the worker answers
 * (monaco-editor `WorkerBasedDocumentDiffProvider.computeDiff`). So models go once any diff in flight is back.
 */
const DISPOSE_DETACHED_AFTER_MS = 10_000;

function PairDiff(props: DiffViewerProps) {
  const mount = useRef(++mounts);
  const base = `hooksmith://diff/${mount.current}/${encodeURIComponent(props.path)}`;
  const diffRef = useRef<editor.IStandaloneDiffEditor | null>(null);

  // The library disposes the models before the editor, which Monaco reports as an error ("TextModel got
  // disposed before DiffEditorWidget model got reset"); so it keeps them, and this detaches, then disposes.
  useEffect(
    () => () => {
      const diff = diffRef.current;
      const models = diff?.getModel();
      diff?.setModel(null);
      setTimeout(() => {
        models?.original.dispose();
        models?.modified.dispose();
      }, DISPOSE_DETACHED_AFTER_MS);
    },
    [],
  );

  return (
    <DiffEditor
      height={props.height}
      language={props.language}
      original={props.original}
      modified={props.modified}
      originalModelPath={`${base}/original`}
      modifiedModelPath={`${base}/replay`}
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      onMount={(diff) => {
        diffRef.current = diff;
      }}
      theme={currentTheme()}
      loading={<p className="muted">Loading diff…</p>}
      options={{
        readOnly: true,
        originalEditable: false,
        domReadOnly: true,
        renderSideBySide: true,
        // Side by side even in a narrow window: the panel is wide enough, and inline diffs of JSON are hard to read.
        useInlineViewWhenSpaceIsLimited: false,
        ...BASE_EDITOR_OPTIONS,
        diffWordWrap: 'on',
        renderOverviewRuler: false,
        ariaLabel: props.ariaLabel,
        originalAriaLabel: `${props.ariaLabel}: original`,
        modifiedAriaLabel: `${props.ariaLabel}: replay`,
      }}
    />
  );
}
