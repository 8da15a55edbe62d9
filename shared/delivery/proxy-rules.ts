/**
 * Which proxy, if any, a URL goes through, following the curl conventions users already know:
 * `HTTPS_PROXY`/`https_proxy` for https URLs, `HTTP_PROXY`/`http_proxy` for http URLs, and `NO_PROXY`; a
 * value without a scheme (`127.0.0.1:3128`) is an http:// proxy, as curl takes it. A value that still does not
 * parse is a `proxy` failure of the send that names where it was set, never an exception.
 */
import { MASKED_SECRET } from '../model/webhook';
import type { DeliveryError } from './errors';
import type { ProxyUsed } from './invocation';
import { proxyUrlError } from './proxy-errors';

/** Where the proxy setting comes from: the environment, an explicit URL, or no proxy at all. */
export type ProxySetting = { mode: 'env' } | { mode: 'url'; url: string } | { mode: 'none' };

/**
 * True when `NO_PROXY` exempts the host. Entries are comma or space separated: `*` matches everything,
 * `example.com` and `.example.com` match the domain and its subdomains, `host:port` also checks the port,
 * and IP addresses match literally (no CIDR ranges).
 */
export function isNoProxy(hostname: string, port: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry);
    const entryHost = (m?.[1] ?? entry).replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    const entryPort = m?.[2];
    if (entryPort !== undefined && entryPort !== port) continue;
    if (host === entryHost || host.endsWith(`.${entryHost}`)) return true;
  }
  return false;
}

/** A proxy to send through: what records show ({@link ProxyUsed}) and the URL to connect with. */
export interface ProxyChoice extends ProxyUsed {
  /** With a scheme and any credentials: give it to the agent, never show it (show `url`). */
  connectUrl: string;
}

/** The proxy for a URL (`null`: connect directly), or why the configured value cannot be used. */
export type ProxyResolution = { ok: true; proxy: ProxyChoice | null } | { ok: false; error: DeliveryError };

/** How the saved or per-test proxy setting is named in messages (environment variables go by their name). */
export const PROXY_SETTING_SOURCE = 'the proxy setting';

const SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;

/** `value` with anything before a `@` (user and password) masked, for messages about a value that did not parse. */
function maskUserInfo(value: string): string {
  return value.replace(/^([a-z][a-z\d+.-]*:\/\/)?.*@/i, (_m, scheme: string | undefined) => `${scheme ?? ''}${MASKED_SECRET}@`);
}

/**
 * Reads a proxy value as curl does: without `scheme://` it is `http://` (`127.0.0.1:3128`, `proxy:3128`,
 * `user:pass@proxy:3128`). Only http and https proxies are supported; the path, if any, is ignored.
 */
export function parseProxyValue(value: string, source: string): ProxyResolution {
  const raw = value.trim();
  const fail = (reason: string): ProxyResolution => ({ ok: false, error: proxyUrlError(source, maskUserInfo(raw), reason) });
  let u: URL;
  try {
    u = new URL(SCHEME.test(raw) ? raw : `http://${raw}`);
  } catch {
    return fail('it is not a host:port or a URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return fail(`${u.protocol}// proxies are not supported, only http:// and https://`);
  if (u.hostname === '') return fail('it has no host');
  const credentials = u.username !== '' || u.password !== '' ? `${MASKED_SECRET}@` : '';
  return { ok: true, proxy: { url: `${u.protocol}//${credentials}${u.host}`, source, connectUrl: u.href } };
}

/** The proxy to use for `url`, following curl's conventions (see the file comment). */
export function resolveProxy(url: string, setting: ProxySetting, env: Readonly<Record<string, string | undefined>>): ProxyResolution {
  if (setting.mode === 'none') return { ok: true, proxy: null };
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  const noProxy = env.NO_PROXY ?? env.no_proxy;
  if (isNoProxy(parsed.hostname, port, noProxy)) return { ok: true, proxy: null };
  if (setting.mode === 'url') return parseProxyValue(setting.url, PROXY_SETTING_SOURCE);
  const [upper, lower] = parsed.protocol === 'https:' ? (['HTTPS_PROXY', 'https_proxy'] as const) : (['HTTP_PROXY', 'http_proxy'] as const);
  const name = env[upper] !== undefined ? upper : lower;
  const value = env[name];
  return value && value.trim() !== '' ? parseProxyValue(value, name) : { ok: true, proxy: null };
}
