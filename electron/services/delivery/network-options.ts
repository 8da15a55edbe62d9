/**
 * Merges the network layers of one delivery into deliver options, from the widest to the narrowest:
 * the backend's defaults (which already include the environment: NODE_EXTRA_CA_CERTS, HTTPS_PROXY, NO_PROXY)
 * → the app settings → the webhook → one test's overrides (CLI flags).
 *
 * Extra CAs add up across layers (each layer trusts more, none can take trust away); the narrowest proxy
 * wins; TLS verification is off when the webhook or the test turns it off; the client certificate is the
 * webhook's own. NO_PROXY still exempts hosts from any proxy, as curl does.
 */
import type { TestNetworkOptions } from '../../../shared/api/contract';
import type { FieldIssue } from '../../../shared/api/result';
import { checkGlobalNetwork, INSECURE_TLS_WARNING, pemCertificates, type GlobalNetwork, type WebhookNetwork } from '../../../shared/model/network';
import type { DeliverOptions } from './deliver';

/** The layers above the defaults; every one optional. `webhook` must have its client key resolved. */
export interface NetworkLayers {
  global?: GlobalNetwork;
  webhook?: WebhookNetwork;
  test?: TestNetworkOptions;
}

/** Deliver options for one send, issues with the per-test overrides (fields `network.*`), and record warnings. */
export interface MergedNetwork {
  options: DeliverOptions;
  issues: FieldIssue[];
  warnings: string[];
}

/** See the file comment. Saved layers were checked on save; only the per-test overrides are checked here. */
export function mergeNetwork(base: DeliverOptions, layers: NetworkLayers): MergedNetwork {
  const { global, webhook, test } = layers;
  const issues = test ? checkGlobalNetwork({ extraCaPem: test.extraCaPem, proxyUrl: test.proxyUrl }) : [];
  const warnings: string[] = [];
  const tls = { ...base.tls };
  const extra = [global?.extraCaPem, webhook?.extraCaPem, test?.extraCaPem].flatMap((pem) => (pem?.trim() ? pemCertificates(pem) : []));
  if (extra.length) tls.extraCaPem = [...(tls.extraCaPem ?? []), ...extra];
  if (webhook?.clientCertPem?.trim() && webhook.clientKeyPem?.trim()) {
    tls.clientCertPem = webhook.clientCertPem;
    tls.clientKeyPem = webhook.clientKeyPem;
  }
  if (webhook?.insecureTls) {
    tls.rejectUnauthorized = false;
    warnings.push(INSECURE_TLS_WARNING);
  } else if (test?.insecureTls) {
    tls.rejectUnauthorized = false;
    warnings.push('TLS verification was off for this test: any certificate was accepted. Apono always verifies certificates.');
  }
  const options: DeliverOptions = { ...base, tls };
  const proxy = [test?.proxyUrl, webhook?.proxyUrl, global?.proxyUrl].map((p) => p?.trim()).find((p) => p);
  if (proxy) options.proxy = { mode: 'url', url: proxy };
  return { options, issues, warnings };
}
