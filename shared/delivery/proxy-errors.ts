/**
 * Failures that belong to the proxy, not the target: a proxy value that cannot be used, and errors while
 * connecting to the proxy or while it opens the CONNECT tunnel. Blaming the target there sends people to
 * the wrong place ("check the URL's port"), so these name the proxy and where it was set (HTTPS_PROXY or
 * the proxy setting), which is what the user has to check. Credentials never appear: callers pass the
 * proxy as records show it.
 */
import { classifyNetworkError, isDnsFailure, isReset, isTimeout, isTlsFailure, type DeliveryError, type DeliveryErrorClass, type NetworkPhase } from './errors';
import type { ProxyUsed } from './invocation';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The failure for a proxy value that does not parse; `shown` is the value with any credentials masked. */
export function proxyUrlError(source: string, shown: string, reason: string): DeliveryError {
  const clear = source.startsWith('the ') ? 'clear it' : 'unset it';
  return {
    errorClass: 'proxy',
    message: `${capitalize(source)} is not a usable proxy (${reason}): "${shown}".`,
    hint: `Set ${source} to the proxy's address, such as http://proxy.example.com:3128 or proxy.example.com:3128 (http:// is assumed), or ${clear} to connect directly.`,
    code: 'ERR_INVALID_PROXY_URL',
  };
}

/** `host:port` of a proxy as records show it. */
function addressOf(proxy: ProxyUsed): string {
  return proxy.url.replace(/^[a-z][a-z\d+.-]*:\/\/(?:.*@)?/i, '');
}

/**
 * Classifies a failure that happened before the proxy's tunnel was open: reaching the proxy (DNS, TCP, TLS
 * to an https:// proxy) or waiting for its answer to CONNECT. A cancel is still just a cancel.
 */
export function classifyProxyFailure(code: string | undefined, message: string, phase: NetworkPhase, proxy: ProxyUsed): DeliveryError {
  const c = code ?? '';
  if (c === 'ERR_CANCELED' || c === 'ABORT_ERR') return classifyNetworkError(code, message, phase);
  const at = `the proxy at ${addressOf(proxy)}`;
  const check = `check ${proxy.source} (${proxy.url})`;
  const e = (errorClass: DeliveryErrorClass, msg: string, hint: string): DeliveryError => (c ? { errorClass, message: msg, hint, code: c } : { errorClass, message: msg, hint });
  if (isTimeout(c)) {
    // The proxy socket connected (`tls` phase: waiting for the tunnel) or never did.
    return phase === 'dns' || phase === 'connect'
      ? e('connect-timeout', `Timed out while connecting to ${at}.`, `The proxy did not accept the connection in time: ${check}, and that the proxy is reachable from this machine (firewall, VPN).`)
      : e(
          'connect-timeout',
          `Timed out waiting for ${at} to open the tunnel.`,
          `The proxy accepted the connection but never answered the CONNECT request: ${check}. It must be an HTTP proxy (https:// if it speaks TLS) that can reach the target.`,
        );
  }
  if (c === 'ERR_PROXY_CONNECT') {
    const auth = /\b407\b/.test(message) ? ` It asks for credentials: put them in HTTPS_PROXY as http://user:password@host:port.` : '';
    return e('proxy', message, `The proxy would not open a tunnel to the target: ${check}, and that the proxy allows CONNECT to this host and port.${auth}`);
  }
  if (c === 'ECONNREFUSED') return e('proxy', `${capitalize(at)} refused the connection.`, `Nothing is listening at the proxy's address: ${check}, and that the proxy is running.`);
  if (isReset(c, message)) {
    return e(
      'proxy',
      `${capitalize(at)} reset the connection before opening the tunnel.`,
      `${capitalize(check)}: the address may not be an HTTP proxy (one that speaks TLS needs https:// in the URL), or the proxy turned this client away (see its logs).`,
    );
  }
  if (isDnsFailure(c)) return e('proxy', `The proxy's host name could not be resolved (${addressOf(proxy)}).`, `${capitalize(check)} for typos, and your network or VPN.`);
  if (isTlsFailure(c, message)) {
    return e(
      'proxy',
      `The TLS handshake with ${at} failed: ${message}`,
      `The proxy URL starts with https://, so the proxy must speak TLS with a certificate this machine trusts: ${check} (most proxies take http://), or add the proxy's CA to the extra CAs.`,
    );
  }
  return e('proxy', `Connecting through ${at} failed: ${message}`, `${capitalize(check)}, and that the proxy is running.`);
}
