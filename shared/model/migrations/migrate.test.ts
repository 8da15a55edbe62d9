import { describe, expect, it } from 'vitest';
import v1 from './fixtures/store-v1.json';
import v1Broken from './fixtures/store-v1-broken.json';
import { MIGRATIONS, migrate } from './migrate';
import v2 from './fixtures/store-v2.json';
import { addSettings } from './001-add-settings';
import { addSamples } from './002-add-samples';
import { addNetworkSettings } from './003-add-network-settings';
import v3 from './fixtures/store-v3.json';
import v4 from './fixtures/store-v4.json';
import { addResponseLimit } from './004-add-response-limit';
import { CURRENT_SCHEMA_VERSION, defaultSettings, emptyStoreDocument } from '../store-schema';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('migrate', () => {
  it('has one migration per step up to the current version', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  it('migrates the v1 fixture: adds settings and renames timeout', () => {
    const result = migrate(clone(v1));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(1);
    expect(result.doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(result.doc.settings).toEqual(defaultSettings());
    expect(result.doc.samples).toEqual([]);
    expect(result.doc.webhooks.map((w) => w.timeoutSeconds)).toEqual([30, null]);
    expect(result.doc.webhooks[0]).not.toHaveProperty('timeout');
    expect(result.doc.webhooks[0]?.headers).toEqual([{ key: 'X-Api-Key', value: 'secret:k1', secret: true }]);
    expect(result.doc.webhooks[1]).toMatchObject({ id: 'wh_02', name: 'LocalReceiver', auth: { type: 'bearer', token: '${env:LOCAL_TOKEN}' } });
  });

  it('does not mutate its argument', () => {
    const input = clone(v1);
    migrate(input);
    expect(input).toEqual(v1);
  });

  it('keeps existing settings and timeoutSeconds in the v1 step', () => {
    const out = addSettings.up({ schemaVersion: 1, webhooks: [{ timeoutSeconds: 5, timeout: 9 }], settings: { escapeMode: 'none' } });
    expect(out).toEqual({ schemaVersion: 1, webhooks: [{ timeoutSeconds: 5 }], settings: { escapeMode: 'none' } });
  });

  it('migrates the v2 fixture: adds an empty samples list and keeps webhooks and settings', () => {
    const result = migrate(clone(v2));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(2);
    expect(result.doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(result.doc.samples).toEqual([]);
    expect(result.doc.settings).toEqual({ eventTypeStyle: 'RequestCreated', escapeMode: 'none', network: {}, maxResponseBytes: 1048576 });
    expect(result.doc.webhooks.map((w) => w.name)).toEqual(['SlackAlerts']);
  });

  it('keeps a samples list already present in the v2 step, for validation to judge', () => {
    const samples = [{ id: 's1', name: 'Mine', event: {}, createdAt: '2026-01-01T00:00:00Z' }];
    expect(addSamples.up({ schemaVersion: 2, samples })).toEqual({ schemaVersion: 2, samples });
    expect(addSamples.up({ schemaVersion: 2, samples: 'junk' })).toEqual({ schemaVersion: 2, samples: [] });
  });

  it('refuses a v2 document whose hand-edited samples are broken, naming the field', () => {
    const broken = { ...clone(v2), samples: [{ id: 's1', name: 'Mine', event: [1], createdAt: 'yesterday' }] };
    const result = migrate(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('samples.0.event: event must be a JSON object');
    expect(result.reason).toContain('samples.0.createdAt');
  });

  it('migrates the v3 fixture: adds empty app network settings and keeps every webhook as it was', () => {
    const result = migrate(clone(v3));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(3);
    expect(result.doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(result.doc.settings).toEqual({ eventTypeStyle: 'AccessRequestCreated', escapeMode: 'html', network: {}, maxResponseBytes: 1048576 });
    expect(result.doc.samples).toHaveLength(1);
    expect(result.doc.webhooks[0]).toEqual(v3.webhooks[0]);
    expect(result.doc.webhooks[0]).not.toHaveProperty('network');
  });

  it('keeps a network object already in v3 settings for validation to judge, and leaves non-object settings alone', () => {
    expect(addNetworkSettings.up({ schemaVersion: 3, settings: { escapeMode: 'none' } })).toEqual({ schemaVersion: 3, settings: { escapeMode: 'none', network: {} } });
    const kept = addNetworkSettings.up({ schemaVersion: 3, settings: { network: { proxyUrl: 'http://p:3128' } } });
    expect(kept).toEqual({ schemaVersion: 3, settings: { network: { proxyUrl: 'http://p:3128' } } });
    expect(addNetworkSettings.up({ schemaVersion: 3, settings: 'junk' })).toEqual({ schemaVersion: 3, settings: 'junk' });
    const broken = migrate({ ...clone(v3), settings: { ...v3.settings, network: { proxyUrl: 7 } } });
    expect(broken.ok ? '' : broken.reason).toContain('settings.network.proxyUrl');
  });

  it('migrates the v4 fixture to v5: the response body limit starts at the 1 MB version 4 always used, the rest unchanged', () => {
    const result = migrate(clone(v4));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(4);
    expect(result.doc.schemaVersion).toBe(5);
    expect(result.doc.settings).toEqual({ ...v4.settings, maxResponseBytes: 1024 * 1024 });
    expect(result.doc.webhooks).toEqual(v4.webhooks);
    expect(result.doc.samples).toEqual(v4.samples);
  });

  it('keeps a limit already in v4 settings for validation to judge, naming the field when it is bad', () => {
    expect(addResponseLimit.up({ schemaVersion: 4, settings: { maxResponseBytes: 2048 } })).toEqual({ schemaVersion: 4, settings: { maxResponseBytes: 2048 } });
    expect(addResponseLimit.up({ schemaVersion: 4, settings: 'junk' })).toEqual({ schemaVersion: 4, settings: 'junk' });
    const broken = migrate({ ...clone(v4), settings: { ...v4.settings, maxResponseBytes: 10 } });
    expect(broken.ok ? '' : broken.reason).toMatch(/settings\.maxResponseBytes: Response body limit must be from 1 KB to 100 MB .*too small/);
  });

  it('passes a current document through without migratedFrom', () => {
    const result = migrate(emptyStoreDocument());
    expect(result).toEqual({ ok: true, doc: emptyStoreDocument() });
  });

  it('explains a v1 document that is invalid after migration', () => {
    const result = migrate(clone(v1Broken));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/^After migrating from schema version 1: The data file is not valid: /);
    expect(result.reason).toContain('webhooks.0.method');
    expect(result.reason).toContain('webhooks.0.timeoutSeconds');
    expect(result.reason).toMatch(/webhooks\.0\.createdAt: createdAt must be an ISO 8601 timestamp/);
  });

  it('refuses a document from a newer Hooksmith', () => {
    const result = migrate({ ...emptyStoreDocument(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 });
    expect(result).toEqual({ ok: false, newer: true, reason: expect.stringMatching(/newer Hooksmith \(schema version 6; this version reads up to 5\)\. Update Hooksmith; the file was left unchanged\./) });
  });

  it.each([null, [], { webhooks: [] }, { schemaVersion: '2' }, { schemaVersion: 0 }])('refuses %j without a usable version', (doc) => {
    expect(migrate(doc).ok).toBe(false);
  });
});
