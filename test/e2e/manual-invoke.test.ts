/**
 * Filters picked from the sample library, the truth-table line on the edit page, "Invoke manually…" from the
 * Webhooks table, and "Send all that fire" in the simulator — in real Chromium against the browser-mode
 * server, sending to a loopback HTTPS receiver whose CA the server trusts through NODE_EXTRA_CA_CERTS.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heldEndpoint } from '../support/held-endpoint';
import { e2eSuite, foreignRequests, gotoWithRetry } from './harness';

const SHOTS = process.env.HOOKSMITH_SHOTS;
/** `dark` takes the screenshots in the dark theme. */
const SCHEME = process.env.HOOKSMITH_SHOTS_SCHEME === 'dark' ? 'dark' : 'light';
const shot = (name: string) => join(SHOTS ?? '', `${name}-${SCHEME}.png`);

const e2e = e2eSuite({ receiver: 'trusted', colorScheme: SCHEME });

/** The triggers of the recorded invocations, asked of the running server over its API bridge. */
async function historyTriggers(): Promise<string[]> {
  const token = new URL(e2e.app.url).searchParams.get('token')!;
  const res = await fetch(`${e2e.app.origin}/api/history.list`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hooksmith-token': token }, body: JSON.stringify({ arg: {} }) });
  const r = (await res.json()) as { ok: boolean; value: { items: Array<{ trigger: string }> }; error?: unknown };
  expect(r, JSON.stringify(r.error)).toMatchObject({ ok: true });
  return r.value.items.map((i) => i.trigger);
}

describe('filters from the sample library, manual invocation and sending from the simulator', () => {
  it('picks a filter value from the suggestions and the truth-table line follows the form', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url);
    await page.getByRole('button', { name: 'Add Webhook' }).first().click();
    await page.getByRole('link', { name: /^Custom webhook/ }).click();
    await page.getByLabel('Name').fill('LocalHook');
    await page.getByLabel('URL').fill(e2e.rx.url('/hook'));
    const summary = page.getByRole('region', { name: 'Truth table' }).getByRole('status');
    await summary.getByText(/^Fires for \d+ of 17 sample events/).waitFor();
    const before = Number(/Fires for (\d+)/.exec((await summary.textContent())!)![1]);
    expect(before).toBeGreaterThan(1);

    await page.getByLabel('RequestGranted').check();
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('note', { name: 'How filters match' }).getByText('any one').waitFor();
    const values = page.getByRole('combobox', { name: 'Values' });
    await values.click();
    const list = page.getByRole('listbox', { name: /values from the sample library/ });
    await list.getByRole('option', { name: /^prod db/ }).waitFor();
    if (SHOTS) {
      await page.getByRole('button', { name: 'Add filter' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: shot('filters-open') });
    }
    await values.fill('aws');
    expect(await list.getByRole('option').allTextContents()).toEqual(['aws prod2 samples']);
    await list.getByRole('option', { name: /^aws prod/ }).click();
    await page.getByRole('list', { name: 'Values chosen' }).getByText('aws prod').waitFor();
    expect(await values.inputValue()).toBe('');
    // Only the Granted sample holds the AWS integration among the built-in samples.
    await summary.getByText(/^Fires for 1 of 17 sample events/).waitFor();
    if (SHOTS) {
      await page.getByRole('region', { name: 'Truth table' }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: shot('filters-picked') });
    }

    await page.getByRole('button', { name: 'Save Webhook' }).click();
    await page.getByText('Saved.').waitFor();
    const saved = JSON.parse(await readFile(join(e2e.app.home, 'hooksmith.json'), 'utf8'));
    expect(saved.webhooks).toMatchObject([{ name: 'LocalHook', triggers: ['RequestCreated', 'RequestGranted'], filters: [{ field: 'integration', values: ['aws prod'] }] }]);
    await page.getByRole('link', { name: 'view table' }).waitFor();
  });

  it('invokes the webhook manually from its row menu, with a chosen sample, and opens the invocation', async () => {
    const ep = await e2e.rx.server.forPost('/hook').thenJson(200, { accepted: true });
    const { page } = e2e.session;
    await page.getByRole('link', { name: 'Back to webhooks' }).click();
    await page.getByRole('button', { name: 'Actions for LocalHook' }).click();
    await page.getByRole('menuitem', { name: 'Invoke manually…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invoke LocalHook manually' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`localhost:${e2e.rx.server.port}`);
    // Filters and triggers do not stop a manual invocation: the documented example is not an AWS request.
    await dialog.getByLabel('Event').selectOption({ label: 'Created (documented example)' });
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.getByText('Invocation successful').waitFor();
    if (SHOTS) await page.screenshot({ path: shot('manual-invoke') });

    const [seen] = await ep.getSeenRequests();
    expect(await seen!.body.getJson()).toEqual({ event_type: 'AccessRequestCreated', request_id: 'AR-123' });
    await dialog.getByRole('button', { name: 'View Invocation Data' }).click();
    const panel = page.getByRole('dialog', { name: 'Invocation data' });
    await panel.waitFor();
    expect(await panel.textContent()).toMatch(/LocalHook · Manual/);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await historyTriggers()).toEqual(['Manual']);
  });

  it('sends every fired cell from the simulator after confirming, and links each outcome to its invocation', async () => {
    const ep = await e2e.rx.server.forPost('/hook').always().thenJson(201, { created: true });
    const { page } = e2e.session;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Simulator' }).click();
    await page.getByLabel('Base request').selectOption({ label: 'Sample: Granted: two integrations, grantee differs from requester, no bundle' });
    await page.getByRole('button', { name: 'Send all that fire (2)' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain(`Send 2 requests to localhost:${e2e.rx.server.port}?`);
    if (SHOTS) await page.screenshot({ path: shot('simulator-confirm'), fullPage: true });
    await confirm.getByRole('button', { name: 'Send 2 requests' }).click();
    await page.getByText('Sent 2: 2 succeeded').waitFor();
    const outcome = page.getByRole('button', { name: 'Open invocation RequestGranted × LocalHook: Success 201' });
    await outcome.click();
    const panel = page.getByRole('dialog', { name: 'Invocation data' });
    expect(await panel.textContent()).toMatch(/LocalHook · RequestGranted/);
    if (SHOTS) await page.screenshot({ path: shot('simulator-sent'), fullPage: true });
    await page.keyboard.press('Escape');

    const seen = await ep.getSeenRequests();
    expect(await Promise.all(seen.map(async (q) => ((await q.body.getJson()) as { event_type: string }).event_type))).toEqual([
      'AccessRequestCreated',
      'AccessRequestGranted',
    ]);
    expect((await historyTriggers()).sort()).toEqual(['Manual', 'RequestCreated', 'RequestGranted']);
    expect(foreignRequests(e2e.session.requests, e2e.app.origin)).toEqual([]);
  });

  it('Stop during "Send all that fire" cancels the request in flight (recorded as cancelled) and sends no more', async () => {
    await e2e.rx.server.reset();
    const hold = await heldEndpoint(e2e.rx.server, '/hook');
    try {
      const { page } = e2e.session;
      await page.getByRole('button', { name: 'Send all that fire (2)' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Send 2 requests' }).click();
      await hold.reached; // the first request sits at the receiver, which does not answer
      await page.getByRole('group', { name: 'Send all that fire' }).getByRole('button', { name: 'Stop' }).click();
      await page.getByText('Sent 1: 0 succeeded, 1 failed or not sent').waitFor();
      expect(await hold.endpoint.getSeenRequests()).toHaveLength(1);
      const token = new URL(e2e.app.url).searchParams.get('token')!;
      const res = await fetch(`${e2e.app.origin}/api/history.list`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hooksmith-token': token }, body: JSON.stringify({ arg: {} }) });
      const newest = ((await res.json()) as { value: { items: Array<{ trigger: string; errorClass: string | null }> } }).value.items[0];
      expect(newest).toMatchObject({ trigger: 'RequestCreated', errorClass: 'cancelled' });
    } finally {
      hold.release();
    }
  });
});
