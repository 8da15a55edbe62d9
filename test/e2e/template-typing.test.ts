/**
 * Typing into the body template as a fast typist does, in real Chromium against `npm run web`: every
 * character lands where it was typed, and JSON braces do not open the completion list.
 *
 * Playwright's `keyboard.type` with a few milliseconds between keys is faster than React re-renders the
 * edit page, which is what used to garble the text (a stale value pushed back into the editor).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Webhook } from '../../shared/model/webhook';
import { webhookInput } from '../support/webhook-fixtures';
import { callApiInPage, e2eSuite, gotoWithRetry, monacoText } from './harness';

const e2e = e2eSuite({ errors: 'page' });

const TEMPLATE = '{\n  "event_type": "{{event_type}}",\n  "request_id": "{{data.friendly_id}}"\n}';

const template = (page: Page) => page.locator('.tw-template');
const templateText = (page: Page) => monacoText(template(page));

/** Saves a webhook with {@link TEMPLATE} and opens its edit page with the cursor nowhere yet. */
async function openWebhook(page: Page, name: string): Promise<string> {
  await gotoWithRetry(page, e2e.app.url);
  const created = await callApiInPage(page, 'webhooks.create', { input: webhookInput({ name, bodyTemplate: TEMPLATE }) });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { webhook: Webhook }).webhook.id;
  await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#/webhooks/${encodeURIComponent(id)}`);
  await template(page).locator('.monaco-editor').waitFor();
  await expect.poll(() => templateText(page)).toBe(TEMPLATE);
  return id;
}

/** Puts the cursor at the end of a 1-based line by clicking it, as a user would. */
async function clickLineEnd(page: Page, line: number): Promise<void> {
  const lines = template(page).locator('.view-lines .view-line');
  const tops = await lines.evaluateAll((els) => els.map((el) => parseFloat((el as unknown as { style: { top: string } }).style.top || '0')));
  const sorted = [...tops].sort((a, b) => a - b);
  await lines.nth(tops.indexOf(sorted[line - 1]!)).click();
  await page.keyboard.press('End');
}

describe('typing into the template editor', () => {
  it('keeps every character of fast typing, in order, wherever it is typed, and the form holds the same text', async () => {
    const { page } = e2e.session;
    const id = await openWebhook(page, 'FastTypist');

    await clickLineEnd(page, 1);
    await page.keyboard.press('Enter');
    await page.keyboard.type('"identifier_value_long": "abc",', { delay: 5 });
    await expect.poll(() => templateText(page)).toBe('{\n  "identifier_value_long": "abc",\n  "event_type": "{{event_type}}",\n  "request_id": "{{data.friendly_id}}"\n}');

    await clickLineEnd(page, 4);
    await page.keyboard.type(',\n"email": "x@example.com"', { delay: 10 });
    await clickLineEnd(page, 2);
    await page.keyboard.press('Home');
    await page.keyboard.type('"n": 12345, ', { delay: 5 });
    // Lines short enough not to wrap: the text is read from the rendered lines.
    const expected = '{\n  "n": 12345, "identifier_value_long": "abc",\n  "event_type": "{{event_type}}",\n  "request_id": "{{data.friendly_id}}",\n  "email": "x@example.com"\n}';
    await expect.poll(() => templateText(page)).toBe(expected);

    // What is saved is what the editor shows: the form's draft kept up with every keystroke.
    await page.keyboard.press('Control+s');
    await page.getByText('Saved.', { exact: true }).waitFor();
    const saved = await callApiInPage(page, 'webhooks.get', { id });
    expect(saved.ok && (saved.value as Webhook).bodyTemplate).toBe(expected);
    expect(await templateText(page)).toBe(expected);

    // Undo still steps back through the typing (the editor's history was never replaced).
    await page.keyboard.press('Control+z');
    await expect.poll(() => templateText(page)).not.toBe(expected);
    expect(e2e.pageErrors).toEqual([]);
  });

  it('the sample JSON editor keeps fast typing too, and "Discard edits" puts the sample back', async () => {
    const { page } = e2e.session;
    await openWebhook(page, 'FastSample');
    await page.getByRole('button', { name: /Edit sample JSON/ }).click();
    const sample = page.locator('.tw-sample .tw-frame');
    await page.getByLabel('Sample payload (JSON)').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{"data": {"friendly_id": "FAST-12345"}}', { delay: 5 });
    await expect.poll(() => monacoText(sample)).toBe('{"data": {"friendly_id": "FAST-12345"}}');
    const preview = page.locator('[data-testid="preview-body"]');
    await expect.poll(() => monacoText(preview)).toContain('"request_id": "FAST-12345"');

    // A value from outside the editor still reaches it.
    await page.getByRole('button', { name: 'Discard edits' }).click();
    await expect.poll(() => monacoText(sample)).toMatch(/^\{\n {2}"event_type"/);
    await expect.poll(() => monacoText(preview)).not.toContain('FAST-12345');
  });

  it('a JSON brace then Enter is a brace and a new line, with no completion list', async () => {
    const { page } = e2e.session;
    await openWebhook(page, 'BraceTypist');
    await clickLineEnd(page, 1);
    await page.keyboard.press('Enter');
    await page.keyboard.type('"obj": {');
    // The list used to open on `{` a moment later; give it that moment before pressing Enter.
    await page.waitForTimeout(500);
    expect(await page.locator('.suggest-widget.visible').count()).toBe(0);
    await page.keyboard.press('Enter');
    // Monaco closes the brace itself only once the line is tokenized (a background job), hence the optional `}`.
    await expect.poll(() => templateText(page)).toMatch(/^\{\n {2}"obj": \{\n {4}\n( {2}\}\n)? {2}"event_type": "\{\{event_type\}\}",\n/);

    // Inside a mustache the list still opens by itself: `{{` offers the payload's fields and whole blocks.
    // (Inserted as one edit, so Monaco closes no brace and the result does not depend on tokenizing either.)
    await page.keyboard.insertText('{{');
    const list = page.locator('.suggest-widget.visible');
    await list.locator('.monaco-list-row', { hasText: 'event_type' }).first().waitFor();
    await list.locator('.monaco-list-row', { hasText: '#each (JSON list)' }).first().waitFor();
    // A block snippet replaces the `{{` already typed: no stray braces.
    await page.keyboard.type('#each');
    await list.locator('.monaco-list-row.focused', { hasText: '#each' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => templateText(page)).toMatch(/\n {4}\{\{#each path\}\}\n {6}\n {4}\{\{\/each\}\}\n/);
  });

  it('a typed block name then Ctrl+Space offers its snippets, which replace the name', async () => {
    const { page } = e2e.session;
    await openWebhook(page, 'SnippetTypist');
    await clickLineEnd(page, 1);
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('"groups": [ea');
    await page.keyboard.press('Control+Space');
    const list = page.locator('.suggest-widget.visible');
    await list.locator('.monaco-list-row', { hasText: '#each (JSON list)' }).first().click();
    await page.keyboard.press('Escape');
    await expect.poll(() => templateText(page)).toContain('"groups": [{{#each data.access_groups}}\n');
    expect(await templateText(page)).not.toContain('[ea');
  });
});
