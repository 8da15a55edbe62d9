/**
 * The Content Security Policy of the UI, in the app and in browser mode alike.
 *
 * No remote code: scripts only from the app itself. Monaco needs blob: workers, data: fonts and images,
 * and inline styles; `connect-src 'self'` lets browser mode reach its own bridge and nothing else.
 */
export const CONTENT_SECURITY_POLICY = [
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
  "frame-ancestors 'none'",
].join('; ');
