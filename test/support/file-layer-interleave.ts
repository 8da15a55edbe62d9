/**
 * Pins down how two stores on one folder interleave (the history's race tests): one operation runs with another
 * run once from inside the file layer (`fileLayer` in electron/services/history/line-files.ts), at one chosen
 * write, fsync or folder listing of it. Looping the chosen point over every call covers every place the other process can land.
 */
import { afterEach, beforeEach } from 'vitest';
import { fileLayer } from '../../electron/services/history/line-files';
import { tempDir } from './temp-dir';

const real = { ...fileLayer };

/**
 * Runs `outer` with `inner` run once at file-layer call number `point` of it (every write, fsync and folder
 * listing it makes, retries included), before that call or after it. Returns false once `point` is past `outer`'s last call.
 */
export function interleave(outer: () => void, inner: () => void, point: number, after: boolean): boolean {
  let calls = 0;
  let ran = false;
  const at =
    <A extends unknown[], R>(call: (...args: A) => R) =>
    (...args: A): R => {
      const mine = !ran && calls++ === point;
      if (mine) ran = true;
      if (mine && !after) inner();
      const result = call(...args);
      if (mine && after) inner();
      return result;
    };
  fileLayer.write = at(real.write);
  fileLayer.sync = at(real.sync);
  fileLayer.fullSync = at(real.fullSync);
  fileLayer.list = at(real.list);
  try {
    outer();
  } finally {
    Object.assign(fileLayer, real);
  }
  return ran;
}

/**
 * A fresh temp folder for each test of a file that injects faults or interleavings through `fileLayer`, with the
 * real file layer put back after each test (a failed test must not leave its injected calls to the next one).
 */
export function fileLayerFolder(prefix: string): { readonly path: string } {
  let dir: { path: string; cleanup: () => Promise<void> } | undefined;
  beforeEach(async () => (dir = await tempDir(prefix)));
  afterEach(async () => {
    Object.assign(fileLayer, real);
    await dir?.cleanup();
  });
  return {
    get path() {
      if (!dir) throw new Error('fileLayerFolder: the folder exists only inside a test.');
      return dir.path;
    },
  };
}
