/**
 * Secret fields in the webhook form, in real Chromium against `npm run web`: hidden as typed, masked once
 * saved (the page never holds the stored value), shown on request, and `${env:NAME}` references in plain view.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MASKED_SECRET } from '../../shared/model/webhook';
import { e2eSuite, foreignRequests, gotoWithRetry } from './harness';

const e2e = e2eSuite();

describe('secret fields', () => {
  it('masks a saved secret, shows it on request, and shows an ${env:NAME} reference as typed', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url);
    await page.getByRole('button', { name: 'Add Webhook' }).first().click();
    await page.getByRole('link', { name: /^Custom webhook/ }).click();
    // Leaving the autofocused, still empty Name is not an error yet: nothing was typed.
    await page.getByLabel('Name').focus();
    await page.keyboard.press('Tab');
    await page.getByLabel('URL').fill('https://hooks.example.com/in');
    expect(await page.locator('[data-field="name"]').count()).toBe(0);
    await page.getByLabel('Name').fill('SecretForm');
    await page.getByLabel('URL').fill('https://hooks.example.com/in');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Key').fill('X-Api-Key');
    await page.getByRole('checkbox', { name: 'Secret' }).check();
    const value = page.getByLabel('Value', { exact: true });
    await value.fill('typed-secret-123');
    expect(await value.getAttribute('type')).toBe('password');
    await page.getByLabel('Authentication Type').selectOption('bearer');
    await page.getByLabel('Token').fill('${env:SOME_TOKEN}');
    // A reference names a variable: nothing to hide, and no Show button.
    expect(await page.getByLabel('Token').getAttribute('type')).toBe('text');
    expect(await page.getByRole('button', { name: 'Show token' }).count()).toBe(0);
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    // Reloaded, the page holds only the mask; the data file only a reference.
    await page.reload();
    await page.getByRole('heading', { name: 'Edit Webhook' }).waitFor();
    expect(await value.inputValue()).toBe(MASKED_SECRET);
    const stored = await readFile(join(e2e.app.home, 'hooksmith.json'), 'utf8');
    expect(stored).not.toContain('typed-secret-123');

    await page.getByRole('button', { name: 'Show X-Api-Key' }).click();
    await expect.poll(() => value.inputValue()).toBe('typed-secret-123');
    expect(await value.getAttribute('type')).toBe('text');
    await page.getByRole('button', { name: 'Hide X-Api-Key' }).click();
    expect(await value.getAttribute('type')).toBe('password');
    // Showing is not editing: the form has nothing to save.
    expect(await page.getByText('Unsaved changes').count()).toBe(0);
    expect(foreignRequests(e2e.session.requests, e2e.app.origin)).toEqual([]);
  });
});
