/**
 * The Network fieldset: extra CAs, a client certificate, a proxy and TLS verification off, saved with the
 * webhook. Collapsed until something is set; the TLS warning is shown whenever verification is off, even
 * collapsed, because it changes what a passing test means.
 */
import { useState } from 'react';
import type { FieldIssue } from '../../../../shared/api/result';
import { compactNetwork, INSECURE_TLS_WARNING, type WebhookNetwork } from '../../../../shared/model/network';
import { describe, Field, fieldId, FieldMessages } from '../../components/form-controls';
import './network-editor.css';

const PEM_PLACEHOLDER = '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----';

export function NetworkEditor({ network, issues, onChange }: { network: WebhookNetwork | undefined; issues: FieldIssue[]; onChange: (n: WebhookNetwork | undefined) => void }) {
  const value = network ?? {};
  const [open, setOpen] = useState(network !== undefined);
  const [showKey, setShowKey] = useState(false);
  // Compacted on every change so an emptied field means "not set", exactly as on disk and in exports.
  const set = (patch: Partial<WebhookNetwork>) => onChange(compactNetwork({ ...value, ...patch }));
  const errors = issues.some((i) => i.field.startsWith('network.') && i.severity !== 'warning');
  const bodyId = fieldId('network-body');
  return (
    <fieldset className="network-editor">
      <legend>Network</legend>
      <div className="network-head">
        <button type="button" aria-expanded={open || errors} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          {open || errors ? 'Hide network settings' : 'Show network settings'}
        </button>
        <span className="muted small">{summary(value)}</span>
      </div>
      {value.insecureTls && (
        <p className="warning-box tls-off-warning" role="note" id={`${fieldId('network.insecureTls')}-warning`}>
          <strong>⚠ TLS verification is off.</strong> {sentenceAfterColon(INSECURE_TLS_WARNING)}
        </p>
      )}
      {(open || errors) && (
        <div id={bodyId} className="network-body">
          <div className="field">
            <label className="inline">
              <input
                type="checkbox"
                id={fieldId('network.insecureTls')}
                aria-describedby={value.insecureTls ? `${fieldId('network.insecureTls')}-warning` : undefined}
                checked={value.insecureTls ?? false}
                onChange={(e) => set({ insecureTls: e.target.checked })}
              />
              Turn off TLS verification (local testing only)
            </label>
          </div>
          <Field label="Extra CA certificates (PEM)" field="network.extraCaPem" issues={issues} help="Trusted in addition to the system CAs, NODE_EXTRA_CA_CERTS and the app-wide extra CAs.">
            <textarea className="code" rows={3} spellCheck={false} {...describe(issues, 'network.extraCaPem')} value={value.extraCaPem ?? ''} onChange={(e) => set({ extraCaPem: e.target.value })} placeholder={PEM_PLACEHOLDER} />
          </Field>
          <Field label="Client certificate (PEM)" field="network.clientCertPem" issues={issues} help="For targets that require mutual TLS; needs the client key below.">
            <textarea className="code" rows={3} spellCheck={false} {...describe(issues, 'network.clientCertPem')} value={value.clientCertPem ?? ''} onChange={(e) => set({ clientCertPem: e.target.value })} placeholder={PEM_PLACEHOLDER} />
          </Field>
          <div className="field">
            <div className="label-row">
              <label htmlFor={fieldId('network.clientKeyPem')}>Client key (PEM)</label>
              <label className="inline small">
                <input type="checkbox" checked={showKey} onChange={(e) => setShowKey(e.target.checked)} />
                Show
              </label>
            </div>
            <textarea
              className={showKey ? 'code' : 'code secret-text'}
              rows={3}
              spellCheck={false}
              autoComplete="off"
              {...describe(issues, 'network.clientKeyPem')}
              value={value.clientKeyPem ?? ''}
              onChange={(e) => set({ clientKeyPem: e.target.value })}
              placeholder={'-----BEGIN PRIVATE KEY-----  or  ${env:NAME}'}
            />
            <p className="help">A secret: stored encrypted, exported as {'${env:…}'}. Unencrypted PEM, or {'${env:NAME}'} to read it from the environment.</p>
            <FieldMessages issues={issues} field="network.clientKeyPem" />
          </div>
          <Field label="Proxy" field="network.proxyUrl" issues={issues} help="Overrides the app-wide proxy and HTTPS_PROXY for this webhook; NO_PROXY still applies.">
            <input type="url" {...describe(issues, 'network.proxyUrl')} value={value.proxyUrl ?? ''} onChange={(e) => set({ proxyUrl: e.target.value })} placeholder="http://proxy.example.com:3128" />
          </Field>
        </div>
      )}
    </fieldset>
  );
}

/** "X is off: any certificate…" → "Any certificate…", so the bold lead-in is not said twice. */
function sentenceAfterColon(text: string): string {
  const rest = text.slice(text.indexOf(': ') + 2);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** One line saying what is set, so a collapsed fieldset still tells. */
function summary(n: WebhookNetwork): string {
  const parts: string[] = [];
  if (n.extraCaPem) parts.push('extra CA');
  if (n.clientCertPem) parts.push('client certificate');
  if (n.proxyUrl) parts.push(`proxy ${n.proxyUrl}`);
  return parts.length ? `Set: ${parts.join(', ')}.` : n.insecureTls ? '' : 'System CAs and the environment\'s proxy settings.';
}
