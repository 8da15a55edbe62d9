/**
 * An editor that owns its model: what was typed is never overwritten by a value React renders later.
 *
 * With `@monaco-editor/react`'s controlled `value`, a render carrying a value older than the model (keys
 * arrive faster than the page re-renders) replaced the whole model: letters were lost and the cursor jumped
 * to the end. Here the model starts from the first value and the editor reports its text; a later value is
 * pushed into the model only when it comes from outside (a webhook loaded, a sample's edits discarded),
 * never when it is an echo of text the editor itself reported, however late it arrives.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { editor } from 'monaco-editor/editor';
import { monaco } from './monaco';

/** Reported texts kept to recognise their echoes; a page re-renders long before this many keystrokes. */
const MAX_UNACKNOWLEDGED = 200;

export interface OwnedModel {
  editorRef: { readonly current: editor.IStandaloneCodeEditor | null };
  /** Call from the editor's `onMount`: starts reporting changes and applies a value that changed meanwhile. */
  attach(ed: editor.IStandaloneCodeEditor): void;
}

/** Keeps an editor's model in step with `value` from outside, reporting the user's edits through `onChange`. */
export function useOwnedModel(value: string, onChange?: (value: string) => void): OwnedModel {
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null);
  // Texts reported through onChange that have not come back as `value` yet, oldest first.
  const reported = useRef<string[]>([]);
  const pushing = useRef(false);
  const valueRef = useRef(value);
  valueRef.current = value;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const sync = useCallback(() => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    if (!ed || !model) return;
    const next = valueRef.current;
    if (next === model.getValue()) {
      reported.current = [];
      return;
    }
    const echo = reported.current.lastIndexOf(next);
    if (echo >= 0) {
      // A render that has not caught up with the typing yet: the model is already ahead of it.
      reported.current.splice(0, echo + 1);
      return;
    }
    reported.current = [];
    pushing.current = true;
    try {
      if (ed.getOption(monaco.editor.EditorOption.readOnly)) {
        model.setValue(next);
      } else {
        // One undo step of its own, so Ctrl+Z brings back what was there before.
        ed.pushUndoStop();
        ed.executeEdits('hooksmith-external', [{ range: model.getFullModelRange(), text: next, forceMoveMarkers: true }]);
        ed.pushUndoStop();
      }
    } finally {
      pushing.current = false;
    }
  }, []);

  useEffect(sync, [value, sync]);

  const attach = useCallback(
    (ed: editor.IStandaloneCodeEditor) => {
      editorRef.current = ed;
      const sub = ed.onDidChangeModelContent(() => {
        if (pushing.current) return;
        const text = ed.getValue();
        reported.current.push(text);
        if (reported.current.length > MAX_UNACKNOWLEDGED) reported.current.shift();
        onChangeRef.current?.(text);
      });
      ed.onDidDispose(() => {
        sub.dispose();
        if (editorRef.current === ed) editorRef.current = null;
      });
      sync();
    },
    [sync],
  );

  return { editorRef, attach };
}
