/**
 * Which proxy, if any, a URL goes through, following the curl conventions users already know:
 * `HTTPS_PROXY`/`https_proxy` for https URLs, `HTTP_PROXY`/`http_proxy` for http URLs, and `NO_PROXY`.
 */

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

/** The proxy URL to use for `url`, or `null` to connect directly. */
export function proxyForUrl(url: string, setting: ProxySetting, env: Readonly<Record<string, string | undefined>>): string | null {
  if (setting.mode === 'none') return null;
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  const noProxy = env.NO_PROXY ?? env.no_proxy;
  if (isNoProxy(parsed.hostname, port, noProxy)) return null;
  if (setting.mode === 'url') return setting.url;
  const fromEnv =
    parsed.protocol === 'https:' ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
  return fromEnv && fromEnv.trim() !== '' ? fromEnv.trim() : null;
}
