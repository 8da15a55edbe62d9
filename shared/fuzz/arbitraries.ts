/**
 * fast-check generators for hostile input to Hooksmith's parsers: JSON with prototype keys, definition-file
 * and bundle shapes with each field swapped for junk, templates and JSONPaths made of their own tokens.
 *
 * Every generator is bounded in size (string lengths, list lengths, nesting), so a property that holds
 * here also bounds the work: no test asserts wall-clock time on these shared machines.
 */
import fc from 'fast-check';

/**
 * The seed and a run multiplier for every fuzzing property: fixed by default, so a failure reproduces; set
 * `FUZZ_SEED` (a number) and `FUZZ_SCALE` (e.g. 10) for a longer campaign with other inputs.
 */
const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
export const FUZZ = {
  seed: Number(env.FUZZ_SEED ?? 11),
  scale: Math.max(1, Number(env.FUZZ_SCALE ?? 1)),
};

/** Keys that reach Object.prototype when looked up without an own-property check. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'] as const;

/** Any JSON value, shallow enough to stay cheap. */
export const json = fc.jsonValue({ maxDepth: 3 });

/** Text with the characters parsers trip on: quotes, backslashes, braces, `${env:…}`, control and non-BMP characters. */
export const nastyText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '"', '\\', '${env:HOME}', '${env:HOOKSMITH_SECRET_KEY}', '{{', '}}', '\u0000', '\ud800', '😀', 'a'.repeat(2000), '-1', 'null', '$', '$..*', '$.data'),
);

