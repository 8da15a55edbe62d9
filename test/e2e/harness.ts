/**
 * End-to-end harness: the real browser-mode server (`out/main/web.js`, as `npm run web` starts it) and
 * Debian's Chromium driven by playwright-core. Every request the page makes is recorded so tests can prove
 * nothing leaves 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { ApiMethodName } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { afterAll, beforeAll } from 'vitest';
import { startReceiver, type Receiver } from '../servers/receiver';
import { builtFile } from '../support/built-output';
import { tempDir } from '../support/temp-dir';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface WebApp {
  url: string;
  origin: string;
  home: string;
  proc: ChildProcess;
  /** Sends Ctrl+C (SIGINT) and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `node out/main/web.js --port 0` with a fresh data folder (or the given one) and waits for its URL line.
 * `env` adds to the server's environment (e.g. `NODE_EXTRA_CA_CERTS` so it trusts a test receiver).
 */
export async function startWebApp(home?: string, env: Record<string, string> = {}): Promise<WebApp> {
  const entry = builtFile('out/main/web.js');
  const dir = home ? { path: home, cleanup: async () => undefined } : await tempDir('hooksmith-e2e-');
  const proc = spawn(process.execPath, [entry, '--port', '0'], { env: { ...process.env, ...env, HOOKSMITH_HOME: dir.path }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Hooksmith is running at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`web server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    home: dir.path,
    proc,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGINT');
        await exited;
      }
      if (!home) await dir.cleanup();
      return proc.exitCode;
    },
  };
}

/**
 * Starts the web server trusting a test receiver's CA, as a user behind a corporate CA would set it up:
 * the PEM in a temp file named by NODE_EXTRA_CA_CERTS, and no proxy. `stop()` also removes that file.
 */
export async function startWebAppTrusting(rx: Pick<Receiver, 'caPem'>, home?: string): Promise<WebApp> {
  const caDir = await tempDir('hooksmith-ca-');
  const caFile = join(caDir.path, 'receiver-ca.pem');
  await writeFile(caFile, rx.caPem);
  let app: WebApp;
  try {
    app = await startWebApp(home, { NODE_EXTRA_CA_CERTS: caFile, NO_PROXY: '*' });
  } catch (e) {
    await caDir.cleanup();
    throw e;
  }
  const stopApp = app.stop.bind(app);
  app.stop = async () => {
    const code = await stopApp();
    await caDir.cleanup();
    return code;
  };
  return app;
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested (documents, scripts, workers, XHR). */
  requests: string[];
  close(): Promise<void>;
}

/** Headless Chromium that cannot resolve any host but loopback, with every request recorded. */
export async function openBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  return { browser, context, page, requests, close: () => browser.close() };
}

/** Loads a URL, retrying once: about one load in twenty hangs in headless Chromium on these machines. */
export async function gotoWithRetry(page: Page, url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 15_000 });
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

/** Requests that went anywhere but our own loopback server (data: and blob: URLs stay in the page). */
export function foreignRequests(requests: string[], origin: string): string[] {
  return requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

/** The text of a Monaco editor inside `editor` as rendered, lines in order (all lines are visible for short bodies). */
export async function monacoText(editor: Locator): Promise<string> {
  await editor.locator('.view-lines .view-line').first().waitFor();
  const lines = await editor.locator('.view-lines .view-line').evaluateAll((els) =>
    els.map((el) => ({ top: parseFloat((el as unknown as { style: { top: string } }).style.top || '0'), text: (el.textContent ?? '').replace(/\u00a0/g, ' ') })),
  );
  return lines
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text)
    .join('\n');
}

/**
 * Calls the API from inside the page, with the tab's own session token, as the renderer does: for a test
 * step a user would take elsewhere (saving a sample) or to check the store agrees with the screen.
 */
export async function callApiInPage(page: Page, method: ApiMethodName, arg: unknown): Promise<Result<unknown>> {
  return page.evaluate(
    async ({ method, arg }) => {
      // The page's sessionStorage (this file is compiled without DOM types).
      const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage;
      const r = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hooksmith-token': storage.getItem('hooksmith.token') ?? '' },
        body: JSON.stringify({ arg }),
      });
      return (await r.json()) as Result<unknown>;
    },
    { method, arg },
  );
}

/** What an e2e test file needs started before its tests; see {@link e2eSuite}. */
export interface E2eSuiteOptions {
  /**
   * An HTTPS receiver for the webhooks: `trusted` starts the server trusting its CA (NODE_EXTRA_CA_CERTS, as a
   * user behind a corporate CA would), `untrusted` leaves its certificate untrusted. No proxy either way.
   */
  receiver?: 'trusted' | 'untrusted';
  /**
   * A data folder of the suite's own (`home`), kept across server restarts and removed after the file; `seed`
   * runs on it, with the receiver, before the server starts (e.g. to write history as the CLI would).
   */
  home?: boolean;
  seed?: (ctx: { home: string; rx: Receiver | undefined }) => Promise<void>;
  /** Collect uncaught page errors (`page`), and console errors too (`console`; the browser's own favicon miss excepted). */
  errors?: 'page' | 'console';
  /** The page's `prefers-color-scheme` (default: Chromium's, light). */
  colorScheme?: 'light' | 'dark';
}

/** The running pieces of an e2e file, set once its `beforeAll` has run. */
export interface E2eSuite {
  readonly app: WebApp;
  readonly session: BrowserSession;
  readonly rx: Receiver;
  /** The suite's data folder (with `home` or `seed`). */
  readonly home: string;
  /** What `errors` collected, in order. */
  readonly pageErrors: string[];
}

/**
 * The setup every e2e file shares, once: registers `beforeAll`/`afterAll` (call at the top level of the file)
 * that start the receiver, the browser-mode server and Chromium, and stop them in reverse order.
 */
export function e2eSuite(opts: E2eSuiteOptions = {}): E2eSuite {
  let app: WebApp | undefined;
  let session: BrowserSession | undefined;
  let rx: Receiver | undefined;
  let dir: { path: string; cleanup: () => Promise<void> } | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    if (opts.receiver) rx = await startReceiver();
    if (opts.home || opts.seed) dir = await tempDir('hooksmith-e2e-home-');
    if (opts.seed) await opts.seed({ home: dir!.path, rx });
    if (opts.receiver === 'trusted') app = await startWebAppTrusting(rx!, dir?.path);
    else app = await startWebApp(dir?.path, opts.receiver ? { NO_PROXY: '*' } : {});
    session = await openBrowser();
    if (opts.colorScheme) await session.page.emulateMedia({ colorScheme: opts.colorScheme });
    if (opts.errors) session.page.on('pageerror', (e) => pageErrors.push(e.message));
    if (opts.errors === 'console') {
      session.page.on('console', (m) => {
        if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) pageErrors.push(m.text());
      });
    }
  });
  afterAll(async () => {
    await session?.close();
    await app?.stop();
    await rx?.stop();
    await dir?.cleanup();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test or a hook after e2eSuite's.`);
    return value;
  };
  return {
    get app() {
      return started(app, 'The web server');
    },
    get session() {
      return started(session, 'The browser');
    },
    get rx() {
      return started(rx, 'The receiver (pass `receiver`)');
    },
    get home() {
      return started(dir, 'The data folder (pass `home`)').path;
    },
    pageErrors,
  };
}
