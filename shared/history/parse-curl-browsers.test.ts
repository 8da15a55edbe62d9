/**
 * "Copy as cURL" from real browsers imports exactly: literal commands as Chrome, Edge and Firefox write them,
 * and property runs over the browsers' own escaping (ported in test/support/browser-curl.ts) for any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chromeCurl, firefoxCurl, type BrowserRequest } from '../../test/support/browser-curl';
import { MAX_CURL_CHARS, parseCurl } from './parse-curl';

const parsed = (cmd: string) => {
  const r = parseCurl(cmd);
  if (!r.ok) throw new Error(r.message);
  return r.request;
};

const BODY = `{"text":"It's done!","note":"line1\\nline2","who":"Zoë 🚀"}`;

describe('Chrome / Edge "Copy as cURL (bash)"', () => {
  it('reads $\'…\' ANSI-C strings, -H lines, -b cookies, --data-raw and \\ continuations', () => {
    const cmd = [
      `curl 'https://hooks.example.com/api/v1/events?team=a%20b&tags\\[\\]=x' \\`,
      `  -H 'accept: */*' \\`,
      `  -H 'authorization: Bearer eyJhbGciOi.abc.def' \\`,
      `  -H 'content-type: application/json' \\`,
      `  -b 'session=abc123; theme=dark' \\`,
      `  -H 'sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"' \\`,
      `  -H 'x-empty;' \\`,
      `  --data-raw $'{"text":"It\\'s done\\u0021","note":"line1\\\\nline2","who":"Zoë 🚀"}' \\`,
      `  --compressed`,
    ].join('\n');
    const r = parsed(cmd);
    expect(r).toMatchObject({ method: 'POST', url: 'https://hooks.example.com/api/v1/events?team=a%20b&tags[]=x', body: BODY });
    expect(r.headers).toEqual([
      ['accept', '*/*'],
      ['authorization', 'Bearer eyJhbGciOi.abc.def'],
      ['content-type', 'application/json'],
      ['Cookie', 'session=abc123; theme=dark'],
      ['sec-ch-ua', '"Chromium";v="131", "Not_A Brand";v="24"'],
      ['x-empty', ''],
    ]);
    expect(r.warnings).toEqual(['Dropped --compressed: it only changes how curl runs on your machine, not the request.']);
  });

  it('reads a PUT with -X and a body holding control characters as \\uXXXX', () => {
    const r = parsed(`curl 'https://x.example.com/h' \\\n  -X 'PUT' \\\n  -H 'content-type: text/plain' \\\n  --data-raw $'a\\tb\\r\\nc\\u0007' \\\n  --compressed`);
    expect(r).toMatchObject({ method: 'PUT', body: 'a\tb\r\nc\x07' });
  });
});

describe('Chrome / Edge "Copy as cURL (cmd)"', () => {
  it('reads ^"…^" arguments, ^\\^" escaped quotes, ^% and ^ line ends', () => {
    const cmd = [
      `curl ^"https://hooks.example.com/api/v1/events?team=a^%^20b^&tags^\\[^\\]=x^" ^`,
      `  -H ^"accept: */*^" ^`,
      `  -H ^"content-type: application/json^" ^`,
      `  -H ^"sec-ch-ua: ^\\^"Chromium^\\^";v=^\\^"131^\\^"^" ^`,
      `  --data-raw ^"^{^\\^"text^\\^":^\\^"It's done^!^\\^",^\\^"note^\\^":^\\^"line1^\\^\\nline2^\\^",^\\^"who^\\^":^\\^"Zo^ë ^🚀^\\^"^}^" ^`,
      `  --compressed`,
    ].join('\r\n');
    const r = parsed(cmd);
    expect(r).toMatchObject({ method: 'POST', url: 'https://hooks.example.com/api/v1/events?team=a%20b&tags[]=x', body: BODY });
    expect(r.headers).toEqual([
      ['accept', '*/*'],
      ['content-type', 'application/json'],
      ['sec-ch-ua', '"Chromium";v="131"'],
    ]);
  });

  it('reads a line break inside a value (^ and two line ends)', () => {
    const r = parsed(`curl ^"https://x.example.com/h^" ^\n  -H ^"content-type: text/plain^" ^\n  --data-raw ^"one^\n\ntwo^" ^\n  --compressed`);
    expect(r.body).toBe('one\ntwo');
  });

  it('refuses a second command joined with & (Copy all as cURL), naming it', () => {
    const r = parseCurl(`curl ^"https://a.example.com/^" ^\n  -H ^"a: b^" ^\n  --compressed &\r\ncurl ^"https://b.example.com/^"`);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/"&" outside quotes .*single curl command/) });
  });
});

describe('Firefox "Copy as cURL"', () => {
  it('POSIX: --globoff URLs, \\xHH and \\uHHHH escapes, \\041 for !', () => {
    const cmd = `curl 'https://x.example.com/a?b[0]=1' --globoff -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' -H 'Accept: */*' -H 'Content-Type: application/json' --data-raw $'{"text":"It\\'s done\\041","who":"Zo\\xeb \\ud83d\\ude80","c":"\\xa9"}'`;
    const r = parsed(cmd);
    expect(r).toMatchObject({ method: 'POST', url: 'https://x.example.com/a?b[0]=1', body: '{"text":"It\'s done!","who":"Zoë 🚀","c":"©"}' });
    expect(r.headers.map(([n]) => n)).toEqual(['User-Agent', 'Accept', 'Content-Type']);
  });

  it('Windows: ^"…^" with \\^" quotes', () => {
    const cmd = `curl ^"https://x.example.com/h^" ^\n  -X POST ^\n  -H ^"Content-Type: application/json^" ^\n  --data-raw ^"^{^\\^"a^\\^":^\\^"50^%^ off^\\^"^}^"`;
    expect(parsed(cmd)).toMatchObject({ method: 'POST', body: '{"a":"50% off"}', headers: [['Content-Type', 'application/json']] });
  });
});

