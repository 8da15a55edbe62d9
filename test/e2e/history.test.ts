/**
 * A support engineer opens History, narrows it to failures, opens one, reads why it failed, replays it and
 * compares original and replay in the diff view, in real Chromium against `npm run web`.
 *
 * The history is seeded by really sending: the backend is created on the same data folder first (as the
 * CLI would), tests two webhooks against a local mockttp HTTPS receiver, and closes its history store before
 * the web server opens the folder. The receiver answers 503 three times on /down, then recovers, so the
 * replay differs from the original.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { destroyAgents } from '../../electron/services/delivery/agents';
import type { Receiver } from '../servers/receiver';
import { backendTrusting } from '../support/receiver-suite';
import { webhookInput } from '../support/webhook-fixtures';
import { callApiInPage, e2eSuite, foreignRequests, gotoWithRetry, monacoText } from './harness';

let flakyId = '';
/** Console errors in the page too: Monaco reports a misused diff editor there. */
const e2e = e2eSuite({ receiver: 'trusted', errors: 'console', seed: seedHistory });

/** Sends for real before the server starts: the backend on the same data folder (as the CLI would) tests two webhooks. */
async function seedHistory({ home, rx }: { home: string; rx: Receiver | undefined }): Promise<void> {
  if (!rx) throw new Error('The history seed needs the receiver.');
  await rx.server.forPost('/down').times(3).thenReply(503, 'maintenance', { 'Retry-After': '120' });
  await rx.server.forPost('/down').thenJson(200, { status: 'recovered' });
  await rx.server.forPost('/ok').thenJson(200, { status: 'accepted' });

  const backend = await backendTrusting(rx, { dataDir: home });
  for (const [name, path] of [['FlakyEndpoint', '/down'], ['HealthyEndpoint', '/ok']] as const) {
    const created = await backend.api.webhooks.create({ input: webhookInput({ name, url: rx.url(path), triggers: ['RequestCreated'] }) });
    if (!created.ok) throw new Error(created.error.message);
    if (name === 'FlakyEndpoint') flakyId = created.value.webhook.id;
    for (let i = 0; i < 3; i++) {
      const sent = await backend.api.delivery.test({ webhookId: created.value.webhook.id, trigger: 'RequestCreated', runId: `${name}-${i}` });
      if (!sent.ok) throw new Error(sent.error.message);
    }
  }
  // One writer at a time: the web server opens the same history folder next.
  backend.history.store.close();
  destroyAgents();
}

