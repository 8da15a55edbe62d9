/**
 * Every preset, its placeholders filled, sent with `hooksmith send` on every sample to a local stand-in that
 * enforces its vendor's documented request rules (test/servers/vendor-stand-ins.ts); and the broken variants
 * each stand-in refuses, which the target contracts must flag too ("… would refuse this: …").
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyAgents } from '../../electron/services/delivery/agents';
import type { InvocationRecord } from '../../shared/delivery/invocation';
import type { WebhookInput } from '../../shared/model/webhook';
import { allSamples } from '../../shared/payload/samples';
import { findPreset, PRESETS } from '../../shared/presets';
import { startStandIns, standInUrl, type StandIns } from '../servers/vendor-stand-ins';
import { cliIn } from '../support/cli-in';
import { tempDir } from '../support/temp-dir';

let stand: StandIns;
let dir: { path: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  stand = await startStandIns();
  dir = await tempDir();
  await writeFile(join(dir.path, 'ca.pem'), stand.rx.caPem);
});
afterAll(async () => {
  destroyAgents();
  await stand?.stop();
  await dir?.cleanup();
});

/** The variables the presets read, as a user would set them. */
const ENV: Record<string, string> = {
  SPLUNK_HEC_TOKEN: 'hec-0f1e2d3c',
  LOGZIO_TOKEN: 'logz-9a8b7c6d',
  JIRA_API_TOKEN: 'jira-api-5e4d',
  TEAMS_WORKFLOW_SIG: 'sig-3c2b1a',
  OKTA_CLIENT_TOKEN: 'okta-ct-7766',
  SERVICENOW_CLIENT_SECRET: 'sn-secret-55',
  FRESHDESK_API_KEY: 'fd-key-4433',
  FRESHDESK_PASSWORD: 'X',
  DD_API_KEY: 'dd-key-2211',
  SENTINEL_CLIENT_SECRET: 'entra-secret-11',
  TORQ_TOKEN: 'torq-token-00',
  SLACK_HOOK_TOKEN: 'slack-hook-8899',
};

/** A preset's webhook with placeholders filled and its URLs (target and token endpoint) pointed at the stand-ins. */
function filled(id: string, change: (w: WebhookInput) => void = () => {}): WebhookInput {
  const text = JSON.stringify(findPreset(id)!.webhook).replace(/<([A-Z][A-Z0-9_]*)>/g, (_m, name: string) =>
    name.includes('EMAIL') ? 'me@example.com' : name === 'INCOMING_WEBHOOK_PATH' ? 'coralogix-hook' : name.toLowerCase().replace(/_/g, ''),
  );
  const w = JSON.parse(text) as WebhookInput;
  w.url = standInUrl(stand.rx, w.url);
  if (w.auth.type === 'oauth2') w.auth.tokenUrl = standInUrl(stand.rx, w.auth.tokenUrl);
  change(w);
  return w;
}

async function send(w: WebhookInput, payload: unknown): Promise<{ code: number; record: InvocationRecord; err: string }> {
  const name = `${w.name}.json`;
  await writeFile(join(dir.path, name), JSON.stringify({ schemaVersion: 1, ...w }));
  await writeFile(join(dir.path, 'event.json'), JSON.stringify(payload));
  const r = await cliIn(dir.path, ['send', name, '--payload', 'event.json', '--ca', 'ca.pem', '--json'], ENV);
  return { code: r.code, record: JSON.parse(r.out || 'null') as InvocationRecord, err: r.err };
}

const targets = PRESETS.filter((p) => p.id !== 'custom').map((p) => [p.id] as const);

