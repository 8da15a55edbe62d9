/**
 * The Capture page (`#/capture`): run the capture receiver, point an Apono webhook at it (through the user's
 * own tunnel), and read what Apono really sent: findings, settings, a sample, and the prediction diff.
 */
import { useEffect, useState } from 'react';
import { CopyButton } from '../test-panel/copy';
import { api } from '../../lib/api';
import { FindingsPanel } from './findings-panel';
import { PredictionPanel } from './prediction-panel';
import { useCapture } from './use-capture';
import './capture.css';

function ReceiverControls({ capture }: { capture: ReturnType<typeof useCapture> }) {
  const [port, setPort] = useState('0');
  const [https, setHttps] = useState(false);
  const { status } = capture;
  const portNumber = Number(port);
  const portOk = /^\d+$/.test(port) && portNumber <= 65535;
  return (
    <section className="capture-section" aria-labelledby="capture-receiver">
      <h2 id="capture-receiver">Receiver</h2>
      {status.running ? (
        <>
          <p>
            Capturing at <code data-testid="capture-url">{status.url}</code> <CopyButton text={status.url ?? ''} what="capture URL" /> — {status.captured} request(s) so far.
          </p>
          {status.fingerprint && (
            <p className="small">
              Certificate SHA-256 fingerprint: <code data-testid="capture-fingerprint">{status.fingerprint}</code> <CopyButton text={status.certPem ?? ''} what="certificate PEM" label="Copy PEM" />
            </p>
          )}
          <div className="capture-actions">
            <button type="button" onClick={() => void capture.stop()}>
              Stop capturing
            </button>
          </div>
        </>
      ) : (
        <div className="capture-row">
          <label htmlFor="capture-port">Port</label>
          <input id="capture-port" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value.trim())} aria-invalid={!portOk} aria-describedby="capture-port-help" />
          <label className="inline">
            <input type="checkbox" checked={https} onChange={(e) => setHttps(e.target.checked)} /> HTTPS (self-signed certificate)
          </label>
          <button type="button" disabled={!portOk} onClick={() => void capture.start(portNumber, https)}>
            Start capturing
          </button>
          <p id="capture-port-help" className="small muted">
            Listens on 127.0.0.1 only; 0 picks a free port. Expose it with your own tunnel (cloudflared, ngrok) and point an Apono webhook at the tunnel URL.
          </p>
        </div>
      )}
    </section>
  );
}

function ProbeSection() {
  const [template, setTemplate] = useState('');
  useEffect(() => {
    void api.capture.probeTemplate().then((r) => r.ok && setTemplate(r.value.template));
  }, []);
  return (
    <section className="capture-section" aria-labelledby="capture-probe">
      <h2 id="capture-probe">Probe template</h2>
      <p>
        Paste it as the body of an Apono webhook pointed at this receiver and press Test: every field of the payload comes back, readable even when Apono’s escaping or a quote breaks the JSON. Put <code>&amp; &lt; &gt; &quot; &#39;</code> in a test request’s justification to settle the escaping.
      </p>
      <div className="capture-actions">
        <CopyButton text={template} what="probe template" label="Copy probe template" />
      </div>
      <details>
        <summary>Show the template</summary>
        <textarea className="code" readOnly rows={12} value={template} aria-label="Probe template" />
      </details>
    </section>
  );
}

export function CapturePage() {
  const capture = useCapture();
  const { captures, selected } = capture;
  return (
    <div className="capture-page">
      <div className="page-head">
        <h1>Capture</h1>
      </div>
      {capture.error && (
        <p className="error" role="alert">
          {capture.error}
        </p>
      )}
      <ReceiverControls capture={capture} />
      <ProbeSection />
      <section className="capture-section" aria-labelledby="capture-list">
        <h2 id="capture-list">Captures</h2>
        {captures.length === 0 ? (
          <p className="muted">No captures yet. Start the receiver and send it a request.</p>
        ) : (
          <table className="capture-table">
            <thead>
              <tr>
                <th>Time (UTC)</th>
                <th>Request</th>
                <th>Bytes</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {captures.map((c) => (
                <tr key={c.id} aria-selected={selected?.record.id === c.id}>
                  <td>{c.receivedAt.replace('T', ' ').slice(0, 19)}</td>
                  <td>
                    <button type="button" className="link" onClick={() => void capture.select(c.id)}>
                      {c.method} {c.path}
                    </button>
                  </td>
                  <td>
                    {c.size}
                    {c.truncated ? ' (cut)' : ''}
                  </td>
                  <td>
                    <button type="button" className="link" aria-label={`Delete capture ${c.id}`} onClick={() => void capture.remove(c.id)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected && (
        <section className="capture-section" aria-labelledby="capture-detail">
          <h2 id="capture-detail">
            {selected.record.method} {selected.record.path}
            {selected.record.query ? `?${selected.record.query}` : ''}
          </h2>
          <p className="small muted">
            {selected.record.receivedAt} · {selected.record.size} bytes{selected.record.truncated ? ' (cut at 1 MiB)' : ''} · id {selected.record.id}
          </p>
          <details>
            <summary>Headers and body</summary>
            <pre className="capture-raw">{selected.record.headers.map(([n, v]) => `${n}: ${v}`).join('\n')}</pre>
            <pre className="capture-raw" data-testid="capture-body">
              {selected.record.bodyEncoding === 'utf8' ? selected.record.body : `(binary body, ${selected.record.size} bytes)`}
            </pre>
          </details>
          <FindingsPanel key={selected.record.id} id={selected.record.id} findings={selected.findings} />
          <PredictionPanel key={`p-${selected.record.id}`} id={selected.record.id} />
        </section>
      )}
    </div>
  );
}
