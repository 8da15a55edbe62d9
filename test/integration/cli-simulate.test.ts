/** `hooksmith simulate` and `hooksmith presets`, in-process over real files. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentedExample } from '../../shared/payload/samples';
import { cliIn } from '../support/cli-in';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.cleanup());

const cli = (args: string[]) => cliIn(dir.path, args);

const file = async (name: string, value: unknown) => writeFile(join(dir.path, name), JSON.stringify(value));

const HOOKS = {
  schemaVersion: 1,
  webhooks: [
    webhookInput({ name: 'Everything', triggers: ['RequestCreated', 'RequestApproved', 'RequestRejected', 'RequestGranted', 'RequestExpired', 'RequestFailed'] }),
    webhookInput({ name: 'AwsGrants', triggers: ['RequestGranted'], filters: [{ field: 'integration', values: ['aws prod'] }] }),
    webhookInput({ name: 'Off', active: false }),
  ],
};

describe('hooksmith simulate', () => {
  it('prints step × webhook for definition files, with the reason for each filtered-out cell', async () => {
    await file('hooks.json', HOOKS);
    const r = await cli(['simulate', '--webhooks', 'hooks.json']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^STEP\s+Everything\s+AwsGrants\s+Off$/);
    expect(lines[1]).toMatch(/^RequestCreated\s+fires\s+trigger not selected\s+inactive$/);
    expect(lines[3]).toMatch(/^RequestGranted\s+fires\s+filtered out\s+inactive$/);
    expect(r.out).toContain('RequestGranted × AwsGrants: filter 1 (integration) wants "aws prod"; the event has "prod db", "integration-1"');
  });

  it('plays the rejected lifecycle on a given payload, as JSON with bodies', async () => {
    await file('hooks.json', HOOKS);
    const payload = documentedExample('RequestCreated');
    payload.data.access_groups[0]!.integration.name = 'aws prod';
    await file('event.json', payload);
    const r = await cli(['simulate', '--webhooks', 'hooks.json', '--lifecycle', 'rejected', '--payload', 'event.json', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.steps.map((s: { step: string; event_type: string }) => [s.step, s.event_type])).toEqual([
      ['RequestCreated', 'RequestCreated'],
      ['RequestRejected', 'RequestRejected'],
    ]);
    expect(out.steps[1].webhooks[0]).toMatchObject({ name: 'Everything', verdict: 'fires', json: true });
    expect(out.steps[1].webhooks[2]).toMatchObject({ name: 'Off', verdict: 'inactive' });
  });

  it('reads saved webhooks by name after an import', async () => {
    await file('hooks.json', HOOKS);
    expect((await cli(['webhooks', 'import', 'hooks.json'])).code).toBe(0);
    const r = await cli(['simulate', '--webhooks', 'awsgrants', '--lifecycle', 'failed']);
    expect(r.out).toMatch(/^STEP\s+AwsGrants\nRequestCreated\s+trigger not selected\nRequestFailed\s+trigger not selected\n$/);
    const all = await cli(['simulate']);
    // Saved webhooks come in the store's order (by name), not the file's.
    expect(all.out.split('\n')[0]!.split(/\s+/).sort()).toEqual(['AwsGrants', 'Everything', 'Off', 'STEP']);
  });

  it('exits 2 on invalid input, naming the problem', async () => {
    await file('bad.json', { schemaVersion: 1, webhooks: [{ ...webhookInput({ name: 'Bad' }), url: 'http://example.com' }] });
    await file('notevent.json', [1, 2]);
    await writeFile(join(dir.path, 'broken.json'), '{"data": }');
    await file('hooks.json', HOOKS);
    const cases: Array<[string[], RegExp]> = [
      [['simulate', '--webhooks', 'bad.json'], /bad\.json: not a valid definition file:\n {2}webhooks\[0\] \(Bad\)\.url: URL must use https/],
      [['simulate', '--webhooks', 'Nobody'], /"Nobody" is neither a readable file nor a saved webhook/],
      [['simulate', '--lifecycle', 'approved'], /--lifecycle must be one of granted, rejected, failed/],
      [['simulate', '--payload', 'notevent.json'], /must be a JSON object with a "data" object/],
      [['simulate', '--payload', 'broken.json'], /^broken\.json:1:10: --payload is not valid JSON: .*fix the file there\./],
      [['simulate', '--webhooks', 'hooks.json', '--ca', 'ca.pem'], /--ca, --insecure and --proxy apply to --send only/],
      [['simulate', '--webhooks', 'hooks.json', '--send', '--ca', 'missing.pem'], /--ca missing\.pem: ENOENT/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
  });
});

describe('hooksmith presets', () => {
  it('lists every preset with its description', async () => {
    const r = await cli(['presets']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(14);
    expect(r.out).toMatch(/^okta-workflows\s+Okta Workflows — Start an Okta Workflows flow/m);
  });

  it('shows one as a definition file that imports once its placeholders are filled', async () => {
    const r = await cli(['presets', 'show', 'Freshdesk']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Replace <SUBDOMAIN> before importing/);
    const def = JSON.parse(r.out);
    expect(def.webhooks[0]).toMatchObject({ name: 'FreshdeskTickets', url: 'https://<SUBDOMAIN>.freshdesk.com/api/v2/tickets' });
    const refused = await (async () => {
      await writeFile(join(dir.path, 'fd.json'), r.out);
      return cli(['webhooks', 'import', 'fd.json']);
    })();
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/URL still contains the preset placeholder <SUBDOMAIN>/);
    await writeFile(join(dir.path, 'fd.json'), r.out.replace('<SUBDOMAIN>', 'acme'));
    expect((await cli(['webhooks', 'import', 'fd.json'])).code).toBe(0);
    expect((await cli(['presets', 'show', 'nope'])).code).toBe(2);
  });
});
