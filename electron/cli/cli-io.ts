/**
 * What a CLI command may touch of the outside world.
 *
 * Commands take this instead of `process` so tests run them in-process against real files, and so each
 * command stays "parse arguments, call services, print".
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a whole file as UTF-8; relative paths resolve against `cwd`. */
  readFile(path: string): Promise<string>;
  /**
   * Writes a whole file (relative paths resolve against `cwd`). A new file is private (0600 on POSIX): an
   * export may hold revealed secrets. An existing file keeps the mode its owner gave it.
   */
  writeFile(path: string, text: string): Promise<void>;
  /** Reads standard input to its end (for `-` as a file argument). */
  readStdin(): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /**
   * Calls `handler` on the first Ctrl+C (SIGINT) until the returned function is called; a second Ctrl+C
   * meanwhile ends the process at once with exit code 130. Without a handler, Ctrl+C ends it as usual.
   */
  onInterrupt(handler: () => void): () => void;
}

/** A CLI command: returns the process exit code (0 ok, 1 a finding such as invalid JSON, 2 bad usage). */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Why a file argument could not be read, in words with the errno kept for searching, instead of Node's
 * `EISDIR: illegal operation on a directory, read` (callers put the path as the user typed it in front).
 */
export function readProblem(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file (ENOENT): check the path';
  if (code === 'EISDIR') return 'this is a folder, not a file (EISDIR): name a file in it';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder (ENOTDIR): check the path';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code}): make the file readable for your user`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * The text of a file argument (`-` for standard input), or undefined once an error naming the file is printed.
 *
 * A missing or unreadable file is the user's to fix, so it gets a one-line message, not a stack trace.
 */
export async function readInputText(io: CliIo, file: string): Promise<string | undefined> {
  try {
    return file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (e) {
    io.stderr(`${file}: ${readProblem(e)}\n`);
    return undefined;
  }
}
