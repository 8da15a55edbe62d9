/**
 * Import a repro bundle (a file or pasted JSON) or a curl command. The text is read in the page and sent to
 * `history.importBundle`; the result says what was created, with links to it. A webhook that reads
 * environment variables is first checked with `dryRun`, and saved only once the user has seen each variable
 * and where it goes.
 */
import { useState } from 'react';
import type { ImportResult } from '../../../../shared/api/contract';
import type { FieldIssue } from '../../../../shared/api/result';
import { api } from '../../lib/api';
import { routeHref } from '../../app/use-route';
import { IssueList } from '../../components/form-controls';
import { EnvReadsConfirm } from './env-reads-confirm';
import { Modal } from './modal';

export function ImportDialog({ onClose, onImported, onOpen }: { onClose(): void; onImported(): void; onOpen(id: string): void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [pending, setPending] = useState<ImportResult | null>(null);

  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    setError(null);
  };

  const submit = async () => {
    if (!text.trim()) {
      setError({ message: 'Paste a curl command or a bundle, or choose a bundle file.', issues: [] });
      return;
    }
    setBusy(true);
    const preview = await api.history.importBundle({ text, dryRun: true });
    setBusy(false);
    if (!preview.ok) {
      setError({ message: preview.error.message, issues: preview.error.issues ?? [] });
      return;
    }
    setError(null);
    if (preview.value.envReads.length > 0) setPending(preview.value);
    else await save();
  };

  const save = async () => {
    setBusy(true);
    const r = await api.history.importBundle({ text });
    setBusy(false);
    setPending(null);
    if (!r.ok) {
      setError({ message: r.error.message, issues: r.error.issues ?? [] });
      return;
    }
    setError(null);
    setDone(r.value);
    onImported();
  };

  return (
    <Modal title="Import" onClose={onClose} className="import-dialog">
      {done ? (
        <div role="status" className="import-result">
          <p className="ok">
            Created the webhook <a href={routeHref({ page: 'edit', id: done.webhook.id })}>{done.webhook.name}</a> (inactive).
          </p>
          {done.invocation ? (
            <p>
              And a history entry to replay:{' '}
              <button type="button" className="link" onClick={() => onOpen(done.invocation!.id)}>
                open the imported invocation
              </button>
              .
            </p>
          ) : (
            <p className="muted">A curl command has no response to keep, so no history entry was made; test the webhook to get one.</p>
          )}
          {done.warnings.length > 0 && (
            <ul className="warnings">
              {done.warnings.map((w) => (
                <li key={w} className="warning">
                  {w}
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => (setDone(null), setText(''), setFileName(null))}>
            Import another
          </button>
        </div>
      ) : pending ? (
        <EnvReadsConfirm preview={pending} busy={busy} onConfirm={() => void save()} onCancel={() => setPending(null)} />
      ) : (
        <form
          className="import-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="field">
            <label htmlFor="import-file">Repro bundle file</label>
            <input id="import-file" type="file" accept=".json,application/json" onChange={(e) => void pickFile(e.target.files?.[0])} />
            {fileName && <p className="help">Read {fileName}; its text is below.</p>}
          </div>
          <div className="field">
            <label htmlFor="import-text">Or paste a curl command or a bundle</label>
            <textarea
              id="import-text"
              className="code"
              rows={10}
              value={text}
              spellCheck={false}
              placeholder={"curl -X POST https://hooks.example.com/x -H 'Content-Type: application/json' --data-binary '{…}'"}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'import-error' : undefined}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          {error && (
            <div id="import-error" role="alert" className="error small">
              <p>{error.message}</p>
              {error.issues.length > 0 && <IssueList issues={error.issues} />}
            </div>
          )}
          <div className="action-row">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Importing…' : 'Import'}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
