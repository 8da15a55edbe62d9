/**
 * `hooksmith render` and `lint` follow the saved settings (escape mode, event_type spelling) and samples, so
 * their verdicts match the app's and what `hooksmith send` actually sends to a real receiver.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import type { Settings } from '../../shared/model/store-schema';
import type { LintFinding } from '../../shared/template/lint-template';
import { backendTrusting, receiverSuite } from '../support/receiver-suite';
import { cliIn } from '../support/cli-in';
import { webhookInput } from '../support/webhook-fixtures';

const suite = receiverSuite({ caFile: true });
const cli = (args: string[]) => cliIn(suite.dir.path, args);
const home = () => join(suite.dir.path, 'home');

/** Saves settings (and samples) through the API, as the app's Settings page and template editor do. */
async function save(patch: Partial<Settings>, samples: Array<{ name: string; event: Record<string, unknown> }> = []): Promise<void> {
  const backend = await backendTrusting(suite.rx, { dataDir: home() });
  try {
    expect((await backend.api.settings.update({ patch })).ok).toBe(true);
    for (const s of samples) expect((await backend.api.samples.save(s)).ok).toBe(true);
  } finally {
    backend.history.store.close();
  }
}

async function file(name: string, text: string): Promise<string> {
  await writeFile(join(suite.dir.path, name), text);
  return name;
}

const definition = (bodyTemplate: string) => JSON.stringify({ schemaVersion: 1, ...webhookInput({ name: 'Echo', url: suite.rx.url('/echo'), bodyTemplate, triggers: ['RequestCreated'] }) });

describe('render and lint with saved settings', () => {
  it('render prints the event_type spelling that send sends; a flag still wins', async () => {
    await save({ escapeMode: 'none', eventTypeStyle: 'RequestCreated' });
    const template = '{"t":"{{event_type}}","who":"{{data.requester.name}}"}';
    await file('t.hbs', template);
    const rendered = await cli(['render', 't.hbs']);
    expect(rendered).toMatchObject({ code: 0, err: '' });
    expect(rendered.out).toContain('"t":"RequestCreated"');

    const ep = await suite.rx.server.forPost('/echo').thenReply(200, 'ok');
    const sent = await cli(['send', await file('echo.json', definition(template)), '--ca', 'ca.pem']);
    expect(sent.code).toBe(0);
    const [seen] = await ep.getSeenRequests();
    expect(`${await seen?.body.getText()}\n`).toBe(rendered.out);

    const pinned = await cli(['render', 't.hbs', '--escape', 'html', '--event-type', 'AccessRequestCreated']);
    expect(pinned.out).toContain('"t":"AccessRequestCreated"');
  });

  it('render, lint and send agree that a quote breaks the body when escaping is off', async () => {
    await save({ escapeMode: 'none' });
    const template = '{"who": "{{data.requester.name}}"}';
    await file('q.hbs', template);
    await file('quote.json', JSON.stringify({ event_type: 'AccessRequestCreated', data: { requester: { name: 'Jane "JJ" Doe' } } }));
    const ep = await suite.rx.server.forAnyRequest().thenReply(200);

    const rendered = await cli(['render', 'q.hbs', '--payload', 'quote.json']);
    expect(rendered.code).toBe(1);
    expect(rendered.err).toMatch(/^q\.hbs:1:\d+: rendered body is not JSON/);
    const sent = await cli(['send', await file('q.json', definition(template)), '--payload', 'quote.json', '--json', '--ca', 'ca.pem']);
    expect(sent.code).toBe(1);
    expect((JSON.parse(sent.out) as InvocationRecord).error?.errorClass).toBe('invalid-body');
    expect(await ep.getSeenRequests()).toEqual([]);

    const linted = await cli(['lint', 'q.hbs', '--json']);
    expect(linted.code).toBe(1);
    expect((JSON.parse(linted.out) as LintFinding[]).map((f) => f.code)).toContain('sample-invalid-json');

    // Explicit flags win over the saved setting: escaped, the quote is harmless.
    expect((await cli(['render', 'q.hbs', '--payload', 'quote.json', '--escape', 'html'])).code).toBe(0);
    expect((await cli(['lint', 'q.hbs', '--escape', 'html'])).code).toBe(0);
  });

  it('lint checks the samples saved in the editor, as the app does', async () => {
    await file('extra.hbs', '{"a": 1{{#if data.extra}},{{/if}} }');
    const savedSampleFinding = (out: string) =>
      (JSON.parse(out) as LintFinding[]).find((f) => f.code === 'sample-invalid-json' && f.message.includes('sample "With extra"'));
    expect(savedSampleFinding((await cli(['lint', 'extra.hbs', '--json'])).out)).toBeUndefined();
    await save({}, [{ name: 'With extra', event: { event_type: 'AccessRequestCreated', data: { extra: true } } }]);
    const linted = await cli(['lint', 'extra.hbs', '--json']);
    expect(linted.code).toBe(1);
    expect(savedSampleFinding(linted.out)).toBeDefined();
  });

  it('simulate shows the bodies send would send: saved spelling and escape mode (a given payload keeps its own)', async () => {
    await save({ escapeMode: 'none', eventTypeStyle: 'RequestCreated' });
    const hooks = await file('sim.json', definition('{"t":"{{event_type}}","who":"{{data.requester.email}}"}'));
    const shown = await cli(['simulate', '--webhooks', hooks, '--lifecycle', 'rejected', '--json']);
    expect(shown.code).toBe(0);
    const steps = (JSON.parse(shown.out) as { steps: Array<{ event_type: string; webhooks: Array<{ body?: string }> }> }).steps;
    expect(steps.map((s) => s.event_type)).toEqual(['RequestCreated', 'RequestRejected']);
    expect(steps[0]!.webhooks[0]!.body).toContain('"t":"RequestCreated"');

    await save({ eventTypeStyle: 'AccessRequestCreated' });
    await file('own.json', JSON.stringify({ event_type: 'RequestCreated', data: { requester: { email: 'a@example.com' } } }));
    const own = await cli(['simulate', '--webhooks', hooks, '--lifecycle', 'rejected', '--payload', 'own.json', '--json']);
    expect((JSON.parse(own.out) as { steps: Array<{ event_type: string }> }).steps.map((s) => s.event_type)).toEqual(['RequestCreated', 'RequestRejected']);
  });

  it('without a data file, render uses the defaults and creates no data folder', async () => {
    await file('t.hbs', '{"t":"{{event_type}}"}');
    const r = await cli(['render', 't.hbs']);
    expect(r).toMatchObject({ code: 0, out: '{"t":"AccessRequestCreated"}\n', err: '' });
    expect(existsSync(home())).toBe(false);
  });
});
