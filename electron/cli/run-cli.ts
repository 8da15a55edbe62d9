/**
 * The `hooksmith` command: picks a subcommand and hands it the backend or the pure services it needs.
 */
import { createBackend } from '../services/backend';
import { nodeSecretStore, resolveDataDir } from '../platform/node-platform';
import { APP_VERSION } from '../version';
import { appErrorOf } from '../../shared/api/result';
import type { CliCommand, CliIo } from './cli-io';
import { printError } from './print';
import { lintCommand } from './commands/lint';
import { presetsCommand } from './commands/presets';
import { renderCommand } from './commands/render';
import { SEND_USAGE, sendCommand } from './commands/send';
import { simulateCommand } from './commands/simulate';
import { webhooksCommand } from './commands/webhooks';
import { historyCommand, showCommand } from './commands/history';
import { exportCommand, importCommand, replayCommand } from './commands/replay';
import type { Backend } from '../services/backend';
import { authoringThrough, loadSavedAuthoring, type LoadAuthoring } from './saved-authoring';
import { cliBackend, type CliBackend } from './cli-api';

const HELP = `hooksmith ${APP_VERSION} — author, test and debug Apono outbound webhooks

Usage: hooksmith [--home DIR] <command> [options]

Commands:
  webhooks list|show|import|export   manage webhook definitions (see: hooksmith webhooks)
  render <template|-> [--event TRIGGER] [--payload FILE] [--escape html|none] [--event-type STYLE]
                                     render a body template; exit 1 if the result is not JSON
  lint <template>… [--json] [--escape html|none] [--event-type STYLE]
                                     diagnostics and the "does the JSON hold?" check over every sample
                                     (render and lint follow the saved escape mode and event_type spelling)
  send <webhook-file|name> [--event TRIGGER] [--payload FILE] [--json] [--max-response SIZE]
                                     send once and print what went out and came back;
                                     exit 1 if it failed (see: hooksmith send --help)
  history [--webhook NAME] [--status success|failure] [--since 1h|7d] [--json]
                                     list recorded invocations, newest first
  show <id> [--json]                 one invocation: request, response, error and hint
  replay <id> [--rerender] [--json]  send it again (exactly, or re-rendered with today's template)
  export <id> --format curl|har|bundle [--reveal-secrets]
                                     copy as curl, HAR 1.2, or a repro bundle
  import <bundle-or-curl-file|->     a repro bundle (webhook + invocation) or a curl command (webhook)
  presets [show NAME]                list target presets, or print one as a definition file
  simulate [--webhooks FILE|NAME…] [--lifecycle granted|rejected|failed] [--payload FILE] [--send] [--json]
                                     which webhooks fire at each step of a request's lifecycle, and why not;
                                     --send sends those that fire (exit 1 if one failed; see: hooksmith simulate --help)
  help                               this text

Ctrl+C during send, replay or simulate --send cancels the send in flight, prints and records it (exit 130);
a second Ctrl+C quits at once.

Data folder: --home DIR, else $HOOKSMITH_HOME, else your platform's config folder.
`;

/** Commands that need no data folder, registered by name. */
const PURE_COMMANDS: Record<string, CliCommand> = { presets: presetsCommand };

/** Template commands that only read the saved rendering settings and samples, so they agree with the app. */
const AUTHORING_COMMANDS: Record<string, (argv: string[], io: CliIo, loadSaved: LoadAuthoring) => Promise<number>> = {
  render: renderCommand,
  lint: lintCommand,
};

/** Commands that work on the data folder, registered by name. */
const BACKEND_COMMANDS: Record<string, (argv: string[], io: CliIo, backend: CliBackend) => Promise<number>> = {
  webhooks: webhooksCommand,
  send: sendCommand,
  history: historyCommand,
  show: showCommand,
  replay: replayCommand,
  export: exportCommand,
  import: importCommand,
};

/** Splits `--home DIR` (which may come before the command) from the rest. */
function takeHome(argv: string[]): { home?: string; rest: string[] } {
  const rest: string[] = [];
  let home: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--home') home = argv[++i];
    else if (a.startsWith('--home=')) home = a.slice('--home='.length);
    else rest.push(a);
  }
  return { home, rest };
}

/** Runs one command; an unknown or malformed flag in any command is bad usage (exit 2), not a failure. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${(e as Error).message}\nSee: hooksmith help\n`);
      return 2;
    }
    // A typed failure from under the services (an unwritable data folder): its message says what to do.
    const known = appErrorOf(e);
    if (known) return printError(io, known);
    throw e;
  }
}

/** What the user must be told once about the data folder (a corrupt file moved aside, a history repaired), as the app shows it. */
async function printNotices(backend: CliBackend, io: CliIo): Promise<void> {
  const info = await backend.api.app.info();
  if (!info.ok) return void printError(io, info.error);
  for (const notice of info.value.notices) io.stderr(`Notice: ${notice}\n`);
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const { home, rest } = takeHome(argv);
  const [command, ...args] = rest;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.stdout(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === 'version') {
    io.stdout(`${APP_VERSION}\n`);
    return 0;
  }
  const pure = PURE_COMMANDS[command];
  if (pure) return pure(args, io);
  const authoring = AUTHORING_COMMANDS[command];
  if (authoring) return authoring(args, io, () => loadSavedAuthoring(resolveDataDir(home, io.env, process.platform, io.cwd), io));
  if (command === 'send' && (args.includes('--help') || args.includes('-h'))) {
    io.stdout(SEND_USAGE);
    return 0;
  }
  const withBackend = BACKEND_COMMANDS[command];
  if (withBackend) {
    const dataDir = resolveDataDir(home, io.env, process.platform, io.cwd);
    const backend = await createBackend({ dataDir, secrets: nodeSecretStore(dataDir, io.env, 'cli'), mode: 'web', version: APP_VERSION, env: io.env });
    try {
      const api = cliBackend(backend);
      await printNotices(api, io);
      return await withBackend(args, io, api);
    } finally {
      backend.close();
    }
  }
  // Only simulations of saved webhooks, or sends, open the data folder; definition files alone need none.
  if (command === 'simulate') {
    let opened: Backend | undefined;
    let api: CliBackend | undefined;
    const backend = async () => {
      if (api) return api;
      const dataDir = resolveDataDir(home, io.env, process.platform, io.cwd);
      opened = await createBackend({ dataDir, secrets: nodeSecretStore(dataDir, io.env, 'cli'), mode: 'web', version: APP_VERSION, env: io.env });
      api = cliBackend(opened);
      await printNotices(api, io);
      return api;
    };
    try {
      return await simulateCommand(args, io, {
        backend,
        loadSaved: async () => (await backend()).api.webhooks.list(),
        // The folder may be open already (saved webhooks were named): ask it through the contract, not a second time.
        loadAuthoring: async () => (api ? authoringThrough(api) : loadSavedAuthoring(resolveDataDir(home, io.env, process.platform, io.cwd), io)),
      });
    } finally {
      opened?.close();
    }
  }
  io.stderr(`Unknown command "${command}".\n\n${HELP}`);
  return 2;
}
