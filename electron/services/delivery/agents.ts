/**
 * The keep-alive agent pool: one timing agent per (scheme, TLS settings, proxy), so sends with the same
 * settings reuse connections and sends with different CAs or client certificates never share a socket.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { ProxyChoice } from '../../../shared/delivery/proxy-rules';
import { TimingHttpAgent, TimingHttpsAgent, recorderOf } from './timing-agent';
import { defaultTrustedCas, systemStoreAvailable } from './trusted-cas';

/** TLS settings of one send. */
export interface TlsSettings {
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots rather than replacing them. */
  extraCaPem?: string[];
  /** `false` accepts any certificate (per webhook, only when the user turns on insecure mode). Default `true`. */
  rejectUnauthorized?: boolean;
  /** Client certificate and key (PEM) for mutual TLS. */
  clientCertPem?: string;
  clientKeyPem?: string;
}

/** A failure to open a tunnel through the proxy; classified as a `proxy` error. */
export class ProxyConnectError extends Error {
  readonly code = 'ERR_PROXY_CONNECT';
  constructor(message: string) {
    super(message);
    this.name = 'ProxyConnectError';
  }
}

/**
 * An HTTPS agent that reaches its target through an HTTP(S) proxy's CONNECT tunnel, then runs TLS end to end
 * inside it (the proxy sees only the host and port). Phase marks come from the proxy socket (DNS, TCP)
 * and the TLS socket (handshake), so timings stay comparable with direct connections.
 */
export class TunnelingHttpsAgent extends TimingHttpsAgent {
  constructor(
    options: https.AgentOptions,
    private readonly proxy: URL,
  ) {
    super(options);
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const rec = recorderOf(options);
    const host = options.hostname ?? options.host ?? 'localhost';
    const target = `${host.includes(':') ? `[${host}]` : host}:${options.port ?? 443}`;
    const headers: Record<string, string> = { Host: target };
    if (this.proxy.username) {
      const cred = `${decodeURIComponent(this.proxy.username)}:${decodeURIComponent(this.proxy.password)}`;
      headers['Proxy-Authorization'] = `Basic ${Buffer.from(cred).toString('base64')}`;
    }
    // An https:// proxy is itself reached over TLS, trusting the same CAs as the target.
    const viaTls = this.proxy.protocol === 'https:';
    const connectReq = (viaTls ? https : http).request({
      host: this.proxy.hostname.replace(/^\[|\]$/g, ''),
      port: this.proxy.port || (viaTls ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
      ...(viaTls ? { ca: options.ca, rejectUnauthorized: options.rejectUnauthorized } : {}),
    });
    if (rec) rec.tunnel = 'opening';

    // When the send is aborted (timeout, cancel) before the tunnel is open, nothing will ever take the tunnel,
    // so the connection to the proxy is closed rather than left open: a proxy that never answers CONNECT would
    // otherwise hold a socket, and keep a CLI process alive, forever. (The aborted request itself cannot say
    // so: a request without a socket yet emits no 'close'.)
    const signal = rec?.signal;
    let settled = false;
    const settle = (err: Error | null, stream?: Duplex) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      callback?.(err, stream as Duplex);
    };
    const onAbort = () => {
      connectReq.destroy();
      settle(new Error(`The send ended before the proxy opened the tunnel to ${target}.`));
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    connectReq.once('socket', (s) => {
      s.once('lookup', () => rec?.mark('lookup'));
      s.once('connect', () => rec?.mark('connect'));
    });
    connectReq.once('connect', (res, socket) => {
      if (settled || res.statusCode !== 200) {
        socket.destroy();
        settle(new ProxyConnectError(`The proxy refused the tunnel to ${target}: ${res.statusCode} ${res.statusMessage ?? ''}`.trim()));
        return;
      }
      if (rec) rec.tunnel = 'open';
      rec?.mark('connect');
      const { ca, cert, key, rejectUnauthorized } = options;
      let secure: tls.TLSSocket;
      try {
        // Throws at once for a client key that does not match its certificate.
        secure = tls.connect({ socket, servername: host, ca, cert, key, rejectUnauthorized });
      } catch (e) {
        socket.destroy();
        settle(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      secure.once('secureConnect', () => rec?.mark('secure'));
      settle(null, secure);
    });
    // `on`, not `once`: destroying a request that is still waiting emits a second error ("socket hang up").
    connectReq.on('error', (e) => settle(e));
    connectReq.end();
    return undefined;
  }
}

const pool = new Map<string, http.Agent>();
const MAX_AGENTS = 32;

function keyOf(protocol: string, settings: TlsSettings, proxyUrl: string | null): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([protocol, settings.extraCaPem ?? [], settings.rejectUnauthorized ?? true, settings.clientCertPem ?? '', settings.clientKeyPem ?? '', proxyUrl]));
  return h.digest('hex');
}

/**
 * The agent for a send. Extra CAs are added to the default trust (bundled roots, the OS store where readable,
 * NODE_EXTRA_CA_CERTS; see trusted-cas.ts); with no extras and no readable OS store no `ca` is passed, so
 * Node's defaults apply unchanged. Only https URLs use the proxy; plain http goes direct (Apono sends https
 * only, so http is a local-testing case).
 */
export function agentFor(protocol: 'http:' | 'https:', settings: TlsSettings, proxy: ProxyChoice | null): http.Agent {
  const proxyUrl = protocol === 'https:' ? (proxy?.connectUrl ?? null) : null;
  const key = keyOf(protocol, settings, proxyUrl);
  const existing = pool.get(key);
  if (existing) return existing;
  if (pool.size >= MAX_AGENTS) {
    const [oldestKey, oldest] = pool.entries().next().value ?? [];
    if (oldestKey !== undefined) pool.delete(oldestKey);
    oldest?.destroy();
  }
  const common = { keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 8, scheduling: 'lifo' as const };
  let agent: http.Agent;
  if (protocol === 'http:') agent = new TimingHttpAgent(common);
  else {
    const opts: https.AgentOptions = { ...common, rejectUnauthorized: settings.rejectUnauthorized ?? true };
    const extras = settings.extraCaPem ?? [];
    if (extras.length > 0 || systemStoreAvailable()) opts.ca = [...defaultTrustedCas(), ...extras];
    if (settings.clientCertPem) opts.cert = settings.clientCertPem;
    if (settings.clientKeyPem) opts.key = settings.clientKeyPem;
    agent = proxyUrl ? new TunnelingHttpsAgent(opts, new URL(proxyUrl)) : new TimingHttpsAgent(opts);
  }
  pool.set(key, agent);
  return agent;
}

/** Closes every pooled connection (tests, shutdown). */
export function destroyAgents(): void {
  for (const agent of pool.values()) agent.destroy();
  pool.clear();
}
