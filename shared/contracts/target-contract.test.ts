import { describe, expect, it } from 'vitest';
import { allSamples } from '../payload/samples';
import { findPreset, PRESETS } from '../presets';
import { renderTemplate } from '../template/render';
import { lintTemplate } from '../template/lint-template';
import { lintDefinitionFile } from '../template/lint-definition';
import { serializeDefinitionFile } from '../model/definition-file';
import type { WebhookInput } from '../model/webhook';
import { checkRequest, findContract, plannedHeaders, TARGET_CONTRACTS } from './index';
import { validateSchema } from './json-schema';

/** A preset's webhook with its placeholders filled, as a user would. */
function filled(id: string): WebhookInput {
  const w = structuredClone(findPreset(id)!.webhook);
  return JSON.parse(JSON.stringify(w).replace(/<([A-Z][A-Z0-9_]*)>/g, (_m, name: string) => (name.includes('EMAIL') ? 'me@example.com' : name.toLowerCase().replace(/_/g, '')))) as WebhookInput;
}

function check(w: WebhookInput, body: string) {
  return checkRequest(findContract(w.contract!)!, { url: w.url, headers: plannedHeaders(w), body });
}

function rendered(w: WebhookInput, sample = allSamples()[0]!): string {
  const r = renderTemplate(w.bodyTemplate, sample.event);
  if (!r.ok) throw new Error('render');
  return r.body;
}

describe('target contracts', () => {
  it('every preset but the blank one carries a contract with a documentation URL', () => {
    expect(TARGET_CONTRACTS.length).toBe(PRESETS.length - 1);
    for (const c of TARGET_CONTRACTS) expect(c.docUrl).toMatch(/^https:\/\//);
  });

  it.each(PRESETS.filter((p) => p.contract).map((p) => [p.id]))('%s: every sample\'s request holds to its own contract', (id) => {
    const w = filled(id);
    for (const s of allSamples()) expect(check(w, rendered(w, s)), `${id} on ${s.id}`).toEqual([]);
  });

  it('Splunk refuses a Bearer header, naming the scheme it wants', () => {
    const w: WebhookInput = { ...filled('splunk'), headers: [], auth: { type: 'bearer', token: '${env:SPLUNK_HEC_TOKEN}' } };
    const found = check(w, rendered(w));
    expect(found).toEqual([{ where: 'auth', message: expect.stringContaining('Splunk would refuse this: the Authorization header must start with `Splunk `') }]);
    expect(check({ ...w, auth: { type: 'none' }, url: `${w.url}?token=abc` }, rendered(w))).toEqual([]);
    // Still said while the host is a placeholder (the preset as opened in the form).
    expect(check({ ...w, url: 'https://<SPLUNK_HEC_HOST>/services/collector/event' }, rendered(w))).toHaveLength(1);
  });

  it('Logz.io refuses a pretty-printed (multi-line) body, line by line', () => {
    const w = filled('logzio');
    const pretty = JSON.stringify(JSON.parse(rendered(w)), null, 2);
    const found = check(w, pretty);
    expect(found.length).toBeGreaterThan(1);
    expect(found[0]).toMatchObject({ where: 'framing', message: expect.stringMatching(/^Logz\.io would refuse this: line 1 of \d+ is not a JSON object on its own/) });
    expect(check(w, `${rendered(w)}\n${rendered(w)}\n`)).toEqual([]);
  });

  it('Jira: a v2 body sent to v3 is refused, and the v2 contract refuses a v3 URL', () => {
    const v2 = filled('jira');
    const v3 = filled('jira-v3');
    const v2BodyToV3 = check(v3, rendered(v2));
    expect(v2BodyToV3).toEqual([expect.objectContaining({ where: 'body', path: '$.fields.description', message: expect.stringContaining('must be an object, not a string') })]);
    expect(check({ ...v2, url: v3.url }, rendered(v2))).toEqual([expect.objectContaining({ where: 'url', message: expect.stringContaining('/rest/api/2/issue') })]);
  });

  it('Freshdesk refuses a status sent as a string', () => {
    const w = filled('freshdesk');
    const body = rendered(w).replace('"status": 2', '"status": "2"');
    expect(check(w, body)).toEqual([expect.objectContaining({ path: '$.status', message: 'Freshdesk would refuse this: $.status must be an integer, not a string ("2").' })]);
  });

  it('the schema subset: required, enums, lengths, array sizes, paths and steps', () => {
    const schema = { type: 'object', required: ['a'], properties: { b: { type: 'array', maxItems: 1, items: { enum: [1, 2] } }, c: { type: 'string', maxLength: 2 } } } as const;
    expect(validateSchema({ b: [3, 1], c: 'abc' }, schema)).toEqual([
      { path: '$.a', steps: [], message: 'is required' },
      { path: '$.b', steps: ['b'], message: 'must hold at most 1 items (it has 2)' },
      { path: '$.b[0]', steps: ['b', 0], message: 'must be one of 1, 2, not 3' },
      { path: '$.c', steps: ['c'], message: 'must be at most 2 characters long (it has 3)' },
    ]);
  });

  it('lint marks the template where the refused value comes from, once per problem', () => {
    const w = filled('freshdesk');
    const text = w.bodyTemplate.replace('"status": 2', '"status": "2"');
    const found = lintTemplate(text, 'fd.hbs', { target: { contract: findContract(w.contract!)!, url: w.url, headers: plannedHeaders(w) } });
    const refused = found.filter((f) => f.code === 'target-contract');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ severity: 'error', line: text.split('\n').findIndex((l) => l.includes('"status"')) + 1 });
    expect(refused[0]!.message).toMatch(/^Freshdesk would refuse this: \$\.status must be an integer/);
  });

  it('hooksmith lint of a definition file checks each webhook against the contract it names', () => {
    const w: WebhookInput = { ...filled('splunk'), headers: [], auth: { type: 'bearer', token: '${env:SPLUNK_HEC_TOKEN}' } };
    const found = lintDefinitionFile(serializeDefinitionFile([w]), 'hooks.json');
    expect(found.filter((f) => f.code === 'target-contract').map((f) => f.message)).toEqual([expect.stringContaining('Splunk would refuse this: the Authorization header must start with `Splunk `')]);
    expect(lintDefinitionFile(serializeDefinitionFile([filled('splunk')]), 'hooks.json').filter((f) => f.code === 'target-contract')).toEqual([]);
  });
});
