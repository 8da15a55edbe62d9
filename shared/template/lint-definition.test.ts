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

  it('places each rule problem at the value its field names, in every file shape', () => {
    const hook = webhook({ method: 'GET', headers: [{ key: 'A', value: 'x' }, { key: 'a', value: '<TOKEN>' }] });
    const at = (text: string, pattern: RegExp) => lintDefinitionFile(text, 'h.json').find((f) => f.code === 'webhook-rule' && pattern.test(f.message));
    const wrapped = JSON.stringify({ schemaVersion: 1, webhooks: [webhook({ name: 'Other' }), hook] }, null, 2);
    const lines = wrapped.split('\n');
    const methodLine = lines.findIndex((l) => l.includes('"GET"')) + 1;
    expect(at(wrapped, /^webhooks\[1\] \(Slack\)\.method:/)).toMatchObject({ line: methodLine, column: lines[methodLine - 1]!.indexOf('"GET"') + 1 });
    const valueLine = lines.findIndex((l) => l.includes('"<TOKEN>"')) + 1;
    expect(at(wrapped, /headers\.1\.value:/)).toMatchObject({ line: valueLine, column: lines[valueLine - 1]!.indexOf('"<TOKEN>"') + 1 });
    expect(at(wrapped, /headers\.1\.key:/)).toMatchObject({ line: valueLine - 1 });
    // A bare webhook, with a BOM an editor does not count; a missing field points at the object lacking it.
    const bare = '\uFEFF' + JSON.stringify({ ...hook, url: undefined }, null, 2);
    expect(at(bare, /\.method:/)).toMatchObject({ line: 4, column: 13 });
    expect(at(bare, /\.url:/)).toMatchObject({ line: 1, column: 1 });
    const listed = JSON.stringify([webhook(), webhook({ triggers: [] })], null, 2);
    const triggers = listed.split('\n').findLastIndex((l) => l.includes('"triggers"')) + 1;
    expect(at(listed, /webhooks\[1\].*triggers:/)).toMatchObject({ line: triggers });
  });
});
