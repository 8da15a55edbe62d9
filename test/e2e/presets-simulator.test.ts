/**
 * An admin starts from the Okta Workflows preset, fills its placeholders, narrows it with a filter, saves,
 * and sees in the simulator and the truth table which steps fire — real Chromium against `npm run web`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callApiInPage, e2eSuite, foreignRequests, gotoWithRetry } from './harness';

const e2e = e2eSuite({ errors: 'page' });
/** Where to write screenshots for a human to look at; unset in normal runs. */
const SHOTS = process.env.HOOKSMITH_SHOTS;

describe('presets and the simulator', () => {
  it('opens the gallery from Add Webhook and prefills the form from the Okta Workflows preset', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, e2e.app.url);
    await page.getByRole('button', { name: 'Add Webhook' }).first().click();
    await page.getByRole('heading', { name: 'Add Webhook: choose a target' }).waitFor();
    const cards = page.getByRole('list', { name: 'Targets' }).getByRole('link');
    expect(await cards.count()).toBe(14);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'gallery.png'), fullPage: true });
    await page.getByRole('link', { name: /^Okta Workflows/ }).click();
    await page.getByRole('heading', { name: 'Add Webhook' }).waitFor();
    expect(page.url()).toContain('#/webhooks/new?preset=okta-workflows');
    expect(await page.getByLabel('Name').inputValue()).toBe('OktaWorkflows');
    expect(await page.getByLabel('URL').inputValue()).toBe('https://<OKTA_ORG>.workflows.okta.com/api/flo/<FLOW_ID>/invoke');
    await page.getByRole('complementary', { name: 'Okta Workflows setup' }).waitFor();
  });

  it('refuses to save while the URL holds placeholders, naming them', async () => {
    const { page } = e2e.session;
    await page.getByRole('button', { name: 'Save Webhook' }).click();
    const urlError = page.locator('[data-field="url"] .error');
    await urlError.waitFor();
    expect(await urlError.textContent()).toContain('URL still contains the preset placeholders <OKTA_ORG>, <FLOW_ID>');
    const saved = JSON.parse(await readFile(join(e2e.app.home, 'hooksmith.json'), 'utf8'));
    expect(saved.webhooks).toEqual([]);
  });

  it('saves once the placeholders are filled and a filter narrows it to AWS', async () => {
    const { page } = e2e.session;
    await page.getByLabel('URL').fill('https://acme.workflows.okta.com/api/flo/abc123/invoke');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByLabel('Field', { exact: true }).selectOption('integration_type');
    // Typed rather than picked: Enter makes it a chip (picking from the suggestions is in manual-invoke.test.ts).
    await page.getByRole('combobox', { name: 'Values' }).fill('AWS Account');
    await page.getByRole('combobox', { name: 'Values' }).press('Enter');
    await page.getByRole('button', { name: 'Save Webhook' }).click();
    await page.getByText('Saved.').waitFor();
    const saved = JSON.parse(await readFile(join(e2e.app.home, 'hooksmith.json'), 'utf8'));
    expect(saved.webhooks).toMatchObject([{ name: 'OktaWorkflows', filters: [{ field: 'integration_type', values: ['AWS Account'] }] }]);
  });

  it('the simulator shows which lifecycle steps fire for the sample requests', async () => {
    const { page } = e2e.session;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Simulator' }).click();
    await page.getByRole('heading', { name: 'Lifecycle simulator' }).waitFor();
    const cell = (step: string) => page.getByRole('button', { name: new RegExp(`^${step} × OktaWorkflows: `) });
    // The documented example is a Postgres request: filtered out at every step.
    await cell('RequestCreated').waitFor();
    expect(await cell('RequestCreated').getAttribute('aria-label')).toMatch(/filtered out$/);
    // The Granted sample requests AWS access too: every step of the granted lifecycle fires.
    await page.getByLabel('Base request').selectOption({ label: 'Sample: Granted: two integrations, grantee differs from requester, no bundle' });
    for (const step of ['RequestCreated', 'RequestApproved', 'RequestGranted', 'RequestExpired']) {
      expect(await cell(step).getAttribute('aria-label'), step).toMatch(/: fires$/);
    }
    // Editing starts from the request picked: the Granted sample's grantee is in the JSON to edit.
    await page.getByLabel('Base request').selectOption({ label: 'Edit as JSON…' });
    expect(await page.getByLabel('Request JSON').inputValue()).toContain('"grantee"');
    for (const step of ['RequestCreated', 'RequestGranted']) expect(await cell(step).getAttribute('aria-label'), step).toMatch(/: fires$/);
    await page.getByLabel('Base request').selectOption({ label: 'Sample: Granted: two integrations, grantee differs from requester, no bundle' });
    await page.getByLabel('Created → Rejected').check();
    expect(await cell('RequestRejected').getAttribute('aria-label')).toMatch(/: fires$/);
    await cell('RequestRejected').click();
    const detail = page.getByRole('region', { name: 'Selected cell' });
    await detail.getByText('Body it would send').waitFor();
    const body = JSON.parse((await detail.locator('pre').textContent()) ?? '');
    expect(body.fields).toMatchObject({ 'event type': 'AccessRequestRejected', 'request id': 'AR-124', 'integration name': 'prod db' });
    // One entry per access group (Postgres, AWS), each with its access units.
    expect(body.resources.map((g: { integration: string }) => g.integration)).toEqual(['prod db', 'aws prod']);
    expect(body.resources.flatMap((g: { access_units: unknown[] }) => g.access_units)).toHaveLength(3);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'simulator.png'), fullPage: true });
  });

  it('the truth table explains each sample from the edit page', async () => {
    const { page } = e2e.session;
    await page.getByRole('link', { name: 'OktaWorkflows' }).click();
    await page.getByRole('heading', { name: 'Edit Webhook' }).waitFor();
    await page.getByRole('link', { name: 'Truth table' }).click();
    await page.getByRole('heading', { name: 'Truth table: OktaWorkflows' }).waitFor();
    expect(await page.getByText(/It fires for 2 of 17 sample events/).count()).toBe(1);
    const row = page.getByRole('row', { name: /^Created \(documented example\)/ });
    expect(await row.textContent()).toContain('filter 1 (integration_type) wants "AWS Account"; the event has "Postgresql"');

    // A sample the user saved joins the library, as the event its event_type names.
    const event = { event_type: 'AccessRequestApproved', data: { id: 'MINE-1', access_groups: [{ integration: { name: 'my aws', type: 'AWS Account' } }] } };
    const saved = (await callApiInPage(page, 'samples.save', { name: 'My AWS approval', event })).ok;
    expect(saved).toBe(true);
    await page.reload();
    await page.getByText(/It fires for 3 of 18 sample events/).waitFor();
    const mine = page.getByRole('row', { name: /^Saved: My AWS approval/ });
    expect(await mine.textContent()).toBe('Saved: My AWS approvalRequestApproved✓ fires');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'truth-table.png'), fullPage: true });
    expect(foreignRequests(e2e.session.requests, e2e.app.origin)).toEqual([]);
    expect(e2e.pageErrors).toEqual([]);
  });
});
