/**
 * "Is this argument a file or a saved webhook's name?", one rule for `hooksmith send TARGET` and
 * `hooksmith simulate --webhooks ARG…`: a path that exists is a definition file and is read; a file that
 * exists but cannot be read (EACCES, EIO…) is an error naming it and the reason, never a silent fall-back
 * to a name lookup that would then say "no such webhook". Only an argument that is no readable file path at
 * all (ENOENT, ENOTDIR, EISDIR, ENAMETOOLONG) is taken as a name.
 */
import type { CliIo } from './cli-io';

const NOT_A_FILE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG']);

/** The file's text; undefined when `arg` names no file (so it is a webhook name); throws, naming the file, when it cannot be read. */
export async function readIfFile(io: CliIo, arg: string): Promise<string | undefined> {
  try {
    return await io.readFile(arg);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_A_FILE.has(code)) return undefined;
    throw new Error(`${arg}: the file cannot be read (${e instanceof Error ? e.message : String(e)}); fix its permissions, or give a saved webhook's name instead.`);
  }
}
