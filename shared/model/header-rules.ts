/**
 * Rules for custom headers: how many, valid names, no line breaks, no duplicates.
 *
 * Line breaks matter beyond tidiness: a CR or LF in a header would let a value start a new header or end the
 * header block (header injection), and Node refuses to send it anyway.
 */
import type { FieldIssue } from '../api/result';
import { MAX_HEADERS, type AuthType, type WebhookHeader } from './webhook';
import { fieldPath } from './shape-check';
import { placeholderMessage, placeholdersIn } from './placeholders';

/** RFC 7230 §3.2.6 `token`: the characters allowed in a header name. */
const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LINE_BREAK = /[\r\n]/;
/** Control characters other than tab, which RFC 7230 does not allow in a field value either. */
const OTHER_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Checks the header list. `authType` lets it flag an Authorization header that the auth section also sets.
 *
 * Duplicate names are errors, not warnings: Apono models headers as a map (its API types them as a string
 * map), so a second row with the same name would silently replace the first.
 */
export function checkHeaders(headers: WebhookHeader[], authType: AuthType | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (headers.length > MAX_HEADERS) {
    const extra = headers.length - MAX_HEADERS;
    issues.push({
      field: 'headers',
      message: `Headers: at most ${MAX_HEADERS} are allowed and there are ${headers.length} — remove ${extra}; Apono accepts at most ${MAX_HEADERS} headers.`,
    });
  }
  const seen = new Map<string, number>();
  headers.forEach((header, i) => {
    const base = fieldPath('headers', i);
    issues.push(...checkHeaderName(header.key, fieldPath(base, 'key')));
    issues.push(...checkHeaderValue(header, fieldPath(base, 'value')));
    const placeholders = placeholdersIn(header.value);
    if (placeholders.length > 0) {
      issues.push({ field: fieldPath(base, 'value'), message: placeholderMessage(`Header ${header.key || `${i + 1}`} value`, placeholders) });
    }
    const lower = header.key.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined && lower !== '') {
      issues.push({
        field: fieldPath(base, 'key'),
        message: `Header "${header.key}" is already set in headers.${first} (names ignore case) — keep one row; Apono keeps only one value per header.`,
      });
    } else {
      seen.set(lower, i);
    }
    if (lower === 'authorization' && authType !== undefined && authType !== 'none') {
      issues.push({
        field: fieldPath(base, 'key'),
        severity: 'warning',
        message: `Header "Authorization" is also set by the ${authType} authentication — remove this row or set Authentication to none.`,
      });
    }
  });
  return issues;
}

function checkHeaderName(key: string, field: string): FieldIssue[] {
  if (key === '') return [{ field, message: 'Header name is required — enter a name such as X-Api-Key, or remove the row.' }];
  if (LINE_BREAK.test(key)) return [{ field, message: 'Header name must not contain line breaks (CR or LF) — put it on one line.' }];
  if (!HEADER_TOKEN.test(key)) {
    return [
      {
        field,
        message: `Header name "${key}" is not a valid HTTP header name — use only letters, digits and ! # $ % & ' * + - . ^ _ \` | ~ (no spaces, colons or quotes).`,
      },
    ];
  }
  return [];
}

function checkHeaderValue(header: WebhookHeader, field: string): FieldIssue[] {
  const { value } = header;
  if (LINE_BREAK.test(value)) return [{ field, message: 'Header value must not contain line breaks (CR or LF) — put it on one line.' }];
  if (OTHER_CONTROL.test(value)) return [{ field, message: 'Header value must not contain control characters — remove them (tabs are fine).' }];
  if (header.secret && value.trim() === '') {
    return [{ field, message: 'Secret header value is required — enter the value, or ${env:NAME} to read it from the environment.' }];
  }
  return [];
}
