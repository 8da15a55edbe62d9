/**
 * A user fills a webhook for a local HTTPS receiver, presses Test, and reads what went out in the
 * invocation panel, in real Chromium against `npm run web`.
 *
 * The receiver is mockttp over HTTPS with a generated CA; the web server trusts that CA through
 * NODE_EXTRA_CA_CERTS (a temp PEM file), exactly as a user behind a corporate CA would set it up. The
 * browser itself only talks to the Hooksmith server; the webhook goes out from the server process.
 */
import { describe, expect, it } from 'vitest';
import { e2eSuite, foreignRequests, gotoWithRetry, monacoText } from './harness';

const e2e = e2eSuite({ receiver: 'trusted' });

describe('the Test button and the invocation panel', () => {
  it('tests an unsaved webhook, says "Test successful", and shows the body sent and the timing chart', async () => {
    const ep = await e2e.rx.server.forPost('/hook').thenJson(200, { status: 'accepted' }, { 'X-Receiver': 'mockttp' });
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url);
    await page.getByRole('button', { name: 'Add Webhook' }).first().click();
    await page.getByRole('link', { name: /^Custom webhook/ }).click();
    await page.getByLabel('Name').fill('LocalReceiver');
    await page.getByLabel('URL').fill(e2e.rx.url('/hook'));
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByText('Test successful').waitFor();

    const [seen] = await ep.getSeenRequests();
    const sentBody = (await seen!.body.getText())!;
    expect(JSON.parse(sentBody)).toMatchObject({ event_type: 'AccessRequestCreated' });

    await page.getByRole('button', { name: 'View Invocation Data' }).click();
    const panel = page.getByRole('dialog', { name: 'Invocation data' });
    await panel.waitFor();
    // The Request tab shows the body exactly as sent (pretty-printed, in a read-only editor), and the URL.
    const body = panel.getByRole('figure').filter({ hasText: 'Request body' }).locator('.monaco-editor .view-lines');
    await body.locator('.view-line').first().waitFor();
    const shown = await body.evaluate((el) => (el as unknown as { innerText: string }).innerText.replace(/\u00a0/g, ' '));
    expect(JSON.parse(shown)).toEqual(JSON.parse(sentBody));
    expect(await panel.textContent()).toContain(e2e.rx.url('/hook'));

    await panel.getByRole('tab', { name: 'Response' }).click();
    expect(await panel.getByText('200 OK').count()).toBe(1);
    expect(await panel.getByRole('rowheader', { name: 'X-Receiver' }).count()).toBe(1);

    await panel.getByRole('tab', { name: 'Timing' }).click();
    const chart = panel.getByRole('table', { name: 'Timing of each phase' });
    await chart.waitFor();
    for (const phase of ['Webhook call', 'TCP connect', 'TLS handshake', 'Waiting (first byte)', 'Download']) {
      expect(await chart.getByRole('rowheader', { name: phase }).count()).toBe(1);
    }
    const tlsBar = chart.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'TLS handshake' }) }).locator('.wf-bar');
    expect(await tlsBar.getAttribute('style')).toMatch(/left: [\d.]+%; width: [\d.]+%/);
    expect((await tlsBar.boundingBox())?.width).toBeGreaterThan(0);

    // The tabs follow the WAI-ARIA pattern from the keyboard: arrows move and wrap, Home/End jump.
    const selected = (name: string) => panel.getByRole('tab', { name, exact: true }).getAttribute('aria-selected');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => selected('Validators')).toBe('true');
    await page.keyboard.press('Home');
    await expect.poll(() => selected('Request')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => selected('Validators')).toBe('true');

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(foreignRequests(e2e.session.requests, e2e.app.origin)).toEqual([]);
  });

  it('says "Test failed" with the hint, from Ctrl+Enter', async () => {
    await e2e.rx.server.forPost('/down').thenReply(503, 'maintenance', { 'Retry-After': '120' });
    const { page } = e2e.session;
    await page.getByLabel('URL').fill(e2e.rx.url('/down'));
    await page.keyboard.press('Control+Enter');
    await page.getByText('Test failed').waitFor();
    expect(await page.locator('.test-result .hint').textContent()).toMatch(/temporarily unavailable.*retry after 120 s/);
  });

  it('Ctrl+Enter in the template editor runs one Test and leaves the template as it was', async () => {
    const ep = await e2e.rx.server.forPost('/from-editor').thenJson(200, { status: 'accepted' });
    const { page } = e2e.session;
    await page.getByLabel('URL').fill(e2e.rx.url('/from-editor'));
    const template = page.locator('.tw-template');
    const before = await monacoText(template);
    await page.getByLabel('Body Template').focus();
    await page.keyboard.press('Control+Enter');
    await page.getByText('Test successful').waitFor();
    expect(await ep.getSeenRequests()).toHaveLength(1);
    // Monaco's own Ctrl+Enter (insert a line below) did not run as well.
    expect(await monacoText(template)).toBe(before);
  });

  it('Cancel stops a slow test and says "Cancelled", not "Test failed"', async () => {
    await e2e.rx.server.forPost('/slow').thenTimeout();
    const { page } = e2e.session;
    await page.getByLabel('URL').fill(e2e.rx.url('/slow'));
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.test-result .verdict').getByText(/^Cancelled/).waitFor();
    expect(await page.getByText('Test failed').count()).toBe(0);
    expect(await page.locator('.test-result .hint').textContent()).toMatch(/stopped on request/);
  });
});
