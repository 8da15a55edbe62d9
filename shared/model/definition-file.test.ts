import { describe, expect, it } from 'vitest';
import { emptyWebhookInput, MASKED_SECRET, type WebhookInput } from './webhook';
import { DEFINITION_SCHEMA_VERSION, parseDefinitionFile, serializeDefinitionFile } from './definition-file';

function slack(): WebhookInput {
  return {
    ...emptyWebhookInput(),
    name: 'SlackAlerts',
    url: 'https://hooks.slack.com/services/T0/B0/${env:SLACK_HOOK_TOKEN}',
    headers: [{ key: 'X-Trace', value: 'hooksmith' }, { key: 'DD-API-KEY', value: '${env:DD_API_KEY}', secret: true }],
    triggers: ['RequestCreated', 'RequestApproved'],
    filters: [{ field: 'json_path', values: ['prod'], path: '$.data.custom_fields.env' }, { field: 'integration', values: ['aws'] }],
    timeoutSeconds: 30,
    responseValidators: [{ jsonPath: '$.data.ok', expectedValues: ['true'] }],
  };
}

function okta(): WebhookInput {
  return {
    ...emptyWebhookInput(),
    name: 'OktaFlow',
    active: false,
    method: 'PUT',
    url: 'https://acme.workflows.okta.com/api/flo/abc',
    auth: { type: 'oauth2', clientId: 'cid', clientSecret: '${env:OKTA_SECRET}', tokenUrl: 'https://acme.okta.com/token', scopes: ['a'], clientAuthMethod: 'post' },
  };
}

const json = (value: unknown) => JSON.stringify(value);
const errorsOf = (text: string, existingNames: string[] = []) =>
  parseDefinitionFile(text, { existingNames }).issues.filter((i) => i.severity !== 'warning');

