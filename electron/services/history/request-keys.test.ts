/**
 * Finding invocations where support staff look (issue 10, "faster where support staff search"): by Apono request
 * id (`friendly_id` or `id`), by requester email and by webhook, from an index built when a record is appended.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRecord } from '../../../test/support/invocation-fixtures';
import { tempDir } from '../../../test/support/temp-dir';
import { requestKeysOf } from './index-columns';
import { InvocationStore } from './invocation-store';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => (dir = await tempDir('hooksmith-history-keys-')));
afterEach(() => dir.cleanup());

const NO_LIMITS = { maxRecords: null, maxAgeDays: null, maxTotalBytes: null };
const open = () => InvocationStore.open(dir.path, { retention: NO_LIMITS });
const at = (i: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString();
const event = (n: number, email: string) => ({ event_type: 'RequestCreated', data: { id: `req-uuid-${n}`, friendly_id: `AR-${n}`, requester: { id: 'u', name: 'U', email } } });

function fill(s: InvocationStore): void {
  for (let i = 0; i < 60; i++) s.append(makeRecord({ id: `r${i}`, webhookId: `wh-${i % 3}`, startedAt: at(i), event: event(i % 20, i % 2 ? 'Ada@Example.com' : 'bob@example.com') }));
}

const ids = async (s: InvocationStore, q: Parameters<InvocationStore['query']>[0]) => (await s.query({ limit: 1000, ...q })).items.map((x) => x.id);

describe('request keys', () => {
  it('reads friendly_id, id and requester email from an Apono event, lower-cased; nothing from other payloads', () => {
    expect(requestKeysOf(event(7, 'A@B.C'))).toEqual(['ar-7', 'req-uuid-7', 'a@b.c']);
    expect(requestKeysOf({ data: { requester: { email: 'x@y.z' } } })).toEqual([null, null, 'x@y.z']);
    expect(requestKeysOf({ foo: 1 })).toBeNull();
    expect(requestKeysOf(null)).toBeNull();
    expect(requestKeysOf({ data: 'text' })).toBeNull();
  });

  it('finds every invocation of a request by its readable id or its id, ignoring case, and by requester email', async () => {
    const s = open();
    fill(s);
    expect(await ids(s, { requestId: 'ar-5' })).toEqual(['r45', 'r25', 'r5']);
    expect(await ids(s, { requestId: 'REQ-UUID-5' })).toEqual(['r45', 'r25', 'r5']);
    expect(await ids(s, { requestId: 'AR-999' })).toEqual([]);
    expect((await s.query({ requester: 'ada@example.com' })).total).toBe(30);
    expect(await ids(s, { requester: 'BOB@example.com', requestId: 'AR-4', webhookId: 'wh-0' })).toEqual(['r24']);
    s.close();
  });

  it('the keys survive a reopen and a compaction, and rows written before keys existed still load', async () => {
    const s = open();
    fill(s);
    s.close();
    // An index line from before keys existed: 14 fields.
    const path = join(dir.path, 'index.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    const legacy = lines.map((l) => (l.startsWith('["r0"') ? JSON.stringify((JSON.parse(l) as unknown[]).slice(0, 14)) : l));
    writeFileSync(path, legacy.join('\n'));
    const again = open();
    expect(await ids(again, { requestId: 'ar-5' })).toEqual(['r45', 'r25', 'r5']);
    expect(await again.get('r0')).toMatchObject({ id: 'r0' });
    expect(await ids(again, { requestId: 'ar-0' })).toEqual(['r40', 'r20']);
    expect(again.remove(['r25'])).toBe(1);
    again.close();
    // Force a rewrite (the index is torn), then look again.
    writeFileSync(path, readFileSync(path, 'utf8') + '["torn');
    const third = open();
    expect(await ids(third, { requestId: 'AR-5' })).toEqual(['r45', 'r5']);
    third.close();
  });
});
