/**
 * The `hooksmith` command: picks a subcommand and hands it the backend or the pure services it needs.
 */
import { APP_VERSION } from '../version';
import { appErrorOf } from '../../shared/api/result';
import type { CliCommand, CliIo } from './cli-io';
import { printError } from './print';
import type { Backend } from '../services/backend';
import type { LoadAuthoring } from './saved-authoring';
import type { CliBackend } from './cli-api';

const HELP = `hooksmith ${APP_VERSION} — author, test and debug Apono outbound webhooks

Usage: hooksmith [--home DIR] <command> [options]

Commands:
  webhooks list|show|import|export   manage webhook definitions (see: hooksmith webhooks)
  render <template|-> [--event TRIGGER] [--payload FILE] [--escape html|none] [--event-type STYLE]
                                     render a body template; exit 1 if the result is not JSON
  lint <template>… [--format text|json|github|junit|sarif] [--json] [--escape html|none] [--event-type STYLE]
                                     diagnostics and the "does the JSON hold?" check over every sample
                                     (render and lint follow the saved escape mode and event_type spelling)
  send <webhook-file|name> [--event TRIGGER] [--payload FILE] [--json] [--max-response SIZE]
                                     send once and print what went out and came back;
                                     exit 1 if it failed (see: hooksmith send --help)
  history [--webhook NAME] [--request ID|EMAIL] [--search TEXT] [--status success|failure] [--since 1h|7d] [--json]
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
  capture [--port N] [--https]       record what Apono sends to 127.0.0.1 until Ctrl+C (exit 0);
  capture list|show|delete|probe-template|findings|apply|save-sample|diff
                                     captures, the probe template, findings and the prediction diff
                                     (see: hooksmith capture --help)
  help                               this text

Ctrl+C during send, replay or simulate --send cancels the send in flight, prints and records it (exit 130);
a second Ctrl+C quits at once.

Data folder: --home DIR, else $HOOKSMITH_HOME, else your platform's config folder.
`;

// Each command is loaded when it runs (a separate chunk in the build): `--version` or `lint` then starts without
// loading the delivery stack, axios and the storage code it never uses. See the start-up bench.

/** Commands that need no data folder, registered by name. */
const PURE_COMMANDS: Record<string, () => Promise<CliCommand>> = { presets: async () => (await import('./commands/presets')).presetsCommand };

type AuthoringCommand = (argv: string[], io: CliIo, loadSaved: LoadAuthoring) => Promise<number>;
/** Template commands that only read the saved rendering settings and samples, so they agree with the app. */
const AUTHORING_COMMANDS: Record<string, () => Promise<AuthoringCommand>> = {
  render: async () => (await import('./commands/render')).renderCommand,
  lint: async () => (await import('./commands/lint')).lintCommand,
};

type BackendCommand = (argv: string[], io: CliIo, backend: CliBackend) => Promise<number>;
/** Commands that work on the data folder, registered by name. */
const BACKEND_COMMANDS: Record<string, () => Promise<BackendCommand>> = {
  webhooks: async () => (await import('./commands/webhooks')).webhooksCommand,
  send: async () => (await import('./commands/send')).sendCommand,
  history: async () => (await import('./commands/history')).historyCommand,
  show: async () => (await import('./commands/history')).showCommand,
  replay: async () => (await import('./commands/replay')).replayCommand,
  export: async () => (await import('./commands/replay')).exportCommand,
  import: async () => (await import('./commands/replay')).importCommand,
  capture: async () => (await import('./commands/capture')).captureCommand,
};

/** Opens the data folder's backend as the CLI uses it (its notices are printed through the contract). */
async function openBackend(home: string | undefined, io: CliIo): Promise<Backend> {
  const [{ createBackend }, { nodeSecretStore, resolveDataDir }] = await Promise.all([import('../services/backend'), import('../platform/node-platform')]);
  const dataDir = resolveDataDir(home, io.env, process.platform, io.cwd);
  return createBackend({ dataDir, secrets: nodeSecretStore(dataDir, io.env, 'cli'), mode: 'web', version: APP_VERSION, env: io.env });
}

/** Reads the saved rendering settings and samples of the data folder. */
async function savedAuthoring(home: string | undefined, io: CliIo) {
  const [{ loadSavedAuthoring }, { resolveDataDir }] = await Promise.all([import('./saved-authoring'), import('../platform/node-platform')]);
  return loadSavedAuthoring(resolveDataDir(home, io.env, process.platform, io.cwd), io);
}

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
  if (pure) return (await pure())(args, io);
  const authoring = AUTHORING_COMMANDS[command];
  if (authoring) return (await authoring())(args, io, () => savedAuthoring(home, io));
  if (command === 'send' && (args.includes('--help') || args.includes('-h'))) {
    io.stdout((await import('./commands/send')).SEND_USAGE);
    return 0;
  }
  if (command === 'capture' && (args.includes('--help') || args.includes('-h'))) {
    io.stdout((await import('./commands/capture')).CAPTURE_USAGE);
    return 0;
  }
  const withBackend = BACKEND_COMMANDS[command];
  if (withBackend) {
    const run = await withBackend();
    const backend = await openBackend(home, io);
    try {
      const api = (await import('./cli-api')).cliBackend(backend);
      await printNotices(api, io);
      return await run(args, io, api);
    } finally {
      await backend.close();
    }
  }
  // Only simulations of saved webhooks, or sends, open the data folder; definition files alone need none.
  if (command === 'simulate') {
    const { simulateCommand } = await import('./commands/simulate');
    let opened: Backend | undefined;
    let api: CliBackend | undefined;
    const backend = async () => {
      if (api) return api;
      opened = await openBackend(home, io);
      api = (await import('./cli-api')).cliBackend(opened);
      await printNotices(api, io);
      return api;
    };
    try {
      return await simulateCommand(args, io, {
        backend,
        loadSaved: async () => (await backend()).api.webhooks.list(),
        // The folder may be open already (saved webhooks were named): ask it through the contract, not a second time.
        loadAuthoring: async () => (api ? (await import('./saved-authoring')).authoringThrough(api) : savedAuthoring(home, io)),
      });
    } finally {
      await opened?.close();
    }
  }
  io.stderr(`Unknown command "${command}".\n\n${HELP}`);
  return 2;
}
