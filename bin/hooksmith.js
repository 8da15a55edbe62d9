#!/usr/bin/env node
// The `hooksmith` command. The CLI is built with the app (electron-vite) into out/main/cli.js.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(entry)) {
  process.stderr.write('hooksmith: the CLI is not built yet. Run `npm run build` in the Hooksmith folder first.\n');
  process.exit(2);
}
require(entry);
