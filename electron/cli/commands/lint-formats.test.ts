/** `hooksmith lint --format github|junit|sarif`: what CI systems read, checked with real parsers and the SARIF schema. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeCommandData, escapeCommandProperty, toGithubAnnotations } from '../../../shared/lint/github-annotations';
import { sarifUri, type SarifLog } from '../../../shared/lint/sarif-report';
import { captureIo } from '../../../test/support/memory-io';
import { defaultAuthoring } from '../saved-authoring';
import { lintCommand } from './lint';

// The SARIF 2.1.0 JSON schema (draft-04) as Microsoft ships it in @microsoft/jest-sarif; its language-code
// pattern is not valid in unicode mode, hence unicodeRegExp off. URIs are checked by value below.
const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const validateSarif = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
function expectValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? [], JSON.stringify(validateSarif.errors)).toEqual([]);
  expect(valid).toBe(true);
}

let dir = '';
const lint = async (argv: string[]) => {
  const c = captureIo(dir, {}, '');
  const code = await lintCommand(argv, c, async () => defaultAuthoring());
  return { code, out: c.out, err: c.err };
};

const COMMA = '{\n  "u": [\n    {{#each data.access_groups}}"{{integration.name}}",{{/each}}\n  ]\n}';
const HOOK = {
  schemaVersion: 1,
  name: 'Hook',
  method: 'GET',
  url: 'https://x.example/h',
  triggers: ['RequestCreated'],
  bodyTemplate: '{"a": [{{#each data.access_groups}}"{{integration.name}}",{{/each}}]}',
};
let hookText = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hooksmith-lint-formats-'));
  await writeFile(join(dir, 'comma.hbs'), COMMA);
  await writeFile(join(dir, 'warn.hbs'), '{"j": "{{data.friendly_id}}", "b": "{{data.access_bundle.id}}"}');
  await writeFile(join(dir, 'ok.hbs'), '{"t": "{{event_type}}"}');
  await writeFile(join(dir, 'broken.hbs'), '{\n  "a": "{{data.id"\n}');
  hookText = JSON.stringify(HOOK, null, 2);
  await writeFile(join(dir, 'hook.json'), hookText);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('--format github', () => {
  it('writes ::error and ::warning workflow commands at the file, line and column; exit codes unchanged', async () => {
    const r = await lint(['comma.hbs', 'warn.hbs', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^::error file=comma\.hbs,line=3,col=55::This comma is emitted after the last element too.*\[trailing-comma\]$/m);
    expect(r.out).toMatch(/^::warning file=warn\.hbs,line=1,col=39::.*\[unguarded-optional\]$/m);
    for (const line of r.out.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+::[^\r\n]+$/);
    const clean = await lint(['warn.hbs', '--format', 'github']);
    expect(clean.code).toBe(0);
  });

  it('escapes % CR LF in messages and also : and , in properties, as the Actions toolkit does', () => {
    expect(escapeCommandData('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab: c, d');
    expect(escapeCommandProperty('C:\\dir,x/50%.hbs')).toBe('C%3A\\dir%2Cx/50%25.hbs');
    const out = toGithubAnnotations([{ file: 'a,b:c.hbs', line: 2, column: 3, severity: 'error', code: 'x', message: 'one\ntwo 100%' }]);
    expect(out).toBe('::error file=a%2Cb%3Ac.hbs,line=2,col=3::one%0Atwo 100%25 [x]\n');
  });

  it('places a definition file template finding inside the file, at the bodyTemplate character it is about', async () => {
    const r = await lint(['hook.json', '--format', 'github']);
    expect(r.code).toBe(1);
    const rule = /^::error file=hook\.json,line=(\d+),col=(\d+)::webhooks\[0\] \(Hook\)\.method: /m.exec(r.out);
    expect(rule).not.toBeNull();
    expect(hookText.split('\n')[Number(rule![1]) - 1]!.slice(Number(rule![2]) - 1)).toMatch(/^"GET"/);
    const tpl = /^::error file=hook\.json,line=(\d+),col=(\d+)::\[Hook\] bodyTemplate line 1, column (\d+): This comma/m.exec(r.out);
    expect(tpl).not.toBeNull();
    const atFile = hookText.split('\n')[Number(tpl![1]) - 1]!.slice(Number(tpl![2]) - 1);
    const atTemplate = HOOK.bodyTemplate.slice(Number(tpl![3]) - 1);
    // The JSON string escapes quotes, so compare the decoded text from there on.
    expect(JSON.parse(`"${atFile.slice(0, atFile.lastIndexOf('"'))}"`)).toBe(atTemplate);
  });
});

describe('--format junit', () => {
  it('is well-formed JUnit XML: a suite per file, a case per file check and sample, a <failure> per error', async () => {
    const r = await lint(['ok.hbs', 'comma.hbs', 'hook.json', '--format', 'junit']);
    expect(r.code).toBe(1);
    expect(XMLValidator.validate(r.out)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name) }).parse(r.out) as {
      testsuites: { tests: string; failures: string; testsuite: Array<{ name: string; tests: string; failures: string; testcase: Array<{ name: string; failure?: Array<{ type: string; '#text': string }> }> }> };
    };
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual(['ok.hbs', 'comma.hbs', 'hook.json']);
    const [ok, comma, hook] = suites;
    expect(ok!.testcase.length).toBeGreaterThan(10);
    expect(ok!.testcase[0]!.name).toBe('template');
    expect(ok!.testcase.slice(1).every((c) => c.name.startsWith('sample: '))).toBe(true);
    expect(ok!.failures).toBe('0');
    expect(ok!.testcase.some((c) => c.failure)).toBe(false);
    expect(comma!.testcase.find((c) => c.name === 'template')!.failure!.map((f) => f.type)).toContain('trailing-comma');
    const failingSamples = comma!.testcase.filter((c) => c.name.startsWith('sample: ') && c.failure);
    expect(failingSamples.length).toBeGreaterThan(0);
    expect(failingSamples[0]!.failure![0]!.type).toBe('sample-invalid-json');
    expect(hook!.testcase[0]).toMatchObject({ name: 'webhook rules' });
    expect(hook!.testcase[0]!.failure![0]!['#text']).toMatch(/^hook\.json:\d+:\d+: error: webhooks\[0\] \(Hook\)\.method/);
    expect(hook!.testcase.some((c) => c.name.startsWith('[Hook] sample: ') && c.failure)).toBe(true);
    const cases = suites.reduce((n, s) => n + s.testcase.length, 0);
    expect(Number(doc.testsuites.tests)).toBe(cases);
    expect(Number(doc.testsuites.failures)).toBe(suites.reduce((n, s) => n + s.testcase.filter((c) => c.failure).length, 0));
  });

  it('skips the sample cases of a template that does not compile, and escapes markup', async () => {
    const r = await lint(['broken.hbs', '--format', 'junit']);
    expect(r.code).toBe(1);
    expect(XMLValidator.validate(r.out)).toBe(true);
    expect(r.out).toMatch(/<testcase classname="broken\.hbs" name="sample: [^"]+" file="broken\.hbs">\n\s+<skipped message="the template does not compile, so no sample was rendered"\/>/);
    expect(r.out).toMatch(/<failure message="[^"<>]*" type="syntax-error">/);
  });
});

describe('--format sarif', () => {
  it('is a SARIF 2.1.0 log valid against its JSON schema, with a located result per finding', async () => {
    const r = await lint(['comma.hbs', 'warn.hbs', 'hook.json', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out) as SarifLog;
    expectValidSarif(log);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const json = JSON.parse((await lint(['comma.hbs', 'warn.hbs', 'hook.json', '--json'])).out) as unknown[];
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(json.length);
    expect(run.tool.driver.name).toBe('hooksmith');
    for (const res of run.results) {
      expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(['comma.hbs', 'warn.hbs', 'hook.json']).toContain(res.locations[0]!.physicalLocation.artifactLocation.uri);
    }
    expect(run.results).toContainEqual(
      expect.objectContaining({ ruleId: 'trailing-comma', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'comma.hbs' }, region: { startLine: 3, startColumn: 55 } } }] }),
    );
    expect(run.results.some((x) => x.level === 'warning' && x.ruleId === 'unguarded-optional')).toBe(true);
    // The schema check can fail: a wrong level or a result without its message is refused.
    const bad = structuredClone(log) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    bad.runs[0]!.results[0]!.level = 'fatal';
    expect(validateSarif(bad)).toBe(false);
  });

  it('writes paths as URI references: # ? % and spaces encoded (not read as a fragment or query), slashes and a drive letter kept', () => {
    expect(sarifUri('hooks/a#1 b?.hbs')).toBe('hooks/a%231%20b%3F.hbs');
    expect(sarifUri('100%.json')).toBe('100%25.json');
    expect(sarifUri('/repo/hooks/x#y.json')).toBe('file:///repo/hooks/x%23y.json');
    expect(sarifUri('C:\\repo\\x#y.json')).toBe('file:///C:/repo/x%23y.json');
  });

  it('an empty run is valid too, and exits 0', async () => {
    const r = await lint(['ok.hbs', '--format', 'sarif']);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.out) as SarifLog;
    expectValidSarif(log);
    expect(log.runs[0]!.results).toEqual([]);
  });
});

describe('format flags', () => {
  it('--json is --format json; an unknown format or a conflict is bad usage (exit 2)', async () => {
    const a = await lint(['comma.hbs', '--json']);
    const b = await lint(['comma.hbs', '--format', 'json']);
    expect(a.out).toBe(b.out);
    expect(a.code).toBe(b.code);
    const bad = await lint(['comma.hbs', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--format must be text, json, github, junit, sarif, not "xml"/);
    expect((await lint(['comma.hbs', '--json', '--format', 'sarif'])).code).toBe(2);
  });
});
