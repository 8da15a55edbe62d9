/**
 * "Copy as cURL" from browsers, end to end: our reading of bash commands checked against real bash, a Chrome
 * command imported by `hooksmith import` into a webhook, and a fuzzing campaign over the import path (never an
 * `internal` answer or a throw, nothing written on refusal).
 */
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/services/backend';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { DATA_FILE_NAME } from '../../electron/services/storage/data-file';
import { MAX_CURL_CHARS, shellWords } from '../../shared/history/parse-curl';
import { chromeCurl, firefoxCurl, type BrowserRequest } from '../support/browser-curl';
import { cliIn } from '../support/cli-in';
import { tempDir } from '../support/temp-dir';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.cleanup());

/**
 * The arguments bash hands to `curl` for each command, all run by one bash (curl replaced by a function that
 * prints its arguments NUL-separated, each command's output ended by \x01).
 */
function bashArgs(commands: string[]): string[][] {
  const script = `curl() { printf '%s\\0' "$@"; }\n${commands.map((c) => `${c}\nprintf '\\1'`).join('\n')}\n`;
  const out = spawnSync('bash', ['-c', script], { env: { PATH: process.env.PATH, LC_ALL: 'C.UTF-8' } });
  if (out.status !== 0) throw new Error(out.stderr.toString());
  return out.stdout.toString('utf8').split('\x01').slice(0, -1).map((one) => one.split('\0').slice(0, -1));
}

const text = (astral: boolean) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom(`'`, `"`, '\\', '%', '^', '!', '$', '`', '&', '|', ';', '[', ']', '{', '}', ' ', '\t', '\n', '\r', 'a', '0', ':'),
      fc.constantFrom(...['€', '日', '\u0007', '\u001b', ...(astral ? ['🚀'] : [])]),
    ),
    maxLength: 30,
  });
const req = (astral: boolean) =>
  fc.record({
    url: fc.constant('https://x.example.com/a?b=1'),
    method: fc.constantFrom('POST', 'PUT'),
    headers: fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,8}$/), fc.string({ unit: fc.constantFrom(`'`, '"', '\\', '!', '%', 'a', ' '), maxLength: 10 })), { maxLength: 3 }),
    body: text(astral).filter((s) => s !== ''),
  });

describe('bash forms read as bash reads them', () => {
  const BASH_RUNS = 200;
  // Firefox writes a character beyond the BMP as two \\u surrogate escapes, which bash encodes one by one (six
  // bytes of garbage); the importer joins them into the character Firefox meant, so those are left out here.
  it.each([
    ['Chrome', (r: BrowserRequest) => chromeCurl(r, 'posix'), true],
    ['Firefox', (r: BrowserRequest) => firefoxCurl(r, 'posix'), false],
  ] as const)('%s: the words match real bash for generated commands', (name, make, astral) => {
    const commands = fc.sample(req(astral), { numRuns: BASH_RUNS }).map(make);
    const bash = bashArgs(commands);
    expect(bash).toHaveLength(BASH_RUNS);
    commands.forEach((command, k) => expect(shellWords(command), command).toEqual(['curl', ...bash[k]!]));
    console.log(`${name} bash form: ${commands.length} generated commands read as bash reads them`);
  });
});

const CHROME_BASH = [
  `curl 'https://hooks.example.com/api/v1/alerts' \\`,
  `  -H 'accept: application/json, text/plain, */*' \\`,
  `  -H 'accept-language: en-US,en;q=0.9' \\`,
  `  -H 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc' \\`,
  `  -H 'content-type: application/json' \\`,
  `  -H 'origin: https://app.example.com' \\`,
  `  -H 'priority: u=1, i' \\`,
  `  -H 'referer: https://app.example.com/' \\`,
  `  -H 'sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"' \\`,
  `  -H 'sec-ch-ua-mobile: ?0' \\`,
  `  -H 'sec-ch-ua-platform: "Linux"' \\`,
  `  -H 'sec-fetch-dest: empty' \\`,
  `  -H 'sec-fetch-mode: cors' \\`,
  `  -H 'sec-fetch-site: same-site' \\`,
  `  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' \\`,
  `  -H 'x-team: platform' \\`,
  `  --data-raw $'{"text":"Access for Zoë is ready\\u0021","detail":"it\\'s \\\\"done\\\\""}'`,
].join('\n');

