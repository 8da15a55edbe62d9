/** A webhook keeps its target contract through import, show and export, and `hooksmith lint` checks it — real files. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPreset } from '../../shared/presets';
import { cliIn } from '../support/cli-in';
import { tempDir } from '../support/temp-dir';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});
const cli = (args: string[]) => cliIn(dir.path, args);

/** The Splunk preset, filled in, with `change` applied, written as a definition file. */
async function splunkFile(name: string, change: (w: Record<string, unknown>) => void = () => {}): Promise<string> {
  const w = JSON.parse(JSON.stringify(findPreset('splunk')!.webhook).replace('<SPLUNK_HEC_HOST>', 'http-inputs-acme.splunkcloud.com')) as Record<string, unknown>;
  change(w);
  await writeFile(join(dir.path, name), JSON.stringify({ schemaVersion: 1, ...w }));
  return name;
}

describe('target contracts in definition files', () => {
  it('a webhook made from a preset keeps its contract through import, show and export', async () => {
    expect((await cli(['webhooks', 'import', await splunkFile('splunk.json')])).code).toBe(0);
    const shown = await cli(['webhooks', 'show', 'SplunkHec']);
    expect(JSON.parse(shown.out).webhooks[0].contract).toBe('splunk-hec');
    const exported = await cli(['webhooks', 'export']);
    expect(JSON.parse(exported.out).webhooks[0]).toMatchObject({ contract: 'splunk-hec', headers: [{ key: 'Authorization', value: 'Splunk ${env:SPLUNK_HEC_TOKEN}' }] });
  });

  it('an unknown contract is refused on import, naming the field and the known ones, and nothing is saved', async () => {
    const r = await cli(['webhooks', 'import', await splunkFile('bad.json', (w) => (w.contract = 'splunk'))]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/contract: Target contract "splunk" is not one Hooksmith knows — use one of .*splunk-hec/);
    expect(JSON.parse((await cli(['webhooks', 'export'])).out).webhooks).toEqual([]);
  });

  it('hooksmith lint fails an edit the target would refuse, and passes the preset as it is', async () => {
    const ok = await cli(['lint', await splunkFile('ok.json')]);
    expect(ok.code).toBe(0);
    const edited = await splunkFile('edited.json', (w) => {
      w.headers = [];
      w.auth = { type: 'bearer', token: '${env:SPLUNK_HEC_TOKEN}' };
    });
    const r = await cli(['lint', edited]);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('Splunk would refuse this: the Authorization header must start with `Splunk `');
  });

  it('a Jira v2 webhook pointed at REST API v3 is never sent: refused before sending, naming the URL rule', async () => {
    const w = JSON.parse(JSON.stringify(findPreset('jira')!.webhook).replace(/<SITE>/g, 'acme').replace(/<ATLASSIAN_EMAIL>/g, 'me@example.com').replace(/<PROJECT_KEY>/g, 'OPS')) as Record<string, unknown>;
    w.url = 'https://acme.atlassian.net/rest/api/3/issue';
    await writeFile(join(dir.path, 'jira.json'), JSON.stringify({ schemaVersion: 1, ...w }));
    const r = await cliIn(dir.path, ['send', 'jira.json'], { JIRA_API_TOKEN: 't' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/url: Jira would refuse this: this body is for REST API v2 .* \/rest\/api\/2\/issue/);
  });
});
