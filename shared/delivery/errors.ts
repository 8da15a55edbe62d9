/**
 * Delivery failures as plain data, each with a hint a user can act on.
 *
 * They are data, not `Error` subclasses, because they travel in the invocation record and across IPC,
 * where only plain objects survive. The classifiers are pure: the dispatcher passes in Node's error code
 * and the phase it was in, and gets the class, message and hint back.
 */
import type { HeaderPair } from './invocation';

/** Every kind of failure a delivery can end with. */
export const DELIVERY_ERROR_CLASSES = [
  'invalid-url',
  'url-refused',
  'invalid-body',
  'dns',
  'connection-refused',
  'connection-reset',
  'connect-timeout',
  'response-timeout',
  'tls-untrusted',
  'tls-self-signed',
  'tls-expired',
  'tls-hostname',
  'tls-other',
  'tls-client-cert',
  'proxy',
  'protocol',
  'http-status',
  'oauth-token',
  'validator-mismatch',
  'cancelled',
  'network',
] as const;
/** One of {@link DELIVERY_ERROR_CLASSES}; the UI switches on it to pick an icon and a help link. */
export type DeliveryErrorClass = (typeof DELIVERY_ERROR_CLASSES)[number];

/** A failure as the record keeps it. */
export interface DeliveryError {
  errorClass: DeliveryErrorClass;
  /** What happened, one sentence. */
  message: string;
  /** What to check or change, in plain language. */
  hint: string;
  /** Node's or OpenSSL's code when there was one (`ECONNREFUSED`, `CERT_HAS_EXPIRED`), for bug reports. */
  code?: string;
  /** HTTP status, for `http-status` and `oauth-token` failures. */
  status?: number;
  /** The `Retry-After` header of a 429 or 503, as sent. */
  retryAfter?: string;
}

/** Where in the exchange a network error happened; decides e.g. connect vs response timeout. */
export type NetworkPhase = 'dns' | 'connect' | 'tls' | 'request' | 'response' | 'download';

/** What the dispatcher knows about the connection beyond the error itself. */
export interface FailureContext {
  /** A client certificate was configured for this send. */
  clientCert?: boolean;
  /** The failure was on a new connection (not a reused keep-alive socket). */
  freshConnection?: boolean;
}

const TLS_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_CHAIN_TOO_LONG',
  // The chain ends in a self-signed root nobody here trusts: a private CA, not a self-signed server certificate.
  'SELF_SIGNED_CERT_IN_CHAIN',
]);
const TLS_SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT']);
const TLS_EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);

/** True for Node's and OpenSSL's codes for a failed DNS lookup. */
export function isDnsFailure(code: string): boolean {
  return DNS_CODES.has(code);
}

/** True for a TLS failure that no more specific class covers (a handshake error, an alert). */
export function isTlsFailure(code: string, message: string): boolean {
  return code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO' || /SSL|TLS/.test(message);
}

/** True for a timeout, whichever layer reported it. */
export function isTimeout(code: string): boolean {
  return code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'TIMEOUT';
}

/** True for a connection the peer closed or reset. */
export function isReset(code: string, message: string): boolean {
  return code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message);
}

const CA_HINT =
  'If the server uses a private or corporate CA, add its certificate (PEM) to the webhook\'s extra CAs. ' +
  'Apono itself only trusts public CAs, so fix the certificate before going live.';

function make(errorClass: DeliveryErrorClass, message: string, hint: string, code?: string): DeliveryError {
  return code === undefined ? { errorClass, message, hint } : { errorClass, message, hint, code };
}

/**
 * Classifies a failed exchange from Node's error code, its message and the phase it was in.
 *
 * Timeouts are classified by phase, not by code: `connect`, `dns` and `tls` mean the connection was never
 * established; any later phase means the server accepted the request but was too slow to answer. Failures
 * at a proxy are classified by `classifyProxyFailure` (proxy-errors.ts) instead.
 */
