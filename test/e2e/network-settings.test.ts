/**
 * A user turns TLS verification off for one webhook whose receiver has an untrusted certificate, sees the
 * warning in the form and on the Webhooks table, tests it, and reads the JSON response in the panel's
 * read-only Monaco editor. Real Chromium against `npm run web`; the receiver's CA is NOT trusted anywhere.
 *
 * With HOOKSMITH_SCREENSHOTS=<dir>, the Network fieldset and the response view are saved there, light and dark.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite, foreignRequests, gotoWithRetry, monacoText } from './harness';

const e2e = e2eSuite({ receiver: 'untrusted' });
const shots = process.env.HOOKSMITH_SCREENSHOTS;

async function screenshot(page: Page, name: string, target: ReturnType<Page['locator']>): Promise<void> {
  if (!shots) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(150);
    await target.screenshot({ path: join(shots, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('network settings in the form', () => {
  it('fails against an untrusted certificate, then passes with TLS verification off, warning in the form, the record and the table', async () => {
    await e2e.rx.server.forPost('/tls').thenJson(200, { status: 'accepted', items: [1, 2] });
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url);
    await page.getByRole('button', { name: 'Add Webhook' }).first().click();
    await page.getByRole('link', { name: /^Custom webhook/ }).click();
    await page.getByLabel('Name').fill('LocalTls');
    await page.getByLabel('URL').fill(e2e.rx.url('/tls'));
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByText('Test failed').waitFor();
    expect(await page.locator('.test-result .hint').textContent()).toMatch(/certificate/i);

    const network = page.getByRole('group', { name: 'Network' });
    expect(await network.locator('.tls-off-warning').count()).toBe(0);
    await network.getByRole('button', { name: 'Show network settings' }).click();
    await network.getByRole('checkbox', { name: /Turn off TLS verification/ }).check();
    const warning = network.locator('.tls-off-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/TLS verification is off\. Any server certificate is accepted.*Apono.*always verifies/);
    // Above the page's sticky footer, so the picture shows the fieldset and not the Save bar over it.
    await page.mouse.wheel(0, 400);
    await screenshot(page, 'network-fieldset', network);

    await page.getByRole('button', { name: 'Save Webhook' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByText('Test successful').waitFor();

    await page.getByRole('button', { name: 'View Invocation Data' }).click();
    const panel = page.getByRole('dialog', { name: 'Invocation data' });
    await panel.waitFor();
    expect(await panel.locator('.warnings').textContent()).toMatch(/TLS verification is off for this webhook/);
    await panel.getByRole('tab', { name: 'Response' }).click();
    const figure = panel.getByRole('figure').filter({ hasText: 'Response body' });
    const editor = figure.locator('.monaco-editor');
    await editor.waitFor();
    expect(await editor.getAttribute('data-mode-id').catch(() => null) ?? (await figure.locator('[data-mode-id]').first().getAttribute('data-mode-id'))).toBe('json');
    expect(JSON.parse(await monacoText(editor))).toEqual({ status: 'accepted', items: [1, 2] });
    expect(await monacoText(editor)).toContain('\n  "status": "accepted"');
    // Read-only: typing changes nothing.
    await editor.click();
    await page.keyboard.type('xyz');
    expect(await monacoText(editor)).not.toContain('xyz');
    // The raw view shows the body as it arrived (compact), still in the editor.
    await figure.page().getByRole('checkbox', { name: 'Raw view' }).check();
    await expect.poll(() => monacoText(editor)).toBe('{"status":"accepted","items":[1,2]}');
    await figure.page().getByRole('checkbox', { name: 'Raw view' }).uncheck();
    await screenshot(page, 'response-monaco', panel);
    await page.getByRole('button', { name: 'Close invocation data' }).click();

    await page.getByRole('link', { name: 'Back to webhooks' }).click();
    const row = page.getByTestId('webhook-row-LocalTls');
    await row.waitFor();
    expect(await row.getByRole('img', { name: 'TLS verification off' }).count()).toBe(1);
    if (shots) await row.screenshot({ path: join(shots, 'table-row-light.png') });
    expect(foreignRequests(e2e.session.requests, e2e.app.origin)).toEqual([]);
  });
});
