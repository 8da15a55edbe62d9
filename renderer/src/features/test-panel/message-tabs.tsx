/** The Request and Response tabs of the invocation panel. */
import { useState } from 'react';
import { formatBytes, prettyBody } from '../../../../shared/delivery/format';
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import { CodeView } from './code-view';
import { CopyButton } from './copy';
import { HeadersTable } from './headers-table';

export function RequestTab({ record }: { record: InvocationRecord }) {
  const req = record.request;
  const body = req?.body ?? record.renderedBody;
  return (
    <>
      {req ? (
        <section className="panel-section">
          <div className="section-head">
            <h3>Request line</h3>
            <CopyButton text={`${req.method} ${req.url}`} what="method and URL" />
          </div>
          <p className="request-line">
            <strong>{req.method}</strong> <code>{req.url}</code>
          </p>
        </section>
      ) : (
        <p className="muted">Nothing was sent{record.error ? ` (${record.error.message})` : ''}. Below is the body as rendered.</p>
      )}
      {req && <HeadersTable headers={req.headers} caption="Request headers" />}
      <BodyView label={req ? 'Request body' : 'Rendered body'} body={body} />
    </>
  );
}

/**
 * A body, pretty-printed when it is JSON, with a raw view of the exact text: support compares what was sent
 * byte for byte, and whitespace or a trailing newline can matter to a target.
 */
function BodyView({ label, body, encoding }: { label: string; body: string; encoding?: 'utf8' | 'base64' }) {
  const [raw, setRaw] = useState(false);
  const pretty = prettyBody(body, encoding);
  const reformatted = pretty.json && pretty.text !== body;
  return (
    <>
      {reformatted && (
        <label className="inline raw-toggle">
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} />
          Raw view (exactly as {label.startsWith('Response') ? 'received' : 'sent'})
        </label>
      )}
      <CodeView label={reformatted && !raw ? `${label} (pretty-printed)` : label} text={raw ? body : pretty.text} copyText={body} json={pretty.json} />
    </>
  );
}

export function ResponseTab({ record }: { record: InvocationRecord }) {
  const res = record.response;
  if (!res) return <p className="muted">No response arrived{record.error ? `: ${record.error.message}` : '.'}</p>;
  const label = res.bodyEncoding === 'base64' ? 'Response body (binary, base64)' : 'Response body';
  return (
    <>
      <section className="panel-section">
        <div className="section-head">
          <h3>Status</h3>
        </div>
        <p className={`status-line ${res.status >= 200 && res.status < 300 ? 'ok' : 'error'}`}>
          {res.status} {res.statusText}
        </p>
      </section>
      <HeadersTable headers={res.headers} caption="Response headers" />
      {res.truncated && (
        <p className="notice" role="note">
          The body was cut at the size limit: showing the first {formatBytes(res.size)} of {res.fullSize === null ? 'an unknown size' : formatBytes(res.fullSize)}.
        </p>
      )}
      <BodyView label={label} body={res.body} encoding={res.bodyEncoding} />
    </>
  );
}
