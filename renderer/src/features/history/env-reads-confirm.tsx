/**
 * The question an import asks before saving a webhook that reads environment variables: which variables,
 * from which field, and the origin each value is sent to. The file chose both, so the user decides.
 */
import type { ImportResult } from '../../../../shared/api/contract';

export function EnvReadsConfirm({ preview, busy, onConfirm, onCancel }: { preview: ImportResult; busy: boolean; onConfirm(): void; onCancel(): void }) {
  return (
    <div role="alertdialog" aria-labelledby="env-reads-title" className="import-confirm">
      <p id="env-reads-title">
        <strong>{preview.webhook.name}</strong> will read these environment variables and send their values:
      </p>
      <table className="env-reads">
        <thead>
          <tr>
            <th scope="col">Variable</th>
            <th scope="col">Field</th>
            <th scope="col">Sent to</th>
          </tr>
        </thead>
        <tbody>
          {preview.envReads.map((r) => (
            <tr key={`${r.field}:${r.variable}`}>
              <td>
                <code>{r.variable}</code>
              </td>
              <td>
                <code>{r.field}</code>
              </td>
              <td>{r.origin}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="help">Import only if that endpoint may have these values. Nothing is saved until you confirm.</p>
      <div className="action-row">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {busy ? 'Importing…' : 'Import and allow these reads'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
