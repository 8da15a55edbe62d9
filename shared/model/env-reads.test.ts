import { describe, expect, it } from 'vitest';
import { emptyWebhookInput, type WebhookInput } from './webhook';
import { envReads, envReadsLine, hooksmithVariableIssues, isHooksmithVariable, originOf } from './env-reads';
import { validateWebhookInput } from './webhook-rules';

const base = (over: Partial<WebhookInput>): WebhookInput => ({ ...emptyWebhookInput(), name: 'Hook', url: 'https://hooks.example.com/x', ...over });

describe('env reads', () => {
  it('lists each variable with its field and the origin it goes to (token endpoint for OAuth2 client fields)', () => {
    const w = base({
      url: 'https://listener.example.com:8071/?token=${env:LOGZ_TOKEN}',
      headers: [{ key: 'Authorization', value: 'Splunk ${env:HEC_TOKEN}' }, { key: 'X-Key', value: '${env:API_KEY}', secret: true }],
      auth: { type: 'oauth2', clientId: '${env:CID}', clientSecret: '${env:CSECRET}', tokenUrl: 'https://idp.example.com/oauth/token', scopes: [] },
    });
    expect(envReads(w)).toEqual([
      { variable: 'LOGZ_TOKEN', field: 'url', origin: 'https://listener.example.com:8071' },
      { variable: 'HEC_TOKEN', field: 'headers.0.value', origin: 'https://listener.example.com:8071' },
      { variable: 'API_KEY', field: 'headers.1.value', origin: 'https://listener.example.com:8071' },
      { variable: 'CID', field: 'auth.clientId', origin: 'https://idp.example.com' },
      { variable: 'CSECRET', field: 'auth.clientSecret', origin: 'https://idp.example.com' },
    ]);
    expect(envReadsLine('Hook', envReads(w))).toBe(
      'Hook reads from the environment: LOGZ_TOKEN (url), HEC_TOKEN (headers.0.value), API_KEY (headers.1.value) → https://listener.example.com:8071; CID (auth.clientId), CSECRET (auth.clientSecret) → https://idp.example.com.',
    );
    expect(envReadsLine('Hook', [])).toBe('Hook reads no environment variables.');
  });

  it('lists Basic credentials read from variables, sent to the webhook origin, and refuses Hooksmith variables there', () => {
    const w = base({ auth: { type: 'basic', username: '${env:JIRA_USER}', password: '${env:JIRA_TOKEN}' } });
    expect(envReads(w)).toEqual([
      { variable: 'JIRA_USER', field: 'auth.username', origin: 'https://hooks.example.com' },
      { variable: 'JIRA_TOKEN', field: 'auth.password', origin: 'https://hooks.example.com' },
    ]);
    const evil = base({ auth: { type: 'basic', username: 'me', password: '${env:HOOKSMITH_SECRET_KEY}' } });
    expect(hooksmithVariableIssues(evil).map((i) => i.field)).toEqual(['auth.password']);
  });

  it('shows a host read from a variable as written, since its origin is not known in advance', () => {
    expect(originOf('https://${env:HOST}/x')).toBe('https://${env:HOST} (read from the environment)');
    expect(originOf('not a url')).toBe('not a url');
  });

  it("refuses Hooksmith's own variables in any field, naming it and the fix, but keeps export placeholders", () => {
    expect(isHooksmithVariable('HOOKSMITH_SECRET_KEY')).toBe(true);
    expect(isHooksmithVariable('hooksmith_home')).toBe(true);
    expect(isHooksmithVariable('HOOKSMITH_SLACKALERTS_TOKEN')).toBe(false);
    const evil = base({ headers: [{ key: 'X-Key', value: '${env:HOOKSMITH_SECRET_KEY}', secret: true }], auth: { type: 'bearer', token: 'Bearer ${env:HOOKSMITH_HOME}' } });
    expect(hooksmithVariableIssues(evil).map((i) => i.field)).toEqual(['headers.0.value', 'auth.token']);
    const checked = validateWebhookInput(evil);
    expect(checked.value).toBeUndefined();
    expect(checked.issues.find((i) => i.field === 'headers.0.value')?.message).toMatch(/HOOKSMITH_SECRET_KEY.*own variables.*\$\{env:MY_WEBHOOK_TOKEN\}/);
    const exported = base({ headers: [{ key: 'X-Key', value: '${env:HOOKSMITH_HOOK_X_KEY}', secret: true }] });
    expect(validateWebhookInput(exported).value).toBeDefined();
  });
});
