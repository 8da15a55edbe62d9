import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io';
import { DOCUMENTED_TEMPLATE } from '../../../shared/template/example-templates';
import { lintCommand, lintTemplate } from './lint';
import { renderCommand } from './render';
import { presetsCommand } from './presets';
import { PRESETS } from '../../../shared/presets';
import { defaultAuthoring } from '../saved-authoring';
import { captureIo } from '../../../test/support/memory-io';

let dir = '';

/** A data folder holding only the defaults (a fresh install); saved settings are covered in test/integration/cli-authoring.test.ts. */
const fresh = async () => defaultAuthoring();
const render = (argv: string[], c: CliIo) => renderCommand(argv, c, fresh);
const lint = (argv: string[], c: CliIo) => lintCommand(argv, c, fresh);

const io = (stdin = '') => captureIo(dir, {}, stdin);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hooksmith-cli-'));
  await writeFile(join(dir, 'ok.hbs'), DOCUMENTED_TEMPLATE);
  await writeFile(join(dir, 'comma.hbs'), '{\n  "u": [\n    {{#each data.access_groups}}"{{integration.name}}",{{/each}}\n  ]\n}');
  await writeFile(join(dir, 'warn.hbs'), '{"j": "{{data.friendly_id}}", "b": "{{data.access_bundle.id}}"}');
  await writeFile(join(dir, 'broken.hbs'), '{\n  "a": "{{data.id"\n}');
  await writeFile(join(dir, 'event.json'), JSON.stringify({ event_type: 'X', data: { friendly_id: 'AR-9' } }));
  await writeFile(join(dir, 'id.hbs'), '{"t": "{{event_type}}", "id": "{{data.friendly_id}}"}');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('hooksmith render', () => {
  it('prints the body and exits 0 for JSON', async () => {
    const c = io();
    expect(await render(['ok.hbs'], c)).toBe(0);
    expect(JSON.parse(c.out).fields['event type']).toBe('AccessRequestCreated');
    expect(c.err).toBe('');
  });

  it('renders a trigger sample, a payload file, or stdin', async () => {
    const a = io();
    expect(await render(['id.hbs', '--event', 'RequestGranted'], a)).toBe(0);
    expect(JSON.parse(a.out).t).toBe('AccessRequestGranted');
    const b = io();
    expect(await render(['id.hbs', '--payload', 'event.json'], b)).toBe(0);
    expect(JSON.parse(b.out)).toEqual({ t: 'X', id: 'AR-9' });
    const s = io('{"q": "{{data.justification}}"}');
    expect(await render(['-', '--escape', 'none'], s)).toBe(0);
    expect(s.out).toBe('{"q": "I need access to this"}\n');
  });

  it('exits 1 with FILE:LINE:COL when the body is not JSON', async () => {
    const c = io();
    expect(await render(['comma.hbs'], c)).toBe(1);
    expect(c.err).toBe('comma.hbs:4:3: rendered body is not JSON (body 4:3): Expected a value but found "]"; a trailing comma is a common cause\n');
  });

  it('names a --payload file that is missing or not JSON, with the line and column', async () => {
    await writeFile(join(dir, 'bad-event.json'), '{\n  "data": { "a": 1 ]\n}');
    const bad = io();
    expect(await render(['id.hbs', '--payload', 'bad-event.json'], bad)).toBe(2);
    expect(bad.err).toMatch(/^bad-event\.json:2:20: --payload is not valid JSON: expected .* — fix the file there\.\n$/);
    const missing = io();
    expect(await render(['id.hbs', '--payload', 'nope.json'], missing)).toBe(2);
    expect(missing.err).toBe('--payload nope.json: no such file.\n');
  });

  it('exits 1 on a missing helper, at the call', async () => {
    await writeFile(join(dir, 'helper.hbs'), '{\n  "r": "{{formatDate data.creation_date}}"\n}');
    const c = io();
    expect(await render(['helper.hbs'], c)).toBe(1);
    expect(c.err).toBe('helper.hbs:2:11: Missing helper: "formatDate"\n');
  });

  it('exits 1 on a syntax error, with its position', async () => {
    const c = io();
    expect(await render(['broken.hbs'], c)).toBe(1);
    expect(c.err).toMatch(/^broken\.hbs:2:\d+: Parse error/);
  });

  it('exits 2 for bad usage', async () => {
    for (const argv of [[], ['ok.hbs', '--escape', 'json'], ['ok.hbs', '--event', 'Nope'], ['ok.hbs', '--bogus'], ['a', 'b'], ['missing.hbs']]) {
      const c = io();
      expect(await render(argv, c), argv.join(' ')).toBe(2);
      expect(c.err).not.toBe('');
    }
  });
});

