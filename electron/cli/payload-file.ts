/**
 * `--payload FILE`, read the same way by `render`, `send` and `simulate`: a JSON file whose problems are
 * reported as `FILE:LINE:COLUMN`, like template errors, rather than as a bare `JSON.parse` message.
 */
import { parseJsonWithPosition } from '../../shared/util/json-position';
import type { CliIo } from './cli-io';

/** The file's JSON value, or a message naming the flag and the file (and for bad JSON, where and why). */
export async function readPayloadFile(io: CliIo, file: string): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'this is a folder, not a file' : e instanceof Error ? e.message : String(e);
    return { ok: false, message: `--payload ${file}: ${why}.` };
  }
  const parsed = parseJsonWithPosition(text);
  if (!parsed.ok) return { ok: false, message: `${file}:${parsed.line}:${parsed.column}: --payload is not valid JSON: ${parsed.problem} — fix the file there.` };
  return { ok: true, value: parsed.value };
}
