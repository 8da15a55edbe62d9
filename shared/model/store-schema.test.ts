import { describe, expect, it } from 'vitest';
import { emptyWebhookInput, type Webhook } from './webhook';
import { CURRENT_SCHEMA_VERSION, defaultSettings, emptyStoreDocument, validateStoreDocument } from './store-schema';

function stored(patch: Record<string, unknown> = {}): Webhook {
  return {
    ...emptyWebhookInput(),
    id: 'wh_1',
    createdAt: '2026-01-31T12:00:00.000Z',
    updatedAt: '2026-02-01T08:00:00+01:00',
    name: 'Hook',
    url: 'https://example.com/hook',
    ...patch,
  } as Webhook;
}

const doc = (webhooks: unknown[], settings: unknown = defaultSettings(), samples: unknown = []) => ({ schemaVersion: CURRENT_SCHEMA_VERSION, webhooks, settings, samples });

function reasonOf(value: unknown): string {
  const result = validateStoreDocument(value);
  return result.ok ? '' : result.reason;
}

describe('validateStoreDocument', () => {
  it('accepts a valid document and drops unknown keys', () => {
    const result = validateStoreDocument({ ...doc([{ ...stored(), extra: true }]), other: 1 });
    expect(result).toEqual({ ok: true, doc: doc([stored()]) });
  });

  it('accepts the empty document', () => {
    expect(validateStoreDocument(emptyStoreDocument()).ok).toBe(true);
  });

  it('does not apply Apono rules on load, only shape', () => {
    expect(validateStoreDocument(doc([stored({ name: 'not alnum!', url: 'http://x' })])).ok).toBe(true);
  });

  it('requires the current version', () => {
    expect(reasonOf({ ...emptyStoreDocument(), schemaVersion: 1 })).toMatch(/schemaVersion: schemaVersion must be 5, found 1 — migrate/);
  });

  it('checks ids and timestamps', () => {
    expect(reasonOf(doc([stored({ id: '' })]))).toMatch(/webhooks\.0\.id: id must not be empty/);
    expect(reasonOf(doc([stored({ id: 7 })]))).toMatch(/webhooks\.0\.id: id must be text/);
    expect(reasonOf(doc([stored(), stored()]))).toMatch(/webhooks\.1\.id: id "wh_1" is also used by webhooks\.0/);
    expect(reasonOf(doc([stored({ createdAt: '2026-01-31' })]))).toMatch(/webhooks\.0\.createdAt: createdAt must be an ISO 8601 timestamp/);
    expect(reasonOf(doc([stored({ updatedAt: undefined })]))).toMatch(/webhooks\.0\.updatedAt: updatedAt is missing/);
  });

  it('checks the webhook input shape by field', () => {
    expect(reasonOf(doc([stored({ headers: [{ key: 'A' }] })]))).toMatch(/webhooks\.0\.headers\.0\.value: Header value is missing/);
    expect(reasonOf(doc(['x']))).toMatch(/webhooks\.0: A webhook must be an object/);
  });

  it('checks settings', () => {
    expect(reasonOf(doc([], null))).toMatch(/settings: settings must be an object/);
    expect(reasonOf(doc([], { eventTypeStyle: 'Created', escapeMode: 'html' }))).toMatch(/settings\.eventTypeStyle/);
  });

  it('checks the response body limit: a whole number of bytes from 1 KB to 100 MB', () => {
    expect(defaultSettings().maxResponseBytes).toBe(1024 * 1024);
    expect(reasonOf(doc([], { ...defaultSettings(), maxResponseBytes: undefined }))).toMatch(/settings\.maxResponseBytes: Response body limit must be a whole number of bytes from 1 KB to 100 MB/);
    expect(reasonOf(doc([], { ...defaultSettings(), maxResponseBytes: 1.5 }))).toMatch(/settings\.maxResponseBytes: .*whole number of bytes; 1\.5 is not/);
    expect(reasonOf(doc([], { ...defaultSettings(), maxResponseBytes: 101 * 1024 * 1024 }))).toMatch(/settings\.maxResponseBytes: .*too large/);
    const twoMb = { ...defaultSettings(), maxResponseBytes: 2 * 1024 * 1024 };
    expect(validateStoreDocument(doc([], twoMb))).toEqual({ ok: true, doc: doc([], twoMb) });
  });

  it('checks the app network settings and a webhook\'s optional network object', () => {
    expect(reasonOf(doc([], { ...defaultSettings(), network: 'x' }))).toMatch(/settings\.network: settings\.network must be an object/);
    expect(reasonOf(doc([], { eventTypeStyle: 'RequestCreated', escapeMode: 'html' }))).toMatch(/settings\.network/);
    expect(reasonOf(doc([stored({ network: { insecureTls: 'yes' } })]))).toMatch(/webhooks\.0\.network\.insecureTls/);
    const withNetwork = stored({ network: { insecureTls: true, proxyUrl: 'http://proxy:3128' } });
    expect(validateStoreDocument(doc([withNetwork]))).toEqual({ ok: true, doc: doc([withNetwork]) });
    // An empty network object is not kept: "no settings" has one spelling.
    const empty = validateStoreDocument(doc([stored({ network: { extraCaPem: '' } })]));
    expect(empty.ok && empty.doc.webhooks[0]).not.toHaveProperty('network');
  });

  it('summarises long problem lists', () => {
    const reason = reasonOf(doc(Array.from({ length: 8 }, (_, i) => stored({ id: `w${i}`, createdAt: 'x' }))));
    expect(reason).toMatch(/\(and 3 more\)$/);
  });
});

describe('saved samples in the store document', () => {
  const sample = { id: 's1', name: 'Pasted', event: { data: { id: 'r1' } }, createdAt: '2026-01-31T12:00:00.000Z' };

  it('keeps valid samples', () => {
    expect(validateStoreDocument(doc([], defaultSettings(), [sample]))).toEqual({ ok: true, doc: doc([], defaultSettings(), [sample]) });
  });

  it('names each broken sample field', () => {
    const reason = reasonOf(doc([], defaultSettings(), [{ ...sample, event: 'text' }, { ...sample, id: 7 }]));
    expect(reason).toContain('samples.0.event: event must be a JSON object');
    expect(reason).toContain('samples.1.id');
  });

  it('requires a samples list', () => {
    expect(reasonOf({ ...doc([]), samples: undefined })).toContain('samples: samples must be a list.');
  });
});