describe('the history browser', () => {
  it('filters to failures, opens one with its hint, replays it and shows the diff', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, `${e2e.app.url}#/history`);
    const table = page.getByRole('table', { name: 'Invocations' });
    const rows = table.getByRole('rowgroup', { name: 'Invocation rows' }).getByRole('row');
    await page.getByText('6 invocations').waitFor();
    expect(await rows.count()).toBe(6);

    await page.getByLabel('Result').selectOption('Failure');
    await page.getByText('3 invocations').waitFor();
    expect(await rows.count()).toBe(3);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/FlakyEndpoint.*Failure.*503.*http-status/);

    // Sorting is announced on the header.
    const durationHeader = table.getByRole('columnheader', { name: 'Duration' });
    await durationHeader.getByRole('button').click();
    expect(await durationHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await table.getByRole('columnheader', { name: 'Time' }).getAttribute('aria-sort')).toBe('none');

    await rows.first().click();
    const panel = page.getByRole('dialog', { name: 'Invocation data' });
    await panel.waitFor();
    expect(await panel.getByRole('note', { name: 'What went wrong' }).textContent()).toMatch(/503.*retry after 120 s/is);
    const originalBody = JSON.parse(await monacoText(panel.getByRole('figure').filter({ hasText: 'Request body' })));

    await panel.getByRole('button', { name: 'Replay exactly' }).click();
    const diff = page.getByRole('dialog', { name: 'Original vs replay' });
    await diff.waitFor();
    // The original failed, the replay reached the recovered endpoint.
    expect(await diff.textContent()).toMatch(/Original\s*Failure · 503.*Replay\s*Success · 200/s);
    // Same request body (an exact replay), so the diff says so; the response status differs.
    await diff.getByText('No difference in the request body.').waitFor();
    await diff.getByRole('tab', { name: /Response status/ }).click();
    const editor = diff.locator('.monaco-diff-editor');
    await editor.locator('.modified .view-lines', { hasText: '200 OK' }).waitFor();
    // Monaco renders spaces as no-break spaces.
    expect((await editor.locator('.original .view-lines').textContent())!.replace(/\u00a0/g, ' ')).toMatch(/^503 Service Unavailable/);
    expect(await diff.getByRole('tab', { name: /Response status/ }).textContent()).toContain('(differs)');
    // Arrows, Home and End move between the parts, as in the invocation panel.
    const selected = (name: RegExp) => diff.getByRole('tab', { name }).getAttribute('aria-selected');
    await page.keyboard.press('End');
    await expect.poll(() => selected(/^Response body/)).toBe('true');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => selected(/^Request body/)).toBe('true');

    const seen = await Promise.all((await e2e.rx.server.getMockedEndpoints()).map((e) => e.getSeenRequests()));
    const downs = seen.flat().filter((r) => r.path === '/down');
    expect(downs).toHaveLength(4);
    expect(JSON.parse((await downs[3]!.body.getText())!)).toEqual(originalBody);

    // The replay is a new invocation linked to its original.
    await diff.getByRole('button', { name: 'Open replay' }).click();
    await diff.waitFor({ state: 'detached' });
    await panel.getByText(/^Replay of/).waitFor();
    expect(await panel.locator('.badge').textContent()).toBe('Success');

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(foreignRequests(e2e.session.requests, e2e.app.origin)).toEqual([]);
    // Switching parts and closing the diff disposed its models in order: no "TextModel got disposed before
    // DiffEditorWidget model got reset".
    expect(e2e.pageErrors).toEqual([]);
  });

  it('per webhook: the link from the webhooks table, a health chart, and search', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url);
    await page.getByRole('button', { name: 'Actions for FlakyEndpoint' }).click();
    await page.getByRole('menuitem', { name: 'History' }).click();
    await page.waitForURL(new RegExp(`#/history\\?webhook=${flakyId}$`));
    await page.getByRole('heading', { name: 'History: FlakyEndpoint' }).waitFor();
    const chart = page.getByRole('img', { name: /^FlakyEndpoint: 25% success over 4 invocations/ });
    await chart.waitFor();
    expect(await page.getByText('4 invocations').count()).toBe(1);

    await page.getByLabel('Webhook').selectOption('');
    await page.getByLabel('Search').fill(e2e.rx.url('/ok'));
    await page.getByText('3 invocations').waitFor();
    const rows = page.getByRole('rowgroup', { name: 'Invocation rows' }).getByRole('row');
    for (const text of await rows.allTextContents()) expect(text).toContain('HealthyEndpoint');

    await page.getByLabel('HTTP status').fill('6xx');
    expect(await page.getByRole('alert').filter({ hasText: 'HTTP status: "6xx" is not a status' }).count()).toBe(1);
    expect(foreignRequests(e2e.session.requests, e2e.app.origin)).toEqual([]);
  });

  it('finds the invocations of an Apono request by its id or its requester email', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url + '#/history');
    await page.getByText(/^\d+ invocations$/).waitFor();
    const request = page.getByLabel('Apono request');
    const rows = page.getByRole('rowgroup', { name: 'Invocation rows' }).getByRole('row');
    // Every seeded send rendered the RequestCreated sample: request AR-123, requested by user@example.com.
    await request.fill('ar-123');
    await page.getByText(/^\d+ invocations?$/).waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await request.fill('AR-999');
    await page.getByText(/^No invocations of Apono request “AR-999” match these filters\./).waitFor();
    expect(await rows.count()).toBe(0);
    await request.fill('USER@example.com');
    await page.getByText(/^\d+ invocations?$/).waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await request.fill('nobody@example.com');
    await page.getByText(/^No invocations requested by “nobody@example.com”/).waitFor();
    await request.fill('');
    await page.getByText(/^\d+ invocations$/).waitFor();
  });

  it('a search the user stops, or replaces by typing on, is cancelled in the backend by its run id', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url + '#/history');
    await page.getByText(/^\d+ invocations$/).waitFor();
    // Hold each text search's answer (the backend has already scanned) so the UI is still "Searching…" when
    // the user acts; what is checked is what the UI sends: delivery.cancel with that search's run id.
    const held: (() => Promise<void>)[] = [];
    const searches: string[] = [];
    const cancels: string[] = [];
    await page.route('**/api/history.list', async (route) => {
      const { arg } = JSON.parse(route.request().postData() ?? '{}') as { arg: { text?: string; runId?: string } };
      if (arg.text === undefined) return route.continue();
      searches.push(arg.runId ?? '(none)');
      const answer = await route.fetch();
      held.push(() => route.fulfill({ response: answer }));
    });
    page.on('request', (r) => {
      if (r.url().endsWith('/api/delivery.cancel')) cancels.push((JSON.parse(r.postData() ?? '{}') as { arg: { runId: string } }).arg.runId);
    });

    const search = page.getByLabel('Search');
    await search.fill('maintenance');
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await expect.poll(() => held.length).toBe(1);
    await search.fill('maintenance window');
    await expect.poll(() => searches.length).toBe(2);
    // The first search was superseded: cancelled by its own run id, not the new one's.
    await expect.poll(() => cancels).toEqual([searches[0]]);

    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByText(/^Search stopped\. Change the search to run it again\.$/).waitFor();
    expect(cancels).toEqual([searches[0], searches[1]]);
    // Answers that come after the stop change nothing on screen.
    await expect.poll(() => held.length).toBe(2);
    for (const release of held.splice(0)) await release();
    expect(await page.getByText(/^Search stopped/).count()).toBe(1);
    expect(await page.getByRole('rowgroup', { name: 'Invocation rows' }).getByRole('row').count()).toBe(0);
    await page.unroute('**/api/history.list');

    await search.fill('');
    await page.getByText(/^\d+ invocations$/).waitFor();
  });

  it('downloads a repro bundle from the panel and imports it back as a new webhook with a replayable entry', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, `${e2e.app.url}#/history?webhook=${flakyId}`);
    await page.getByRole('rowgroup', { name: 'Invocation rows' }).getByRole('row').last().click();
    const panel = page.getByRole('dialog', { name: 'Invocation data' });
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download repro bundle' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^FlakyEndpoint-.*\.hooksmith-bundle\.json$/);
    const file = join(e2e.home, 'bundle.json');
    await download.saveAs(file);
    const bundle = JSON.parse(await readFile(file, 'utf8')) as { kind: string; webhook: { name: string } };
    expect(bundle).toMatchObject({ kind: 'hooksmith-repro-bundle', webhook: { name: 'FlakyEndpoint' } });
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.getByLabel('Repro bundle file').setInputFiles(file);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText(/Created the webhook FlakyEndpoint\S* \(inactive\)/).waitFor();
    await dialog.getByRole('button', { name: 'open the imported invocation' }).click();
    await panel.waitFor();
    expect(await panel.locator('.panel-meta').textContent()).toMatch(/^FlakyEndpoint\S+ · RequestCreated/);
    await panel.getByText(/^Imported from invocation \S{8} of /).waitFor();
    expect(foreignRequests(e2e.session.requests, e2e.app.origin)).toEqual([]);
  });

  it('the settings dialog says how many invocations new limits delete before it applies them', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, `${e2e.app.url}#/history`);
    const status = page.locator('.history-status');
    await status.getByText(/^\d+ invocations/).waitFor();
    const before = Number(/^(\d+)/.exec((await status.textContent()) ?? '')![1]);
    await page.getByRole('button', { name: 'Settings…' }).click();
    const dialog = page.getByRole('dialog', { name: 'History settings' });
    const maxRecords = dialog.getByLabel('Max invocations');
    await maxRecords.fill('2');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // Nothing is deleted yet: the dialog names the count and asks again.
    await dialog.getByText(`These limits delete ${before - 2} invocations now`).waitFor();
    await dialog.getByRole('button', { name: 'Delete and save' }).waitFor();
    const listed = await callApiInPage(page, 'history.list', { limit: 1 });
    expect(listed.ok && (listed.value as { total: number }).total).toBe(before);
    // Changing the limits withdraws the question; limits that delete nothing save at once.
    await maxRecords.fill('');
    await dialog.getByText(/These limits delete/).waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText(/^Saved\./).waitFor();
    const after = await callApiInPage(page, 'history.list', { limit: 1 });
    expect(after.ok && (after.value as { total: number }).total).toBe(before);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  // Last: it empties the history the tests above read.
  it('deletes one invocation after a confirmation, then clears the whole history', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, `${e2e.app.url}#/history`);
    const rows = page.getByRole('rowgroup', { name: 'Invocation rows' }).getByRole('row');
    const status = page.locator('.history-status');
    await status.getByText(/^\d+ invocations/).waitFor();
    const before = Number(/^(\d+)/.exec((await status.textContent()) ?? '')![1]);
    expect(before).toBeGreaterThan(3);
    await rows.first().click();
    const panel = page.getByRole('dialog', { name: 'Invocation data' });
    await panel.getByRole('button', { name: 'Delete…' }).click();
    await panel.getByRole('button', { name: 'Keep it' }).click();
    await panel.getByRole('button', { name: 'Delete…' }).click();
    await panel.getByRole('button', { name: 'Delete invocation' }).click();
    await panel.waitFor({ state: 'detached' });
    await status.getByText(`${before - 1} invocations`).waitFor();

    // Importing a curl command replaces the Import button with the result; Escape must still close the dialog.
    await page.getByRole('button', { name: 'Import…' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import' });
    await importDialog.getByLabel('Or paste a curl command or a bundle').fill(`curl -X POST ${e2e.rx.url('/ok')} -d '{"a":1}'`);
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await importDialog.getByText(/Created the webhook/).waitFor();
    await page.keyboard.press('Escape');
    await importDialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Clear history…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clear history' });
    await dialog.getByText(`This deletes all ${before - 1} kept invocations`).waitFor();
    await dialog.getByRole('button', { name: 'Delete all invocations' }).click();
    await page.getByText('No invocations yet.').waitFor();
    // The store agrees, not just the screen: a fresh query through the API finds nothing.
    const listed = await callApiInPage(page, 'history.list', { limit: 1 });
    const total = listed.ok ? (listed.value as { total: number }).total : listed.error.message;
    expect(total).toBe(0);
  });
});
