/**
 * Fuzzing campaign over the pure parsers (fast-check): definition files, bundles, payload and sample JSON,
 * templates through the analysis and the renderer, filters, validator paths, webhook rules and masking.
 *
 * Property for each: it answers (a result, issues, diagnostics) and never throws, on input of bounded size;
 * masking additionally never leaves a secret behind. Each property prints how many inputs it ran. Curl
 * commands are fuzzed with the curl importer (issue 13).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateValidators } from '../delivery/validators';
import { maskDeep, maskText } from '../delivery/masking';
import { evaluateFilters, jsonPathValues } from '../filters';
import { checkFilterPath } from '../filters/json-path-check';
import { looksLikeBundle, parseBundle } from '../history/bundle';
import { parseDefinitionFile } from '../model/definition-file';
import { envReads } from '../model/env-reads';
import { MASKED_SECRET, type ResponseValidator, type WebhookFilter } from '../model/webhook';
import { validateWebhookInput } from '../model/webhook-rules';
import { checkSampleInput, parseSampleText } from '../payload/user-samples';
import { analyseTemplate } from '../template/analysis';
import { checkJson } from '../template/json-check';
import { lintDefinitionFile } from '../template/lint-definition';
import { renderTemplate } from '../template/render';
import { FUZZ, bundleText, damaged, definitionText, hostileObjectText, json, jsonPathText, nastyText, templateText, webhookLike } from './arbitraries';

const RUNS = 300;
const counts: Record<string, number> = {};
/** Runs a property `RUNS` times (fixed seed, so a failure reproduces) and counts the runs for the closing note. */
function check<T>(name: string, arb: fc.Arbitrary<T>, property: (value: T) => void): void {
  counts[name] = 0;
  fc.assert(
    fc.property(arb, (v) => {
      counts[name]!++;
      property(v);
    }),
    { numRuns: RUNS * FUZZ.scale, seed: FUZZ.seed },
  );
}
afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`Parser fuzzing: ${total} runs — ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
});

describe('fuzzing the parsers', () => {
  it('definition files: issues or webhooks, never a throw; the linter too', () => {
    check('definition files', definitionText, (text) => {
      const r = parseDefinitionFile(text, { existingNames: ['Hook'] });
      expect(Array.isArray(r.issues) && Array.isArray(r.webhooks)).toBe(true);
      for (const w of r.webhooks) expect(Array.isArray(envReads(w))).toBe(true);
      expect(Array.isArray(lintDefinitionFile(text, 'hooks.json'))).toBe(true);
    });
  });

  it('webhook rules: any value gets issues or a webhook, never a throw', () => {
    check('webhook rules', fc.oneof(webhookLike, json), (input) => {
      const r = validateWebhookInput(input);
      expect(r.value !== undefined || r.issues.length > 0).toBe(true);
    });
  });

  it('bundles: a bundle or a reason naming the field, never a throw', () => {
    check('bundles', bundleText, (text) => {
      looksLikeBundle(text);
      const r = parseBundle(text);
      if (!r.ok) expect(r.field).toBeTruthy();
    });
  });

  it('payload and sample JSON: parsed or located, never a throw', () => {
    check('sample JSON', damaged(fc.oneof(json.map((j) => JSON.stringify(j)), hostileObjectText(), nastyText)), (text) => {
      const r = parseSampleText(text);
      if (r.ok) expect(Array.isArray(checkSampleInput('name', r.event))).toBe(true);
      else expect(r.line).toBeGreaterThanOrEqual(1);
      expect(typeof checkJson(text).valid).toBe('boolean');
    });
  });

  it('templates through the analysis and the renderer: diagnostics or a result, never a throw', () => {
    check('templates', fc.tuple(templateText, json, fc.constantFrom('html', 'none') as fc.Arbitrary<'html' | 'none'>), ([text, event, escape]) => {
      const a = analyseTemplate(text, { escape });
      expect(Array.isArray(a.diagnostics)).toBe(true);
      const r = renderTemplate(text, event, { escape });
      expect(typeof r.ok).toBe('boolean');
    });
  });

  it('filters and their JSONPaths: a verdict or a reason, never a throw', () => {
    const filterArb = fc.record({
      field: fc.constantFrom('integration', 'resource', 'requester', 'approval', 'json_path') as fc.Arbitrary<WebhookFilter['field']>,
      values: fc.array(nastyText, { maxLength: 3 }),
      path: fc.oneof(jsonPathText, nastyText),
    });
    check('filters', fc.tuple(fc.array(filterArb, { maxLength: 3 }), fc.oneof(json, hostileObjectText().map((t) => JSON.parse(t) as unknown))), ([filters, event]) => {
      const r = evaluateFilters(filters, event);
      expect(typeof r.pass).toBe('boolean');
      for (const f of filters) {
        checkFilterPath(f.path);
        expect(Array.isArray(jsonPathValues(event, f.path).values)).toBe(true);
      }
    });
  });

  it('validator paths against any response body: a report, never a throw', () => {
    const validator: fc.Arbitrary<ResponseValidator> = fc.record({ jsonPath: fc.oneof(jsonPathText.map((p) => `$.data.${p}`), jsonPathText, nastyText), expectedValues: fc.array(nastyText, { maxLength: 2 }) });
    const body = fc.record({ text: damaged(fc.oneof(json.map((j) => JSON.stringify({ data: j })), nastyText)), encoding: fc.constantFrom('utf8', 'base64') as fc.Arbitrary<'utf8' | 'base64'>, truncated: fc.boolean() });
    check('validators', fc.tuple(fc.array(validator, { maxLength: 3 }), fc.option(body)), ([validators, b]) => {
      const r = evaluateValidators(validators, b);
      expect(r.results.length).toBe(validators.length);
    });
  });

  it('masking: a known secret (4+ characters) never survives, raw or JSON-escaped, in any text', () => {
    const secret = fc.string({ minLength: 4, maxLength: 24 }).filter((s) => !s.includes('•') && !MASKED_SECRET.includes(s));
    check('masking', fc.tuple(secret, nastyText, nastyText), ([s, before, after]) => {
      expect(maskText(before + s + after, [s])).not.toContain(s);
      const escaped = JSON.stringify({ echo: `${before}${s}${after}` });
      const masked = maskDeep({ body: escaped, [s]: s }, [s]);
      expect(JSON.stringify(masked)).not.toContain(JSON.stringify(s).slice(1, -1));
    });
  });
});
