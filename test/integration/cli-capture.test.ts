/**
 * `hooksmith capture`: the receiver fed by real curl (HTTP and HTTPS with its own certificate) and by
 * `hooksmith send`; captures listed, shown (secrets masked, 0600 on disk), deleted; the probe's findings
 * applied to the settings and saved as a sample; and the prediction diff, equal when the settings match
 * what "Apono" did and naming the first difference when they do not.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Handlebars from 'handlebars';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run-cli';
import { probeTemplate } from '../../shared/capture/probe-template';
import type { CaptureRecord, CaptureSummary } from '../../shared/capture/types';
import { sampleForTrigger } from '../../shared/payload/samples';
import { startCli } from '../support/built-cli';
import { cliIn } from '../support/cli-in';
import { captureIo } from '../support/memory-io';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

const run = promisify(execFile);
let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir('hooksmith-capture-');
});
afterEach(async () => {
  await dir.cleanup();
});

const home = () => join(dir.path, 'home');

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** `hooksmith capture …` running in this process; `stop()` is Ctrl+C. */
async function startCapture(args: string[] = []) {
  const io = captureIo(dir.path);
  const done = runCli(['--home', home(), 'capture', '--port', '0', ...args], io);
  const url = await until(() => /^Capturing at (\S+)$/m.exec(io.out)?.[1], `"Capturing at" (stderr: ${io.err})`);
  return {
    io,
    url,
    async stop() {
      io.interrupt();
      return done;
    },
  };
}

async function curl(args: string[]): Promise<string> {
  return (await run('curl', ['-sS', '--noproxy', '*', ...args])).stdout;
}

const HOSTILE = `Fix "prod" & <db> — it's urgent`;
function hostileEvent(style: 'AccessRequestCreated' | 'RequestCreated' = 'AccessRequestCreated') {
  const e = sampleForTrigger('RequestApproved', style);
  e.data.justification = HOSTILE;
  return e;
}

