/**
 * Rules for the Authentication section: bearer token, Basic auth and OAuth client-credentials settings.
 *
 * Secret values (token, client secret) may be `${env:NAME}`, a `secret:<id>` reference, the masked
 * placeholder or plain text; which one is resolved at send time, so all are accepted here.
 */
import type { FieldIssue } from '../api/result';
import type { WebhookAuth } from './webhook';
import { checkUrl } from './url-rules';
import { placeholderMessage, placeholdersIn } from './placeholders';
import { replaceEnvReferences } from './env-references';

/**
 * Checks the auth settings. Fields are reported as `auth.<name>`.
 *
 * Scopes may be empty (Apono's API allows an empty list), but each scope must be one non-empty word
 * because OAuth joins scopes with spaces.
 */
export function checkAuth(auth: WebhookAuth): FieldIssue[] {
  if (auth.type === 'none') return [];
  if (auth.type === 'bearer') return checkSecret(auth.token, 'auth.token', 'Bearer token');
  if (auth.type === 'basic') return checkBasic(auth.username, auth.password);
  const issues: FieldIssue[] = [];
  if (auth.clientId.trim() === '') issues.push({ field: 'auth.clientId', message: 'OAuth client ID is required — copy it from the OAuth app registration.' });
  const idPlaceholders = placeholdersIn(auth.clientId);
  if (idPlaceholders.length > 0) issues.push({ field: 'auth.clientId', message: placeholderMessage('OAuth client ID', idPlaceholders) });
  issues.push(...checkSecret(auth.clientSecret, 'auth.clientSecret', 'OAuth client secret'));
  issues.push(...checkUrl(auth.tokenUrl, 'auth.tokenUrl', 'Token URL'));
  auth.scopes.forEach((scope, i) => {
    const field = `auth.scopes.${i}`;
    if (scope.trim() === '') issues.push({ field, message: 'OAuth scope must not be empty — remove the empty entry.' });
    else if (/\s/.test(scope)) issues.push({ field, message: `OAuth scope "${scope}" contains spaces — add each scope as its own entry.` });
  });
  return issues;
}

/** RFC 7617 §2: the user-id cannot contain a colon (the first colon ends it); both parts end up in one header. */
function checkBasic(username: string, password: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (username.trim() === '') issues.push({ field: 'auth.username', message: 'Basic auth user name is required — e.g. the Jira account e-mail, or ${env:NAME}.' });
  // The colon of a `${env:NAME}` reference is not part of the user name sent.
  else if (replaceEnvReferences(username, () => '').includes(':')) issues.push({ field: 'auth.username', message: 'Basic auth user name must not contain ":" (it separates the user name from the password) — remove it.' });
  else if (/[\r\n]/.test(username)) issues.push({ field: 'auth.username', message: 'Basic auth user name must not contain line breaks (CR or LF) — put it on one line.' });
  else {
    const placeholders = placeholdersIn(username);
    if (placeholders.length > 0) issues.push({ field: 'auth.username', message: placeholderMessage('Basic auth user name', placeholders) });
  }
  issues.push(...checkSecret(password, 'auth.password', 'Basic auth password'));
  return issues;
}

function checkSecret(value: string, field: string, label: string): FieldIssue[] {
  if (value.trim() === '') {
    return [{ field, message: `${label} is required — paste it, or write \${env:NAME} to read it from the environment when sending.` }];
  }
  // The token ends up in a header, so the header line-break rule applies to it too.
  if (/[\r\n]/.test(value)) return [{ field, message: `${label} must not contain line breaks (CR or LF) — put it on one line.` }];
  const placeholders = placeholdersIn(value);
  if (placeholders.length > 0) return [{ field, message: placeholderMessage(label, placeholders) }];
  return [];
}