export function classifyNetworkError(code: string | undefined, message: string, phase: NetworkPhase, context: FailureContext = {}): DeliveryError {
  const c = code ?? '';
  if (c === 'ERR_CANCELED' || c === 'ABORT_ERR') {
    return make('cancelled', 'The delivery was cancelled.', 'Nothing to fix: it was stopped on request.', c);
  }
  if (isTimeout(c)) {
    return phase === 'dns' || phase === 'connect' || phase === 'tls'
      ? make(
          'connect-timeout',
          'Timed out while connecting to the server.',
          'The host did not complete the connection in time: check the host name and port, firewalls, and whether a proxy is needed.',
          c,
        )
      : make(
          'response-timeout',
          phase === 'download' ? 'Timed out while downloading the response.' : 'Timed out waiting for the response.',
          'The server accepted the request but answered too slowly: raise "Timeout in seconds" or make the endpoint respond sooner (e.g. queue the work and answer 202).',
          c,
        );
  }
  if (isDnsFailure(c)) {
    return make(
      'dns',
      'The host name could not be resolved.',
      c === 'EAI_AGAIN'
        ? 'The DNS server did not answer: check your network connection or VPN, then retry.'
        : 'Check the URL\'s host for typos. Internal host names resolve only on your network or VPN; Apono must be able to resolve it publicly.',
      c,
    );
  }
  if (c.startsWith('HPE_') || /^Parse Error/i.test(message)) return notHttpError(c, message);
  const clientCert = clientCertFailure(c, message, context.clientCert === true);
  if (clientCert) return clientCert;
  if (c === 'ECONNREFUSED') {
    return make('connection-refused', 'The server refused the connection.', 'Nothing is listening on that host and port: check the URL\'s port and that the service is running.', c);
  }
  if (isReset(c, message)) {
    // Node's TLS server (and others) reset instead of sending their alert when they reject a client
    // certificate; the client then sees the reset right after its side of the handshake.
    const afterHandshake = context.clientCert && context.freshConnection && (phase === 'tls' || phase === 'request' || phase === 'response');
    return make(
      'connection-reset',
      'The connection was closed by the server before a complete response arrived.',
      afterHandshake
        ? 'The server dropped a new connection right after the TLS handshake, where a client certificate was presented: servers that require one often do this when they rejected the client certificate. Check that the server trusts the CA that issued the webhook\'s client certificate (network settings) and that it has not expired; otherwise see the server\'s logs.'
        : 'The server or something in between (load balancer, firewall, proxy) dropped the connection: check the server\'s logs, and whether it expects HTTPS on this port.',
      c || undefined,
    );
  }
  if (c === 'EHOSTUNREACH' || c === 'ENETUNREACH' || c === 'EADDRNOTAVAIL') {
    return make('network', 'The host cannot be reached from this machine.', 'Check your network connection, VPN and routing.', c);
  }
  if (TLS_SELF_SIGNED.has(c)) {
    return make('tls-self-signed', 'The server\'s certificate is self-signed.', CA_HINT + ' For local testing only, you can turn on "Allow insecure TLS".', c);
  }
  if (TLS_EXPIRED.has(c)) {
    return make('tls-expired', c === 'CERT_NOT_YET_VALID' ? 'The server\'s certificate is not valid yet.' : 'The server\'s certificate has expired.', 'Renew the server\'s certificate (and check this machine\'s clock).', c);
  }
  if (c === 'ERR_TLS_CERT_ALTNAME_INVALID' || c === 'HOSTNAME_MISMATCH') {
    return make('tls-hostname', 'The server\'s certificate is for a different host name.', 'Use the host name the certificate was issued for, or reissue the certificate with this host in its Subject Alternative Names.', c);
  }
  if (TLS_UNTRUSTED.has(c)) {
    return make('tls-untrusted', 'The server\'s certificate is not signed by a trusted authority.', CA_HINT, c);
  }
  if (isTlsFailure(c, message)) {
    // TLS 1.2 servers answer a missing client certificate with a bare "handshake failure" alert.
    const maybeCert = !context.clientCert && /alert handshake failure/i.test(message) ? ' If the server requires a client certificate, add one in the webhook\'s network settings.' : '';
    return make('tls-other', `The TLS handshake failed: ${message}`, `Check that the URL's port serves HTTPS (not plain HTTP) and that the server supports TLS 1.2 or later.${maybeCert}`, c || undefined);
  }
  if (c === 'ERR_INVALID_URL') {
    return make('invalid-url', 'The URL is not valid.', 'Use a full URL such as https://example.com/hooks/apono.', c);
  }
  return make('network', `The request failed: ${message}`, 'Check the URL and your network connection.', c || undefined);
}

