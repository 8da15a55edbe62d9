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

/**
 * The policy of the template render workers (preview and robustness).
 *
 * Handlebars compiles a template into a function with `new Function`, which the page's policy rightly
 * forbids. Rendering therefore happens only in these workers, whose own policy allows eval and nothing
 * else: no network, no imports from elsewhere, no DOM.
 */
export const RENDER_WORKER_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self' 'unsafe-eval'";

/**
 * The policy of Monaco's editor and JSON workers: their own bundled script and nothing else (no eval, no
 * network). A dedicated worker runs under its own response's policy, not the page's, so without this header
 * they would run with none.
 */
export const EDITOR_WORKER_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'";

/** Whether a URL path is one of Monaco's built workers (`assets/editor.worker-<hash>.js`, `assets/json.worker-<hash>.js`). */
export function isEditorWorkerPath(path: string): boolean {
  return /\/assets\/(editor|json)\.worker-[\w-]+\.js$/.test(path);
}

/** The policy a built worker script is served with, or undefined for a path that is no worker. */
export function workerContentSecurityPolicy(path: string): string | undefined {
  if (isRenderWorkerPath(path)) return RENDER_WORKER_CONTENT_SECURITY_POLICY;
  if (isEditorWorkerPath(path)) return EDITOR_WORKER_CONTENT_SECURITY_POLICY;
  return undefined;
}

/** Whether a URL path is a built render worker (`assets/render.worker-<hash>.js`, `assets/robustness.worker-<hash>.js`). */
export function isRenderWorkerPath(path: string): boolean {
  return /\/assets\/(render|robustness)\.worker-[\w-]+\.js$/.test(path);
}
