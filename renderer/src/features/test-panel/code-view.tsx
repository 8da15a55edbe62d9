/**
 * Read-only code: a labelled, scrollable, focusable `<pre>` with a copy button.
 * TODO(monaco): the read-only Monaco editor replaces the `<pre>` once the editor work lands.
 */
import { CopyButton } from './copy';

export function CodeView({ label, text, copyText, empty = '(empty)' }: { label: string; text: string; copyText?: string; empty?: string }) {
  return (
    <figure className="code-view">
      <figcaption>
        <span>{label}</span>
        <CopyButton text={copyText ?? text} what={label.toLowerCase()} />
      </figcaption>
      {/* tabIndex: long bodies scroll, so keyboard users must be able to reach the scroll area. */}
      <pre tabIndex={0} aria-label={label}>
        <code>{text === '' ? empty : text}</code>
      </pre>
    </figure>
  );
}
