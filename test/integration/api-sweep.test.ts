/**
 * Every API method, called with malformed arguments over the real HTTP bridge of browser mode: no call may
 * answer `internal` (an unexpected throw), whatever the shape, type or key names of its argument.
 *
 * fast-check drives three kinds of argument per method: any JSON value; the method's own field names with
 * random values; and objects whose keys are `__proto__`, `constructor`, `toString` and friends, at the top
 * and one level down (where `patch`, `input`, `event` and `retention` are read by key).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_SCHEMAS } from '../../shared/api/api-schemas';
import { API_METHOD_NAMES } from '../../shared/api/methods';
import { FUZZ, bundleText, definitionText, hostileObjectText, json, nastyText, templateText, webhookLike } from '../../shared/fuzz/arbitraries';
import type { Result } from '../../shared/api/result';
import { createBackend, type Backend } from '../../electron/services/backend';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { startWebServer, TOKEN_HEADER, type WebServer } from '../../electron/web/server';
import { httpCall } from '../support/http-call';
import { tempDir } from '../support/temp-dir';

let dir: { path: string; cleanup: () => Promise<void> };
let backend: Backend;
let server: WebServer;

beforeAll(async () => {
  dir = await tempDir();
  backend = await createBackend({ dataDir: join(dir.path, 'data'), secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
  server = await startWebServer({ api: backend.api, staticDir: join(dir.path, 'static'), port: 0 });
});
afterAll(async () => {
  await server.close();
  backend.history.store.close();
  await dir.cleanup();
});

/** Key names that reach Object.prototype when looked up without an own-property check. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '__defineGetter__', 'isPrototypeOf'];

/** An object written as JSON text, so a `__proto__` key is a real key on the wire (a JS literal would set the prototype). */
interface Entries {
  entries: Array<[string, Wire]>;
}
type Wire = Entries | { json: unknown };
const toText = (w: Wire): string => ('json' in w ? JSON.stringify(w.json) ?? 'null' : `{${w.entries.map(([k, v]) => `${JSON.stringify(k)}:${toText(v)}`).join(',')}}`);

/** The top-level field names a method's schema reads (none for methods that take no argument). */
function fieldsOf(name: string): string[] {
  const [ns, method] = name.split('.') as [keyof typeof API_SCHEMAS, string];
  const schema = (API_SCHEMAS[ns] as Record<string, z.ZodType<unknown>>)[method];
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
}

const jsonLeaf = fc.jsonValue({ maxDepth: 3 }).map((json): Wire => ({ json }));
const hostileObject = (inner: fc.Arbitrary<Wire>) =>
  fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), inner), { minLength: 1, maxLength: 4 }).map((entries): Wire => ({ entries }));

const asWire = (v: unknown): Wire => ({ json: v });
const hostileJson = hostileObjectText().map((t) => JSON.parse(t) as unknown);

/**
 * Arguments that pass the transport's shape check for the methods that read deep input, so the sweep reaches
 * the services: junk-laced webhooks, patches with prototype keys, definition and bundle texts, templates.
 * A test that passes every check is sent to a closed loopback port (9, discard), so the sweep never leaves the machine.
 */
const PLAUSIBLE: Record<string, fc.Arbitrary<Wire>> = {
  'webhooks.validate': fc.oneof(webhookLike, hostileJson).map((input) => asWire({ input })),
  'webhooks.create': fc.oneof(webhookLike, hostileJson).map((input) => asWire({ input })),
  'webhooks.update': fc.oneof(webhookLike, hostileJson).map((input) => asWire({ id: 'nope', input })),
  'webhooks.importDefinitions': definitionText.map((text) => asWire({ text })),
  'webhooks.revealSecret': nastyText.map((field) => asWire({ id: 'nope', field: field.slice(0, 100) })),
  'settings.update': fc.oneof(hostileJson, fc.record({ escapeMode: json, eventTypeStyle: json, maxResponseBytes: json, network: fc.oneof(json, hostileJson) }, { requiredKeys: [] })).map((patch) => asWire({ patch })),
  'samples.save': fc.tuple(nastyText, hostileJson).map(([name, event]) => asWire({ name: name.slice(0, 1000), event })),
  'delivery.test': fc
    .tuple(fc.oneof(webhookLike, hostileJson), json)
    .map(([input, event]) => asWire({ input: typeof input === 'object' && input !== null ? { ...input, url: 'http://127.0.0.1:9/x' } : input, event, trigger: 'Manual', runId: 'sweep' })),
  'history.list': fc.record({ text: nastyText.map((t) => t.slice(0, 1000)), status: fc.constantFrom(200, '5xx', '404'), trigger: nastyText.map((t) => t.slice(0, 100)), since: fc.oneof(nastyText.map((t) => t.slice(0, 100)), fc.integer()) }, { requiredKeys: [] }).map(asWire),
  'history.importBundle': bundleText.map((text) => asWire({ text, dryRun: true })),
  'history.updateSettings': fc.record({ retention: fc.oneof(hostileJson, fc.record({ maxRecords: json, maxAgeDays: json, maxTotalBytes: json }, { requiredKeys: [] })), omitBodiesFor: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 3 }) }, { requiredKeys: [] }).map(asWire),
  'simulator.renderBodies': fc.array(fc.record({ template: templateText, event: fc.oneof(json, hostileJson) }), { maxLength: 3 }).map((items) => asWire({ items })),
};

