/**
 * Apono's rules for a request webhook, applied to untrusted input.
 *
 * One pass reports every problem by field, each message saying what to do, so the form, the CLI and the
 * definition-file importer can show them as they are. Errors block saving; warnings do not.
 */
import { hooksmithVariableIssues } from './env-reads';
import type { FieldIssue } from '../api/result';
import type { WebhookFilter, WebhookInput, ResponseValidator, Trigger } from './webhook';
import { checkWebhookShape, completeInput } from './webhook-shape';
import { checkUrl } from './url-rules';
import { checkHeaders } from './header-rules';
import { checkAuth } from './auth-rules';
import { placeholderMessage, placeholdersIn } from './placeholders';
import { checkWebhookNetwork } from './network';
import { urlCredentialWarnings } from './url-credentials';
import { checkUrlPath, findContract, TARGET_CONTRACTS } from '../contracts';
import { checkFilterPath } from '../filters/json-path-check';
import { sameWebhookName } from './webhook-name';

/** Longest name accepted; Apono publishes no limit, and the Webhooks table truncates long names anyway. */
export const MAX_NAME_LENGTH = 100;

/** Above this the timeout is flagged: Apono's limit is unknown and longer waits are unusual (spec §10 #6). */
export const TIMEOUT_WARNING_SECONDS = 60;

/** Apono's API types the timeout as a nullable int32 (`timeout_in_sec`). */
const MAX_INT32 = 2_147_483_647;

/** What the caller knows that the input does not carry. */
export interface ValidateWebhookOptions {
  /** Names of the OTHER webhooks; the name must differ from each, ignoring case. */
  existingNames?: string[];
}

/** Issues for every field, and the validated input when there is no error (warnings allowed). */
export interface WebhookValidation {
  value?: WebhookInput;
  issues: FieldIssue[];
}

/**
 * Checks the shape of `input`, then Apono's rules.
 *
 * Rules run on every field whose shape is right even when others are wrong, so a fix-and-retry loop does
 * not reveal problems one at a time. `value` is a fresh object without unknown keys.
 */
export function validateWebhookInput(input: unknown, opts: ValidateWebhookOptions = {}): WebhookValidation {
  const { fields, issues } = checkWebhookShape(input);
  if (fields.name !== undefined) issues.push(...checkName(fields.name, opts.existingNames ?? []));
  if (fields.url !== undefined) issues.push(...checkUrl(fields.url, 'url', 'URL'), ...urlCredentialWarnings(fields.url, 'url'));
  if (fields.headers !== undefined) issues.push(...checkHeaders(fields.headers, fields.auth?.type));
  if (fields.auth !== undefined) issues.push(...checkAuth(fields.auth));
  if (fields.bodyTemplate !== undefined && fields.bodyTemplate.trim() === '') {
    issues.push({ field: 'bodyTemplate', message: 'Body template is required — Apono sends the rendered template as the request body; write a JSON template.' });
  }
  const bodyPlaceholders = fields.bodyTemplate === undefined ? [] : placeholdersIn(fields.bodyTemplate);
  if (bodyPlaceholders.length > 0) issues.push({ field: 'bodyTemplate', message: placeholderMessage('Body template', bodyPlaceholders) });
  if (fields.triggers !== undefined) issues.push(...checkTriggers(fields.triggers));
  if (fields.filters !== undefined) fields.filters.forEach((f, i) => issues.push(...checkFilter(f, `filters.${i}`)));
  if (fields.timeoutSeconds !== undefined) issues.push(...checkTimeout(fields.timeoutSeconds));
  if (fields.responseValidators !== undefined) {
    fields.responseValidators.forEach((v, i) => issues.push(...checkValidator(v, `responseValidators.${i}`)));
  }
  if (fields.network !== undefined) issues.push(...checkWebhookNetwork(fields.network));
  const contract = fields.contract === undefined ? undefined : findContract(fields.contract);
  if (fields.contract !== undefined && !contract) {
    issues.push({
      field: 'contract',
      message: `Target contract "${fields.contract}" is not one Hooksmith knows — use one of ${TARGET_CONTRACTS.map((c) => c.id).join(', ')}, or remove the field.`,
    });
  }
  // A URL the target's API version does not take (a Jira v2 body to /rest/api/3/) is never sent: an error, so
  // the webhook cannot be saved or tested until the URL or the target rules change.
  if (contract && fields.url !== undefined) {
    for (const f of checkUrlPath(contract, fields.url)) issues.push({ field: 'url', message: `${f.message} Or set Target rules to match the URL.` });
  }
  const value = completeInput(fields);
  if (value !== undefined) issues.push(...hooksmithVariableIssues(value));
  const blocked = issues.some((i) => i.severity !== 'warning');
  return blocked || value === undefined ? { issues } : { value, issues };
}

