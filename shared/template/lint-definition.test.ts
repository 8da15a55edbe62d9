import { describe, expect, it } from 'vitest';
import { definitionWebhooks, lintDefinitionFile } from './lint-definition';

const webhook = (overrides: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  name: 'Slack',
  method: 'POST',
  url: 'https://hooks.slack.com/services/T/B/X',
  bodyTemplate: '{"text": "{{event_type}}"}',
  triggers: ['RequestCreated'],
  ...overrides,
});

describe('lintDefinitionFile', () => {
  it('tells definition files from templates, including a template that is itself JSON', () => {
    expect(definitionWebhooks(JSON.stringify(webhook()))).toHaveLength(1);
    expect(definitionWebhooks(JSON.stringify({ schemaVersion: 1, webhooks: [webhook(), webhook({ name: 'B' })] }))).toHaveLength(2);
    expect(definitionWebhooks('{"text": "constant body"}')).toBeUndefined();
    expect(definitionWebhooks('{"text": "{{event_type}}"}')).toBeUndefined();
  });

  it('finds nothing in a valid webhook', () => {
    expect(lintDefinitionFile(JSON.stringify(webhook()), 'hooks.json').filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports rule problems naming the field, and template problems under the webhook name', () => {
    const text = JSON.stringify([webhook({ url: 'http://example.com:8080/x', bodyTemplate: '{"who": "{{data.requestor.email}}"}' })]);
    const findings = lintDefinitionFile(text, 'hooks.json');
    const rules = findings.filter((f) => f.code === 'webhook-rule');
    expect(rules.some((f) => f.severity === 'error' && /url/.test(f.message))).toBe(true);
    const template = findings.find((f) => f.code === 'unknown-path');
    expect(template).toMatchObject({ file: 'hooks.json[Slack]', line: 1, severity: 'error' });
    expect(template?.message).toMatch(/requester/);
  });
});