/** Node's HTTP parser rejected the answer: something other than HTTP, or HTTP too broken to read. */
function notHttpError(c: string, message: string): DeliveryError {
  const code = c || undefined;
  if (c === 'HPE_INVALID_CONSTANT' || /Expected HTTP/i.test(message)) {
    return make(
      'protocol',
      'The port answered, but not with HTTP.',
      'Something other than a web server is listening there (SSH, a database, a mail server…): check the URL\'s port and scheme (https:// for a port that serves HTTPS).',
      code,
    );
  }
  return make(
    'protocol',
    `The response is not valid HTTP (${message}).`,
    'The port answered, but not with valid HTTP: check the URL\'s port and scheme; if they are right, the server (or something in front of it) sent a malformed response, so see its logs.',
    code,
  );
}

// OpenSSL reports alerts as ERR_SSL_<VERSION>_ALERT_<NAME> codes, or in the message ("tlsv1 alert unknown ca").
const CERT_REQUIRED = /ALERT_CERTIFICATE_REQUIRED|alert certificate required/i;
const CERT_REJECTED = /ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|UNSUPPORTED_CERTIFICATE|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|ACCESS_DENIED)|alert (bad certificate|unknown ca|certificate unknown|unsupported certificate|certificate expired|certificate revoked|access denied)/i;
const CLIENT_CERT_FIELDS = 'the webhook\'s network settings (Client certificate, Client key)';

/**
 * A failure about the client certificate: the server asked for one (certificate required), rejected the one
 * sent (its alert says why), or the certificate and key configured could not be used together.
 */
function clientCertFailure(c: string, message: string, clientCert: boolean): DeliveryError | null {
  const text = `${c} ${message}`;
  const rejected = CERT_REJECTED.exec(text);
  if (CERT_REQUIRED.test(text) || (rejected && !clientCert)) {
    return make(
      'tls-client-cert',
      clientCert ? 'The server requires a client certificate and did not accept the one configured.' : 'The server requires a client certificate, and none was sent.',
      `Add the client certificate and its private key in ${CLIENT_CERT_FIELDS}; ask the endpoint's owner which CA must issue it.`,
      c || undefined,
    );
  }
  if (rejected) {
    const alert = (rejected[1] ?? rejected[2] ?? '').toLowerCase().replace(/_/g, ' ');
    return make(
      'tls-client-cert',
      `The server rejected the client certificate (TLS alert: ${alert}).`,
      `The server does not accept the certificate in ${CLIENT_CERT_FIELDS}: use one issued by a CA the server trusts (ask the endpoint's owner), valid today and meant for client authentication.`,
      c || undefined,
    );
  }
  if (c === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' || /key values mismatch/i.test(message)) {
    return make(
      'tls-client-cert',
      'The client key does not match the client certificate.',
      'In the webhook\'s network settings, "Client key" (network.clientKeyPem) must be the private key of "Client certificate" (network.clientCertPem). ' +
        'They match when `openssl x509 -noout -pubkey -in cert.pem` and `openssl pkey -pubout -in key.pem` print the same key.',
      c || undefined,
    );
  }
  if (clientCert && c.startsWith('ERR_OSSL_')) {
    return make('tls-client-cert', `The client certificate or key could not be used: ${message}`, `Check ${CLIENT_CERT_FIELDS}: PEM text as exported, the key unencrypted.`, c);
  }
  return null;
}

/** Finds a header value by case-insensitive name in raw pairs. */
export function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/**
 * Classifies a response status: `null` for 2xx, otherwise an `http-status` error whose hint fits the status.
 *
 * Anything but 2xx is a failure, as in Apono's Test. 3xx included: Hooksmith does not follow redirects,
 * so a redirect means the configured URL is not the endpoint.
 */
