/**
 * `hooksmith render <template-file|-> [--event <trigger>] [--payload <file>] [--escape html|none] [--event-type STYLE]`
 *
 * Prints the rendered body. Exit 0 when it is JSON, 1 when it is not (positions on stderr as
 * `FILE:LINE:COL: message`), 2 for bad usage. Escaping and the `event_type` spelling follow the saved
 * settings, as the app's preview and `hooksmith send` do, unless a flag says otherwise.
 */
import { parseArgs } from 'node:util';
import { TRIGGERS, type Trigger } from '../../../shared/model/webhook';
import { ESCAPE_MODES, EVENT_TYPE_STYLES } from '../../../shared/model/store-schema';
import { sampleForTrigger } from '../../../shared/payload/samples';
import { renderTemplate, type EscapeMode } from '../../../shared/template/render';
import { renderErrorOf } from '../../../shared/template/render-error';
import { readInputText, type CliIo } from '../cli-io';
import { readPayloadFile } from '../payload-file';
import { defaultAuthoring, type LoadAuthoring } from '../saved-authoring';

const USAGE = `usage: hooksmith render <template-file|-> [--event <trigger>] [--payload <file>] [--escape html|none]
                       [--event-type ${EVENT_TYPE_STYLES.join('|')}]
  --escape and --event-type default to the saved settings (the app's Settings page), as send uses them`;

export async function renderCommand(argv: string[], io: CliIo, loadSaved: LoadAuthoring): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { event: { type: 'string' }, payload: { type: 'string' }, escape: { type: 'string' }, 'event-type': { type: 'string' } },
    });
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  const event = values.event;
  const flagEscape = ESCAPE_MODES.find((m) => m === values.escape);
  const flagStyle = EVENT_TYPE_STYLES.find((s) => s === values['event-type']);
  const why = !file
    ? 'missing template file'
    : extra.length
      ? `unexpected argument ${extra[0]}`
      : values.escape !== undefined && !flagEscape
        ? '--escape must be html or none'
        : values['event-type'] !== undefined && !flagStyle
          ? `--event-type must be ${EVENT_TYPE_STYLES.join(' or ')}`
          : event !== undefined && !(TRIGGERS as readonly string[]).includes(event)
            ? `--event must be one of ${TRIGGERS.join(', ')}`
            : event && values.payload
              ? '--event and --payload are exclusive'
              : undefined;
  if (why || !file) {
    io.stderr(`${why}\n${USAGE}\n`);
    return 2;
  }
  const text = await readInputText(io, file);
  if (text === undefined) return 2;
  let data: unknown;
  let escape: EscapeMode;
  try {
    // The data folder is read only for what no flag gave (a payload file needs no event_type spelling).
    const saved = flagEscape === undefined || (flagStyle === undefined && !values.payload) ? await loadSaved() : defaultAuthoring();
    escape = flagEscape ?? saved.escapeMode;
    if (values.payload) {
      const payload = await readPayloadFile(io, values.payload);
      if (!payload.ok) return (io.stderr(`${payload.message}\n`), 2);
      data = payload.value;
    } else data = sampleForTrigger((event ?? 'RequestCreated') as Trigger, flagStyle ?? saved.eventTypeStyle);
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const name = file === '-' ? '<stdin>' : file;
  const r = renderTemplate(text, data, { escape });
  if (!r.ok) {
    // FILE:LINE:COLUMN, as compilers print it, so editors and CI annotate the line.
    const e = renderErrorOf(r);
    io.stderr(`${name}:${e.line ?? 1}:${e.column ?? 1}: ${e.message}\n`);
    return 1;
  }
  io.stdout(r.body.endsWith('\n') ? r.body : `${r.body}\n`);
  if (r.json.valid) return 0;
  const j = r.json;
  const at = j.templateLocation ? `${name}:${j.templateLocation.line}:${j.templateLocation.column}` : `${name}`;
  io.stderr(`${at}: rendered body is not JSON (body ${j.line}:${j.column}): ${j.message}\n`);
  return 1;
}
