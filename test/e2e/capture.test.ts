/**
 * The Capture page in real Chromium against `npm run web`: start the receiver, send it a probe rendered as a
 * hypothetical Apono would (no escaping, RequestCreated spelling) with curl, read the findings, apply them, and
 * see the Settings page change; then compare the prediction and stop.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { probeTemplate } from '../../shared/capture/probe-template';
import { sampleForTrigger } from '../../shared/payload/samples';
import { webhookInput } from '../support/webhook-fixtures';
import { callApiInPage, e2eSuite, gotoWithRetry } from './harness';

const run = promisify(execFile);
const e2e = e2eSuite({ home: true });

describe('the Capture page', () => {
  it('captures a request sent with curl, applies its findings, and the settings change', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Capture' }).click();
    await page.getByRole('heading', { name: 'Capture', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Start capturing' }).click();
    const url = (await page.getByTestId('capture-url').textContent())!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const event = sampleForTrigger('RequestApproved', 'RequestCreated');
    event.data.justification = `Fix "prod" & <db> — it's urgent`;
    const body = Handlebars.compile(probeTemplate(), { noEscape: true })(event);
    const sent = await run('curl', ['-sS', '--noproxy', '*', '-H', 'Content-Type: application/json', '--data-binary', body, `${url}apono-probe`]);
    const { captured } = JSON.parse(sent.stdout) as { captured: string };

    // The newest capture opens by itself: press Test in Apono, read the findings.
    await page.getByRole('heading', { name: 'POST /apono-probe' }).waitFor();
    await page.getByTestId('finding-spelling').filter({ hasText: 'RequestCreated' }).waitFor();
    expect(await page.getByTestId('finding-spelling').textContent()).toContain('RequestCreated (event_type “RequestApproved”)');
    expect(await page.getByTestId('finding-escape').textContent()).toBe('none');
    expect(await page.getByText(`id ${captured}`).count()).toBe(1);

    await page.getByRole('button', { name: 'Apply to settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();
    const stored = JSON.parse(await readFile(join(e2e.app.home, 'hooksmith.json'), 'utf8')).settings;
    expect(stored).toMatchObject({ eventTypeStyle: 'RequestCreated', escapeMode: 'none' });

    await page.getByRole('button', { name: 'Save as sample' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as sample' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await page.getByRole('radio', { name: 'RequestCreated style', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'No escaping', exact: true }).isChecked()).toBe(true);

    // The real webhook, matched by its path: the prediction under the applied settings equals what was sent.
    const template = '{"text":"{{event_type}}: {{data.justification}}"}';
    const created = await callApiInPage(page, 'webhooks.create', { input: webhookInput({ name: 'Ticket', url: 'https://tickets.example.com/hooks/ticket', bodyTemplate: template }) });
    expect(created.ok).toBe(true);
    const real = Handlebars.compile(template, { noEscape: true })(event);
    await run('curl', ['-sS', '--noproxy', '*', '--data-binary', real, `${url}hooks/ticket`]);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Capture' }).click();
    await page.getByRole('button', { name: 'POST /hooks/ticket' }).click();
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByTestId('prediction-summary').waitFor();
    expect(await page.getByTestId('prediction-summary').textContent()).toMatch(/^Ticket: Equal/);
    // With the other escaping, the diff viewer shows where they part.
    expect((await callApiInPage(page, 'settings.update', { patch: { escapeMode: 'html' } })).ok).toBe(true);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByTestId('prediction-summary').filter({ hasText: 'Differs at line 1' }).waitFor();
    await page.locator('.monaco-diff-editor').first().waitFor();

    // The receiver still runs; stop it and it refuses connections.
    await page.getByRole('button', { name: 'Stop capturing' }).click();
    await page.getByRole('button', { name: 'Start capturing' }).waitFor();
    await expect(run('curl', ['-sS', '--noproxy', '*', url])).rejects.toThrow();
  });
});
