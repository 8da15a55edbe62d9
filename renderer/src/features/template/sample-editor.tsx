/**
 * Edit the chosen sample as JSON (or paste a whole payload), then save it under a name. The preview
 * follows the edited JSON as long as it parses.
 */
import { useState } from 'react';
import { JsonEditor } from '../../editor/lazy-editors';
import type { SamplesModel } from './use-samples';

export function SampleEditor({ samples }: { samples: SamplesModel }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const text = samples.draft ?? JSON.stringify(samples.selected.event, null, 2);
  const parsed = samples.parsedDraft;

  const run = async (action: () => Promise<string | undefined>, done: string) => {
    const problem = await action();
    setMessage(problem ? { text: problem, error: true } : { text: done, error: false });
  };

  return (
    <div className="tw-sample">
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide sample JSON' : 'Edit sample JSON or paste your own payload'}
      </button>
      {open && (
        <>
          <div className="tw-frame">
            <JsonEditor path="sample.json" value={text} ariaLabel="Sample payload (JSON)" height={240} onChange={(t) => samples.setDraft(t)} />
          </div>
          {parsed && !parsed.ok && (
            <p className="error" role="alert">
              {parsed.message} The preview uses the last sample until this parses.
            </p>
          )}
          <div className="tw-sample-actions">
            <div className="tw-control">
              <label htmlFor="tw-sample-name">Sample name</label>
              <input id="tw-sample-name" type="text" value={name} placeholder={samples.selectedSaved?.name ?? 'My payload'} onChange={(e) => setName(e.target.value)} />
            </div>
            <button type="button" onClick={() => void run(() => samples.save(name || samples.selectedSaved?.name || ''), 'Sample saved.')}>
              Save sample
            </button>
            {samples.draft !== undefined && (
              <button type="button" onClick={() => samples.setDraft(undefined)}>
                Discard edits
              </button>
            )}
            {samples.selectedSaved && (
              <button type="button" className="danger" onClick={() => void run(samples.remove, 'Sample deleted.')}>
                Delete saved sample
              </button>
            )}
          </div>
          {message && (
            <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
              {message.text}
            </p>
          )}
        </>
      )}
      {samples.error && <p className="error">{samples.error}</p>}
    </div>
  );
}