describe('hooksmith capture', () => {
  it('records requests from curl and from hooksmith send, answers 200 with the id, and stops on Ctrl+C with exit 0', async () => {
    // A saved webhook marks X-Custom-Auth secret: the receiver masks that header too.
    const saved = webhookInput({ name: 'Custom', headers: [{ key: 'X-Custom-Auth', value: '${env:CUSTOM_AUTH}', secret: true }] });
    await writeFile(join(dir.path, 'saved.json'), JSON.stringify({ schemaVersion: 1, webhooks: [saved] }));
    expect((await cliIn(dir.path, ['webhooks', 'import', 'saved.json'])).code).toBe(0);
    const cap = await startCapture();
    expect(cap.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const answer = JSON.parse(
      await curl(['-X', 'POST', `${cap.url}hooks/x?token=s3cret-token&team=ops`, '-H', 'Authorization: Bearer abc.def.ghi', '-H', 'X-Api-Key: k-123456', '-H', 'X-Custom-Auth: hunter2-value', '-H', 'Content-Type: application/json', '--data-binary', '{"a":"b & c"}']),
    ) as { ok: boolean; captured: string };
    expect(answer.ok).toBe(true);
    await until(() => (cap.io.out.includes(`id ${answer.captured}`) ? true : undefined), 'the arrival line');
    expect(cap.io.out).toMatch(new RegExp(`POST /hooks/x\\?token=•+&team=ops  13 bytes  id ${answer.captured}`));

    // hooksmith send, from another data folder (as Apono would be), to the receiver.
    await writeFile(join(dir.path, 'hook.json'), JSON.stringify({ schemaVersion: 1, ...webhookInput({ name: 'ToCapture', url: `${cap.url}from-send`, bodyTemplate: '{"who":"{{data.requester.name}}"}' }) }));
    const sent = await runCli(['--home', join(dir.path, 'sender'), 'send', 'hook.json'], captureIo(dir.path));
    expect(sent).toBe(0);
    await until(() => (cap.io.out.includes('/from-send') ? true : undefined), 'the sent request');

    expect(await cap.stop()).toBe(0);
    expect(cap.io.err).toMatch(/Stopped: 2 request\(s\) captured/);
    await expect(curl([cap.url])).rejects.toThrow();

    const list = await cliIn(dir.path, ['capture', 'list', '--json']);
    const rows = JSON.parse(list.out) as CaptureSummary[];
    expect(rows.map((r) => r.path)).toEqual(['/from-send', '/hooks/x']);
    const shown = JSON.parse((await cliIn(dir.path, ['capture', 'show', answer.captured, '--json'])).out) as CaptureRecord;
    expect(shown.body).toBe('{"a":"b & c"}');
    expect(shown.query).toBe('token=••••••••&team=ops');
    const header = (n: string) => shown.headers.find(([k]) => k.toLowerCase() === n)?.[1];
    expect(header('authorization')).toBe('Bearer ••••••••');
    expect(header('x-api-key')).toBe('••••••••');
    expect(header('x-custom-auth')).toBe('••••••••');
    // Nothing secret reached the disk, and the file is the owner's only.
    const file = join(home(), 'captures', `${answer.captured}.json`);
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain('abc.def.ghi');
    expect(raw).not.toContain('s3cret-token');
    expect(raw).not.toContain('hunter2-value');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const human = await cliIn(dir.path, ['capture', 'show', answer.captured]);
    expect(human.out).toContain('> Authorization: Bearer ••••••••');

    expect((await cliIn(dir.path, ['capture', 'delete', answer.captured])).code).toBe(0);
    const again = await cliIn(dir.path, ['capture', 'show', answer.captured]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/No capture with id/);
  });

  it('serves HTTPS with a certificate it generates, keeps and shows by fingerprint', async () => {
    const cap = await startCapture(['--https']);
    expect(cap.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const certFile = join(home(), 'captures', 'tls', 'cert.pem');
    const fingerprint = new X509Certificate(await readFile(certFile)).fingerprint256;
    expect(cap.io.out).toContain(`Certificate SHA-256 fingerprint: ${fingerprint}`);
    expect((await stat(join(home(), 'captures', 'tls', 'key.pem'))).mode & 0o777).toBe(0o600);
    const answer = JSON.parse(await curl(['--cacert', certFile, '--data-binary', '{}', cap.url])) as { captured: string };
    expect(await cap.stop()).toBe(0);
    const shown = JSON.parse((await cliIn(dir.path, ['capture', 'show', answer.captured, '--json'])).out) as CaptureRecord;
    expect(shown.tls).toBe(true);
    // The same certificate next time.
    const second = await startCapture(['--https']);
    expect(second.io.out).toContain(fingerprint);
    await second.stop();
  });

  it('refuses a port in use, naming it and the fix', async () => {
    const cap = await startCapture();
    const port = new URL(cap.url).port;
    const clash = await cliIn(dir.path, ['capture', '--port', port]);
    expect(clash.code).toBe(1);
    expect(clash.err).toContain(`port ${port} on 127.0.0.1 is in use`);
    await cap.stop();
    expect((await cliIn(dir.path, ['capture', '--port', 'x'])).code).toBe(2);
  });
});

describe('the built binary', () => {
  it('prints "Capturing at URL" and each request on stdout, and exits 0 on SIGINT', async () => {
    const cli = startCli(['--home', home(), 'capture'], { cwd: dir.path });
    let out = '';
    cli.child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const url = await until(() => /^Capturing at (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out)?.[1], 'the URL line');
    const { captured } = JSON.parse(await curl(['--data-binary', '{"event_type":"AccessRequestCreated"}', `${url}hook`])) as { captured: string };
    await until(() => (out.includes(`id ${captured}`) ? true : undefined), 'the arrival line');
    cli.child.kill('SIGINT');
    const exit = await cli.done;
    expect(exit.code).toBe(0);
    expect(exit.err).toContain('Stopped: 1 request(s) captured');
    const f = await cliIn(dir.path, ['capture', 'findings', captured, '--json']);
    expect(JSON.parse(f.out)).toMatchObject({ eventTypeSpelling: 'AccessRequestCreated', escapeMode: 'undetermined' });
  });
});

describe('probe, findings and the prediction diff', () => {
  it('prints the probe template, reads a capture broken by a quote, applies the findings and saves the sample', async () => {
    const template = (await cliIn(dir.path, ['capture', 'probe-template'])).out;
    expect(template).toBe(probeTemplate());
    const body = Handlebars.compile(template, { noEscape: true })(hostileEvent('RequestCreated'));
    await writeFile(join(dir.path, 'probe.json'), body);
    const cap = await startCapture();
    const { captured } = JSON.parse(await curl(['--data-binary', `@${join(dir.path, 'probe.json')}`, '-H', 'Content-Type: application/json', `${cap.url}probe`])) as { captured: string };
    await until(() => (cap.io.out.includes('probe: ') ? true : undefined), 'the probe line');
    expect(cap.io.out).toContain(`probe: eventTypeSpelling RequestCreated, escapeMode none (more: hooksmith capture findings ${captured})`);
    await cap.stop();

    const f = await cliIn(dir.path, ['capture', 'findings', captured, '--json']);
    expect(f.code).toBe(0);
    const findings = JSON.parse(f.out) as Record<string, unknown>;
    expect(findings).toMatchObject({ source: 'probe', jsonValid: false, eventTypeSpelling: 'RequestCreated', escapeMode: 'none', eventType: 'RequestApproved' });
    expect((findings.valueTypes as Record<string, string>).event_time).toBe('number');
    const human = await cliIn(dir.path, ['capture', 'findings', captured]);
    expect(human.out).toContain('eventTypeSpelling: RequestCreated');
    expect(human.out).toContain('escapeMode: none');

    expect((await cliIn(dir.path, ['capture', 'apply', captured])).out).toContain('eventTypeStyle RequestCreated, escapeMode none');
    const settings = JSON.parse(await readFile(join(home(), 'hooksmith.json'), 'utf8')).settings;
    expect(settings).toMatchObject({ eventTypeStyle: 'RequestCreated', escapeMode: 'none' });

    expect((await cliIn(dir.path, ['capture', 'save-sample', captured, '--name', 'From Apono'])).code).toBe(0);
    const samples = JSON.parse(await readFile(join(home(), 'hooksmith.json'), 'utf8')).samples as Array<{ name: string; event: { data: { justification: string } } }>;
    expect(samples.find((s) => s.name === 'From Apono')?.event.data.justification).toBe(HOSTILE);
  });

  it('delete, apply and save-sample answer --json too; an unknown --event-from is named as that flag', async () => {
    const body = Handlebars.compile(probeTemplate())(hostileEvent('RequestCreated'));
    await writeFile(join(dir.path, 'probe.json'), body);
    await writeFile(join(dir.path, 'defs.json'), JSON.stringify({ schemaVersion: 1, webhooks: [webhookInput({ name: 'Ticket', url: 'https://tickets.example.com/probe' })] }));
    expect((await cliIn(dir.path, ['webhooks', 'import', 'defs.json'])).code).toBe(0);
    const cap = await startCapture();
    const { captured } = JSON.parse(await curl(['--data-binary', `@${join(dir.path, 'probe.json')}`, `${cap.url}probe`])) as { captured: string };
    await cap.stop();

    const applied = await cliIn(dir.path, ['capture', 'apply', captured, '--json']);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.out)).toMatchObject({ eventTypeStyle: 'RequestCreated', escapeMode: 'html' });
    const saved = await cliIn(dir.path, ['capture', 'save-sample', captured, '--name', 'Probe', '--json']);
    expect(saved.code).toBe(0);
    expect(JSON.parse(saved.out)).toMatchObject({ name: 'Probe', event: { data: { justification: HOSTILE } } });

    const unknown = await cliIn(dir.path, ['capture', 'diff', captured, '--event-from', 'nosuchcapture']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^--event-from: No capture with id "nosuchcapture"/);

    const deleted = await cliIn(dir.path, ['capture', 'delete', captured, '--json']);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.out)).toEqual({ id: captured, deleted: true });
    expect(JSON.parse((await cliIn(dir.path, ['capture', 'list', '--json'])).out)).toEqual([]);
  });

  it('compares the prediction with the bytes: equal when the settings match, the first difference when not', async () => {
    const template = '{"text":"{{event_type}}: {{data.justification}}","when":{{event_time}} }';
    await writeFile(join(dir.path, 'defs.json'), JSON.stringify({ schemaVersion: 1, webhooks: [webhookInput({ name: 'Ticket', url: 'https://tickets.example.com/hooks/ticket', bodyTemplate: template })] }));
    expect((await cliIn(dir.path, ['webhooks', 'import', 'defs.json'])).code).toBe(0);
    // "Apono": stock escaping, AccessRequest… spelling (the defaults), a probe first, then the real webhook.
    const event = hostileEvent('AccessRequestCreated');
    const probeBody = Handlebars.compile(probeTemplate())(event);
    const realBody = Handlebars.compile(template)(event);
    const cap = await startCapture();
    await curl(['--data-binary', probeBody, `${cap.url}probe`]);
    const { captured } = JSON.parse(await curl(['--data-binary', realBody, `${cap.url}hooks/ticket`])) as { captured: string };
    await cap.stop();

    const same = await cliIn(dir.path, ['capture', 'diff', captured]);
    expect(same.err).toBe('');
    expect(same.code).toBe(0);
    expect(same.out).toContain('Webhook Ticket (matched by path)');
    expect(same.out).toContain('Equal');

    await cliIn(dir.path, ['capture', 'apply', (JSON.parse((await cliIn(dir.path, ['capture', 'list', '--json'])).out) as CaptureSummary[])[1]!.id]);
    // Flip escaping: the prediction now differs where the justification's quote is.
    const settingsFile = join(home(), 'hooksmith.json');
    const doc = JSON.parse(await readFile(settingsFile, 'utf8'));
    doc.settings.escapeMode = 'none';
    await writeFile(settingsFile, JSON.stringify(doc));
    const differs = await cliIn(dir.path, ['capture', 'diff', captured, '--webhook', 'Ticket', '--json']);
    expect(differs.code).toBe(1);
    const d = JSON.parse(differs.out) as { equal: boolean; firstDifference: { line: number; column: number }; webhookMatchedBy: string };
    expect(d.equal).toBe(false);
    expect(d.webhookMatchedBy).toBe('picked');
    expect(d.firstDifference).toMatchObject({ line: 1, column: realBody.indexOf('&quot;') + 1 });
    const words = await cliIn(dir.path, ['capture', 'diff', captured]);
    expect(words.out).toMatch(/Differs at line 1, column \d+/);
    expect((await readdir(join(home(), 'captures'))).filter((n) => n.endsWith('.json'))).toHaveLength(2);
  });

  it('predicts a body sent by hooksmith send: its sample when no capture holds an event, or the --payload event', async () => {
    const template = '{"text":"{{event_type}} by {{data.requester.name}}: {{data.justification}}"}';
    await writeFile(join(dir.path, 'defs.json'), JSON.stringify({ schemaVersion: 1, webhooks: [webhookInput({ name: 'Sent', url: 'https://chat.example.com/sent', bodyTemplate: template })] }));
    expect((await cliIn(dir.path, ['webhooks', 'import', 'defs.json'])).code).toBe(0);
    const cap = await startCapture();
    await writeFile(join(dir.path, 'hook.json'), JSON.stringify({ schemaVersion: 1, ...webhookInput({ name: 'Sent', url: `${cap.url}sent`, bodyTemplate: template }) }));
    const event = hostileEvent();
    await writeFile(join(dir.path, 'event.json'), JSON.stringify(event));
    const sender = join(dir.path, 'sender');
    expect(await runCli(['--home', sender, 'send', 'hook.json'], captureIo(dir.path))).toBe(0);
    expect(await runCli(['--home', sender, 'send', 'hook.json', '--payload', 'event.json'], captureIo(dir.path))).toBe(0);
    await until(() => (cap.io.out.match(/\/sent/g)?.length === 2 ? true : undefined), 'both sends');
    await cap.stop();
    const [withPayload, withSample] = JSON.parse((await cliIn(dir.path, ['capture', 'list', '--json'])).out) as CaptureSummary[];

    const fromSample = await cliIn(dir.path, ['capture', 'diff', withSample!.id, '--json']);
    expect(JSON.parse(fromSample.out)).toMatchObject({ equal: true, eventFrom: 'sample RequestCreated', webhookMatchedBy: 'path' });
    const fromPayload = await cliIn(dir.path, ['capture', 'diff', withPayload!.id, '--payload', 'event.json']);
    expect(fromPayload.code).toBe(0);
    expect(fromPayload.out).toContain('event from given');
    // Without --payload the newest earlier capture's event is not there (neither body holds one): the sample differs.
    const guessed = await cliIn(dir.path, ['capture', 'diff', withPayload!.id]);
    expect(guessed.code).toBe(1);
    expect(guessed.out).toMatch(/Differs at line 1, column \d+/);
    const missing = await cliIn(dir.path, ['capture', 'diff', withPayload!.id, '--event-from', 'nosuchcapture']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No capture with id "nosuchcapture"/);
    expect((await cliIn(dir.path, ['capture', 'diff', withPayload!.id, '--event-from', 'x', '--payload', 'event.json'])).code).toBe(2);
  });
});
