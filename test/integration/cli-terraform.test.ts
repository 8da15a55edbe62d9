/**
 * `hooksmith webhooks export NAME --format terraform` and `webhooks import FILE.tf`: Manual webhooks as Apono's
 * provider's `apono_manual_webhook`, checked with HashiCorp's own HCL parser (compiled to wasm in
 * @cdktf/hcl2json), and round-tripped.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliIn } from '../support/cli-in';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.cleanup());

const KEY = { HOOKSMITH_SECRET_KEY: 'tf-test-key' };
const cli = (args: string[], env: Record<string, string> = {}) => cliIn(dir.path, args, { ...KEY, ...env });

/** The JSON form hcl2json gives a string attribute keeps HCL's `$${` / `%%{` escapes; undone here to compare. */
const unescaped = (s: string) => s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');

const TEMPLATE = '{\n  "text": "{{data.requester.name}} wants ${access} at 100%{x}",\n  "q": "say \\"hi\\"\\\\"\n}';

async function importDefinitions(webhooks: object[]) {
  await writeFile(join(dir.path, 'defs.json'), JSON.stringify({ schemaVersion: 1, webhooks }));
  const r = await cli(['webhooks', 'import', 'defs.json']);
  expect(r.code, r.err).toBe(0);
}

interface TfResource {
  name: string;
  active: boolean;
  type: { http_request: { method: string; url: string; headers: Record<string, string> } };
  body_template: string;
  authentication_config?: { oauth: { client_id: string; client_secret: string; scopes: string[]; token_endpoint_url: string } };
  response_validators?: Array<{ json_path: string; expected_values: string[] }>;
  timeout_in_sec?: number;
}

