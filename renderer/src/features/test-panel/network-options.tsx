/**
 * Network options for the next test: TLS verification off (with a visible warning), an extra CA, a proxy.
 * They are not saved; machine-wide settings come from NODE_EXTRA_CA_CERTS, HTTPS_PROXY and NO_PROXY.
 */
import type { TestNetworkOptions } from '../../../../shared/api/contract';

export function NetworkOptions({ value, onChange, disabled }: { value: TestNetworkOptions; onChange: (v: TestNetworkOptions) => void; disabled: boolean }) {
  const set = (patch: Partial<TestNetworkOptions>) => onChange({ ...value, ...patch });
  const active = Boolean(value.insecureTls || value.extraCaPem?.trim() || value.proxyUrl?.trim());
  return (
    <details className="network-options">
      <summary>Network options{active ? ' (set)' : ''}</summary>
      <div className="network-body">
        <label className="inline">
          <input type="checkbox" checked={value.insecureTls ?? false} disabled={disabled} onChange={(e) => set({ insecureTls: e.target.checked })} />
          Turn off TLS verification for tests
        </label>
        {value.insecureTls && (
          <p className="warning-box" role="note">
            Any certificate will be accepted, so a test can pass where Apono, which always verifies certificates, would fail. Use only for local testing.
          </p>
        )}
        <label htmlFor="net-ca">Extra CA certificates (PEM)</label>
        <textarea id="net-ca" className="code" rows={3} spellCheck={false} disabled={disabled} value={value.extraCaPem ?? ''} onChange={(e) => set({ extraCaPem: e.target.value })} placeholder="-----BEGIN CERTIFICATE-----" />
        <label htmlFor="net-proxy">Proxy</label>
        <input id="net-proxy" type="url" disabled={disabled} value={value.proxyUrl ?? ''} onChange={(e) => set({ proxyUrl: e.target.value })} placeholder="Empty: HTTPS_PROXY from the environment" />
        <p className="help">Not saved with the webhook. For every test, set NODE_EXTRA_CA_CERTS, HTTPS_PROXY and NO_PROXY before starting Hooksmith.</p>
      </div>
    </details>
  );
}
