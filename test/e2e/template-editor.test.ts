/**
 * Template authoring in real Chromium against `npm run web`: completion from the popup, the live preview,
 * a trailing-comma marker fixed with the quick fix, hover docs, an invalid-JSON error and a value altered by
 * escaping each linked to its template line, the schema panel, and nothing fetched from outside.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sampleForTrigger } from '../../shared/payload/samples';
import { e2eSuite, foreignRequests, gotoWithRetry } from './harness';

const e2e = e2eSuite({ errors: 'console' });

/** Monaco renders spaces as non-breaking spaces; compare text as the user reads it. */
const viewText = async (page: Page, selector: string) => (await page.locator(`${selector} .view-lines`).first().innerText()).replace(/\u00a0/g, ' ').replace(/\n/g, '');
const previewText = (page: Page) => viewText(page, '[data-testid="preview-body"]');
const templateText = (page: Page) => viewText(page, '.tw-template');
const badge = (page: Page) => page.getByRole('status', { name: /^Preview: / });

async function replaceTemplate(page: Page, text: string): Promise<void> {
  await page.getByLabel('Body Template').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  if (text) await page.keyboard.insertText(text);
}

describe('template editor in the browser', () => {
  it('opens Add Webhook with the Monaco editor reachable by the Body Template label', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url);
    await page.getByRole('button', { name: 'Add Webhook' }).first().click();
    await page.getByRole('link', { name: /^Custom webhook/ }).click();
    await page.locator('.tw-template .monaco-editor').waitFor();
    await page.getByLabel('Body Template').focus();
    expect(await page.locator('.tw-template :focus').count()).toBe(1);
    await page.getByRole('status', { name: 'Preview: Valid JSON' }).waitFor();
  });

  it('completes a path from the popup and the preview follows', async () => {
    const { page } = e2e.session;
    await replaceTemplate(page, '{"who": "{{data.requ');
    await page.keyboard.press('Control+Space');
    const item = page.locator('.suggest-widget .monaco-list-row', { hasText: 'requester' });
    await item.first().waitFor();
    await page.keyboard.press('Enter');
    // Accepting is asynchronous: typing on before it lands lets the accepted item swallow what was typed.
    await expect.poll(() => templateText(page)).toContain('{{data.requester');
    await page.locator('.suggest-widget.visible').waitFor({ state: 'hidden' });
    // The "." reopens suggestions (a trigger character); close them before typing on, as a user would.
    await page.keyboard.insertText('.email');
    await expect.poll(() => templateText(page)).toContain('{{data.requester.email');
    await page.keyboard.press('Escape');
    await page.keyboard.insertText('}}"}');
    await expect.poll(() => templateText(page)).toContain('{"who": "{{data.requester.email}}"}');
    const email = sampleForTrigger('RequestCreated').data.requester.email;
    await expect.poll(() => previewText(page), { timeout: 10_000 }).toContain(`"who": "${email}"`);
    expect(await badge(page).textContent()).toBe('Valid JSON');
  });

  it('marks the trailing comma of an #each and the quick fix makes the preview valid', async () => {
    const { page } = e2e.session;
    await replaceTemplate(page, '{"ids": [{{#each data.access_groups}}"{{integration.id}}",{{/each}}]}');
    await page.getByRole('status', { name: 'Preview: Invalid JSON' }).waitFor();
    await page.locator('.tw-template .squiggly-error').first().waitFor();
    // The robustness panel lists the failing samples with a link to the template line.
    await page.getByRole('region', { name: 'Does the JSON hold?' }).getByRole('button', { name: /template line 1/ }).first().waitFor();

    await page.keyboard.press('F8'); // go to the problem
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget', { hasText: 'Emit the comma only between elements' });
    await fix.waitFor();
    await page.keyboard.press('Enter');

    await expect.poll(() => templateText(page)).toContain('"{{integration.id}}"{{#unless @last}},{{/unless}}{{/each}}');
    await page.getByRole('status', { name: 'Preview: Valid JSON' }).waitFor();
    const ids = sampleForTrigger('RequestCreated').data.access_groups.map((g) => g.integration.id);
    await expect.poll(() => previewText(page)).toContain(`"ids": ${JSON.stringify(ids)}`);
    await page.locator('.tw-template .squiggly-error').waitFor({ state: 'detached' });
  });

  it('shows hover docs from the schema, and an invalid-JSON error in the preview links to the template line', async () => {
    const { page } = e2e.session;
    // Typed as a user types it: Monaco indents the new lines and closes the brace itself.
    await replaceTemplate(page, '{\n"who": "{{data.requester.email}}",\n"who_name": {{data.requester.name}}');
    await expect.poll(() => templateText(page)).toBe('{  "who": "{{data.requester.email}}",  "who_name": {{data.requester.name}}}');
    // Cursor into "requester" on line 2, then Monaco's keyboard hover (Ctrl+K Ctrl+I), as a keyboard user would.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    for (let i = 0; i < '"who": "{{data.req'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)');
    await hover.getByText('The requesting user.').waitFor();
    expect(await hover.textContent()).toContain('data.requester');
    await page.keyboard.press('Escape');

    // The name is a string rendered without quotes: the preview says where the JSON breaks and which line made it.
    await page.getByRole('status', { name: 'Preview: Invalid JSON' }).waitFor();
    await page.getByRole('button', { name: 'template line 3, column 15' }).first().click();
    // The cursor moved there: typing lands at line 3, column 15 (before {{data.requester.name}}).
    await page.keyboard.insertText('"');
    await expect.poll(() => templateText(page)).toContain('"who_name": "{{data.requester.name}}');
  });

  it('links a value altered by escaping to the mustache that output it', async () => {
    const { page } = e2e.session;
    await replaceTemplate(page, '{\n"who": "{{data.requester.name}}"');
    await expect.poll(() => templateText(page)).toBe('{  "who": "{{data.requester.name}}"}');
    // The edge case with quotes in the requester's name keeps valid JSON but arrives as &quot;…: the panel names
    // the case and links to line 2, column 11, where {{data.requester.name}} starts.
    const panel = page.getByRole('region', { name: 'Does the JSON hold?' });
    const item = panel.getByRole('listitem').filter({ hasText: 'Quotes and backslashes in free text' });
    await item.getByText('Altered by escaping').waitFor();
    await item.getByRole('button', { name: 'template line 2, column 11' }).click();
    await page.keyboard.insertText('X');
    await expect.poll(() => templateText(page)).toContain('"who": "X{{data.requester.name}}"');
  });

  it('inserts a schema field relative to the #each block at the cursor', async () => {
    const { page } = e2e.session;
    // One insertion, then the cursor moves back between the quotes: two separate insertions race Monaco's
    // quote handling and can leave the cursor on the wrong side.
    const after = '"{{#unless @last}},{{/unless}}{{/each}}]}';
    await replaceTemplate(page, `{"names": [{{#each data.access_groups}}"${after}`);
    await page.keyboard.press('Escape');
    for (let i = 0; i < after.length; i++) await page.keyboard.press('ArrowLeft');
    await page.getByRole('searchbox', { name: 'Search fields' }).fill('integration name');
    await page.locator('.tw-field[title="data.access_groups[].integration.name"]').click();
    await expect.poll(() => templateText(page)).toContain('{{#each data.access_groups}}"{{integration.name}}"');
    await page.getByRole('status', { name: 'Preview: Valid JSON' }).waitFor();

    // The audit-log payload is there to read, not to insert into a request template.
    const schema = page.getByRole('region', { name: 'Payload schema' });
    await schema.getByRole('searchbox', { name: 'Search fields' }).fill('');
    await schema.getByLabel('Payload', { exact: true }).selectOption('audit');
    await schema.getByText(/For reading only/).waitFor();
    expect(await schema.locator('.tw-field[title="event_type"]').count()).toBe(1);
    expect(await schema.getByRole('button', { name: /event_type/ }).count()).toBe(0);
    await schema.getByLabel('Payload', { exact: true }).selectOption('request');
    expect(await schema.getByRole('button', { name: /requester/ }).count()).toBeGreaterThan(0);
  });

  it('says once that a template does not compile, instead of counting failing samples', async () => {
    const { page } = e2e.session;
    await replaceTemplate(page, '{"a": "{{#if data.grantee}}"}');
    const panel = page.getByRole('region', { name: 'Does the JSON hold?' });
    const said = panel.locator('p.error', { hasText: 'The template does not compile:' });
    await said.waitFor();
    expect(await said.textContent()).toMatch(/^The template does not compile: Parse error.* \(template line 1, column \d+\) — fix it first; no sample can render\.$/);
    expect(await panel.textContent()).not.toMatch(/samples? fail|Template error/);
    expect(await panel.locator('p.error').count()).toBe(1);

    // Fixed, the panel goes back to checking the samples.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.insertText('{{/if}}');
    await panel.getByRole('status').filter({ hasText: /^Holds for all \d+ samples\.$/ }).waitFor();
    expect(await said.count()).toBe(0);
  });

  it('renders a pasted payload and saves it as a sample in the data file', async () => {
    const { page } = e2e.session;
    await replaceTemplate(page, '{"who": "{{data.requester.email}}"}');
    await page.getByRole('button', { name: /Edit sample JSON/ }).click();
    await page.getByLabel('Sample payload (JSON)').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('{"data": {"requester": {"email": "pasted@example.com"}}}');
    await expect.poll(() => previewText(page)).toContain('"who": "pasted@example.com"');
    await page.getByLabel('Sample name').fill('Pasted payload');
    await page.getByRole('button', { name: 'Save sample' }).click();
    await page.getByText('Sample saved.').waitFor();
    const picker = page.getByLabel('Sample', { exact: true });
    expect(await picker.locator('option:checked').textContent()).toBe('Pasted payload');
    const saved = JSON.parse(await readFile(join(e2e.app.home, 'hooksmith.json'), 'utf8'));
    expect(saved.samples).toEqual([expect.objectContaining({ name: 'Pasted payload', event: { data: { requester: { email: 'pasted@example.com' } } } })]);
  });

  it('fetched nothing outside 127.0.0.1 and Monaco found every worker', () => {
    expect(foreignRequests(e2e.session.requests, e2e.app.origin)).toEqual([]);
    expect(e2e.session.requests.some((u) => /editor\.worker/.test(u))).toBe(true);
    expect(e2e.pageErrors.filter((e) => /requestHandler|Content Security Policy|unsafe-eval/i.test(e))).toEqual([]);
  });
});