describe('webhooks export --format terraform', () => {
  it('writes apono_manual_webhook resources a real HCL parser reads, secrets as sensitive variables', async () => {
    await importDefinitions([
      webhookInput({
        name: 'ManualOps',
        triggers: ['Manual'],
        url: 'https://ops.example.com/hooks/apono',
        headers: [
          { key: 'Content-Type', value: 'application/json' },
          { key: 'X-Api-Key', value: '${env:OPS_API_KEY}', secret: true },
        ],
        auth: { type: 'bearer', token: 'typed-bearer-secret-123' },
        bodyTemplate: TEMPLATE,
        responseValidators: [{ jsonPath: '$.data.status', expectedValues: ['ok', 'accepted'] }],
        timeoutSeconds: 30,
      }),
      webhookInput({
        name: 'ManualOauth',
        triggers: ['Manual'],
        active: false,
        method: 'PUT',
        url: 'https://api.example.com/v1/access',
        headers: [],
        auth: { type: 'oauth2', clientId: 'client-1', clientSecret: 'typed-client-secret-456', tokenUrl: 'https://login.example.com/token', scopes: ['a', 'b'] },
        bodyTemplate: '{}',
      }),
    ]);
    const r = await cli(['webhooks', 'export', 'ManualOps', 'ManualOauth', '--format', 'terraform', '--out', 'manual.tf']);
    expect(r.code, r.err).toBe(0);
    const tf = await readFile(join(dir.path, 'manual.tf'), 'utf8');
    expect(tf).not.toContain('typed-bearer-secret-123');
    expect(tf).not.toContain('typed-client-secret-456');
    expect(r.err).toMatch(/Set these Terraform variables \(sensitive\): HOOKSMITH_MANUALOAUTH_CLIENT_SECRET, HOOKSMITH_MANUALOPS_TOKEN, OPS_API_KEY/);

    const json = (await parse('manual.tf', tf)) as { resource: { apono_manual_webhook: Record<string, TfResource[]> }; variable: Record<string, Array<{ sensitive: boolean; type: string }>> };
    expect(Object.keys(json.variable).sort()).toEqual(['HOOKSMITH_MANUALOAUTH_CLIENT_SECRET', 'HOOKSMITH_MANUALOPS_TOKEN', 'OPS_API_KEY']);
    for (const [, [v]] of Object.entries(json.variable)) expect(v).toMatchObject({ sensitive: true, type: '${string}' });
    const ops = json.resource.apono_manual_webhook.manual_ops![0]!;
    expect(ops).toMatchObject({
      name: 'ManualOps',
      active: true,
      type: {
        http_request: {
          method: 'POST',
          url: 'https://ops.example.com/hooks/apono',
          headers: { 'Content-Type': 'application/json', 'X-Api-Key': '${var.OPS_API_KEY}', Authorization: 'Bearer ${var.HOOKSMITH_MANUALOPS_TOKEN}' },
        },
      },
      response_validators: [{ json_path: '$.data.status', expected_values: ['ok', 'accepted'] }],
      timeout_in_sec: 30,
    });
    expect(unescaped(ops.body_template)).toBe(TEMPLATE);
    const oauth = json.resource.apono_manual_webhook.manual_oauth![0]!;
    expect(oauth).toMatchObject({
      name: 'ManualOauth',
      active: false,
      type: { http_request: { method: 'PUT', url: 'https://api.example.com/v1/access', headers: {} } },
      authentication_config: { oauth: { client_id: 'client-1', client_secret: '${var.HOOKSMITH_MANUALOAUTH_CLIENT_SECRET}', scopes: ['a', 'b'], token_endpoint_url: 'https://login.example.com/token' } },
    });
    expect(oauth.timeout_in_sec).toBeUndefined();
  });

  it('round-trips: import the .tf elsewhere, export again, same file; secrets read from TF_VAR-style variables', async () => {
    await importDefinitions([
      webhookInput({
        name: 'RoundTrip',
        triggers: ['Manual'],
        url: 'https://rt.example.com/h?x=1',
        headers: [{ key: 'X-Api-Key', value: '${env:RT_KEY}', secret: true }],
        auth: { type: 'bearer', token: '${env:RT_TOKEN}' },
        bodyTemplate: TEMPLATE,
        responseValidators: [{ jsonPath: '$.data.ok', expectedValues: ['true'] }],
        timeoutSeconds: 12,
      }),
    ]);
    const first = await cli(['webhooks', 'export', 'RoundTrip', '--format', 'terraform']);
    expect(first.code, first.err).toBe(0);
    await writeFile(join(dir.path, 'rt.tf'), first.out);
    const other = ['--home', join(dir.path, 'other')];
    const imported = await cli([...other, 'webhooks', 'import', 'rt.tf']);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toBe('Imported RoundTrip\n');
    const again = await cli([...other, 'webhooks', 'export', 'RoundTrip', '--format', 'terraform']);
    expect(again.out).toBe(first.out);
    const def = JSON.parse((await cli([...other, 'webhooks', 'show', 'RoundTrip'])).out) as { webhooks: Array<Record<string, unknown>> };
    expect(def.webhooks[0]).toMatchObject({
      triggers: ['Manual'],
      headers: [{ key: 'X-Api-Key', value: '${env:RT_KEY}', secret: true }],
      auth: { type: 'bearer', token: '${env:RT_TOKEN}' },
      bodyTemplate: TEMPLATE,
      timeoutSeconds: 12,
    });
  });

  it('refuses a webhook that is not Manual-only, naming its triggers and the alternative', async () => {
    await importDefinitions([webhookInput({ name: 'Events', triggers: ['RequestCreated', 'Manual'] })]);
    const r = await cli(['webhooks', 'export', 'Events', '--format', 'terraform', '--out', 'x.tf']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/triggers: "Events" fires on RequestCreated: Apono's Terraform provider manages only Manual webhooks \(apono_manual_webhook\)\. Export it as a definition file instead/);
    await expect(readFile(join(dir.path, 'x.tf'), 'utf8')).rejects.toThrow();
  });

  it('without names exports every Manual webhook and says which others it passed over; none Manual is an error', async () => {
    await importDefinitions([webhookInput({ name: 'Events', triggers: ['RequestCreated'] }), webhookInput({ name: 'Ops', triggers: ['Manual'] })]);
    const r = await cli(['webhooks', 'export', '--format', 'terraform']);
    expect(r.code, r.err).toBe(0);
    const resources = (await parse('main.tf', r.out)).resource as Record<string, Record<string, TfResource[]>>;
    expect(Object.values(resources.apono_manual_webhook!).map((x) => x[0]!.name)).toEqual(['Ops']);
    expect(r.err).toMatch(/Note: left out Events: Apono's Terraform provider manages only Manual webhooks/);

    const only = await tempDir();
    try {
      await writeFile(join(only.path, 'defs.json'), JSON.stringify({ schemaVersion: 1, webhooks: [webhookInput({ name: 'Events', triggers: ['RequestCreated'] })] }));
      expect((await cliIn(only.path, ['webhooks', 'import', 'defs.json'], KEY)).code).toBe(0);
      const none = await cliIn(only.path, ['webhooks', 'export', '--format', 'terraform'], KEY);
      expect(none.code).toBe(1);
      expect(none.err).toMatch(/no saved webhook has Manual as its only trigger/);
    } finally {
      await only.cleanup();
    }
  });
});

describe('webhooks import FILE.tf', () => {
  it('reads a hand-written resource (heredoc body, block syntax, comments), passing over other blocks', async () => {
    const tf = [
      'terraform {',
      '  required_providers {',
      '    apono = { source = "apono-io/apono" }',
      '  }',
      '}',
      '# The on-call page, run by hand from Apono.',
      'resource "apono_manual_webhook" "page" {',
      '  name   = "PageOnCall"',
      '  active = true',
      '  type {',
      '    http_request {',
      '      method  = "POST"',
      '      url     = "https://pager.example.com/v2/enqueue"',
      '      headers = { "Authorization" = "Bearer ${var.PAGER_TOKEN}" } // read from TF_VAR_PAGER_TOKEN',
      '    }',
      '  }',
      '  body_template = <<-EOT',
      '    {"summary": "{{data.requester.name}} needs help"}',
      '  EOT',
      '  custom_validation_error_message = "Paging failed"',
      '}',
    ].join('\n');
    await writeFile(join(dir.path, 'page.tf'), tf);
    const r = await cli(['webhooks', 'import', 'page.tf']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/Note: apono_manual_webhook\.page: custom_validation_error_message is shown by Apono only/);
    expect(r.err).toMatch(/Note: Passed over \(not Manual webhooks\): terraform\./);
    const def = JSON.parse((await cli(['webhooks', 'show', 'PageOnCall'])).out) as { webhooks: Array<Record<string, unknown>> };
    expect(def.webhooks[0]).toMatchObject({ triggers: ['Manual'], auth: { type: 'bearer', token: '${env:PAGER_TOKEN}' }, bodyTemplate: '{"summary": "{{data.requester.name}} needs help"}\n' });
  });

  it('refuses what it cannot read, naming the resource, field and line, and saves nothing', async () => {
    const tf = 'resource "apono_manual_webhook" "bad" {\n  name = "Bad"\n  active = true\n  type = { http_request = { method = "POST", url = lower(local.u), headers = {} } }\n}\n';
    await writeFile(join(dir.path, 'bad.tf'), tf);
    const r = await cli(['webhooks', 'import', 'bad.tf']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 4: only references such as var\.name are read, not lower\(/);
    const unknownRef = 'resource "apono_manual_webhook" "ref" {\n  name = "Ref"\n  active = true\n  type = { http_request = { method = "POST", url = local.url, headers = {} } }\n}\n';
    await writeFile(join(dir.path, 'ref.tf'), unknownRef);
    const r2 = await cli(['webhooks', 'import', 'ref.tf']);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/apono_manual_webhook\.ref\.type\.http_request\.url: type\.http_request\.url refers to local\.url; only input variables \(var\.NAME\) are read/);
    expect((await cli(['webhooks', 'list', '--json'])).out.trim()).toBe('[]');
  });
});
