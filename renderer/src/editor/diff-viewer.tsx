/**
 * A read-only side-by-side diff (Monaco's diff editor), for comparing an invocation with its replay.
 * Lives here because this folder is the only place allowed to import Monaco.
 */
import { DiffEditor } from '@monaco-editor/react';
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

export function DiffViewer(props: DiffViewerProps) {
  const base = `hooksmith://diff/${encodeURIComponent(props.path)}`;
  return (
    <DiffEditor
      height={props.height}
      language={props.language}
      original={props.original}
      modified={props.modified}
      originalModelPath={`${base}/original`}
      modifiedModelPath={`${base}/replay`}
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
