/**
 * Per-phase timing for requests made through axios.
 *
 * axios exposes no timing, and Node 20's diagnostics_channel has no DNS/TCP/TLS events, so the agents
 * below hook `addRequest` and listen to the request's socket. The recorder for a send rides in the request
 * options under {@link TIMING_OPTION}: the dispatcher gives axios a {@link timingTransport} that adds it, and
 * Node copies request options into `addRequest` and `createConnection`. This keeps one shared keep-alive
 * pool per TLS configuration while each send still gets its own timings.
 *
 * It used to travel in an AsyncLocalStorage; on Node 20 an active ALS puts hooks on every promise in the
 * process, which cost the dispatcher a measurable share of its latency (see test/bench/dispatch.bench.test.ts).
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { NetworkPhase } from '../../../shared/delivery/errors';
import type { HeaderPair, StepTimings } from '../../../shared/delivery/invocation';

type Mark = 'start' | 'socket' | 'lookup' | 'connect' | 'secure' | 'finish' | 'response' | 'end';

/** What the agent learned about one exchange: phase marks, the headers written, the response head. */
export class TimingRecorder {
  readonly marks: Partial<Record<Mark, number>> = {};
  reusedSocket = false;
  secure = false;
  isIpHost = false;
  /** Headers as Node will write them (original case and order). */
  sentHeaders: HeaderPair[] = [];
  responseHead: { status: number; statusText: string; rawHeaders: HeaderPair[] } | null = null;
  request: http.ClientRequest | null = null;
  /**
   * Set by the tunnelling agent on a new connection through a proxy: `opening` until the proxy answers
   * CONNECT, then `open`. A failure while `opening` is the proxy's, not the target's.
   */
  tunnel: 'opening' | 'open' | null = null;
  /** Aborted when the send times out or is cancelled, so a connection still being opened for it is dropped. */
  signal: AbortSignal | null = null;

  mark(name: Mark): void {
    this.marks[name] ??= performance.now();
  }

  /** True once the connection (including TLS) is ready to carry the request. */
  get connected(): boolean {
    return this.reusedSocket || (this.secure ? this.marks.secure !== undefined : this.marks.connect !== undefined);
  }

  /** The phase the exchange is in now; decides how a timeout or error is classified. */
  phase(): NetworkPhase {
    const m = this.marks;
    if (!this.reusedSocket) {
      if (m.connect === undefined) return m.lookup !== undefined || this.isIpHost ? 'connect' : m.socket === undefined ? 'connect' : 'dns';
      if (this.secure && m.secure === undefined) return 'tls';
    }
    if (m.finish === undefined) return 'request';
    if (m.response === undefined) return 'response';
    return 'download';
  }