function argFor(name: string): fc.Arbitrary<Wire> {
  const fields = fieldsOf(name);
  const keys = fc.constantFrom(...fields, ...HOSTILE_KEYS, 'x');
  const value = fc.oneof(jsonLeaf, hostileObject(jsonLeaf), fc.constantFrom<Wire>({ json: '' }, { json: 'a'.repeat(300) }, { json: -1 }, { json: 1e309 }, { json: [] }));
  const malformed = fc.oneof(jsonLeaf, hostileObject(jsonLeaf), fc.array(fc.tuple(keys, value), { maxLength: 6 }).map((entries): Wire => ({ entries })));
  const plausible = PLAUSIBLE[name];
  return plausible ? fc.oneof(malformed, { weight: 2, arbitrary: plausible }) : malformed;
}

async function call(method: string, argText: string): Promise<{ status: number; result: Result<unknown> }> {
  const res = await httpCall(server.port, `/api/${method}`, {
    method: 'POST',
    headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
    body: `{"arg":${argText}}`,
  });
  return { status: res.status, result: JSON.parse(res.body) as Result<unknown> };
}

describe('API sweep over the HTTP bridge', () => {
  it('settings.update with prototype keys answers invalid-argument naming the key', async () => {
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const { result } = await call('settings.update', `{"patch":{${JSON.stringify(key)}:"x"}}`);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: key } });
    }
    const after = await backend.api.settings.get();
    expect(after.ok && Object.keys(after.value).sort()).toEqual(['escapeMode', 'eventTypeStyle', 'maxResponseBytes', 'network']);
  });

  it('a prototype key inside settings.update network or history.updateSettings retention is refused by name, not dropped', async () => {
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const network = await call('settings.update', `{"patch":{"network":{${JSON.stringify(key)}:{"proxyUrl":"http://127.0.0.1:9"}}}}`);
      expect(network.result).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: `network.${key}` } });
      const retention = await call('history.updateSettings', `{"retention":{${JSON.stringify(key)}:1}}`);
      expect(retention.result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(!retention.result.ok && retention.result.error.message).toContain(key);
    }
    const typo = await call('settings.update', '{"patch":{"network":{"proxyURL":"http://127.0.0.1:9"}}}');
    expect(typo.result).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'network.proxyURL' } });
    const after = await backend.api.settings.get();
    expect(after.ok && after.value.network).toEqual({});
    // The right keys still work.
    expect((await call('settings.update', '{"patch":{"network":{"proxyUrl":""}}}')).result.ok).toBe(true);
    expect((await call('history.updateSettings', '{"retention":{"maxRecords":500}}')).result.ok).toBe(true);
  });

  it('no method answers internal to malformed arguments', { timeout: 240_000 }, async () => {
    const internal: string[] = [];
    let calls = 0;
    const runsPerMethod = 60 * FUZZ.scale;
    for (const method of API_METHOD_NAMES) {
      await fc.assert(
        fc.asyncProperty(argFor(method), async (arg) => {
          const text = toText(arg);
          const { result } = await call(method, text);
          calls++;
          if (!result.ok && result.error.code === 'internal') internal.push(`${method}(${text.slice(0, 200)}): ${result.error.message}`);
          return !(!result.ok && result.error.code === 'internal');
        }),
        { numRuns: runsPerMethod, seed: FUZZ.seed },
      ).catch(() => undefined);
    }
    console.log(`API sweep: ${calls} calls over ${API_METHOD_NAMES.length} methods (${runsPerMethod} runs each), ${internal.length} internal answers`);
    expect(internal).toEqual([]);
  });
});
