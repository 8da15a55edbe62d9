/**
 * Read-only code with a caption and a copy button: a read-only Monaco editor (JSON language for JSON
 * bodies), from the editor seam in `renderer/src/editor/`.
 */
import { ReadOnlyCode } from '../../editor/lazy-editors';
import { CopyButton } from './copy';

export function CodeView({ label, text, copyText, json = false, empty = '(empty)' }: { label: string; text: string; copyText?: string; json?: boolean; empty?: string }) {
  return (
    <figure className="code-view">
      <figcaption>
        <span>{label}</span>
        <CopyButton text={copyText ?? text} what={label.toLowerCase()} />
      </figcaption>
      {text === '' ? (
        <p className="muted code-view-empty">{empty}</p>
      ) : (
        <ReadOnlyCode value={text} ariaLabel={label} language={json ? 'json' : 'plaintext'} />
      )}
    </figure>
  );
}