/**
 * Name rules: required, ASCII letters and digits only, at most {@link MAX_NAME_LENGTH}, unique ignoring case.
 *
 * Apono says "unique, alphanumeric" and names no separators, so spaces, `_` and `-` are refused rather than
 * risk a name Apono rejects.
 */
export function checkName(name: string, existingNames: string[]): FieldIssue[] {
  const field = 'name';
  if (name === '') return [{ field, message: 'Name is required — enter a name made of letters and digits, e.g. SlackAlerts.' }];
  const issues: FieldIssue[] = [];
  if (!/^[A-Za-z0-9]+$/.test(name)) {
    issues.push({
      field,
      message: 'Name may contain only letters and digits (A–Z, a–z, 0–9) — remove spaces, hyphens, underscores and other symbols; Apono requires an alphanumeric name.',
    });
  }
  if (name.length > MAX_NAME_LENGTH) {
    issues.push({ field, message: `Name is ${name.length} characters long — shorten it to at most ${MAX_NAME_LENGTH}.` });
  }
  if (existingNames.some((other) => sameWebhookName(other, name))) {
    issues.push({ field, message: `Name "${name}" is already used by another webhook (names ignore case) — choose a different name.` });
  }
  return issues;
}

function checkTriggers(triggers: Trigger[]): FieldIssue[] {
  if (triggers.length === 0) return [{ field: 'triggers', message: 'Triggers: select at least one trigger, e.g. RequestCreated — a webhook without triggers never fires.' }];
  const issues: FieldIssue[] = [];
  triggers.forEach((trigger, i) => {
    if (triggers.indexOf(trigger) !== i) {
      issues.push({ field: `triggers.${i}`, message: `Trigger "${trigger}" is listed twice — remove the repeat.` });
    }
  });
  return issues;
}

function checkFilter(filter: WebhookFilter, base: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (filter.values.length === 0) {
    issues.push({ field: `${base}.values`, message: `Filter values: add at least one value for the ${filter.field} filter, or remove the filter.` });
  }
  filter.values.forEach((value, i) => {
    if (value.trim() === '') issues.push({ field: `${base}.values.${i}`, message: 'Filter value must not be empty — enter a value or remove it.' });
  });
  if (filter.field === 'json_path') {
    const path = filter.path ?? '';
    if (!path.trim().startsWith('$')) {
      issues.push({ field: `${base}.path`, message: 'Filter path is required for a json_path filter and must start with $ — e.g. $.data.requester.email.' });
    } else {
      const problem = checkFilterPath(path);
      if (problem) issues.push({ field: `${base}.path`, ...(problem.severity === 'warning' ? { severity: 'warning' as const } : {}), message: problem.message });
    }
  } else if (filter.path !== undefined) {
    issues.push({ field: `${base}.path`, severity: 'warning', message: `Filter path is used only by json_path filters — remove it from this ${filter.field} filter.` });
  }
  return issues;
}

/** The longest timeout a timer can hold (2^31-1 ms), in whole seconds. */
export const MAX_TIMEOUT_SECONDS = Math.floor(MAX_INT32 / 1000);

function checkTimeout(timeout: number | null): FieldIssue[] {
  const field = 'timeoutSeconds';
  if (timeout === null) return [];
  if (!Number.isInteger(timeout) || timeout <= 0) {
    return [{ field, message: 'Timeout must be a whole number of seconds greater than 0 — e.g. 30, or leave it empty (null) for the default.' }];
  }
  // Timers hold at most 2^31-1 ms; a longer timeout would fire at once and make every send "time out".
  if (timeout > MAX_TIMEOUT_SECONDS) return [{ field, message: `Timeout is too large — use at most ${MAX_TIMEOUT_SECONDS} seconds (about 24 days).` }];
  if (timeout > TIMEOUT_WARNING_SECONDS) {
    return [
      {
        field,
        severity: 'warning',
        message: `Timeout is over ${TIMEOUT_WARNING_SECONDS} seconds — Apono's limit is not documented; consider ${TIMEOUT_WARNING_SECONDS} or less.`,
      },
    ];
  }
  return [];
}

function checkValidator(validator: ResponseValidator, base: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // Apono wraps the response under `data`, so a path must go below it to test anything (spec §3.4).
  if (!validator.jsonPath.startsWith('$.data.') || validator.jsonPath.length === '$.data.'.length) {
    issues.push({ field: `${base}.jsonPath`, message: 'Validator JSON path must start with $.data. followed by a field — e.g. $.data.status.' });
  }
  if (validator.expectedValues.length === 0) {
    issues.push({ field: `${base}.expectedValues`, message: 'Validator expected values: add at least one value the response must match.' });
  }
  validator.expectedValues.forEach((value, i) => {
    if (value.trim() === '') issues.push({ field: `${base}.expectedValues.${i}`, message: 'Expected value must not be empty — enter a value or remove it.' });
  });
  return issues;
}
