import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../api/result';
import { MASKED_SECRET, emptyWebhookInput, type WebhookInput } from './webhook';
import { validateWebhookInput } from './webhook-rules';
import { LOOPBACK_WARNING } from './url-rules';

function valid(): WebhookInput {
  return { ...emptyWebhookInput(), name: 'SlackAlerts', url: 'https://hooks.example.com/services/T1' };
}

/** Validates `valid()` changed by `patch`; `patch` may write anything, as an untrusted caller could. */
function check(patch: Record<string, unknown>, existingNames: string[] = []) {
  return validateWebhookInput({ ...valid(), ...patch }, { existingNames });
}

const errors = (issues: FieldIssue[]) => issues.filter((i) => i.severity !== 'warning');
const warnings = (issues: FieldIssue[]) => issues.filter((i) => i.severity === 'warning');

function expectError(patch: Record<string, unknown>, field: string, text: RegExp, existingNames: string[] = []) {
  const result = check(patch, existingNames);
  expect(result.value).toBeUndefined();
  const issue = errors(result.issues).find((i) => i.field === field);
  expect(issue, JSON.stringify(result.issues)).toBeDefined();
  expect(issue?.message).toMatch(text);
}

function expectClean(patch: Record<string, unknown>, existingNames: string[] = []) {
  const result = check(patch, existingNames);
  expect(result.issues).toEqual([]);
  expect(result.value).toBeDefined();
}

function expectWarning(patch: Record<string, unknown>, field: string, text: RegExp) {
  const result = check(patch);
  expect(errors(result.issues)).toEqual([]);
  expect(result.value).toBeDefined();
  expect(warnings(result.issues).find((i) => i.field === field)?.message).toMatch(text);
}

describe('validateWebhookInput: shape', () => {
  it('accepts a valid webhook and returns a copy without unknown keys', () => {
    const result = validateWebhookInput({ ...valid(), id: 'x', extra: 1 });
    expect(result.issues).toEqual([]);
    expect(result.value).toEqual(valid());
  });

  it('refuses a non-object', () => {
    expect(validateWebhookInput('nope').issues[0]?.field).toBe('(webhook)');
  });

  it('names each missing or mistyped field and still runs the rules on the others', () => {
    const input: Record<string, unknown> = { ...valid(), url: 'http://example.com', timeoutSeconds: '30', active: 'yes' };
    delete input.bodyTemplate;
    const { issues, value } = validateWebhookInput(input);
    expect(value).toBeUndefined();
    expect(issues.map((i) => i.field).sort()).toEqual(['active', 'bodyTemplate', 'timeoutSeconds', 'url']);
    expect(issues.find((i) => i.field === 'bodyTemplate')?.message).toMatch(/missing — add it/);
    expect(issues.find((i) => i.field === 'timeoutSeconds')?.message).toMatch(/not text — write e\.g\. 30 without quotes/);
  });

  it('names nested shape problems by dotted path', () => {
    expectError({ headers: [{ key: 'A', value: 'b' }, { key: 'B', value: 3 }] }, 'headers.1.value', /must be text, not a number/);
    expectError({ responseValidators: [{ jsonPath: '$.data.x' }] }, 'responseValidators.0.expectedValues', /missing/);
    expectError({ auth: { type: 'oauth2', clientId: 'c', clientSecret: 's', scopes: [] } }, 'auth.tokenUrl', /missing/);
    expectError({ auth: { type: 'digest' } }, 'auth.type', /none, bearer, basic, oauth2/);
    expectError({ auth: { type: 'basic', username: 'me' } }, 'auth.password', /missing/);
    expectError({ auth: undefined }, 'auth', /"type": "none"/);
    expectError({ filters: ['integration'] }, 'filters.0', /must be an object/);
  });
});