describe('hooksmith lint', () => {
  it('exits 0 for a clean template and prints nothing', async () => {
    const c = io();
    expect(await lint(['ok.hbs'], c)).toBe(0);
    expect(c.out).toBe('');
  });

  it('warnings alone exit 0', async () => {
    const c = io();
    expect(await lint(['warn.hbs'], c)).toBe(0);
    expect(c.out).toContain('warn.hbs:1:39: warning:');
    expect(c.out).toContain('[unguarded-optional]');
  });

  it('errors exit 1, across several files, and --json gives structured findings', async () => {
    const c = io();
    expect(await lint(['ok.hbs', 'comma.hbs', 'broken.hbs'], c)).toBe(1);
    expect(c.out).toContain('comma.hbs:3:55: error: This comma is emitted after the last element too');
    expect(c.out).toMatch(/broken\.hbs:2:\d+: error: .*\[syntax-error\]/);
    const j = io();
    expect(await lint(['comma.hbs', '--json'], j)).toBe(1);
    const findings = JSON.parse(j.out) as Array<{ code: string; severity: string }>;
    expect(findings.map((f) => f.code)).toContain('trailing-comma');
    expect(findings.map((f) => f.code)).toContain('sample-invalid-json');
  });

  it('places a value altered by escaping at its mustache, not at 1:1', async () => {
    await writeFile(join(dir, 't2.hbs'), '{\n  "id": "{{data.id}}",\n  "name": "{{data.access_bundle.id}} {{data.access_bundle.name}}"\n}');
    const c = io();
    expect(await lint(['t2.hbs'], c)).toBe(0);
    expect(c.out).toMatch(/^t2\.hbs:3:38: warning: HTML escaping changes \$\.name: the target receives "bundle-1 R&amp;D &lt;bundle&gt;" — in sample .*\[sample-escaping-altered\]$/m);
    expect(c.out).not.toMatch(/t2\.hbs:1:1:/);
  });

  it('lints a webhook definition file: the rules by field, then its body template', async () => {
    const hook = { schemaVersion: 1, name: 'Hook', method: 'GET', url: 'https://x.example/h', triggers: ['RequestCreated'] };
    await writeFile(join(dir, 'hook.json'), JSON.stringify({ ...hook, bodyTemplate: '{"a": [{{#each data.access_groups}}"{{integration.name}}",{{/each}}]}' }, null, 2));
    const c = io();
    expect(await lint(['hook.json'], c)).toBe(1);
    // At the method's value: line 4, after `  "method": `.
    expect(c.out).toMatch(/hook\.json:4:13: error: webhooks\[0\] \(Hook\)\.method: .*\[webhook-rule\]/);
    expect(c.out).toMatch(/hook\.json\[Hook\]:1:\d+: error: This comma is emitted after the last element too/);
  });

  it('a preset printed by `presets show` draws no finding but its unfilled placeholders', async () => {
    // The blank custom webhook has no name or URL yet, which the rules rightly refuse.
    for (const p of PRESETS.filter((x) => x.id !== 'custom')) {
      const shown = io();
      expect(await presetsCommand(['show', p.id], shown)).toBe(0);
      await writeFile(join(dir, `${p.id}.json`), shown.out);
      const linted = io();
      await lint([`${p.id}.json`, '--json'], linted);
      const findings = JSON.parse(linted.out) as Array<{ code: string; message: string }>;
      expect(findings.filter((f) => !(f.code === 'webhook-rule' && /placeholder/.test(f.message))), p.id).toEqual([]);
    }
  });

  it('exits 2 for bad usage or an unreadable file', async () => {
    expect(await lint([], io())).toBe(2);
    expect(await lint(['nope.hbs'], io())).toBe(2);
  });

  it('a missing file or a folder is named with the fix, not as ENOENT/EISDIR', async () => {
    for (const [argv, run, words] of [
      [['nope.hbs'], lint, /^nope\.hbs: no such file/],
      [['.'], lint, /^\.: this is a folder, not a file/],
      [['nope.hbs'], render, /^nope\.hbs: no such file/],
      [['.'], render, /^\.: this is a folder, not a file/],
    ] as const) {
      const c = io();
      expect(await run([...argv], c)).toBe(2);
      expect(c.err).toMatch(words);
      expect(c.err).not.toMatch(/illegal operation|no such file or directory, open/);
    }
  });

  it('lintTemplate lints text from anywhere (e.g. a webhook definition bodyTemplate)', () => {
    const f = lintTemplate('{"e": "{{data.requestor.email}}"}', 'webhooks/slack.json#bodyTemplate');
    expect(f[0]).toMatchObject({ file: 'webhooks/slack.json#bodyTemplate', line: 1, column: 10, severity: 'error', code: 'unknown-path' });
  });
});