describe('every preset is accepted by a stand-in enforcing its vendor\'s documentation, on every sample', () => {
  it.each(targets)('%s', async (id) => {
    const w = filled(id);
    const before = stand.verdicts.length;
    const runsBefore = stand.flowRuns.length;
    for (const s of allSamples()) {
      const { code, record, err } = await send(w, s.event);
      expect(err, `${id} on ${s.id}`).toBe('');
      expect(code, `${id} on ${s.id}: ${record?.error?.message ?? ''}`).toBe(0);
      expect(record.warnings.filter((x) => /would refuse this/.test(x)), `${id} on ${s.id}`).toEqual([]);
      // A value read from the environment never lands in the record.
      for (const v of Object.values(ENV).filter((v) => v.length > 3)) expect(JSON.stringify(record), `${id} on ${s.id}`).not.toContain(v);
    }
    const seen = stand.verdicts.slice(before).filter((v) => !v.vendor.endsWith('-token'));
    expect(seen).toHaveLength(allSamples().length);
    expect(seen.filter((v) => v.vendor !== id || v.status >= 300)).toEqual([]);
    if (id === 'teams') expect(stand.flowRuns.slice(runsBefore).every((r) => r.posted)).toBe(true);
  });
});

describe('the broken variants: the stand-in refuses, and the contract said why before', () => {
  const sample = allSamples()[0]!.event;

  async function refused(w: WebhookInput, vendor: string, status: number, contractSays: RegExp) {
    const before = stand.verdicts.length;
    const { code, record } = await send(w, sample);
    expect(code).toBe(1);
    const verdict = stand.verdicts.slice(before).find((v) => v.vendor === vendor);
    expect(verdict?.status).toBe(status);
    expect(record.warnings.join('\n')).toMatch(contractSays);
    return verdict;
  }

  it('a Bearer Splunk header: 401 from the stand-in; the contract names the Splunk scheme', async () => {
    const w = filled('splunk', (x) => {
      x.headers = [];
      x.auth = { type: 'bearer', token: '${env:SPLUNK_HEC_TOKEN}' };
    });
    await refused(w, 'splunk', 401, /Splunk would refuse this: the Authorization header must start with `Splunk `/);
  });

  it('a multi-line Logz.io body: 400 malformedLines; the contract says one object per line', async () => {
    const w = filled('logzio', (x) => {
      x.bodyTemplate = x.bodyTemplate.replace(/, "/g, ',\n  "');
    });
    const verdict = await refused(w, 'logzio', 400, /Logz\.io would refuse this: line 1 of \d+ is not a JSON object on its own/);
    expect(verdict?.reason).toBe('malformedLines');
  });

  it('a Jira v2 body sent to v3: 400 on description; the contract says it must be an ADF object', async () => {
    const w = filled('jira-v3', (x) => {
      x.bodyTemplate = findPreset('jira')!.webhook.bodyTemplate.replace('<PROJECT_KEY>', 'OPS');
    });
    const verdict = await refused(w, 'jira-v3', 400, /Jira would refuse this: \$\.fields\.description must be an object, not a string/);
    expect(verdict?.reason).toBe('description');
  });

  it('a Freshdesk status sent as a string: 400 invalid_value; the contract says it must be an integer', async () => {
    const w = filled('freshdesk', (x) => {
      x.bodyTemplate = x.bodyTemplate.replace('"status": 2', '"status": "2"');
    });
    const verdict = await refused(w, 'freshdesk', 400, /Freshdesk would refuse this: \$\.status must be an integer, not a string/);
    expect(verdict?.reason).toBe('status:invalid_value');
  });

  it('a Teams card without its Adaptive Card: the Workflow still answers 202 (and fails inside the flow); only the contract tells', async () => {
    const w = filled('teams', (x) => {
      x.bodyTemplate = '{"type": "message", "text": "{{event_type}}"}';
    });
    const runs = stand.flowRuns.length;
    const { code, record } = await send(w, sample);
    expect(code).toBe(0);
    expect(stand.flowRuns.slice(runs)).toEqual([{ posted: false, reason: 'no Adaptive Card attachment to post' }]);
    expect(record.warnings.join('\n')).toMatch(/Teams Workflows would refuse this: \$\.attachments is required/);
  });
});