describe('hooksmith import of a Chrome "Copy as cURL"', () => {
  it('becomes a webhook in one paste: browser-only headers dropped and named, the token kept as a secret', async () => {
    await writeFile(join(dir.path, 'chrome.sh'), CHROME_BASH);
    const r = await cliIn(dir.path, ['import', 'chrome.sh'], { HOOKSMITH_SECRET_KEY: 'test-key' });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Created webhook HooksCurl \(inactive\)/);
    expect(r.err).toMatch(/Dropped headers that the browser or the HTTP client sets by itself: accept, accept-language, origin, priority, referer, sec-ch-ua, sec-ch-ua-mobile, sec-ch-ua-platform, sec-fetch-dest, sec-fetch-mode, sec-fetch-site, user-agent\./);
    const shown = await cliIn(dir.path, ['webhooks', 'show', 'HooksCurl'], { HOOKSMITH_SECRET_KEY: 'test-key' });
    type Def = { url: string; headers: Array<{ key: string; value: string }>; auth: { type: string }; bodyTemplate: string };
    const parsedOut = JSON.parse(shown.out) as Def | { webhooks: Def[] };
    const def = 'webhooks' in parsedOut ? parsedOut.webhooks[0]! : parsedOut;
    expect(def.url).toBe('https://hooks.example.com/api/v1/alerts');
    expect(def.headers.map((h) => [h.key, h.value])).toEqual([
      ['content-type', 'application/json'],
      ['x-team', 'platform'],
    ]);
    expect(def.auth.type).toBe('bearer');
    expect(def.bodyTemplate).toBe('{"text":"Access for Zoë is ready!","detail":"it\'s \\"done\\""}');
    const file = await readFile(join(dir.path, 'home', DATA_FILE_NAME), 'utf8');
    expect(file).not.toContain('eyJhbGciOiJIUzI1NiJ9');
  });

  it('says what it dropped: --cacert, --cert, -k and local-only options', async () => {
    await writeFile(join(dir.path, 'tls.sh'), `curl -k --cacert ca.pem --cert me.pem:secretpass -sS -o out.txt https://tls.example.com/h -d '{}'`);
    const r = await cliIn(dir.path, ['import', 'tls.sh'], { HOOKSMITH_SECRET_KEY: 'test-key' });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/-k was dropped: Hooksmith checks certificates/);
    expect(r.err).toMatch(/Dropped --cacert, --cert: certificates and keys are set on the webhook's network settings/);
    expect(r.err).toMatch(/Dropped -s, -S, -o: they only change how curl runs on your machine/);
    expect(r.err + r.out).not.toContain('secretpass');
  });
});

describe('fuzzing the curl import path', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await createBackend({ dataDir: join(dir.path, 'fuzz'), secrets: new MemorySecretStore(), mode: 'web', version: 'test', env: {} });
  });
  afterAll(() => backend.history.store.close());

  // Tokens from every form the importer reads, so runs reach deep into the parsers rather than stopping at "curl".
  const token = fc.oneof(
    fc.constantFrom('-H', '-d', '--data-raw', '-X', '-u', '-b', '-k', '--cacert', '--json', '-sSL', '-XPUT', '--url', '-g', '--frobnicate', 'https://x.example.com/h', 'http://[::1', "$'", "'", '"', '^"', '^\n', '\\\n', '%PATH%', '$HOME', '${X}', '&', '|', ';', '\\', '^', '\u0000', '\\u0000', '\\x', '\\U110000', '\\c', 'Name;', 'A: b'),
    fc.string({ maxLength: 12 }),
  );
  const command = fc.tuple(fc.constantFrom('curl ', 'curl.exe ', 'curl ^"', '', 'curl https://x.example.com/h ', 'curl -X POST https://x.example.com/h -d '), fc.array(token, { maxLength: 14 }), fc.constantFrom(' ', '')).map(([head, parts, sep]) => head + parts.join(sep));
  const FUZZ_RUNS = 400;

  it(`never answers internal nor throws, and writes nothing when it refuses (${FUZZ_RUNS} runs + oversize)`, async () => {
    const path = join(dir.path, 'fuzz', DATA_FILE_NAME);
    let refused = 0;
    let created = 0;
    await fc.assert(
      fc.asyncProperty(command, async (text) => {
        const before = await readFile(path, 'utf8').catch(() => '');
        const r = await backend.api.history.importBundle({ text });
        if (r.ok) created++;
        else {
          refused++;
          expect(r.error.code).not.toBe('internal');
          expect(r.error.message).not.toBe('');
          expect(await readFile(path, 'utf8').catch(() => '')).toBe(before);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
    const huge = await backend.api.history.importBundle({ text: `curl https://x.example.com -d '${'a'.repeat(MAX_CURL_CHARS)}'` });
    expect(huge).toMatchObject({ ok: false, error: { code: 'validation-failed', message: expect.stringMatching(/at most 1024 KB is read/) } });
    console.log(`curl import fuzz: ${FUZZ_RUNS} runs, ${created} imported, ${refused} refused, 0 internal`);
    expect(created + refused).toBe(FUZZ_RUNS);
  });
});
