/**
 * URLs that are credentials: Slack incoming webhooks (the path's last segment), Teams/Workflows (`sig=`),
 * Logz.io (`token=`), Okta Workflows (`clientToken=`), Coralogix and other token-in-URL targets. Typed in
 * clear, the credential sits in the data file, every export and every record; written as `${env:NAME}` it is
 * read when sending and masked everywhere (see env-references.ts). So a URL holding one in clear is warned about.
 */
import type { FieldIssue } from '../api/result';
import { hasEnvReference } from './env-references';

/** Query parameters that carry a credential (compared ignoring case). */
const CREDENTIAL_PARAMS = ['sig', 'signature', 'token', 'clienttoken', 'access_token', 'api_key', 'apikey', 'api-key', 'key', 'code', 'secret', 'password', 'auth'];

/** What a credential in clear in `raw` is, and the `${env:NAME}` form to write instead; null when there is none. */
export function urlCredentialInClear(raw: string): { what: string; suggestion: string } | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  for (const [name, value] of url.searchParams) {
    // A preset placeholder (`<LOG_SHIPPING_TOKEN>`) is reported as one already.
    if (!CREDENTIAL_PARAMS.includes(name.toLowerCase()) || value === '' || hasEnvReference(value) || /^<[A-Z][A-Z0-9_]*>$/.test(value)) continue;
    // Named after the vendor's domain (`logz.io` → LOGZ_TOKEN), a readable default the user may change.
    const labels = url.hostname.split('.');
    const vendor = (labels.length > 1 ? labels[labels.length - 2]! : 'WEBHOOK').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
    const variable = `${vendor}_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
    return { what: `the ${name}= parameter`, suggestion: `${name}=\${env:${variable}}` };
  }
  // Slack: https://hooks.slack.com/services/T…/B…/<secret>; the whole path is the credential.
  const slack = /^\/services\/([^/]+)\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  // The path is percent-encoded by URL (`{` → %7B): decode before looking for a reference or a placeholder.
  const last = slack ? decodeURIComponent(slack[3]!) : '';
  if (url.hostname === 'hooks.slack.com' && slack && !hasEnvReference(last) && !/^<[A-Z][A-Z0-9_]*>$/.test(last)) {
    return { what: 'the Slack webhook token at the end of the path', suggestion: `https://hooks.slack.com/services/${slack[1]}/${slack[2]}/\${env:SLACK_WEBHOOK_TOKEN}` };
  }
  return null;
}

/** A warning for `field` when its URL embeds a credential typed in clear. */
export function urlCredentialWarnings(raw: string, field: string, label = 'URL'): FieldIssue[] {
  const found = urlCredentialInClear(raw);
  if (!found) return [];
  return [
    {
      field,
      severity: 'warning',
      message: `${label} holds a credential in clear (${found.what}): it is kept in the data file and every export. Write it as \${env:NAME} (e.g. ${found.suggestion}) and set NAME in the environment; Hooksmith reads it when sending and masks it everywhere.`,
    },
  ];
}