describe('serializeDefinitionFile / parseDefinitionFile', () => {
  it('round-trips webhooks exactly', () => {
    const text = serializeDefinitionFile([slack(), okta()]);
    const parsed = parseDefinitionFile(text);
    expect(parsed.issues).toEqual([]);
    expect(parsed.webhooks).toEqual([slack(), okta()]);
    expect(serializeDefinitionFile(parsed.webhooks)).toBe(text);
  });

  it('writes the wrapper, a per-webhook version, fixed key order and a trailing newline', () => {
    const shuffled = Object.fromEntries(Object.entries(slack()).reverse()) as unknown as WebhookInput;
    const text = serializeDefinitionFile([shuffled]);
    expect(text).toBe(serializeDefinitionFile([slack()]));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "webhooks": [\n    {\n      "schemaVersion": 1,\n      "name": "SlackAlerts",')).toBe(true);
  });

  it('never writes a stored, masked or clear secret, only ${env:…} placeholders', () => {
    const w: WebhookInput = {
      ...slack(),
      headers: [{ key: 'DD-API-KEY', value: 'secret:abc', secret: true }, { key: 'X-Other', value: 'plain', secret: true }],
      auth: { type: 'bearer', token: MASKED_SECRET },
    };
    const text = serializeDefinitionFile([w, { ...okta(), auth: { ...okta().auth, clientSecret: 'hunter2' } as WebhookInput['auth'] }]);
    expect(text).not.toMatch(/secret:abc|plain"|hunter2|••/);
    expect(text).toContain('"value": "${env:HOOKSMITH_SLACKALERTS_DD_API_KEY}"');
    expect(text).toContain('"value": "${env:HOOKSMITH_SLACKALERTS_X_OTHER}"');
    expect(text).toContain('"token": "${env:HOOKSMITH_SLACKALERTS_TOKEN}"');
    expect(text).toContain('"clientSecret": "${env:HOOKSMITH_OKTAFLOW_CLIENT_SECRET}"');
    expect(parseDefinitionFile(text).issues).toEqual([]);
  });
});

describe('network settings in definition files', () => {
  const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
  const KEY = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n';
  const withNetwork = (): WebhookInput => ({
    ...slack(),
    network: { insecureTls: true, extraCaPem: CERT, clientCertPem: CERT, clientKeyPem: '${env:SLACK_CLIENT_KEY}', proxyUrl: 'http://proxy.corp:3128' },
  });

  it('round-trips a webhook\'s network settings, after responseValidators, and leaves them out when unset', () => {
    const text = serializeDefinitionFile([withNetwork(), okta()]);
    const parsed = parseDefinitionFile(text);
    expect(parsed.webhooks).toEqual([withNetwork(), okta()]);
    expect(parsed.issues.map((i) => [i.field, i.severity])).toEqual([['webhooks[0] (SlackAlerts).network.insecureTls', 'warning']]);
    expect(serializeDefinitionFile(parsed.webhooks)).toBe(text);
    expect(text.indexOf('"network"')).toBeGreaterThan(text.indexOf('"responseValidators"'));
    expect(text.match(/"network"/g)).toHaveLength(1);
  });

  it('exports a stored or clear client key only as an ${env:…} placeholder, and warns about a clear one on import', () => {
    for (const clientKeyPem of ['secret:abc', KEY, MASKED_SECRET]) {
      const text = serializeDefinitionFile([{ ...withNetwork(), network: { ...withNetwork().network, clientKeyPem } }]);
      expect(text).toContain('"clientKeyPem": "${env:HOOKSMITH_SLACKALERTS_CLIENT_KEY}"');
      expect(text).not.toContain('PRIVATE KEY');
    }
    const clear = parseDefinitionFile(JSON.stringify({ ...withNetwork(), schemaVersion: 1, network: { clientCertPem: CERT, clientKeyPem: KEY } }));
    expect(clear.issues).toContainEqual(expect.objectContaining({ field: 'webhooks[0] (SlackAlerts).network.clientKeyPem', severity: 'warning', message: expect.stringMatching(/in clear/) }));
  });

  it('reports broken network settings by field', () => {
    const text = JSON.stringify({ ...slack(), schemaVersion: 1, network: { proxyUrl: 'socks5://x', clientCertPem: CERT } });
    expect(errorsOf(text).map((i) => i.field)).toEqual(['webhooks[0] (SlackAlerts).network.clientKeyPem', 'webhooks[0] (SlackAlerts).network.proxyUrl']);
  });
});

describe('parseDefinitionFile: forms and defaults', () => {
  const minimal = { schemaVersion: 1, name: 'Min', method: 'POST', url: 'https://x.example.com', bodyTemplate: '{}', triggers: ['Manual'] };

  it('reads a single webhook object and fills defaults for optional fields', () => {
    const { webhooks, issues } = parseDefinitionFile(json(minimal));
    expect(issues).toEqual([]);
    const { schemaVersion: _, ...fields } = minimal;
    const defaults = { active: true, headers: [], auth: { type: 'none' }, filters: [], timeoutSeconds: null, responseValidators: [] };
    expect(webhooks).toEqual([{ ...fields, ...defaults }]);
  });

  it('reads a bare list', () => {
    expect(parseDefinitionFile(json([minimal, { ...minimal, name: 'Min2' }])).webhooks.map((w) => w.name)).toEqual(['Min', 'Min2']);
  });

  it('lets webhooks inherit the wrapper version and defaults oauth scopes', () => {
    const { schemaVersion: _, ...bare } = minimal;
    const auth = { type: 'oauth2', clientId: 'c', clientSecret: '${env:S}', tokenUrl: 'https://t.example.com/token' };
    const { webhooks, issues } = parseDefinitionFile(json({ schemaVersion: 1, webhooks: [{ ...bare, auth }] }));
    expect(issues).toEqual([]);
    expect(webhooks[0]?.auth).toEqual({ ...auth, scopes: [] });
  });

  it('requires the required fields and names them', () => {
    const fields = errorsOf(json({ schemaVersion: 1 })).map((i) => i.field);
    expect(fields).toEqual(['webhooks[0].name', 'webhooks[0].method', 'webhooks[0].url', 'webhooks[0].bodyTemplate', 'webhooks[0].triggers']);
  });

  it('requires a schemaVersion somewhere', () => {
    const { schemaVersion: _, ...bare } = minimal;
    expect(errorsOf(json(bare))).toEqual([{ field: 'webhooks[0] (Min).schemaVersion', message: expect.stringMatching(/add "schemaVersion": 1/) }]);
  });

  it('warns about unknown keys and clear secrets without blocking', () => {
    const headers = [{ key: 'X-Key', value: 'abc', secret: true }];
    const { webhooks, issues } = parseDefinitionFile(json({ ...minimal, timeout: 5, headers }));
    expect(webhooks).toHaveLength(1);
    expect(issues.map((i) => [i.field, i.severity])).toEqual([
      ['webhooks[0] (Min).timeout', 'warning'],
      ['webhooks[0] (Min).headers.0.value', 'warning'],
    ]);
    expect(issues[0]?.message).toMatch(/did you mean "timeoutSeconds"/);
  });

  it('lists the warnings of the webhooks that pass by name and field within the webhook', () => {
    const headers = [{ key: 'X-Key', value: 'abc', secret: true }];
    const { warnings } = parseDefinitionFile(json([{ ...minimal, timeout: 5, headers }, { ...minimal, name: 'Broken', url: 'ftp://x', timeout: 5 }]));
    expect(warnings).toEqual([
      { webhook: 'Min', field: 'timeout', message: expect.stringMatching(/did you mean "timeoutSeconds"/) },
      { webhook: 'Min', field: 'headers.0.value', message: expect.stringMatching(/written in clear/) },
    ]);
  });
});

describe('parseDefinitionFile: problems', () => {
  it('reports invalid JSON with line and column', () => {
    const { webhooks, issues } = parseDefinitionFile('{\n  "schemaVersion": 1,\n  "webhooks": [],\n}\n');
    expect(webhooks).toEqual([]);
    expect(issues).toEqual([{ field: '(file)', message: expect.stringMatching(/not valid JSON: .*trailing comma.* at line 4, column 1/) }]);
  });

  it('lists every problem in every webhook, prefixed by index and name', () => {
    const good = JSON.parse(serializeDefinitionFile([slack()])) as { webhooks: Record<string, unknown>[] };
    const base = good.webhooks[0] ?? {};
    const file = {
      schemaVersion: 1,
      webhooks: [
        base,
        { ...base, name: 'JiraTickets', url: 'http://jira.example.com:8080', triggers: [] },
        { ...base, name: 'slackalerts', method: 'GET' },
        'oops',
        { ...base, name: 'Taken' },
      ],
    };
    const { webhooks, issues } = parseDefinitionFile(json(file), { existingNames: ['taken'] });
    expect(webhooks.map((w) => w.name)).toEqual(['SlackAlerts']);
    expect(issues.map((i) => i.field)).toEqual([
      'webhooks[1] (JiraTickets).url',
      'webhooks[1] (JiraTickets).url',
      'webhooks[1] (JiraTickets).triggers',
      'webhooks[2] (slackalerts).method',
      'webhooks[2] (slackalerts).name',
      'webhooks[3]',
      'webhooks[4] (Taken).name',
    ]);
    expect(issues[4]?.message).toMatch(/also used by webhooks\[0\] in this file/);
  });

  it('refuses a newer schemaVersion with a clear message', () => {
    const { webhooks, issues } = parseDefinitionFile(json({ schemaVersion: DEFINITION_SCHEMA_VERSION + 1, webhooks: [slack()] }));
    expect(webhooks).toEqual([]);
    expect(issues).toEqual([{ field: 'schemaVersion', message: 'schemaVersion 2 is newer than this Hooksmith reads (up to 1) — update Hooksmith to import this file.' }]);
  });

  it('refuses a newer webhook inside an older wrapper', () => {
    const { webhooks, issues } = parseDefinitionFile(json({ schemaVersion: 1, webhooks: [{ ...slack(), schemaVersion: 9 }] }));
    expect(webhooks).toEqual([]);
    expect(issues[0]?.field).toBe('webhooks[0] (SlackAlerts).schemaVersion');
  });

  it('refuses a malformed version, a non-list webhooks and a scalar file', () => {
    expect(errorsOf(json({ schemaVersion: '1', webhooks: [] }))[0]?.message).toMatch(/whole number/);
    expect(errorsOf(json({ schemaVersion: 1, webhooks: {} }))[0]?.field).toBe('webhooks');
    expect(errorsOf('42')[0]?.field).toBe('(file)');
  });
});
