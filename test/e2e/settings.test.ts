/**
 * A user changes the app-wide settings on the Settings page in real Chromium against `npm run web`: the
 * event_type spelling survives a reload, a bad CA is refused at its field, the response body limit is set
 * with its unit, and the About section names the server's data folder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eSuite, foreignRequests, gotoWithRetry } from './harness';

const e2e = e2eSuite();

async function storedSettings(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(e2e.app.home, 'hooksmith.json'), 'utf8')).settings;
}

describe('the Settings page', () => {
  it('is reached from the main navigation and shows the server’s data folder', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await page.getByTestId('data-dir').textContent()).toBe(e2e.app.home);
    expect(await page.getByRole('button', { name: 'Copy data folder path' }).isVisible()).toBe(true);
  });

  it('saves the event_type spelling, which survives a reload', async () => {
    const { page } = e2e.session;
    const access = page.getByRole('radio', { name: 'AccessRequestCreated style', exact: true });
    const trigger = page.getByRole('radio', { name: 'RequestCreated style', exact: true });
    expect(await access.isChecked()).toBe(true);
    await trigger.check();
    await page.getByRole('status').filter({ hasText: 'Unsaved changes' }).waitFor();
    await page.getByRole('button', { name: 'Save Settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await storedSettings()).eventTypeStyle).toBe('RequestCreated');

    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await page.getByRole('radio', { name: 'RequestCreated style', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'AccessRequestCreated style', exact: true }).isChecked()).toBe(false);
  });

  it('refuses an invalid CA with the error next to the field, and saves nothing', async () => {
    const { page } = e2e.session;
    const ca = page.getByLabel('Extra trusted CA certificates (PEM)');
    await ca.fill('not a certificate');
    await page.keyboard.press('Control+s');
    const caError = page.locator('[data-field="network.extraCaPem"] .error');
    await caError.waitFor();
    expect(await caError.textContent()).toMatch(/PEM/);
    expect(await ca.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('status').filter({ hasText: 'Not saved' }).count()).toBe(1);
    expect((await storedSettings()).network).toEqual({});
  });

  it('asks before leaving with unsaved changes, then links to the history retention settings', async () => {
    const { page } = e2e.session;
    const link = page.getByRole('link', { name: 'open history retention settings' });
    // Declining the question keeps the page and the typed text.
    page.once('dialog', (d) => void d.dismiss());
    await link.click();
    expect(page.url()).toContain('#/settings');
    expect(await page.getByLabel('Extra trusted CA certificates (PEM)').inputValue()).toBe('not a certificate');

    page.once('dialog', (d) => void d.accept());
    await link.click();
    const dialog = page.getByRole('dialog', { name: 'History settings' });
    await dialog.waitFor();
    // Closing it leaves plain #/history, so a reload does not reopen the dialog.
    await dialog.getByRole('button', { name: 'Close history settings' }).click();
    await page.waitForURL((url) => url.hash === '#/history');
    expect(foreignRequests(e2e.session.requests, e2e.app.origin)).toEqual([]);
  });

  it('sets the response body limit with its unit, refuses one out of range at its field, and shows the saved one after a reload', async () => {
    const { page } = e2e.session;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const amount = page.getByLabel('Response body limit', { exact: true });
    const unit = page.getByLabel('Response body limit unit');
    expect(await amount.inputValue()).toBe('1');
    expect(await unit.inputValue()).toBe('MB');
    expect((await storedSettings()).maxResponseBytes).toBe(1024 * 1024);

    await amount.fill('200');
    await page.getByRole('button', { name: 'Save Settings' }).click();
    const limitError = page.locator('[data-field="maxResponseBytes"] .error');
    await limitError.waitFor();
    expect(await limitError.textContent()).toMatch(/from 1 KB to 100 MB .*too large/);
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect((await storedSettings()).maxResponseBytes).toBe(1024 * 1024);

    await amount.fill('2');
    await page.getByRole('button', { name: 'Save Settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await storedSettings()).maxResponseBytes).toBe(2 * 1024 * 1024);

    await unit.selectOption('KB');
    await amount.fill('1536');
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await storedSettings()).maxResponseBytes).toBe(1536 * 1024);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await page.getByLabel('Response body limit', { exact: true }).inputValue()).toBe('1536');
    expect(await page.getByLabel('Response body limit unit').inputValue()).toBe('KB');
  });
});