  /** Durations per phase; phases that did not happen are `null`. */
  timings(now = performance.now()): StepTimings {
    const m = this.marks;
    const start = m.start ?? now;
    const span = (from: number | undefined, to: number | undefined) =>
      from === undefined || to === undefined ? null : Math.max(0, round(to - from));
    const ready = this.reusedSocket ? m.socket : (m.secure ?? m.connect);
    return {
      queueMs: span(m.start, m.socket),
      dnsMs: this.reusedSocket ? null : span(m.socket, m.lookup),
      tcpMs: this.reusedSocket ? null : span(m.lookup ?? m.socket, m.connect),
      tlsMs: this.reusedSocket ? null : span(m.connect, m.secure),
      sendMs: span(ready, m.finish),
      waitMs: span(m.finish, m.response),
      downloadMs: span(m.response, m.end),
      totalMs: round((m.end ?? now) - start),
      reusedSocket: this.reusedSocket,
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** The request-options key holding a send's {@link TimingRecorder}. A symbol, so it never reaches the wire. */
export const TIMING_OPTION: unique symbol = Symbol('hooksmith.timing');

/** Request options that may carry a recorder. */
export type TimedOptions = { [TIMING_OPTION]?: TimingRecorder };

/** The recorder carried by request (or connection) options, if any. */
export function recorderOf(options: object): TimingRecorder | undefined {
  return (options as TimedOptions)[TIMING_OPTION];
}

/** An axios `transport` that sends through Node's http/https with `rec` in the request options. */
export function timingTransport(rec: TimingRecorder, secure: boolean): { request: typeof http.request } {
  const base = secure ? https : http;
  return {
    request: ((options: http.RequestOptions, callback?: (res: http.IncomingMessage) => void) =>
      base.request({ ...options, [TIMING_OPTION]: rec } as http.RequestOptions, callback)) as typeof http.request,
  };
}

function attach(req: http.ClientRequest, options: { host?: string | null; hostname?: string | null }, secure: boolean): void {
  const rec = recorderOf(options);
  if (!rec || rec.request) return;
  rec.request = req;
  rec.secure = secure;
  rec.isIpHost = net.isIP(options.hostname ?? options.host ?? '') !== 0;
  rec.mark('start');
  rec.sentHeaders = req.getRawHeaderNames().map((name): HeaderPair => {
    const v = req.getHeader(name);
    return [name, Array.isArray(v) ? v.join(', ') : String(v ?? '')];
  });
  req.once('socket', (socket: net.Socket) => {
    rec.mark('socket');
    rec.reusedSocket = req.reusedSocket;
    if (!req.reusedSocket && socket.connecting) {
      socket.once('lookup', () => rec.mark('lookup'));
      socket.once('connect', () => rec.mark('connect'));
      if (secure) socket.once('secureConnect', () => rec.mark('secure'));
    } else if (!req.reusedSocket) {
      // A socket handed over already connected (e.g. through a CONNECT tunnel, which marks its own phases).
      rec.mark('connect');
    }
  });
  req.once('finish', () => rec.mark('finish'));
  req.once('response', (res: http.IncomingMessage) => {
    rec.mark('response');
    const raw: HeaderPair[] = [];
    for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) raw.push([res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '']);
    rec.responseHead = { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', rawHeaders: raw };
  });
}

type AddRequest = (req: http.ClientRequest, options: Record<string, unknown>) => void;

/** Wraps an agent instance's (undocumented but stable) `addRequest`, the one place every request passes. */
function instrument(agent: http.Agent, secure: boolean): void {
  const target = agent as unknown as { addRequest: AddRequest };
  const base = target.addRequest.bind(agent);
  target.addRequest = (req, options) => {
    attach(req, options as { host?: string; hostname?: string }, secure);
    base(req, options);
  };
}

/** An `http.Agent` that records phase timings for sends whose options carry a recorder ({@link TIMING_OPTION}). */
export class TimingHttpAgent extends http.Agent {
  constructor(options?: http.AgentOptions) {
    super(options);
    instrument(this, false);
  }
}

/**
 * An `https.Agent` that records phase timings (including TLS) for sends whose options carry a recorder.
 *
 * It also names its connections cheaply. Node's `getName` appends the TLS options to the pool key on every
 * request, and `ca` here is the whole root bundle plus extras (~200 KB of PEM), so each send built and threw
 * away a string that size: a quarter of the dispatcher's CPU time in profiles. This agent's CA, certificate
 * and key are fixed at construction (the pool in agents.ts keys agents by them), so when a request carries
 * the agent's own values they are left out of the name; other values still go through Node's naming.
 */
export class TimingHttpsAgent extends https.Agent {
  private readonly fixed: { ca?: unknown; cert?: unknown; key?: unknown };
  constructor(options?: https.AgentOptions) {
    super(options);
    this.fixed = { ca: options?.ca, cert: options?.cert, key: options?.key };
    instrument(this, true);
  }

  override getName(options?: https.RequestOptions): string {
    const f = this.fixed;
    if (options && options.ca === f.ca && options.cert === f.cert && options.key === f.key && (f.ca !== undefined || f.cert !== undefined || f.key !== undefined)) {
      return `${super.getName({ ...options, ca: undefined, cert: undefined, key: undefined })}:fixed-tls`;
    }
    return super.getName(options);
  }
}
