/** A user creates, deactivates and finds webhooks again in real Chromium against `npm run web`. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eSuite, foreignRequests, gotoWithRetry, startWebApp } from './harness';

const e2e = e2eSuite({ home: true });

describe('webhooks in the browser', () => {
  it('starts on an empty state that invites Add Webhook', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url);
    await page.getByRole('heading', { name: 'No webhooks yet' }).waitFor();
    // The token left the address bar but stays for reloads.
    expect(page.url()).not.toContain('token=');
  });

  it('tells once that typed secrets last for this session, and a dismissed notice stays dismissed', async () => {
    const { page } = e2e.session;
    const notice = page.getByRole('status').filter({ hasText: 'kept for this session only' });
    await notice.waitFor();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { name: 'No webhooks yet' }).waitFor();
    expect(await page.getByText('kept for this session only').count()).toBe(0);
  });

  it('refuses a non-HTTPS URL at the URL field and saves nothing', async () => {
    const { page } = e2e.session;
    await page.getByRole('button', { name: 'Add Webhook' }).first().click();
    await page.getByRole('link', { name: /^Custom webhook/ }).click();
    await page.getByLabel('Name').fill('PlainHttp');
    await page.getByLabel('URL').fill('http://example.com/hook');
    await page.getByRole('button', { name: 'Save Webhook' }).click();
    const urlError = page.locator('[data-field="url"] .error');
    await urlError.waitFor();
    expect(await urlError.textContent()).toMatch(/https/i);
    expect(await page.getByLabel('URL').getAttribute('aria-invalid')).toBe('true');
    const saved = JSON.parse(await readFile(join(e2e.app.home, 'hooksmith.json'), 'utf8'));
    expect(saved.webhooks).toEqual([]);
  });

  it('creates a webhook through the form and shows it in the table with a green dot', async () => {
    const { page } = e2e.session;
    await page.getByLabel('URL').fill('https://acme.workflows.okta.com/api/flo/abc123');
    await page.getByLabel('Name').fill('OktaFlow');
    await page.getByLabel('Method').selectOption('PUT');
    await page.getByRole('checkbox', { name: 'RequestGranted' }).check();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Key').fill('x-api-client-token');
    await page.getByLabel('Value').fill('${env:OKTA_TOKEN}');
    await page.getByLabel('Timeout in seconds').fill('20');
    // Ctrl+S saves from anywhere on the page.
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    const row = page.getByTestId('webhook-row-OktaFlow');
    await row.waitFor();
    expect(await row.getByRole('img').getAttribute('aria-label')).toBe('Active');
    expect(await row.textContent()).toContain('acme.workflows.okta.com');
    expect(await row.textContent()).toContain('PUT');
    expect(await row.textContent()).toContain('RequestCreated, RequestGranted');
  });

  it('deactivates from the row menu, and the change survives a reload', async () => {
    const { page } = e2e.session;
    const row = page.getByTestId('webhook-row-OktaFlow');
    await row.getByRole('button', { name: 'Actions for OktaFlow' }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await row.getByRole('img', { name: 'Inactive' }).waitFor();
    await page.reload({ waitUntil: 'domcontentloaded' });
    const after = page.getByTestId('webhook-row-OktaFlow');
    await after.getByRole('img', { name: 'Inactive' }).waitFor();
    const color = await after.getByRole('img').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor);
    expect(color).toBe('rgb(255, 255, 255)');
  });

  it('edits the saved webhook and finds every field as it was saved', async () => {
    const { page } = e2e.session;
    await page.getByRole('link', { name: 'OktaFlow' }).click();
    await page.getByRole('heading', { name: 'Edit Webhook' }).waitFor();
    expect(await page.getByLabel('Name').inputValue()).toBe('OktaFlow');
    expect(await page.getByLabel('Method').inputValue()).toBe('PUT');
    expect(await page.getByLabel('Value').inputValue()).toBe('${env:OKTA_TOKEN}');
    expect(await page.getByLabel('Timeout in seconds').inputValue()).toBe('20');
  });

  it('asks before an in-app link throws away unsaved edits, and keeps them when told to stay', async () => {
    const { page } = e2e.session;
    await page.getByLabel('Timeout in seconds').fill('25');
    const questions: string[] = [];
    page.once('dialog', (d) => (questions.push(d.message()), void d.dismiss()));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    expect(questions).toEqual(['This webhook has unsaved changes. Leave this page and lose them?']);
    await page.getByRole('heading', { name: 'Edit Webhook' }).waitFor();
    expect(await page.getByLabel('Timeout in seconds').inputValue()).toBe('25');

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('link', { name: 'Back to webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    // Left without saving: the stored webhook still has its old timeout.
    await page.getByRole('link', { name: 'OktaFlow' }).click();
    expect(await page.getByLabel('Timeout in seconds').inputValue()).toBe('20');
  });

  it('keeps what was typed while a save was in flight, as unsaved changes', async () => {
    const { page } = e2e.session;
    const timeout = page.getByLabel('Timeout in seconds');
    // Hold the save's answer so typing surely lands while it is in flight.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/webhooks.update', async (route) => {
      await held;
      await route.continue();
    });
    await timeout.fill('21');
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Saving' }).waitFor();
    await timeout.fill('22');
    release();
    await page.getByText('Unsaved changes').waitFor();
    await page.unroute('**/api/webhooks.update');
    expect(await timeout.inputValue()).toBe('22');
    const stored = JSON.parse(await readFile(join(e2e.home, 'hooksmith.json'), 'utf8')) as { webhooks: Array<{ name: string; timeoutSeconds: number }> };
    expect(stored.webhooks.find((w) => w.name === 'OktaFlow')?.timeoutSeconds).toBe(21);
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await timeout.inputValue()).toBe('22');
  });

  it('requested nothing outside 127.0.0.1', () => {
    expect(e2e.session.requests.length).toBeGreaterThan(3);
    expect(foreignRequests(e2e.session.requests, e2e.app.origin)).toEqual([]);
  });

  it('stops cleanly on Ctrl+C and serves the same data after a restart', async () => {
    expect(await e2e.app.stop()).toBe(0);
    const again = await startWebApp(e2e.home);
    try {
      const page = await e2e.session.context.newPage();
      await gotoWithRetry(page, again.url);
      await page.getByTestId('webhook-row-OktaFlow').getByRole('img', { name: 'Inactive' }).waitFor();
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});
