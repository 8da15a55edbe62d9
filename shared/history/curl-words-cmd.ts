/**
 * The words of a curl command as Windows reads it: cmd.exe first, then the C runtime's argument parser.
 *
 * Chrome/Edge "Copy as cURL (cmd)" (devtools-frontend `NetworkLogView.generateCurlCommand`, `escapeStringWin`)
 * and Firefox on Windows (`devtools/client/shared/curl.js`, `escapeStringWin`) write every argument as
 * `^"…^"`: `\` doubled and `"` as `\"` for the C runtime, then every character they are not sure of caret-escaped
 * for cmd (so `\"` becomes `^\^"`), `%` followed by a name character as `%^`, a line break in a value as
 * `^<LF><LF>`, and arguments joined by ` ^<LF>  `. Undoing it takes the two parsers in the same order:
 *
 * 1. cmd.exe: `^` takes the next character literally (a `^` at a line end joins the next line and takes its
 *    first character literally); inside an unescaped `"…"` carets are plain text; `%NAME%` is a variable.
 * 2. The C runtime (Microsoft's "Parsing C++ command-line arguments"): whitespace separates arguments outside
 *    quotes; `"` opens or closes a quoted part; 2n backslashes before `"` are n backslashes and the quote
 *    counts, 2n+1 are n backslashes and a literal `"`; other backslashes are literal; `""` inside quotes is `"`.
 *
 * One departure, for what the browsers meant: both double every backslash, which the C runtime undoes only
 * before a quote, so curl itself would receive `\\n` for a JSON `\n`. The importer reads a doubled backslash
 * as one anywhere, so a pasted request imports as the browser sent it (a lone `\`, as in a path, stays).
 * Likewise Firefox's `\$` and `` \` `` are `$` and a backquote, its bare `\"` a quote, and a bare `&` inside
 * a value (which it does not escape) is text; only an `&` that ends a line joins a second command.
 */

/** The words, or what stops the text from being read. */
export function cmdWords(text: string): string[] | string {
  // cmd.exe drops every CR from a command line (a Windows clipboard gives CR LF line ends).
  const line = cmdLine(text.replace(/\r/g, ''));
  return typeof line === 'string' ? line : crtArguments(line.text);
}

/** cmd.exe's pass: the command line the program receives, with `%NAME%` marked `\u0000NAME\u0000`. */
function cmdLine(text: string): { text: string } | string {
  let out = '';
  let quoted = false;
  const variable = /%([A-Za-z_][A-Za-z0-9_]*)%/y;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '%') {
      variable.lastIndex = i;
      const m = variable.exec(text);
      if (m) {
        out += `\u0000${m[1]}\u0000`;
        i += m[0].length - 1;
        continue;
      }
    }
    if (c === '^') {
      // Read as an escape inside quotes too (cmd.exe would keep it there): Firefox leaves `"` bare in `\"`,
      // which puts cmd.exe in quote mode for the rest of the value, yet means the carets that follow.
      const next = text[i + 1];
      if (next === '\n') {
        // A caret at a line end: the line goes on, and its first character is taken as it is.
        i += 2;
        if (i < text.length) out += text[i]!;
        continue;
      }
      if (next !== undefined) out += next;
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '|' || c === '<' || c === '>' || (c === '&' && /^&[ \t]*(?:\n|$)/.test(text.slice(i, i + 64))))) {
      // A bare `&` inside a value is text (Firefox leaves it unescaped); one that ends the line joins commands.
      return `"${c}" outside quotes would make cmd.exe run or redirect something else; paste a single curl command`;
    } else if (!quoted && c === '\n') {
      if (text.slice(i).trim() !== '') return 'the command goes on after a line that does not end with ^; paste a single curl command';
      break;
    }
    out += c;
  }
  return { text: out };
}

/** The C runtime's split of a command line into arguments. */
function crtArguments(line: string): string[] | string {
  const args: string[] = [];
  let cur = '';
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') {
      let n = 0;
      while (line[i + n] === '\\') n++;
      inArg = true;
      if (line[i + n] === '"') {
        cur += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) {
          cur += '"';
          i += n;
        } else i += n - 1; // the quote is read next, as any other quote
      } else {
        // Literal to the C runtime, but both browsers double every backslash, and Firefox writes `\$` and
        // `` \` `` for `$` and a backquote (see the module comment).
        const lone = n % 2 === 1 && (line[i + n] === '$' || line[i + n] === '`');
        cur += '\\'.repeat(Math.floor(n / 2) + (n % 2 === 1 && !lone ? 1 : 0));
        i += n - 1;
      }
    } else if (c === '"') {
      inArg = true;
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (!quoted && (c === ' ' || c === '\t' || c === '\n')) {
      if (inArg) args.push(cur);
      cur = '';
      inArg = false;
    } else {
      cur += c;
      inArg = true;
    }
  }
  if (quoted) return 'unterminated double quote';
  if (inArg) args.push(cur);
  return args;
}

/** True when the text is written for cmd.exe: `^"`-quoted arguments or `^` line continuations. */
export function looksLikeCmd(text: string): boolean {
  return /^\s*curl(?:\.exe)?\s+\^"/i.test(text) || /[ \t]\^\r?\n/.test(text);
}
