/**
 * A reader for the part of HCL's native syntax a Terraform resource file uses (HashiCorp's "HCL Native Syntax
 * Specification"): blocks with labels, attributes, objects, tuples, strings (quoted and heredoc) with `${…}`
 * interpolations of references, numbers, `true` / `false` / `null`, references such as `var.name`, and the
 * three comment styles. Function calls, operators, `for` expressions and `%{…}` directives are refused, naming
 * the line: a webhook definition does not need them, and guessing their value would import the wrong thing.
 */

/** One piece of a string template: literal text, or a `${reference}`. */
export type TemplatePart = string | { ref: string };

/** A value as written, with the line it starts on. */
export type HclValue = { line: number } & (
  | { kind: 'string'; parts: TemplatePart[] }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'ref'; path: string }
  | { kind: 'object'; entries: Array<[string, HclValue]> }
  | { kind: 'tuple'; items: HclValue[] }
);

/** A block: `resource "apono_manual_webhook" "name" { … }`. */
export interface HclBlock {
  type: string;
  labels: string[];
  line: number;
  body: HclBody;
}

/** A body: its attributes in order, and its nested blocks. */
export interface HclBody {
  attributes: Array<[string, HclValue]>;
  blocks: HclBlock[];
}

class HclError extends Error {}

/** Parses `text`; the error names the line and what was expected. */
export function readHcl(text: string): { ok: true; body: HclBody } | { ok: false; message: string } {
  const p = new Reader(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
  try {
    const body = p.body(true);
    return { ok: true, body };
  } catch (e) {
    if (e instanceof HclError) return { ok: false, message: e.message };
    throw e;
  }
}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  private get line(): number {
    let n = 1;
    for (let k = 0; k < this.i && k < this.s.length; k++) if (this.s.charCodeAt(k) === 10) n++;
    return n;
  }

  private fail(what: string): never {
    const at = this.i >= this.s.length ? 'the end of the file' : JSON.stringify(this.s.slice(this.i, this.i + 12));
    throw new HclError(`line ${this.line}: ${what} (found ${at})`);
  }

  /** Skips spaces, comments and (when `newlines`) line ends. */
  private skip(newlines = true): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || (newlines && c === '\n')) this.i++;
      else if (c === '#' || (c === '/' && this.s[this.i + 1] === '/')) while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      else if (c === '/' && this.s[this.i + 1] === '*') {
        const end = this.s.indexOf('*/', this.i + 2);
        if (end < 0) this.fail('a /* comment is not closed');
        this.i = end + 2;
      } else return;
    }
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) return null;
    this.i += m[0].length;
    return m[0];
  }

  private expect(c: string): void {
    this.skip();
    if (this.s[this.i] !== c) this.fail(`expected "${c}"`);
    this.i++;
  }

  body(top: boolean): HclBody {
    const body: HclBody = { attributes: [], blocks: [] };
    for (;;) {
      this.skip();
      if (this.i >= this.s.length) {
        if (top) return body;
        this.fail('expected "}" to close the block');
      }
      if (this.s[this.i] === '}') {
        if (top) this.fail('this "}" closes nothing');
        return body;
      }
      const line = this.line;
      const name = this.match(IDENT) ?? this.fail('expected an attribute or block name');
      this.skip(false);
      if (this.s[this.i] === '=') {
        this.i++;
        body.attributes.push([name, this.expr()]);
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        this.skip(false);
        if (this.s[this.i] === '{') break;
        if (this.s[this.i] === '"') labels.push(this.literalString());
        else labels.push(this.match(IDENT) ?? this.fail(`expected "=", a label or "{" after ${name}`));
      }
      this.i++;
      const inner = this.body(false);
      this.i++;
      body.blocks.push({ type: name, labels, line, body: inner });
    }
  }

  private literalString(): string {
    const v = this.expr();
    if (v.kind !== 'string' || v.parts.some((p) => typeof p !== 'string')) this.fail('a block label must be a plain string');
    return (v.parts as string[]).join('');
  }

  expr(): HclValue {
    this.skip();
    const line = this.line;
    const c = this.s[this.i];
    let v: HclValue;
    if (c === '"') v = { line, kind: 'string', parts: this.quoted() };
    else if (c === '<' && this.s[this.i + 1] === '<') v = { line, kind: 'string', parts: this.heredoc() };
    else if (c === '{') v = this.object(line);
    else if (c === '[') v = this.tuple(line);
    else if (c !== undefined && /[-0-9]/.test(c)) v = { line, kind: 'number', value: Number(this.match(NUMBER) ?? this.fail('expected a number')) };
    else {
      const word = this.match(IDENT) ?? this.fail('expected a value');
      if (word === 'true' || word === 'false') v = { line, kind: 'bool', value: word === 'true' };
      else if (word === 'null') v = { line, kind: 'null' };
      else v = { line, kind: 'ref', path: this.traversal(word) };
    }
    this.skip(false);
    const next = this.s[this.i];
    if (next !== undefined && '+-*/%<>!&|?('.includes(next) && !(next === '/' && '/*'.includes(this.s[this.i + 1] ?? ''))) {
      this.fail('only plain values and references such as var.name are read here, not expressions or function calls');
    }
    return v;
  }

  private traversal(first: string): string {
    let path = first;
    while (this.s[this.i] === '.') {
      this.i++;
      path += `.${this.match(IDENT) ?? this.fail('expected a name after "."')}`;
    }
    if (this.s[this.i] === '[' || this.s[this.i] === '(') this.fail(`only references such as var.name are read, not ${path}${this.s[this.i]}…`);
    return path;
  }

  private object(line: number): HclValue {
    this.i++;
    const entries: Array<[string, HclValue]> = [];
    for (;;) {
      this.skip();
      if (this.s[this.i] === '}') {
        this.i++;
        return { line, kind: 'object', entries };
      }
      const key = this.s[this.i] === '"' ? this.literalString() : (this.match(IDENT) ?? this.fail('expected an object key'));
      this.skip(false);
      if (this.s[this.i] !== '=' && this.s[this.i] !== ':') this.fail(`expected "=" after ${key}`);
      this.i++;
      entries.push([key, this.expr()]);
      this.skip(false);
      if (this.s[this.i] === ',') this.i++;
    }
  }

  private tuple(line: number): HclValue {
    this.i++;
    const items: HclValue[] = [];
    for (;;) {
      this.skip();
      if (this.s[this.i] === ']') {
        this.i++;
        return { line, kind: 'tuple', items };
      }
      items.push(this.expr());
      this.skip();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') this.fail('expected "," or "]"');
    }
  }

  /** A `${…}` interpolation starting at `${`; only a reference is read. */
  private interpolation(): { ref: string } {
    this.i += 2;
    this.skip();
    if (this.s[this.i] === '~') this.i++;
    const word = this.match(IDENT) ?? this.fail('only references such as ${var.name} are read inside a string');
    const path = this.traversal(word);
    this.skip();
    if (this.s[this.i] === '~') this.i++;
    if (this.s[this.i] !== '}') this.fail('only references such as ${var.name} are read inside a string');
    this.i++;
    return { ref: path };
  }

  private quoted(): TemplatePart[] {
    this.i++;
    const parts: TemplatePart[] = [];
    let text = '';
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined || c === '\n') this.fail('a string is not closed (missing ")');
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === '\\') {
        const e = this.s[this.i + 1] ?? '';
        if (ESCAPES[e] !== undefined) {
          text += ESCAPES[e];
          this.i += 2;
        } else if (e === 'u' || e === 'U') {
          const digits = e === 'u' ? 4 : 8;
          const hex = this.s.slice(this.i + 2, this.i + 2 + digits);
          if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) this.fail(`\\${e} needs ${digits} hex digits`);
          text += String.fromCodePoint(parseInt(hex, 16));
          this.i += 2 + digits;
        } else this.fail(`unknown escape \\${e}`);
      } else if ((c === '$' || c === '%') && this.s[this.i + 1] === c && this.s[this.i + 2] === '{') {
        text += `${c}{`;
        this.i += 3;
      } else if (c === '$' && this.s[this.i + 1] === '{') {
        if (text) parts.push(text);
        text = '';
        parts.push(this.interpolation());
      } else if (c === '%' && this.s[this.i + 1] === '{') this.fail('template directives (%{…}) are not read');
      else {
        text += c;
        this.i++;
      }
    }
    if (text || parts.length === 0) parts.push(text);
    return parts;
  }

  private heredoc(): TemplatePart[] {
    const head = /<<(-?)([A-Za-z_][A-Za-z0-9_]*)\n/y;
    head.lastIndex = this.i;
    const m = head.exec(this.s) ?? this.fail('expected <<MARKER and a line end');
    this.i += m[0].length;
    const lines: string[] = [];
    for (;;) {
      if (this.i >= this.s.length) this.fail(`the heredoc is not closed by a line holding ${m[2]}`);
      const end = this.s.indexOf('\n', this.i);
      const lineText = this.s.slice(this.i, end < 0 ? this.s.length : end);
      this.i = end < 0 ? this.s.length : end + 1;
      if (lineText.trim() === m[2]) {
        this.i -= end < 0 ? 0 : 1;
        break;
      }
      lines.push(lineText);
    }
    let body = lines;
    if (m[1] === '-') {
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
      body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
    }
    const inner = new Reader(`"${body.map((l) => `${l}\n`).join('').replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
    return inner.quoted();
  }
}
