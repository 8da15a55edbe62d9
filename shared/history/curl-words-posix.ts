/**
 * The words of a curl command as bash reads them: what Chrome/Edge "Copy as cURL (bash)", Firefox "Copy as cURL"
 * (on Linux and macOS), API docs and Hooksmith's own export write.
 *
 * - `'…'` literal; `"…"` with `\"`, `\\`, `\$`, `` \` `` and `\<newline>` escapes; a bare `\x` is `x`;
 *   `\<newline>` (also `\<CR><LF>`, as a Windows clipboard gives it) continues the line.
 * - `$'…'` ANSI-C strings, as the bash manual ("ANSI-C Quoting") defines them: `\n \r \t \a \b \e \f \v \\ \' \"
 *   \?`, octal `\nnn`, `\xHH`, `\uHHHH`, `\UHHHHHHHH`, `\cX`. Chromium's generator (devtools-frontend
 *   `NetworkLogView.generateCurlCommand`, `escapeStringPosix`) writes control characters and `!` as `\u00XX`;
 *   Firefox's (`devtools/client/shared/curl.js`, `escapeStringPosix`) writes every non-ASCII character below 256
 *   as `\xHH` and the rest as `\uHHHH`, `!` as `\041`. Bash turns `\xHH` into one byte: a run of such bytes that
 *   is valid UTF-8 is read as UTF-8, else each byte as its Latin-1 character (what Firefox meant by `\xe9`).
 *   A `\0` ends the string there, as in bash (arguments are C strings).
 * - `$NAME` / `${NAME}` bare or in double quotes is marked `\u0000NAME\u0000` (an environment reference).
 * - `;`, `|`, `&`, `<`, `>`, `$(…)` and backquotes outside quotes are refused: one command, nothing run.
 */

/** The words, or what stops the text from being read. */
export function posixWords(text: string): string[] | string {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  const name = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/y;
  const varAt = (j: number): { name: string; end: number } | null => {
    name.lastIndex = j;
    const m = name.exec(text);
    return m ? { name: (m[1] ?? m[2])!, end: j + m[0].length } : null;
  };
  const continuation = (j: number): number => (text[j] !== '\\' ? 0 : text[j + 1] === '\n' ? 2 : text[j + 1] === '\r' && text[j + 2] === '\n' ? 3 : 0);
  while (i < text.length) {
    const c = text[i]!;
    const cont = continuation(i);
    if (cont) {
      i += cont;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
      continue;
    }
    if (c === '#' && !inWord) {
      // A comment runs to the end of the line.
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (';|&<>`'.includes(c) || (c === '$' && text[i + 1] === '(')) {
      return `"${c === '$' ? '$(' : c}" outside quotes would make the shell run or redirect something else; paste a single curl command`;
    }
    inWord = true;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return 'unterminated single quote';
      cur += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '$' && text[i + 1] === "'") {
      const s = ansiC(text, i + 2);
      if (typeof s === 'string') return s;
      cur += s.value;
      i = s.end;
    } else if (c === '"' || (c === '$' && text[i + 1] === '"')) {
      // `$"…"` is a double-quoted string bash may translate; it is read as written.
      i += c === '$' ? 2 : 1;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) {
          if (text[i + 1] !== '\n') cur += text[i + 1];
          i += 2;
        } else if (continuation(i)) i += continuation(i);
        else if (text[i] === '$' && varAt(i)) {
          const v = varAt(i)!;
          cur += `\u0000${v.name}\u0000`;
          i = v.end;
        } else cur += text[i++];
      }
      if (i >= text.length) return 'unterminated double quote';
      i++;
    } else if (c === '\\') {
      cur += text[i + 1] ?? '';
      i += 2;
    } else if (c === '$' && varAt(i)) {
      const v = varAt(i)!;
      cur += `\u0000${v.name}\u0000`;
      i = v.end;
    } else {
      cur += c;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** Bytes from `\xHH` / octal escapes: UTF-8 when they are, else Latin-1 (see the module comment). */
function decodeBytes(bytes: number[]): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return String.fromCharCode(...bytes);
  }
}

/** Reads a `$'…'` string whose body starts at `start`; returns its value and the index after the closing quote. */
function ansiC(text: string, start: number): { value: string; end: number } | string {
  let out = '';
  let bytes: number[] = [];
  let ended = false;
  const emit = (s: string) => {
    if (bytes.length) out += decodeBytes(bytes);
    bytes = [];
    if (!ended) out += s;
  };
  const digits = (from: number, re: RegExp) => re.exec(text.slice(from, from + 8))?.[0] ?? '';
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      emit('');
      return { value: out, end: i + 1 };
    }
    if (c !== '\\' || i + 1 >= text.length) {
      emit(c);
      i++;
      continue;
    }
    const e = text[i + 1]!;
    if (SIMPLE[e] !== undefined) {
      emit(SIMPLE[e]);
      i += 2;
    } else if (e >= '0' && e <= '7') {
      const d = digits(i + 1, /^[0-7]{1,3}/);
      const byte = parseInt(d, 8) & 0xff;
      if (byte === 0) {
        emit('');
        ended = true;
      } else if (!ended) bytes.push(byte);
      i += 1 + d.length;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const d = digits(i + 2, e === 'x' ? /^[0-9a-fA-F]{1,2}/ : e === 'u' ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/);
      const code = d === '' ? -1 : parseInt(d, 16);
      if (code < 0) emit(`\\${e}`);
      else if (code === 0) {
        emit('');
        ended = true;
      } else if (e === 'x') {
        if (!ended) bytes.push(code);
      } else emit(code > 0x10ffff ? '\uFFFD' : String.fromCodePoint(code)); // Firefox writes an emoji as two \u surrogates: they join again
      i += 2 + d.length;
    } else if (e === 'c' && i + 2 < text.length) {
      emit(String.fromCharCode(text[i + 2]!.toUpperCase().charCodeAt(0) & 0x1f));
      i += 3;
    } else {
      // Bash keeps an unknown escape as written.
      emit(`\\${e}`);
      i += 2;
    }
  }
  return "unterminated $'…' string";
}
