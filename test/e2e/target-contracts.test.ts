/**
 * A webhook made from a preset keeps its target's contract, and the editor says what the target would refuse;
 * Basic auth offers the Authorization value to copy into Apono — real Chromium against `npm run web`.
 */
import { describe, expect, it } from 'vitest';
import { gotoWithRetry, e2eSuite } from './harness';

const e2e = e2eSuite({ errors: 'page' });

describe('target contracts in the form', () => {
  it('a Splunk webhook keeps the Splunk contract, and a Bearer token is flagged in "Does the JSON hold?" and the editor', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, `${e2e.app.url}#/webhooks/new?preset=splunk`);
    await page.getByRole('heading', { name: 'Add Webhook' }).waitFor();
    // The template editor loads lazily and takes more height than its placeholder: let the page settle before
    // clicking below it, as a user would, or a click can land where a button was a moment before.
    await page.locator('.monaco-editor').first().waitFor();
    expect(await page.getByLabel('Target rules').inputValue()).toBe('splunk-hec');
    const panel = page.getByRole('region', { name: 'Does the JSON hold?' });
    await panel.getByRole('status').filter({ hasText: /^Holds for all \d+ samples\.$/ }).waitFor();

    // Switching to a Bearer token replaces the preset's `Authorization: Splunk …` header when sent.
    await page.getByLabel('Authentication Type').selectOption('bearer');
    await panel.getByText('Splunk would refuse this: the Authorization header must start with `Splunk `', { exact: false }).first().waitFor();
    await page.locator('.tw-template .squiggly-error').first().waitFor();
    expect(e2e.pageErrors).toEqual([]);
  });

  it('Basic auth says it is an Authorization header in Apono and shows its value on request', async () => {
    // A page of its own: the previous test left a dirty form, which a hash change alone would keep.
    const page = await e2e.session.context.newPage();
    page.on('pageerror', (e) => e2e.pageErrors.push(e.message));
    await gotoWithRetry(page, `${e2e.app.url}#/webhooks/new`);
    await page.getByRole('heading', { name: 'Add Webhook' }).waitFor();
    // The template editor loads lazily and takes more height than its placeholder: let the page settle before
    // clicking below it, as a user would, or a click can land where a button was a moment before.
    await page.locator('.monaco-editor').first().waitFor();
    await page.getByLabel('Authentication Type').selectOption('basic');
    await page.getByText('Apono has no Basic auth type', { exact: false }).waitFor();
    await page.getByLabel('User name').fill('me@example.com');
    await page.getByLabel('Password', { exact: true }).fill('api-token-123');
    // By keyboard, as a keyboard user would: a click is aimed at coordinates, and on a loaded CI machine one landed
    // beside the button once (the value never appeared) while the lazily loaded editors above were still settling.
    await page.locator('button:enabled', { hasText: 'Show the Authorization header value' }).waitFor();
    await page.getByRole('button', { name: 'Show the Authorization header value' }).focus();
    await page.keyboard.press('Enter');
    const value = page.getByLabel('Authorization header value for Apono');
    expect(await value.inputValue()).toBe(`Basic ${Buffer.from('me@example.com:api-token-123').toString('base64')}`);
    expect(e2e.pageErrors).toEqual([]);
    await page.close();
  });
});
