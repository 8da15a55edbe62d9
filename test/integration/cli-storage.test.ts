/**
 * The built CLI in a data folder it cannot write (issue 2 #4: the user is told, nothing is lost), with real
 * permissions: a read-only folder, a corrupt file it cannot move aside, a read-only history. Root ignores
 * permissions, so when the tests run as root the CLI runs as the unprivileged user `nobody` (uid 65534),
 * which is refused the same writes a user is.
 */
import { chmod, chown, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/built-cli';
import { cliIn } from '../support/cli-in';
import { receiverSuite } from '../support/receiver-suite';
import { webhookInput } from '../support/webhook-fixtures';

const AS_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
const suite = receiverSuite({ caFile: true });
const home = () => join(suite.dir.path, 'home');
const dataFile = () => join(home(), 'hooksmith.json');

/** The built CLI as the user the folder belongs to (`nobody` when the tests run as root). */
const cli = (args: string[]) => runCli(['--home', home(), ...args], { cwd: suite.dir.path, user: AS_USER });

/** Gives the whole test folder to that user, so only the modes set afterwards decide what it may write. */
async function handOver(path = suite.dir.path): Promise<void> {
  if (!AS_USER) return;
  await chown(path, AS_USER.uid, AS_USER.gid);
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) await handOver(full);
    else await chown(full, AS_USER.uid, AS_USER.gid);
  }
}

/** Makes `folder` and the files in it read-only for the test, then restores them (so the folder can be cleaned up). */
async function readOnly<T>(folder: string, run: () => Promise<T>): Promise<T> {
  const files = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(folder, e.name));
  for (const f of files) await chmod(f, 0o444);
  await chmod(folder, 0o555);
  try {
    return await run();
  } finally {
    await chmod(folder, 0o755);
    for (const f of files) await chmod(f, 0o644);
  }
}

async function importOne(name: string): Promise<string> {
  const file = join(suite.dir.path, `${name}.json`);
  await writeFile(file, JSON.stringify({ schemaVersion: 1, ...webhookInput({ name, url: suite.rx.url(`/${name}`), triggers: ['RequestCreated'] }) }));
  return file;
}

describe('the CLI in a data folder it cannot write', () => {
  it('refuses an import with the folder, the reason and the fix — not a temp file name — and changes nothing', async () => {
    expect((await cliIn(suite.dir.path, ['webhooks', 'import', await importOne('First')])).code).toBe(0);
    const second = await importOne('Second');
    await handOver();
    const before = await readFile(dataFile(), 'utf8');
    const r = await readOnly(home(), () => cli(['webhooks', 'import', second]));
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `Could not save your webhooks and settings: ${home()} cannot be written (EACCES: permission denied). Nothing was changed. Fix: make ${home()} writable for your user (check its permissions, and that the disk is not read-only or full), or use another data folder (--home DIR or HOOKSMITH_HOME in browser mode and the CLI).\n`,
    );
    expect(r.err).not.toContain('.tmp');
    expect(await readFile(dataFile(), 'utf8')).toBe(before);
  });

  it('says a corrupt file is corrupt and could not be moved aside (and why), leaves it untouched, and refuses writes', async () => {
    await cliIn(suite.dir.path, ['webhooks', 'list']); // creates the folder
    await writeFile(dataFile(), '{ "schemaVersion": 5, "webhooks": [ oops');
    const file = await importOne('Third');
    await handOver();
    const [list, write] = await readOnly(home(), async () => [await cli(['webhooks', 'list']), await cli(['webhooks', 'import', file])]);
    const notice = `${dataFile()} is corrupt (it is not valid JSON: `;
    expect(list.code).toBe(0);
    expect(list.err).toContain(`Notice: ${notice}`);
    expect(list.err).toContain('and it could not be moved aside to a backup (EACCES: permission denied). It was left untouched; until it is fixed Hooksmith shows no webhooks and saves nothing.');
    expect(list.out).toMatch(/^No webhooks yet/);
    expect(write.code).toBe(1);
    expect(write.err).toContain(notice);
    expect(await readFile(dataFile(), 'utf8')).toBe('{ "schemaVersion": 5, "webhooks": [ oops');
    expect((await readdir(home())).filter((n) => n.includes('corrupt'))).toEqual([]);
  });

  it('with a read-only history: commands that do not write it work, and a send goes out, saying it could not be kept', async () => {
    const ep = await suite.rx.server.forPost('/Fourth').thenReply(200, '{}');
    expect((await cliIn(suite.dir.path, ['webhooks', 'import', await importOne('Fourth')])).code).toBe(0);
    await handOver();
    const [list, history, send] = await readOnly(join(home(), 'history'), async () => [await cli(['webhooks', 'list']), await cli(['history']), await cli(['send', 'Fourth', '--ca', 'ca.pem'])]);
    expect(list).toMatchObject({ code: 0, err: '' });
    expect(list.out).toMatch(/active\s+Fourth\s+POST/);
    expect(history).toMatchObject({ code: 0, err: '', out: 'No invocations match.\n' });
    expect(send.code).toBe(0);
    expect(send.out).toMatch(/^Test successful: Fourth/);
    expect(send.out).toContain(`Warning: Could not save this invocation in the history: ${join(home(), 'history')} cannot be written (EACCES: permission denied). Nothing was changed.`);
    expect(await ep.getSeenRequests()).toHaveLength(1);
  });
});
