// The first step of `npm start` / `npm run dev`: makes sure Electron's binary is there, downloading it once.
//
// Electron's own installer (electron/install.js, via @electron/get) prints a bare stack trace when the download
// fails (offline, a proxy, a firewall). This runs it and, on failure, says in one paragraph what failed, how to
// retry, and that browser mode runs the same app without Electron. Success is silent, as the installer is.
// The proxy advice is @electron/get's own (its proxy.js: ELECTRON_GET_USE_PROXY=true, then HTTPS_PROXY / NO_PROXY).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let installer;
let version = '';
try {
  installer = require.resolve('electron/install.js');
  version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
} catch {
  process.stderr.write('Hooksmith could not find the electron package in node_modules. Run `npm install` in the Hooksmith folder, then `npm start` again; `npm run web` runs the same app in your browser meanwhile.\n');
  process.exit(1);
}

const run = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
if (run.status === 0) process.exit(0);

// The installer's output is a stack: keep its first line that is not a frame, as the reason.
const lines = (run.stderr ?? '').split('\n').map((l) => l.trim());
const reason = lines.find((l) => l && !l.startsWith('at ') && !l.startsWith('at\t')) ?? (run.signal ? `stopped by ${run.signal}` : `exit code ${run.status}`);
const source = process.env.ELECTRON_MIRROR ? `the mirror ${process.env.ELECTRON_MIRROR}` : "Electron's GitHub releases";
process.stderr.write(
  `Hooksmith could not start the desktop app: Electron ${version}, which is downloaded once on first start, could not be fetched from ${source} (${reason}). ` +
    'Check the network connection and run `npm start` again; behind a proxy, set ELECTRON_GET_USE_PROXY=true and HTTPS_PROXY to the proxy URL, or point ELECTRON_MIRROR at a mirror you can reach. ' +
    'Meanwhile `npm run web` runs the same app in your browser, with nothing to download.\n',
);
process.exit(1);
