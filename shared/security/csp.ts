/**
 * The Content Security Policy of the UI, in the app and in browser mode alike.
 *
 * No remote code: scripts only from the app itself. Monaco needs blob: workers, data: fonts and images,
 * and inline styles; `connect-src 'self'` lets browser mode reach its own bridge and nothing else.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The policy as an HTTP header. */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The policy for a `<meta http-equiv>` tag, where browsers ignore (and warn about) `frame-ancestors`. */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.join('; ');
