/**
 * Time to an interactive Webhooks table in Chromium, against the same browser-mode server serving an empty page,
 * measured in the same run (run `npm run build` first). "Interactive": a row's Actions button opens its menu,
 * so the table is rendered and React has attached its handlers. Each load is a fresh browser context (no cache),
 * as a first start is. Prints medians and the ratio; asserts only that each load reached its goal.
 */
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run-cli';
import { CHROMIUM, openBrowser, startWebApp, type BrowserSession, type WebApp } from '../e2e/harness';
import { captureIo } from '../support/memory-io';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

const OUT = resolve(__dirname, '../../out/renderer');
const EMPTY = join(OUT, 'bench-empty.html');
const RUNS = 7;
const ready = existsSync(join(OUT, 'index.html')) && existsSync(CHROMIUM);

let home: Awaited<ReturnType<typeof tempDir>>;
let app: WebApp;
let session: BrowserSession;

beforeAll(async () => {
  if (!ready) return;
  home = await tempDir('hooksmith-first-screen-');
  const hooks = Array.from({ length: 8 }, (_, i) => webhookInput({ name: `BenchHook${i + 1}`, url: `https://hooks.example.com/h/${i + 1}` }));
  await writeFile(join(home.path, 'hooks.json'), JSON.stringify({ schemaVersion: 1, webhooks: hooks }));
  const io = captureIo(home.path, {});
  expect(await runCli(['--home', join(home.path, 'data'), 'webhooks', 'import', 'hooks.json'], io)).toBe(0);
  // The empty page goes through the same static-file path (and headers) as the app's own index.html.
  await writeFile(EMPTY, '<!doctype html><html><head><meta charset="utf-8"><title>empty</title></head><body></body></html>\n');
  app = await startWebApp(join(home.path, 'data'));
  session = await openBrowser();
}, 60_000);

afterAll(async () => {
  if (!ready) return;
  await session?.close();
  await app?.stop();
  await rm(EMPTY, { force: true });
  await home?.cleanup();
});

/** Median milliseconds of RUNS loads, each in a fresh context, from navigation start to `until` resolving. */
async function median(url: string, until: (page: Page) => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
    await until(page);
    times.push(performance.now() - t0);
    await context.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

describe('first screen', () => {
  it.skipIf(!ready)('time to an interactive Webhooks table against an empty page from the same server', async () => {
    const token = new URL(app.url).searchParams.get('token');
    const empty = await median(`${app.origin}/bench-empty.html`, async (page) => {
      await page.waitForLoadState('load');
      expect(await page.title()).toBe('empty');
    });
    let editorLoaded = true;
    const table = await median(app.url, async (page) => {
      const row = page.getByTestId('webhook-row-BenchHook1');
      await row.getByRole('button', { name: 'Actions for BenchHook1' }).click({ timeout: 30_000 });
      await page.getByRole('menuitem', { name: 'Deactivate' }).waitFor({ timeout: 30_000 });
      // Monaco is not needed for this screen: its chunk must not have been fetched.
      editorLoaded = await page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/assets\/(monaco|editor\.api)-/.test(e.name)));
      expect(editorLoaded).toBe(false);
    });
    expect(token).not.toBeNull();
    console.log(
      [
        `First screen (median of ${RUNS} loads, fresh context each)`,
        `empty page from the same server   ${empty.toFixed(0).padStart(6)} ms  1.00×`,
        `interactive Webhooks table        ${table.toFixed(0).padStart(6)} ms  ${(table / empty).toFixed(2)}× the empty page`,
        `Monaco fetched before the table was interactive: ${editorLoaded ? 'yes' : 'no'}`,
      ].join('\n'),
    );
  }, 180_000);
});
