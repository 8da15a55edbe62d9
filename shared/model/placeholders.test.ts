import { describe, expect, it } from 'vitest';
import { emptyWebhookInput, type WebhookInput } from './webhook';
import { validateWebhookInput } from './webhook-rules';
import { placeholdersIn } from './placeholders';

function valid(): WebhookInput {
  return { ...emptyWebhookInput(), name: 'Hook', url: 'https://acme.example.com/hook' };
}

const errorsOf = (patch: Partial<WebhookInput>) => validateWebhookInput({ ...valid(), ...patch }).issues.filter((i) => i.severity !== 'warning');

describe('preset placeholders', () => {
  it('finds <LIKE_THIS> once each, and not html tags or comparisons', () => {
    expect(placeholdersIn('https://<SUBDOMAIN>.x.com/<FLOW_ID>/<SUBDOMAIN>')).toEqual(['<SUBDOMAIN>', '<FLOW_ID>']);
    expect(placeholdersIn('<p>a < b and c > d</p> <li>')).toEqual([]);
    expect(placeholdersIn('<lower_case> <_X> <A-B>')).toEqual([]);
  });

  it('refuses a URL with a placeholder, naming the field and each placeholder', () => {
    const issues = errorsOf({ url: 'https://<SUBDOMAIN>.freshdesk.com/api/<VERSION>' });
    expect(issues).toEqual([
      { field: 'url', message: 'URL still contains the preset placeholders <SUBDOMAIN>, <VERSION> — replace them with your own value.' },
    ]);
  });

  it('refuses a header value with a placeholder, naming the header', () => {
    const issues = errorsOf({ headers: [{ key: 'X-Api-Key', value: 'Token <API_KEY>' }] });
    expect(issues).toEqual([{ field: 'headers.0.value', message: 'Header X-Api-Key value still contains the preset placeholder <API_KEY> — replace it with your own value.' }]);
  });

  it('refuses placeholders in the auth settings and the body', () => {
    const auth = { type: 'oauth2' as const, clientId: '<CLIENT_ID>', clientSecret: '${env:S}', tokenUrl: 'https://login.example.com/<TENANT_ID>/token', scopes: [] };
    const fields = errorsOf({ auth, bodyTemplate: '{"project": "<PROJECT_KEY>"}' }).map((i) => [i.field, /preset placeholder <([A-Z_]+)>/.exec(i.message)?.[1]]);
    expect(fields).toEqual([
      ['auth.clientId', 'CLIENT_ID'],
      ['auth.tokenUrl', 'TENANT_ID'],
      ['bodyTemplate', 'PROJECT_KEY'],
    ]);
    expect(errorsOf({ auth: { type: 'bearer', token: '<TOKEN>' } })[0]).toMatchObject({ field: 'auth.token' });
  });

  it('accepts the same values once filled, and ${env:…} references', () => {
    expect(errorsOf({ url: 'https://acme.freshdesk.com/api/v2/tickets', headers: [{ key: 'Authorization', value: '${env:FD_AUTH}', secret: true }] })).toEqual([]);
  });
});
