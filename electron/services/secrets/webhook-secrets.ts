/**
 * The only code that turns secret values into references and back.
 *
 * In the data file a secret field holds `${env:NAME}` or `secret:<id>` (ciphertext in the SecretStore); the
 * renderer sees {@link MASKED_SECRET}; exports get `${env:…}` placeholders; only `resolveSecrets` (for
 * sending) yields plain text.
 */
import { randomUUID } from 'node:crypto';
import { MASKED_SECRET, type WebhookInput } from '../../../shared/model/webhook';
import { envFields, envNamesIn, expandEnvReferences, hasEnvReference } from '../../../shared/model/env-references';
import { rememberEnvValues } from '../../../shared/delivery/masking';
import type { FieldIssue } from '../../../shared/api/result';
import { secretEnvName } from '../../../shared/model/definition-secrets';
import { isHooksmithVariable } from '../../../shared/model/env-reads';
import { secretSlots, type SecretSlot } from '../../../shared/model/secret-slots';
import type { SecretStore } from './secret-store';

const REF_PREFIX = 'secret:';

const clone = <T extends WebhookInput>(w: T): T => structuredClone(w);

/** Every `secret:<id>` a webhook refers to. */
export function secretRefsOf(w: WebhookInput): string[] {
  return secretSlots(w)
    .map((s) => s.value)
    .filter((v) => v.startsWith(REF_PREFIX));
}

/**
 * Prepares input for saving: plain secrets go to the store, the mask keeps the previous value, env references stay.
 *
 * Returns issues (nothing stored) when a masked value has no previous value to keep.
 */
export async function sealSecrets(
  input: WebhookInput,
  previous: WebhookInput | undefined,
  store: SecretStore,
): Promise<{ sealed: WebhookInput; issues: FieldIssue[] }> {
  const sealed = clone(input);
  const before = new Map(previous ? secretSlots(previous).map((s) => [s.identity, s.value]) : []);
  const issues: FieldIssue[] = [];
  const toStore: Array<[SecretSlot, string]> = [];
  for (const slot of secretSlots(sealed)) {
    // A value with references (`Splunk ${env:HEC_TOKEN}`) names variables; the secret stays in the environment.
    if (hasEnvReference(slot.value)) continue;
    const prior = before.get(slot.identity);
    if (slot.value === MASKED_SECRET || (slot.value.startsWith(REF_PREFIX) && slot.value === prior)) {
      if (prior === undefined) issues.push({ field: slot.field, message: 'no stored secret to keep; type the secret again.' });
      else slot.set(prior);
      continue;
    }
    if (slot.value === '') continue;
    toStore.push([slot, slot.value]);
  }
  // A header whose Secret box was unticked comes back as the mask: saving that as plain text would replace
  // the real value with bullets (and then delete the stored secret).
  sealed.headers.forEach((h, i) => {
    if (!h.secret && h.value === MASKED_SECRET) {
      issues.push({ field: `headers.${i}.value`, message: 'this header held a secret; type its value again, or tick Secret to keep the stored one.' });
    }
  });
  if (issues.length) return { sealed: input, issues };
  const stored: string[] = [];
  for (const [slot, plain] of toStore) {
    const ref = `${REF_PREFIX}${randomUUID()}`;
    try {
      await store.set(ref, plain);
      stored.push(ref);
      slot.set(ref);
    } catch (e) {
      // Every secret is tried, so one answer names each field the store refused (a header and a token, say).
      issues.push({ field: slot.field, message: e instanceof Error ? e.message : String(e) });
    }
  }
  if (!issues.length) return { sealed, issues };
  // Nothing half-saved: drop what this call stored before or between the refusals.
  for (const r of stored) await store.delete(r);
  return { sealed: input, issues };
}

/** Deletes stored secrets that `previous` used and `next` no longer does. */
export async function releaseSecrets(previous: WebhookInput, next: WebhookInput | undefined, store: SecretStore): Promise<void> {
  const kept = new Set(next ? secretRefsOf(next) : []);
  for (const ref of secretRefsOf(previous)) if (!kept.has(ref)) await store.delete(ref);
}

/** Gives a copy its own stored secrets, so deleting one webhook never breaks the other. */
export async function copySecrets<T extends WebhookInput>(w: T, store: SecretStore): Promise<T> {
  const copy = clone(w);
  for (const slot of secretSlots(copy)) {
    if (!slot.value.startsWith(REF_PREFIX)) continue;
    const plain = await store.get(slot.value);
    const ref = `${REF_PREFIX}${randomUUID()}`;
    if (plain !== undefined) await store.set(ref, plain);
    slot.set(ref);
  }
  return copy;
}

/** What the renderer may see: stored secrets as the mask, env references as written. */
export function maskSecrets<T extends WebhookInput>(w: T): T {
  const masked = clone(w);
  for (const slot of secretSlots(masked)) if (slot.value.startsWith(REF_PREFIX)) slot.set(MASKED_SECRET);
  return masked;
}

/** For exports: stored secrets become `${env:…}` placeholders; returns the variable names used. */
export function exportableSecrets<T extends WebhookInput>(w: T): { webhook: T; placeholders: string[] } {
  const out = clone(w);
  const placeholders: string[] = [];
  for (const slot of secretSlots(out)) {
    if (hasEnvReference(slot.value)) continue;
    if (slot.value === '') continue;
    const name = secretEnvName(w.name, slot.role);
    placeholders.push(name);
    slot.set(`\${env:${name}}`);
  }
  return { webhook: out, placeholders };
}

