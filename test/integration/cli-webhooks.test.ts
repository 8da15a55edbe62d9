/** `hooksmith webhooks …` in-process over real files, plus the built binary once, as a user runs it. */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run-cli';
import { captureIo } from '../support/memory-io';
import { builtBin } from '../support/built-cli';
import { tempDir } from '../support/temp-dir';
import { webhookInput } from '../support/webhook-fixtures';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.cleanup());

const home = () => join(dir.path, 'home');
async function cli(args: string[], stdin = '', env: Record<string, string> = {}) {
  const io = captureIo(dir.path, env, stdin);
  const code = await runCli(['--home', home(), ...args], io);
  return { code, out: io.out, err: io.err };
}

const definition = (overrides = {}) => ({ schemaVersion: 1, ...webhookInput(overrides) });

describe('hooksmith webhooks', () => {
  it('says how to start when there are no webhooks', async () => {
    const r = await cli(['webhooks', 'list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/No webhooks yet/);
  });

  it('imports a file, lists it, shows one, and exports a file that imports identically elsewhere', async () => {
    const file = join(dir.path, 'hooks.json');
    await writeFile(file, JSON.stringify({ schemaVersion: 1, webhooks: [definition({ name: 'Okta' }), definition({ name: 'Datadog', method: 'PUT' })] }));
    const imported = await cli(['webhooks', 'import', 'hooks.json']);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.out).toBe('Imported Okta\nImported Datadog\n');

    const list = await cli(['webhooks', 'list']);
    expect(list.out.split('\n')[0]).toMatch(/^STATUS\s+NAME\s+METHOD\s+HOST\s+TRIGGERS$/);
    expect(list.out).toMatch(/active\s+Datadog\s+PUT\s+hooks\.slack\.com/);

    const shown = await cli(['webhooks', 'show', 'okta']);
    expect(JSON.parse(shown.out).webhooks).toEqual([expect.objectContaining({ name: 'Okta', method: 'POST' })]);

    const exported = await cli(['webhooks', 'export', '--out', 'out.json']);
    expect(exported.code).toBe(0);
    const text = await readFile(join(dir.path, 'out.json'), 'utf8');

    const other = await tempDir();
    try {
      const io = captureIo(dir.path);
      expect(await runCli(['--home', other.path, 'webhooks', 'import', 'out.json'], io)).toBe(0);
      const again = captureIo(dir.path);
      await runCli(['--home', other.path, 'webhooks', 'export'], again);
      expect(again.out).toBe(text);
    } finally {
      await other.cleanup();
    }
  });

  it('refuses an invalid file listing every problem by field, and saves nothing', async () => {
    await cli(['webhooks', 'import', '-'], JSON.stringify(definition({ name: 'Keep' })));
    const before = await readFile(join(home(), 'hooksmith.json'), 'utf8');
    const bad = JSON.stringify([definition({ name: 'Good' }), definition({ name: 'bad name!', url: 'http://example.com:8080/x', triggers: [] })]);
    const r = await cli(['webhooks', 'import', '-'], bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/webhooks\[1\].*name/);
    expect(r.err).toMatch(/webhooks\[1\].*url/);
    expect(r.err).toMatch(/webhooks\[1\].*triggers/);
    expect(await readFile(join(home(), 'hooksmith.json'), 'utf8')).toBe(before);
  });

  it('exports only the named webhooks, and refuses unknown names', async () => {
    await cli(['webhooks', 'import', '-'], JSON.stringify([definition({ name: 'A1' }), definition({ name: 'B2' })]));
    const one = await cli(['webhooks', 'export', 'B2']);
    expect(one.out).toContain('"B2"');
    expect(one.out).not.toContain('"A1"');
    const missing = await cli(['webhooks', 'export', 'Nope']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No webhook named "Nope"/);
  });

  /** A file that imports with a warning for each of: secrets in clear, a typo'd field, loopback http, TLS off. */
  const risky = () =>
    JSON.stringify({
      ...definition({
        name: 'S401',
        url: 'http://127.0.0.1:8080/hook',
        headers: [{ key: 'X-Api-Key', value: 'clear-key', secret: true }],
        auth: { type: 'bearer', token: 'clear-token' },
        network: { insecureTls: true },
      }),
      timeout: 5,
    });

  it('imports a file with warnings, printing each as NAME: field: message, and exits 0', async () => {
    const r = await cli(['webhooks', 'import', '-'], risky(), { HOOKSMITH_SECRET_KEY: 'test-key' });
    expect(r.code).toBe(0);
    expect(r.out).toBe('Imported S401\n');
    const lines = r.err.trimEnd().split('\n');
    for (const field of ['headers.0.value', 'auth.token', 'timeout', 'url', 'network.insecureTls']) {
      expect(lines, field).toContainEqual(expect.stringMatching(new RegExp(`^Warning: S401: ${field.replace(/\./g, '\\.')}: \\S`)));
    }
    expect(r.err).toMatch(/timeout: Unknown field "timeout" is ignored \(did you mean "timeoutSeconds"\?\)/);
    expect(r.err).not.toContain('clear-key');
  });

  it('without HOOKSMITH_SECRET_KEY, refuses naming every typed secret once, and saves nothing', async () => {
    const r = await cli(['webhooks', 'import', '-'], risky());
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/has 2 problems/);
    expect(r.err).toMatch(/^ {2}webhooks\[0\] \(S401\)\.headers\.0\.value: the CLI cannot keep a typed secret/m);
    expect(r.err).toMatch(/^ {2}webhooks\[0\] \(S401\)\.auth\.token: the CLI cannot keep a typed secret/m);
    expect(r.err).not.toMatch(/(headers\.0\.value|auth\.token): \1/);
    expect((await cli(['webhooks', 'list'])).out).toMatch(/No webhooks yet/);
  });

  it('exits 2 with usage for unknown commands and unknown flags', async () => {
    expect((await cli(['webhooks', 'frobnicate'])).code).toBe(2);
    expect((await cli(['nonsense'])).code).toBe(2);
    const flag = await cli(['webhooks', 'list', '--frobnicate']);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/--frobnicate/);
  });
});

describe('the built hooksmith binary', () => {
  it('runs from bin/ with HOOKSMITH_HOME', async () => {
    const run = promisify(execFile);
    await writeFile(join(dir.path, 'one.json'), JSON.stringify(definition({ name: 'FromBinary' })));
    const env = { ...process.env, HOOKSMITH_HOME: home() };
    await run(process.execPath, [builtBin(), 'webhooks', 'import', join(dir.path, 'one.json')], { env });
    const { stdout } = await run(process.execPath, [builtBin(), 'webhooks', 'list'], { env });
    expect(stdout).toMatch(/active\s+FromBinary\s+POST/);
  });
});
