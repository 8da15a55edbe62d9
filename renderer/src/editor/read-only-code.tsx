/**
 * A read-only Monaco view of a body (the invocation panel's request and response): JSON highlighting and
 * folding when the text is JSON, plain text otherwise. It grows with its content up to `maxHeight`, then
 * scrolls, so a two-line body does not sit in a tall empty box.
 */
import { useId, useState } from 'react';
import Editor from '@monaco-editor/react';
import { currentTheme } from './monaco';

export interface ReadOnlyCodeProps {
  value: string;
  ariaLabel: string;
  language: 'json' | 'plaintext';
  /** Pixels; default 420. */
  maxHeight?: number;
}

const MIN_HEIGHT = 40;

export function ReadOnlyCode({ value, ariaLabel, language, maxHeight = 420 }: ReadOnlyCodeProps) {
  // Each view needs its own model: two panels (request and response) must not share one buffer.
  const path = `hooksmith://read-only/${useId().replace(/[^A-Za-z0-9]/g, '')}.${language === 'json' ? 'json' : 'txt'}`;
  const [height, setHeight] = useState(() => Math.min(maxHeight, Math.max(MIN_HEIGHT, value.split('\n').length * 19 + 12)));
  return (
    <Editor
      height={height}
      language={language}
      path={path}
      theme={currentTheme()}
      value={value}
      onMount={(ed) => {
        const fit = () => setHeight(Math.min(maxHeight, Math.max(MIN_HEIGHT, ed.getContentHeight())));
        ed.onDidContentSizeChange(fit);
        fit();
      }}
      loading={<pre className="read-only-fallback">{value}</pre>}
      options={{
        ariaLabel,
        readOnly: true,
        domReadOnly: true,
        minimap: { enabled: false },
        fontSize: 12.5,
        lineNumbersMinChars: 3,
        scrollBeyondLastLine: false,
        wordWrap: 'on',
        folding: language === 'json',
        renderLineHighlight: 'none',
        // No overview ruler: with no markers and no cursor to find, it is only a stray bar at the right edge.
        overviewRulerLanes: 0,
        hideCursorInOverviewRuler: true,
        overviewRulerBorder: false,
        automaticLayout: true,
        padding: { top: 6, bottom: 6 },
        scrollbar: { alwaysConsumeMouseWheel: false },
        // No JSON validation squiggles in a record of what came back: it is evidence, not something to fix.
        renderValidationDecorations: 'off',
      }}
    />
  );
}