export function classifyHttpStatus(status: number, headers: readonly HeaderPair[]): DeliveryError | null {
  if (status >= 200 && status < 300) return null;
  const e = (hint: string, extra: Partial<DeliveryError> = {}): DeliveryError => ({
    errorClass: 'http-status',
    message: `The server answered ${status}.`,
    hint,
    status,
    ...extra,
  });
  if (status === 401) {
    return e('The server did not accept the credentials: check the Authorization header (the "Bearer " prefix, an expired or wrong token), or the OAuth token URL, client and scopes.');
  }
  if (status === 403) {
    return e('The credentials were accepted but lack permission: check the token\'s scopes or roles on the target.');
  }
  if (status === 429 || status === 503) {
    const retryAfter = headerValue(headers, 'retry-after');
    const extra = retryAfter === undefined ? {} : { retryAfter };
    const after = retryAfter === undefined ? '' : `${retryAfter}${/^\d+$/.test(retryAfter) ? ' s' : ''}`;
    if (status === 429) {
      return e(`The server is rate limiting these calls.${after ? ` It asked to retry after ${after}.` : ''} Space out tests, or raise the limit on the target.`, extra);
    }
    // 503 is the service saying it cannot serve anyone right now, not that these calls were too many.
    const base = 'The service is temporarily unavailable: overloaded, down for maintenance, or still starting.';
    const when = after ? ` It asked to retry after ${after} (Retry-After); try again then.` : ' Try again later.';
    return e(`${base}${when} If it lasts, check the service's status page or logs.`, extra);
  }
  if (status >= 300 && status < 400) {
    const location = headerValue(headers, 'location');
    return e(`The server redirects${location ? ` to ${location}` : ''}; Hooksmith, like a webhook sender should, does not follow redirects. Put the final URL in the webhook.`);
  }
  if (status === 404 || status === 405) {
    return e(status === 404 ? 'Check the URL\'s path.' : 'Check the webhook\'s method (POST, PUT or DELETE) against what the endpoint accepts.');
  }
  if (status === 400 || status === 415 || status === 422) {
    return e('The server rejected the body: compare the rendered body and Content-Type with what the endpoint expects (see the response body for details).');
  }
  if (status >= 500) {
    return e('The server failed while handling the call: see the response body and the server\'s logs. Retrying later may help.');
  }
  return e('See the response body for the server\'s explanation.');
}

/** The failure for a response whose validators did not all pass; `failed` names them. */
export function validatorMismatchError(failed: ReadonlyArray<{ jsonPath: string; reason?: string }>): DeliveryError {
  const first = failed[0];
  return {
    errorClass: 'validator-mismatch',
    message: `${failed.length} response validator${failed.length === 1 ? '' : 's'} failed${first ? `: ${first.jsonPath}${first.reason ? ` (${first.reason})` : ''}` : ''}.`,
    hint: 'The call succeeded but the response did not match. Paths start with $.data. (the response body is wrapped under "data"); compare the values found with the expected values.',
  };
}

/** The failure for a rendered body that is not JSON, or a template that is not valid Handlebars. */
export function invalidBodyError(kind: 'json' | 'handlebars', detail: string): DeliveryError {
  return kind === 'json'
    ? {
        errorClass: 'invalid-body',
        message: `The rendered body is not valid JSON: ${detail}`,
        hint: 'Apono requires the rendered body to be JSON. Look for a missing comma or quote, or a value inserted with {{{ }}} that contains a quote.',
      }
    : {
        errorClass: 'invalid-body',
        message: `The body template is not valid Handlebars: ${detail}`,
        hint: 'Check that every {{#block}} has its {{/block}} and that no expression ends with }}} by accident.',
      };
}

/** The failure for a URL that Apono would refuse (see `checkAponoUrl`). */
export function urlRefusedError(reasons: readonly string[]): DeliveryError {
  return {
    errorClass: 'url-refused',
    message: `Apono would refuse this URL: ${reasons.join('; ')}.`,
    hint: 'Apono sends webhooks only to https:// URLs. Use an HTTPS endpoint, or a tunnel for local services.',
  };
}

/** The failure for a token request that did not yield a token. */
export function oauthTokenError(message: string, status?: number, code?: string): DeliveryError {
  const hint =
    status === 401 || status === 400
      ? 'The token endpoint refused the client: check the client ID and secret, the client authentication method (Basic vs. in the body) and the scopes.'
      : 'Check the token URL; it must be the OAuth2 token endpoint that accepts the client_credentials grant.';
  const e: DeliveryError = { errorClass: 'oauth-token', message, hint };
  if (status !== undefined) e.status = status;
  if (code !== undefined) e.code = code;
  return e;
}

/**
 * Apono's URL rules: HTTPS only (blocking) and no explicit port (a warning, since Apono's own Splunk guide
 * uses one). Returns the blocking reasons and the warnings.
 */
export function checkAponoUrl(url: string): { errors: string[]; warnings: string[] } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { errors: ['it is not a valid URL'], warnings: [] };
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  if (parsed.protocol !== 'https:') errors.push('it is not https://');
  if (parsed.port !== '') warnings.push(`Apono's docs forbid an explicit port (:${parsed.port}) in webhook URLs`);
  return { errors, warnings };
}