/** A secret slot as the form names it: "The X-Api-Key header", "The bearer token". */
function slotName(slot: SecretSlot): string {
  if (slot.field.startsWith('headers.')) return `The ${slot.role} header`;
  if (slot.role === 'token') return 'The bearer token';
  if (slot.role === 'client secret') return 'The OAuth2 client secret';
  if (slot.role === 'password') return 'The Basic auth password';
  return `The ${slot.role}`;
}

/**
 * Plain-text values for sending. Fails naming the field and the variable when an env variable is unset, or
 * the field when a stored secret is gone.
 *
 * References are read first, on the stored form, so a stored secret that happens to contain `${env:…}` text
 * is sent as typed. Every value read from the environment is remembered as a secret of the result (see
 * `rememberEnvValues`), so the records mask it wherever it lands: a URL's `?token=`, a header, a body echo.
 */
export async function resolveSecrets<T extends WebhookInput>(
  w: T,
  store: SecretStore,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ ok: true; webhook: T } | { ok: false; issues: FieldIssue[] }> {
  const out = clone(w);
  const issues: FieldIssue[] = [];
  const read: string[] = [];
  // Taken before expanding, so neither step reads what the other produced.
  const stored = secretSlots(out).filter((slot) => slot.value.startsWith(REF_PREFIX));
  for (const f of envFields(out)) {
    if (!hasEnvReference(f.value) || f.value.startsWith(REF_PREFIX)) continue;
    const own = envNamesIn(f.value).filter(isHooksmithVariable);
    if (own.length) {
      // Saving refuses this already; a data file written before that rule must not send the key either.
      issues.push({ field: f.field, message: `${f.label} reads ${own.join(', ')}, one of Hooksmith's own variables, which a webhook never reads: put the secret in a variable of its own.` });
      continue;
    }
    const expanded = expandEnvReferences(f.value, env);
    for (const name of expanded.missing) {
      issues.push({ field: f.field, message: `${f.label} reads the environment variable ${name}, which is not set: set ${name}, or write the value.` });
    }
    read.push(...expanded.read);
    f.set(expanded.value);
  }
  for (const slot of stored) {
    const v = await store.get(slot.value);
    if (v === undefined) issues.push({ field: slot.field, message: `${slotName(slot)}: the stored secret is no longer available (secrets were kept in memory or the key changed); enter it again.` });
    else slot.set(v);
  }
  if (issues.length) return { ok: false, issues };
  rememberEnvValues(out, read);
  return { ok: true, webhook: out };
}

/**
 * Every secret value `w` holds that can be read now (typed, stored, or an `${env:NAME}` that is set), for
 * masking text no delivery of it made (a capture). A slot that cannot be read is skipped: nothing to mask.
 */
export async function readableSecretValues(w: WebhookInput, store: SecretStore, env: Readonly<Record<string, string | undefined>>): Promise<string[]> {
  const values: string[] = [];
  // Every value read from the environment, wherever it is written (a whole secret, `Splunk ${env:…}`, the URL).
  for (const f of envFields(w)) if (hasEnvReference(f.value)) values.push(...expandEnvReferences(f.value, env).read);
  for (const slot of secretSlots(w)) {
    if (hasEnvReference(slot.value)) continue;
    const value = slot.value.startsWith(REF_PREFIX) ? await store.get(slot.value).catch(() => undefined) : slot.value;
    if (value) values.push(value);
  }
  return values;
}

/**
 * One stored secret in clear, for a user who asked to see it. A `${env:NAME}` slot answers with the reference
 * (the variable's value never leaves the environment through here).
 */
export async function revealSecret(w: WebhookInput, field: string, store: SecretStore): Promise<{ ok: true; value: string } | { ok: false; code: 'not-found' | 'secret-unavailable'; message: string }> {
  const slot = secretSlots(w).find((s) => s.field === field);
  if (!slot || slot.value === '') return { ok: false, code: 'not-found', message: `${field}: this webhook keeps no secret there.` };
  if (!slot.value.startsWith(REF_PREFIX)) return { ok: true, value: slot.value };
  try {
    const v = await store.get(slot.value);
    if (v !== undefined) return { ok: true, value: v };
  } catch (e) {
    return { ok: false, code: 'secret-unavailable', message: `${field}: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { ok: false, code: 'secret-unavailable', message: `${field}: the stored secret is no longer available (secrets were kept in memory or the key changed); enter it again.` };
}

/**
 * For testing unsaved form contents: a secret the form still shows masked takes the saved webhook's stored
 * value (its reference, resolved later by {@link resolveSecrets}). Nothing is stored or changed.
 */
export function keepMaskedSecrets<T extends WebhookInput>(input: T, previous: WebhookInput | undefined): { webhook: T; issues: FieldIssue[] } {
  const out = clone(input);
  const before = new Map(previous ? secretSlots(previous).map((s) => [s.identity, s.value]) : []);
  const issues: FieldIssue[] = [];
  for (const slot of secretSlots(out)) {
    if (slot.value !== MASKED_SECRET) continue;
    const prior = before.get(slot.identity);
    if (prior === undefined) issues.push({ field: slot.field, message: 'no saved secret to use; type the secret.' });
    else slot.set(prior);
  }
  return { webhook: out, issues };
}