describe('validateWebhookInput: name', () => {
  it('accepts letters and digits', () => expectClean({ name: 'Slack2Alerts' }));
  it('requires a name', () => expectError({ name: '' }, 'name', /required/));
  it.each(['Slack Alerts', 'slack_alerts', 'slack-alerts', 'Café'])('refuses %j', (name) =>
    expectError({ name }, 'name', /only letters and digits.*remove spaces, hyphens, underscores/),
  );
  it('allows 100 characters, refuses 101', () => {
    expectClean({ name: 'a'.repeat(100) });
    expectError({ name: 'a'.repeat(101) }, 'name', /at most 100/);
  });
  it('must be unique ignoring case', () => {
    expectClean({ name: 'SlackAlerts' }, ['JiraTickets']);
    expectError({ name: 'SlackAlerts' }, 'name', /already used.*choose a different name/, ['slackalerts']);
  });
});

describe('validateWebhookInput: method', () => {
  it.each(['POST', 'PUT', 'DELETE'])('accepts %s', (method) => expectClean({ method }));
  it.each(['GET', 'post', 'PATCH'])('refuses %s', (method) => expectError({ method }, 'method', /use one of: POST, PUT, DELETE/));
});

describe('validateWebhookInput: url', () => {
  it('accepts https without a port', () => expectClean({ url: 'https://acme.freshdesk.com/api/v2/tickets?x=1' }));
  it('requires a URL', () => expectError({ url: '' }, 'url', /required/));
  it('requires a parseable URL', () => expectError({ url: 'acme.com/hook' }, 'url', /not a valid URL/));
  it('refuses surrounding spaces', () => expectError({ url: ' https://a.com' }, 'url', /spaces/));
  it('requires https', () => expectError({ url: 'http://example.com/hook' }, 'url', /must use https:\/\/ — Apono only calls HTTPS endpoints/));
  it('refuses a custom port', () => expectError({ url: 'https://example.com:8443/hook' }, 'url', /must not include a port \(":8443"\)/));
  it('refuses an explicit :443 that URL would drop', () => expectError({ url: 'https://example.com:443/hook' }, 'url', /":443"/));
  it('refuses credentials', () => expectError({ url: 'https://user:pw@example.com/hook' }, 'url', /user name or password/));
  it.each(['http://localhost:3000/hook', 'http://127.0.0.1/hook', 'https://[::1]:8443/x', 'https://localhost:443/'])(
    'allows loopback %s with a warning',
    (url) => expectWarning({ url }, 'url', new RegExp(LOOPBACK_WARNING.replace(/[.;]/g, '.'))),
  );
  it('allows loopback https without port cleanly', () => expectClean({ url: 'https://localhost/hook' }));
  it('still refuses a non-http scheme on loopback', () => expectError({ url: 'ftp://localhost/x' }, 'url', /http:\/\/ or https:\/\//));
  it('treats an IPv6 literal without port as portless', () => expectError({ url: 'http://[2001:db8::1]/x' }, 'url', /https/));
});

describe('validateWebhookInput: headers', () => {
  const h = (key: string, value = 'v') => ({ key, value });
  it('accepts up to 10 headers', () => expectClean({ headers: Array.from({ length: 10 }, (_, i) => h(`X-H${i}`)) }));
  it('refuses 11 headers', () => expectError({ headers: Array.from({ length: 11 }, (_, i) => h(`X-H${i}`)) }, 'headers', /at most 10.*remove 1/));
  it('requires a header name', () => expectError({ headers: [h('')] }, 'headers.0.key', /required/));
  it.each(['X Api', 'X:Api', 'Ünï', '"q"'])('refuses header name %j', (key) => expectError({ headers: [h('A'), h(key)] }, 'headers.1.key', /not a valid HTTP header name/));
  it('accepts token punctuation in names', () => expectClean({ headers: [h("X-a!#$%&'*+.^_`|~1")] }));
  it('refuses CR/LF in names and values', () => {
    expectError({ headers: [h('X-A\r\nEvil')] }, 'headers.0.key', /line breaks/);
    expectError({ headers: [h('X-A', 'a\nEvil: 1')] }, 'headers.0.value', /line breaks/);
  });
  it('refuses other control characters in values but allows tab', () => {
    expectError({ headers: [h('X-A', 'a\u0000')] }, 'headers.0.value', /control characters/);
    expectClean({ headers: [h('X-A', 'a\tb')] });
  });
  it('refuses duplicate names ignoring case', () => expectError({ headers: [h('X-Key'), h('x-key')] }, 'headers.1.key', /already set in headers\.0/));
  it('requires a secret header value', () => expectError({ headers: [{ key: 'X-Key', value: ' ', secret: true }] }, 'headers.0.value', /Secret header value is required/));
  it.each(['${env:DD_API_KEY}', MASKED_SECRET, 'secret:abc123', 'plain-text'])('accepts secret value %j', (value) =>
    expectClean({ headers: [{ key: 'DD-API-KEY', value, secret: true }] }),
  );
  it('warns when Authorization duplicates the auth section', () =>
    expectWarning({ headers: [h('Authorization', 'Bearer x')], auth: { type: 'bearer', token: 't' } }, 'headers.0.key', /also set by the bearer/));
});

describe('validateWebhookInput: auth', () => {
  const oauth = { type: 'oauth2', clientId: 'id', clientSecret: '${env:CS}', tokenUrl: 'https://idp.example.com/token', scopes: ['read'] };
  it('accepts bearer with a token', () => expectClean({ auth: { type: 'bearer', token: '${env:TOKEN}' } }));
  it('requires a bearer token', () => expectError({ auth: { type: 'bearer', token: '' } }, 'auth.token', /Bearer token is required.*\$\{env:NAME\}/));
  it('refuses a line break in the token', () => expectError({ auth: { type: 'bearer', token: 'a\nb' } }, 'auth.token', /line breaks/));
  it('accepts a full oauth2 config', () => expectClean({ auth: { ...oauth, clientAuthMethod: 'post' } }));
  it('requires clientId and clientSecret', () => {
    expectError({ auth: { ...oauth, clientId: '' } }, 'auth.clientId', /client ID is required/);
    expectError({ auth: { ...oauth, clientSecret: '' } }, 'auth.clientSecret', /client secret is required/);
  });
  it('applies the URL rules to tokenUrl', () => {
    expectError({ auth: { ...oauth, tokenUrl: '' } }, 'auth.tokenUrl', /Token URL is required/);
    expectError({ auth: { ...oauth, tokenUrl: 'http://idp.example.com/token' } }, 'auth.tokenUrl', /Token URL must use https/);
    expectWarning({ auth: { ...oauth, tokenUrl: 'http://localhost:9000/token' } }, 'auth.tokenUrl', /allowed here for local testing/);
  });
  it('checks scopes', () => {
    expectClean({ auth: { ...oauth, scopes: [] } });
    expectError({ auth: { ...oauth, scopes: ['a', ''] } }, 'auth.scopes.1', /must not be empty/);
    expectError({ auth: { ...oauth, scopes: ['a b'] } }, 'auth.scopes.0', /own entry/);
    expectError({ auth: { ...oauth, scopes: [1] } }, 'auth.scopes.0', /must be text/);
  });
  it('checks clientAuthMethod', () => expectError({ auth: { ...oauth, clientAuthMethod: 'jwt' } }, 'auth.clientAuthMethod', /basic, post/));
});

describe('validateWebhookInput: triggers', () => {
  it('accepts several distinct triggers', () => expectClean({ triggers: ['RequestCreated', 'Manual'] }));
  it('requires one', () => expectError({ triggers: [] }, 'triggers', /at least one trigger/));
  it('refuses unknown ones and hints at legacy names', () => expectError({ triggers: ['Created'] }, 'triggers.0', /did you mean "RequestCreated"/));
  it('refuses duplicates', () => expectError({ triggers: ['RequestCreated', 'RequestCreated'] }, 'triggers.1', /listed twice/));
});

describe('validateWebhookInput: filters', () => {
  it('accepts a filter with values', () => expectClean({ filters: [{ field: 'integration', values: ['aws-prod'] }] }));
  it('refuses an unknown field', () => expectError({ filters: [{ field: 'env', values: ['x'] }] }, 'filters.0.field', /one of: integration/));
  it('requires a value', () => expectError({ filters: [{ field: 'bundle', values: [] }] }, 'filters.0.values', /at least one value/));
  it('refuses empty values', () => expectError({ filters: [{ field: 'bundle', values: ['a', ' '] }] }, 'filters.0.values.1', /must not be empty/));
  it('json_path needs a $ path', () => {
    expectClean({ filters: [{ field: 'json_path', values: ['prod'], path: '$.data.requester.email' }] });
    expectError({ filters: [{ field: 'json_path', values: ['prod'] }] }, 'filters.0.path', /must start with \$/);
    expectError({ filters: [{ field: 'json_path', values: ['prod'], path: 'data.x' }] }, 'filters.0.path', /must start with \$/);
    // A broken path is an error (jsonpath-plus would quietly read it as a shorter one).
    expectError({ filters: [{ field: 'json_path', values: ['x'], path: '$.data[' }] }, 'filters.0.path', /not a JSON path: a "\[" is never closed at character 7/);
    expectError({ filters: [{ field: 'json_path', values: ['x'], path: '$.data.' }] }, 'filters.0.path', /a field name must follow "\."/);
    // A field the payload does not have is a warning with a did-you-mean; wildcards, filters and opaque objects pass.
    expectWarning({ filters: [{ field: 'json_path', values: ['x'], path: '$.data.requestor.email' }] }, 'filters.0.path', /no "requestor" under \$\.data — did you mean "requester"\?/);
    expectClean({ filters: [{ field: 'json_path', values: ['x'], path: "$.data.access_groups[*].integration['name']" }] });
    expectClean({ filters: [{ field: 'json_path', values: ['x'], path: '$.data.access_groups[?(@.integration.type=="AWS Account")].integration.name' }] });
    expectClean({ filters: [{ field: 'json_path', values: ['x'], path: '$.data.custom_fields.env' }] });
  });
  it('warns about a path on other filters', () =>
    expectWarning({ filters: [{ field: 'bundle', values: ['b'], path: '$.x' }] }, 'filters.0.path', /only by json_path/));
});

describe('validateWebhookInput: timeout', () => {
  it.each([null, 1, 60])('accepts %j', (timeoutSeconds) => expectClean({ timeoutSeconds }));
  it.each([0, -5, 2.5])('refuses %j', (timeoutSeconds) => expectError({ timeoutSeconds }, 'timeoutSeconds', /whole number of seconds greater than 0/));
  it('warns above 60', () => expectWarning({ timeoutSeconds: 61 }, 'timeoutSeconds', /over 60 seconds/));
  it('refuses beyond int32', () => expectError({ timeoutSeconds: 2 ** 31 }, 'timeoutSeconds', /too large/));
  it('refuses what a timer cannot hold (it would fire at once), and allows the largest it can', () => {
    expectError({ timeoutSeconds: 2_147_484 }, 'timeoutSeconds', /at most 2147483 seconds/);
    expectWarning({ timeoutSeconds: 2_147_483 }, 'timeoutSeconds', /over 60 seconds/);
  });
});

describe('validateWebhookInput: response validators and body', () => {
  it('accepts a $.data. path with values', () => expectClean({ responseValidators: [{ jsonPath: '$.data.status', expectedValues: ['ok'] }] }));
  it.each(['$.status', '$.data.', 'data.status'])('refuses path %j', (jsonPath) =>
    expectError({ responseValidators: [{ jsonPath, expectedValues: ['ok'] }] }, 'responseValidators.0.jsonPath', /must start with \$\.data\./),
  );
  it('requires an expected value', () => {
    expectError({ responseValidators: [{ jsonPath: '$.data.s', expectedValues: [] }] }, 'responseValidators.0.expectedValues', /at least one/);
    expectError({ responseValidators: [{ jsonPath: '$.data.s', expectedValues: [''] }] }, 'responseValidators.0.expectedValues.0', /must not be empty/);
  });
  it('requires a body template', () => expectError({ bodyTemplate: '  \n' }, 'bodyTemplate', /Body template is required/));
});
