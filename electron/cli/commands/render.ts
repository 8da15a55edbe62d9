/**
 * `hooksmith render <template-file|-> [--event <trigger>] [--payload <file>] [--escape html|none]`
 *
 * Prints the rendered body. Exit 0 when it is JSON, 1 when it is not (positions on stderr as
 * `FILE:LINE:COL: message`), 2 for bad usage.
 */
import { parseArgs } from 'node:util';
import { TRIGGERS, type Trigger } from '../../../shared/model/webhook';
import { sampleForTrigger } from '../../../shared/payload/samples';
import { renderTemplate, type EscapeMode } from '../../../shared/template/render';
import type { CliCommand } from '../cli-io';

const USAGE = 'usage: hooksmith render <template-file|-> [--event <trigger>] [--payload <file>] [--escape html|none]';

export const renderCommand: CliCommand = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { event: { type: 'string' }, payload: { type: 'string' }, escape: { type: 'string', default: 'html' } },
    });
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  const escape = values.escape;
  const event = values.event;
  if (!file || extra.length > 0 || (escape !== 'html' && escape !== 'none') || (event !== undefined && !(TRIGGERS as readonly string[]).includes(event)) || (event && values.payload)) {
    const why = !file ? 'missing template file' : extra.length ? `unexpected argument ${extra[0]}` : escape !== 'html' && escape !== 'none' ? `--escape must be html or none` : values.payload && event ? '--event and --payload are exclusive' : `--event must be one of ${TRIGGERS.join(', ')}`;
    io.stderr(`${why}\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  let data: unknown;
  try {
    text = file === '-' ? await io.readStdin() : await io.readFile(file);
    data = values.payload ? JSON.parse(await io.readFile(values.payload)) : sampleForTrigger((event ?? 'RequestCreated') as Trigger);
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const name = file === '-' ? '<stdin>' : file;
  const r = renderTemplate(text, data, { escape: escape as EscapeMode });
  if (!r.ok) {
    if ('syntaxError' in r) io.stderr(`${name}:${r.syntaxError.line}:${r.syntaxError.column}: ${r.syntaxError.message}\n`);
    else io.stderr(`${name}:${r.runtimeError.line ?? 1}:${r.runtimeError.column ?? 1}: ${r.runtimeError.message}\n`);
    return 1;
  }
  io.stdout(r.body.endsWith('\n') ? r.body : `${r.body}\n`);
  if (r.json.valid) return 0;
  const j = r.json;
  const at = j.templateLocation ? `${name}:${j.templateLocation.line}:${j.templateLocation.column}` : `${name}`;
  io.stderr(`${at}: rendered body is not JSON (body ${j.line}:${j.column}): ${j.message}\n`);
  return 1;
};
