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
 * The text of a file argument (`-` for standard input), or undefined once an error naming the file is printed.
 *
 * A missing or unreadable file is the user's to fix, so it gets a one-line message, not a stack trace.
 */
export async function readInputText(io: CliIo, file: string): Promise<string | undefined> {
  try {
    return file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (e) {
    io.stderr(`${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
}
