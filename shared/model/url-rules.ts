/**
 * Apono's URL rules, shared by the target URL and the OAuth token URL.
 *
 * Apono calls only `https://` URLs on the default port (spec §0). Hooksmith also runs against a receiver on
 * the user's own machine, so loopback targets may use http and any port, with a warning that Apono would
 * refuse them.
 */
import type { FieldIssue } from '../api/result';
import { placeholderMessage, placeholdersIn } from './placeholders';

/** Hosts treated as "this machine"; `URL` normalises `127.1` and friends to `127.0.0.1`. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The warning text for loopback URLs, kept in one place so the UI and tests can match it. */
export const LOOPBACK_WARNING = 'Apono would reject this URL; allowed here for local testing.';

/**
 * Checks one URL field. `label` names it in messages ("URL", "Token URL").
 *
 * Returns errors for anything Apono refuses and a single warning for an allowed loopback exception.
 */
export function checkUrl(raw: string, field: string, label: string): FieldIssue[] {
  if (raw.trim() === '') return [{ field, message: `${label} is required — enter the full address, e.g. https://example.com/hook.` }];
  if (raw !== raw.trim()) return [{ field, message: `${label} has spaces at the start or end — remove them.` }];
  // Checked before parsing: `<` is not allowed in a host, and "not a valid URL" would hide the real fix.
  const placeholders = placeholdersIn(raw);
  if (placeholders.length > 0) return [{ field, message: placeholderMessage(label, placeholders) }];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [{ field, message: `${label} is not a valid URL — write it in full, starting with https://, e.g. https://example.com/hook.` }];
  }
  const issues: FieldIssue[] = [];
  if (url.username !== '' || url.password !== '') {
    issues.push({
      field,
      message: `${label} must not contain a user name or password — remove "user:password@" and use a header or the Authentication section instead.`,
    });
  }
  const port = explicitPort(raw);
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (loopback) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      issues.push({ field, message: `${label} must use http:// or https:// — ${url.protocol} is not an HTTP address.` });
    } else if (url.protocol === 'http:' || port !== undefined) {
      issues.push({ field, message: LOOPBACK_WARNING, severity: 'warning' });
    }
    return issues;
  }
  if (url.protocol !== 'https:') {
    issues.push({ field, message: `${label} must use https:// — Apono only calls HTTPS endpoints.` });
  }
  if (port !== undefined) {
    // Even ":443" is refused: Apono's rule is "no port in the URL", and its form checks the text, not the meaning.
    issues.push({ field, message: `${label} must not include a port (":${port}") — remove it; Apono only calls the default HTTPS port.` });
  }
  return issues;
}

/**
 * The port written in the URL text, if any.
 *
 * `new URL('https://x:443').port` is empty because 443 is the default, so the raw authority is inspected.
 */
export function explicitPort(raw: string): string | undefined {
  const afterScheme = raw.indexOf('//');
  if (afterScheme < 0) return undefined;
  const rest = raw.slice(afterScheme + 2);
  const end = rest.search(/[/?#\\]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  // An IPv6 literal contains colons of its own; only a colon after the closing bracket starts a port.
  const portStart = host.startsWith('[') ? host.indexOf(':', host.indexOf(']')) : host.indexOf(':');
  const port = portStart < 0 ? '' : host.slice(portStart + 1);
  // A bare trailing colon ("https://x:/") names no port; URL ignores it too.
  return port === '' ? undefined : port;
}
