/**
 * `hooksmith.json` with several real processes on it (the app and CLI commands at once), and processes killed
 * mid-write: every change a process acknowledged is in the file afterwards, the file always parses, and a lock
 * a killed process left is taken over. Before the write lock and per-process temp files, eleven concurrent
 * `webhooks import`s lost two acknowledged webhooks and failed three with "rename … ENOENT".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DataFile, DATA_FILE_NAME } from '../../electron/services/storage/data-file';
import { tempDir } from '../support/temp-dir';

let dir: { path: string; cleanup: () => Promise<void> };
let script: string;
let scriptDir: { path: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  scriptDir = await tempDir();
  script = join(scriptDir.path, 'child.mjs');
  const { build } = await import('rolldown');
  await build({ input: join(__dirname, '../support/data-file-child.ts'), platform: 'node', output: { file: script, format: 'esm' }, write: true, logLevel: 'silent' });
  return () => scriptDir.cleanup();
});
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.cleanup());

interface Child {
  proc: ChildProcess;
  acked: string[];
  exited: Promise<{ code: number | null; err: string }>;
}

function child(prefix: string, count: number): Child {
  const proc = spawn(process.execPath, [script, dir.path, prefix, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acked: string[] = [];
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = out.split('\n');
    out = lines.pop()!;
    acked.push(...lines);
  });
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; err: string }>((resolve) => proc.on('close', (code) => resolve({ code, err })));
  return { proc, acked, exited };
}

async function savedNames(): Promise<Set<string>> {
  const doc = JSON.parse(await readFile(join(dir.path, DATA_FILE_NAME), 'utf8')) as { webhooks: { name: string }[] };
  return new Set(doc.webhooks.map((w) => w.name));
}

describe('hooksmith.json shared by processes', () => {
  it('keeps every webhook that concurrent processes acknowledged, and leaves no temp or lock file', async () => {
    await DataFile.open(dir.path); // the folder and an empty file, as the app's first start leaves them
    const children = Array.from({ length: 6 }, (_, i) => child(`p${i}`, 8));
    const exits = await Promise.all(children.map((c) => c.exited));
    expect(exits.map((e) => e.err).join('')).toBe('');
    expect(exits.map((e) => e.code)).toEqual(children.map(() => 0));
    const names = await savedNames();
    const acked = children.flatMap((c) => c.acked);
    expect(acked).toHaveLength(48);
    expect(acked.filter((n) => !names.has(n))).toEqual([]);
    expect((await readdir(dir.path)).filter((f) => f !== 'history' && f !== DATA_FILE_NAME)).toEqual([]);
    if (process.platform !== 'win32') expect((await stat(join(dir.path, DATA_FILE_NAME))).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('after processes are SIGKILLed mid-change, the file parses, keeps every acknowledged webhook, and the next change takes over their lock', async () => {
    await DataFile.open(dir.path);
    const acked: string[] = [];
    let kills = 0;
    for (let round = 0; round < 8; round++) {
      const pair = [child(`r${round}a`, 1000), child(`r${round}b`, 1000)];
      // Kill each once it has saved a few: the kill lands in a change (read, write, fsync, rename) most of the time.
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (pair.every((c) => c.acked.length >= 2 + (round % 3))) {
            clearInterval(check);
            resolve();
          }
        }, 2);
      });
      for (const c of pair) c.proc.kill('SIGKILL');
      await Promise.all(pair.map((c) => c.exited));
      kills += 2;
      acked.push(...pair.flatMap((c) => c.acked));
      const reopened = await DataFile.open(dir.path);
      expect(reopened.notices).toEqual([]);
      const names = await savedNames();
      expect(acked.filter((n) => !names.has(n))).toEqual([]);
      // A lock left by a killed writer is stale: this change must not wait it out (it would fail after 15 s).
      await reopened.update((doc) => void (doc.settings.escapeMode = round % 2 ? 'html' : 'none'));
    }
    process.stdout.write(`data-file kills: ${kills} processes, ${acked.length} acknowledged webhooks kept\n`);
    expect((await readdir(dir.path)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