/** A JSON object as text whose keys include prototype names (a JS literal would set the prototype instead). */
export function hostileObjectText(values: fc.Arbitrary<unknown> = json): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 10 })), values), { maxLength: 5 })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`);
}

/** Either a plausible value or junk, so a generated object gets past some checks and trips later ones. */
const either = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: good as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: json }, { weight: 1, arbitrary: nastyText });

const header = fc.record({ key: either(fc.constantFrom('X-Api-Key', 'Authorization', 'Content-Type', 'X Bad', '')), value: either(nastyText), secret: either(fc.boolean()) }, { requiredKeys: [] });
const filter = fc.record({ field: either(fc.constantFrom('integration', 'json_path', 'requester', 'nope')), values: either(fc.array(nastyText, { maxLength: 3 })), path: either(nastyText) }, { requiredKeys: [] });

/** A webhook definition object with any field possibly missing or replaced by junk. */
export const webhookLike = fc.record(
  {
    schemaVersion: either(fc.constantFrom(1, 2, 0)),
    name: either(fc.constantFrom('Hook', 'Hook2', 'a b', '')),
    active: either(fc.boolean()),
    method: either(fc.constantFrom('POST', 'PUT', 'DELETE', 'GET')),
    url: either(fc.constantFrom('https://hooks.example.com/x', 'http://localhost:1/x', 'https://x.example/?t=${env:T}', 'ftp://x', 'https://u:p@x.example/')),
    headers: either(fc.array(header, { maxLength: 12 })),
    auth: either(
      fc.oneof(
        fc.record({ type: fc.constant('bearer'), token: either(nastyText) }, { requiredKeys: [] }),
        fc.record({ type: fc.constant('oauth2'), clientId: either(nastyText), clientSecret: either(nastyText), tokenUrl: either(nastyText), scopes: either(fc.array(nastyText, { maxLength: 3 })) }, { requiredKeys: [] }),
        fc.constant({ type: 'none' }),
      ),
    ),
    bodyTemplate: either(fc.constantFrom('{}', '{"a": "{{event_type}}"}', '{{#each', '')),
    triggers: either(fc.array(fc.constantFrom('RequestCreated', 'Manual', 'Nope'), { maxLength: 4 })),
    filters: either(fc.array(filter, { maxLength: 3 })),
    timeoutSeconds: either(fc.constantFrom(null, 1, 0, -1, 1.5, 1e9)),
    responseValidators: either(fc.array(fc.record({ jsonPath: either(nastyText), expectedValues: either(fc.array(nastyText, { maxLength: 2 })) }, { requiredKeys: [] }), { maxLength: 3 })),
    network: either(fc.record({ insecureTls: either(fc.boolean()), proxyUrl: either(nastyText), extraCaPem: either(nastyText), clientKeyPem: either(nastyText) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

/** Cuts, doubles or splices a text: what a truncated download or a bad paste does to a file. */
export function damaged(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: text },
    fc.tuple(text, fc.nat()).map(([t, n]) => t.slice(0, n % (t.length + 1))),
    fc.tuple(text, fc.nat(), nastyText).map(([t, n, s]) => t.slice(0, n % (t.length + 1)) + s + t.slice(n % (t.length + 1))),
  );
}

/** Handlebars-looking text made of the template language's own tokens. */
export const templateText = fc
  .array(
    fc.constantFrom('{', '}', '"', ':', ',', '[', ']', '{{', '}}', '{{{', '}}}', '{{#each data.grantees}}', '{{/each}}', '{{#if x}}', '{{else}}', '{{/if}}', '{{json data}}', '{{> p}}', '{{!-- c --}}', '{{../a}}', '{{@index}}', '{{this}}', 'data.requester.name', ' ', '\n', '\\', '{{lookup a "b"}}', '{{#with data}}', '{{/with}}', '{{constructor}}', '{{__proto__.x}}', '{{toString}}'),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** JSONPath-looking text made of JSONPath's own tokens. */
export const jsonPathText = fc
  .array(fc.constantFrom('$', '.', '..', '*', '[', ']', '[0]', '[-1]', '[?(@.a)]', "['a']", 'data', 'grantees', 'constructor', '__proto__', 'toString', '(', ')', '@', ' ', ':', ',', '1', '"'), { maxLength: 14 })
  .map((parts) => parts.join(''));

/** A valid webhook definition to start mutations from. */
const GOOD_WEBHOOK = {
  schemaVersion: 1,
  name: 'Hook',
  method: 'POST',
  url: 'https://hooks.example.com/x',
  headers: [{ key: 'X-Api-Key', value: '${env:HOOKSMITH_HOOK_X_API_KEY}', secret: true }],
  auth: { type: 'bearer', token: '${env:HOOKSMITH_HOOK_TOKEN}' },
  bodyTemplate: '{"a": "{{event_type}}"}',
  triggers: ['RequestCreated'],
};

/** The webhook of a bundle, as an export writes it: every field present, no schemaVersion. */
const BUNDLE_WEBHOOK = (() => {
  const { schemaVersion: _version, ...rest } = GOOD_WEBHOOK;
  return { ...rest, active: true, filters: [], timeoutSeconds: null, responseValidators: [] };
})();

/**
 * `base` with up to two of its fields (or of `extraKeys`) replaced by junk or a hostile object: a mutation
 * that gets past the checks of the other fields, so the one under test is reached.
 */
export function mutated(base: Record<string, unknown>, extraKeys: readonly string[] = []): fc.Arbitrary<Record<string, unknown>> {
  const keys = [...Object.keys(base), ...extraKeys, '__proto__', 'constructor'];
  const junk = fc.oneof(json, nastyText, hostileObjectText().map((t) => JSON.parse(t) as unknown));
  return fc.array(fc.tuple(fc.constantFrom(...keys), junk), { maxLength: 2 }).map((changes) => {
    const out: Record<string, unknown> = structuredClone(base);
    // defineProperty: a `__proto__` change stays an own key, as JSON.parse would make it.
    for (const [k, v] of changes) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

/** A repro bundle: a valid one with up to two fields (its webhook's included) mutated, possibly damaged. */
export const bundleText = damaged(
  fc.tuple(mutated(BUNDLE_WEBHOOK, ['network']), fc.boolean()).chain(([webhook, withRequest]) =>
    mutated({
      kind: 'hooksmith-repro-bundle',
      bundleVersion: 1,
      exportedAt: new Date(0).toISOString(),
      originalId: 'o1',
      webhook,
      trigger: 'RequestCreated',
      event: { event_type: 'RequestCreated', data: { friendly_id: 'R1' } },
      renderedBody: '{}',
      request: withRequest ? { method: 'POST', url: 'https://hooks.example.com/x', headers: [['Content-Type', 'application/json'], ['Authorization', 'Bearer ••••••••']], body: '{}' } : null,
      response: withRequest ? { status: 200, statusText: 'OK', headers: [['Content-Type', 'application/json']], body: '{}', bodyEncoding: 'utf8', size: 2, truncated: false, fullSize: 2 } : null,
      steps: [],
      outcome: 'Success',
      error: null,
      warnings: [],
      startedAt: new Date(0).toISOString(),
      durationMs: 5,
    }),
  ).map((b) => JSON.stringify(b)),
);

/** A definition file: one webhook, a wrapper or a list, of junk-laced webhooks, or hostile JSON, possibly damaged. */
export const definitionText = damaged(
  fc.oneof(
    webhookLike.map((w) => JSON.stringify(w)),
    { weight: 4, arbitrary: mutated(GOOD_WEBHOOK, ['active', 'filters', 'network', 'responseValidators', 'timeoutSeconds']).map((w) => JSON.stringify(w)) },
    fc.array(webhookLike, { maxLength: 3 }).map((ws) => JSON.stringify({ schemaVersion: 1, webhooks: ws })),
    fc.array(webhookLike, { maxLength: 3 }).map((ws) => JSON.stringify(ws)),
    hostileObjectText(),
    hostileObjectText(hostileObjectText().map((t) => JSON.parse(t) as unknown)),
    nastyText,
  ),
);
