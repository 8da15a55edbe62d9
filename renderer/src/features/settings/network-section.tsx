/**
 * App-wide network settings: an extra trusted CA and a proxy for every webhook. The backend checks both on
 * save; its errors show under the field they name (`network.extraCaPem`, `network.proxyUrl`).
 */
import type { FieldIssue } from '../../../../shared/api/result';
import { describe, Field } from '../../components/form-controls';
import type { SettingsDraft } from './use-settings-draft';

const PEM_PLACEHOLDER = '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----';

export function NetworkSection({ draft, issues, update }: { draft: SettingsDraft; issues: FieldIssue[]; update: (p: Partial<SettingsDraft>) => void }) {
  return (
    <section className="settings-section" aria-labelledby="settings-network">
      <h2 id="settings-network">Network (every webhook)</h2>
      <p className="muted">
        These apply to every test, replay and simulator send, on top of the environment and under each webhook&apos;s own Network settings. Trusted CAs add up: the system&apos;s,{' '}
        <code>NODE_EXTRA_CA_CERTS</code>, the one here and the webhook&apos;s own — none replaces another. For the proxy the most specific wins: a webhook&apos;s proxy, else the one here,
        else <code>HTTPS_PROXY</code>; <code>NO_PROXY</code> still exempts its hosts from any of them.
      </p>
      <Field
        label="Extra trusted CA certificates (PEM)"
        field="network.extraCaPem"
        issues={issues}
        help="For targets signed by a private or corporate CA, or a TLS-inspecting proxy. One or more certificates; leave empty for none."
      >
        <textarea
          className="code"
          rows={5}
          spellCheck={false}
          {...describe(issues, 'network.extraCaPem')}
          value={draft.extraCaPem}
          onChange={(e) => update({ extraCaPem: e.target.value })}
          placeholder={PEM_PLACEHOLDER}
        />
      </Field>
      <Field label="Proxy URL" field="network.proxyUrl" issues={issues} help="http:// or https://, host and optional port. Leave empty to use HTTPS_PROXY from the environment.">
        <input
          type="url"
          spellCheck={false}
          {...describe(issues, 'network.proxyUrl')}
          value={draft.proxyUrl}
          onChange={(e) => update({ proxyUrl: e.target.value })}
          placeholder="http://proxy.example.com:3128"
        />
      </Field>
    </section>
  );
}
