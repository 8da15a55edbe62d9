/** Entry of the built CLI (out/main/cli.js), started by bin/hooksmith.js. */
import { processIo } from './process-io';
import { runCli } from './run-cli';

const io = processIo();
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    io.stderr(`hooksmith: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
