/**
 * The installable CLI: `npm pack` (which builds on `prepack`) makes a package that installs into an empty folder
 * and runs `npx hooksmith …` with Node alone: no Electron, and only the CLI's own runtime dependencies.
 *
 * The pack runs in a copy of the sources (node_modules linked), so its build never rewrites the out/ folder
 * other tests are using.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const SOURCES = ['package.json', 'package-lock.json', 'README.md', 'bin', 'electron', 'shared', 'renderer', 'resources', 'electron.vite.config.ts', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json'];

let dir: Awaited<ReturnType<typeof tempDir>>;
let files: string[] = [];
let tarball = '';
let app = '';
const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

beforeAll(async () => {
  dir = await tempDir('hooksmith-pack-');
  const src = join(dir.path, 'src');
  for (const entry of SOURCES) await cp(join(ROOT, entry), join(src, entry), { recursive: true }).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  await symlink(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
  const packed = await run('npm', ['pack', '--json', '--pack-destination', dir.path], { cwd: src, maxBuffer: 64 * 1024 * 1024 });
  // The prepack build prints to stdout too (a warning may hold a `[`), so the JSON is the array opening on a line of its own.
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.search(/^\[\s*$/m))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(dir.path, info!.filename);
  files = info!.files.map((f) => f.path);
  app = join(dir.path, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), '{ "name": "ci-tools", "private": true }\n');
  // From the local npm cache when it holds the dependencies; the registry otherwise.
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app });
}, 300_000);
afterAll(() => dir?.cleanup());

const npx = (args: string[]) =>
  run('npx', ['--no-install', 'hooksmith', ...args], { cwd: app, env: { PATH: process.env.PATH, HOME: dir.path } }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );

describe('npm pack', () => {
  it('holds the built CLI and nothing of the desktop app or browser mode (its backend worker included)', () => {
    expect(files).toContain('bin/hooksmith.js');
    expect(files).toContain('out/main/cli.js');
    expect(files.filter((f) => /^out\/main\/(index|web|backend-worker)\.js$|^out\/(renderer|preload)\/|^(electron|renderer|shared|test)\//.test(f))).toEqual([]);
  });

  it('installs into an empty folder with only the CLI runtime dependencies, no Electron', async () => {
    const installed = await readdir(join(app, 'node_modules'));
    expect(installed).toContain('hooksmith');
    expect(installed).not.toContain('electron');
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['axios', 'handlebars', 'jsonpath-plus', 'selfsigned']);
    for (const dep of Object.keys(pkg.dependencies)) expect(installed).toContain(dep);
  });

  it('runs npx hooksmith --version and a lint with Node alone', async () => {
    expect(await npx(['--version'])).toMatchObject({ code: 0, out: `${pkg.version}\n` });
    await writeFile(join(app, 'ok.hbs'), '{"t": "{{event_type}}"}');
    await writeFile(join(app, 'comma.hbs'), '{"t": "{{event_type}}",}');
    expect(await npx(['--home', join(app, 'data'), 'lint', 'ok.hbs'])).toMatchObject({ code: 0, out: '' });
    const bad = await npx(['--home', join(app, 'data'), 'lint', 'comma.hbs', '--format', 'github']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^::error file=comma\.hbs,line=1,col=\d+::/m);
  });
});
