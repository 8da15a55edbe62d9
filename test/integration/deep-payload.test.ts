/**
 * A payload nested 100,000 deep (issue 10 #9): refused before anything is sent, with an error naming the limit,
 * in the app's API and in `hooksmith send`; and a record too deep to write as JSON (the request had gone out)
 * is still kept, without its event.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/services/backend';
import { MAX_JSON_DEPTH } from '../../shared/util/json-depth';
import { cliIn } from '../support/cli-in';
import { makeRecord } from '../support/invocation-fixtures';
import { backendTrusting, receiverSuite } from '../support/receiver-suite';
import { webhookInput } from '../support/webhook-fixtures';

const suite = receiverSuite({ caFile: true });
let backend: Backend;
beforeEach(async () => {
  backend = await backendTrusting(suite.rx, { dataDir: join(suite.dir.path, 'home') });
  return () => backend.history.store.close();
});

const DEPTH = 100_000;
const deepText = () => `{"data":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}`;

describe('a payload nested 100,000 deep', () => {
  it('is refused by a Test before sending, naming the limit; nothing reaches the receiver and the backend still answers', async () => {
    const ep = await suite.rx.server.forAnyRequest().thenReply(200, '{}');
    const created = await backend.api.webhooks.create({ input: webhookInput({ name: 'Deep', url: suite.rx.url('/deep'), bodyTemplate: '{"id": "{{data.a.a}}"}' }) });
    if (!created.ok) throw new Error(created.error.message);
    const r = await backend.api.delivery.test({ webhookId: created.value.webhook.id, trigger: 'RequestCreated', runId: 'deep', event: JSON.parse(deepText()) });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation-failed', field: 'event', message: expect.stringContaining(`more than ${MAX_JSON_DEPTH} levels deep`) } });
    expect(await ep.getSeenRequests()).toHaveLength(0);
    expect((await backend.api.history.list({})).ok).toBe(true);
  });

  it('is refused by `hooksmith send --payload` before sending, with the limit in the message and exit code 2 or 1', async () => {
    const ep = await suite.rx.server.forAnyRequest().thenReply(200, '{}');
    const created = await backend.api.webhooks.create({ input: webhookInput({ name: 'DeepCli', url: suite.rx.url('/deep') }) });
    if (!created.ok) throw new Error(created.error.message);
    backend.history.store.close();
    await writeFile(join(suite.dir.path, 'deep.json'), deepText());
    const out = await cliIn(suite.dir.path, ['send', 'DeepCli', '--payload', 'deep.json'], { NODE_EXTRA_CA_CERTS: join(suite.dir.path, 'ca.pem') });
    expect(out.code).not.toBe(0);
    expect(out.err + out.out).toContain(`more than ${MAX_JSON_DEPTH} levels deep`);
    expect(out.err + out.out).not.toMatch(/call stack/i);
    expect(await ep.getSeenRequests()).toHaveLength(0);
  });

  it('a record that cannot be written as JSON is kept without its event, and says so', async () => {
    const rec = makeRecord({ id: 'sent-deep', startedAt: new Date().toISOString() });
    rec.event = JSON.parse(deepText());
    expect(backend.history.record(rec)).toBeNull();
    const kept = await backend.api.history.get({ id: 'sent-deep' });
    expect(kept).toMatchObject({ ok: true, value: { id: 'sent-deep', event: null, request: rec.request, response: rec.response } });
    expect(kept.ok && kept.value.warnings.join(' ')).toMatch(/could not keep this invocation's event/);
  });
});