/** Printable text with the characters each escaping is about: quotes, backslashes, %, ^, !, &, line ends, non-ASCII. */
const tricky = (extra: string[]) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom(...[`'`, `"`, '\\', '%', '^', '!', '$', '`', '&', '|', '<', '>', '[', ']', '{', '}', ' ', '\t', '\n', '\r', 'a', 'Z', '0', '_', ':', ',', ';'].filter((c) => !extra.includes(c))),
      fc.constantFrom(...['é', 'ß', '€', '日', '🚀', '\u0007', '\u001b', '\u0085'].filter((c) => !extra.includes(c))),
    ),
    maxLength: 40,
  });
const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
const request = (body: fc.Arbitrary<string>, value: fc.Arbitrary<string>) =>
  fc.record({
    path: fc.stringMatching(/^[a-z0-9/]{0,12}$/),
    method: fc.constantFrom('POST', 'PUT', 'DELETE'),
    headers: fc.array(fc.tuple(headerName, value), { maxLength: 4 }),
    body,
  });

let runs = 0;
const NUM_RUNS = 300;

/** Each generated command imports to exactly the request it was made from. */
function roundTrips(
  make: (req: BrowserRequest) => string,
  body: fc.Arbitrary<string>,
  value: fc.Arbitrary<string>,
  { clean = (s: string) => s, keepsEmptyHeaders = true }: { clean?: (s: string) => string; keepsEmptyHeaders?: boolean } = {},
) {
  fc.assert(
    fc.property(request(body, value), ({ path, method, headers, body: text }) => {
      runs++;
      const req: BrowserRequest = { url: `https://x.example.com/${path}`, method, headers, body: text };
      const r = parseCurl(make(req));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.request.method).toBe(method);
      expect(r.request.url).toBe(req.url);
      expect(r.request.body).toBe(clean(text));
      // curl trims header values; Chrome writes an empty one as `Name;` (sent empty), Firefox as `Name: ` (which
      // tells curl to send no such header).
      const kept = headers.map(([n, v]): [string, string] => [n, clean(v).trim()]).filter(([, v]) => v !== '' || keepsEmptyHeaders);
      expect(r.request.headers).toEqual(kept);
    }),
    { numRuns: NUM_RUNS },
  );
}

// Header values hold no line breaks (the header rules refuse them), and no `$` (an env reference on import, by design).
const headerValue = fc.string({ unit: fc.constantFrom(`'`, `"`, '\\', '%', '^', '!', '&', ' ', 'a', '0', ':', ',', '[', 'é', '🚀'), maxLength: 20 });

describe('any text, escaped as each browser escapes it, imports exactly', () => {
  it('Chrome bash form', () => roundTrips((r) => chromeCurl(r, 'posix'), tricky(['\0']), headerValue));
  // cmd.exe drops every CR from a command line, so a CR in the body does not reach curl.
  it('Chrome cmd form', () => roundTrips((r) => chromeCurl(r, 'win'), tricky([]), headerValue, { clean: (s) => s.replace(/\r/g, '') }));
  // Firefox's POSIX escaping writes `&` in a $'…' string as `^&`, which bash passes on as it is (import reads what
  // the shell would), and Latin-1 characters as \xHH bytes, which bash joins with their neighbours into
  // whatever UTF-8 they spell: the runs leave those out (a literal test above covers single ones).
  // Firefox writes no --data-raw for an empty body.
  it('Firefox POSIX form', () =>
    roundTrips((r) => firefoxCurl(r, 'posix'), tricky(['&', 'é', 'ß', '\u0085']).filter((s) => s !== ''), headerValue.filter((v) => !v.includes('&') || !/[^\x20-\x7E]|'/.test(v)), { keepsEmptyHeaders: false }));
  it('Firefox Windows form', () =>
    roundTrips((r) => firefoxCurl(r, 'win'), tricky([]).filter((s) => s !== ''), headerValue, { clean: (s) => s.replace(/\r/g, ''), keepsEmptyHeaders: false }));
  it('prints its run count', () => {
    console.log(`curl browser forms: ${runs} generated commands imported exactly (${NUM_RUNS} per form)`);
    expect(runs).toBe(4 * NUM_RUNS);
  });
});

describe('fuzzing parseCurl with any text in every form', () => {
  it('never throws, answers within its size bound, and names a reason for every refusal', () => {
    let refused = 0;
    let read = 0;
    const FUZZ = 2000;
    const noise = fc.string({ unit: fc.oneof(fc.constantFrom('^', '"', "'", '\\', '$', '%', '&', '\n', '\r', ' ', '-', 'H', 'd', 'X', '{', '[', '\u0000'), fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' })), maxLength: 80 });
    fc.assert(
      fc.property(fc.constantFrom('curl ', "curl $'", 'curl ^"', 'curl.exe ', 'curl -H ', 'curl https://x.example.com/ --data-raw ', ''), noise, (head, tail) => {
        const r = parseCurl(head + tail);
        if (r.ok) read++;
        else {
          refused++;
          expect(r.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: FUZZ },
    );
    expect(parseCurl(`curl https://x.example.com -d '${'x'.repeat(MAX_CURL_CHARS)}'`)).toMatchObject({ ok: false, message: expect.stringMatching(/at most 1024 KB/) });
    console.log(`parseCurl fuzz: ${FUZZ} runs, ${read} read, ${refused} refused, 0 throws`);
    expect(read + refused).toBe(FUZZ);
  });
});
