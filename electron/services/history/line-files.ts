/**
 * Byte-level helpers for the history's JSON Lines files: scanning complete lines from an offset (so a torn
 * last line is found, not parsed), reading ranges in windows (so search streams instead of loading a
 * segment), and a write that loops until every byte is out.
 */
import { closeSync, fdatasyncSync, fstatSync, fsyncSync, openSync, readdirSync, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

const CHUNK = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/** Where the complete lines of a file end; bytes after `validEnd` are a torn line. */
export interface ScanResult {
  validEnd: number;
  size: number;
}

/**
 * Calls `onLine` for each complete (newline-terminated) line between `from` and `to` (default: the end),
 * reading in 4 MB chunks. A line longer than a chunk is gathered as a list of chunks and joined once, so
 * reading a 100 MB record is linear, not a re-copy per chunk. `file` is a path, or a descriptor already open
 * (left open): reading the very file one holds, not whatever has that name by now.
 *
 * Synchronous on purpose: it runs while the store opens, before anything else may touch the files.
 */
export function scanLines(file: string | number, from: number, onLine: (line: Buffer, offset: number) => void, to = Infinity): ScanResult {
  const fd = typeof file === 'number' ? file : openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const end = Math.min(size, to);
    let pos = from;
    // The bytes of the line not yet ended, as the chunks they arrived in.
    let carry: Buffer[] = [];
    let carryStart = from;
    while (pos < end) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, end - pos));
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n <= 0) break;
      const data = buf.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(NEWLINE); nl >= 0; nl = data.indexOf(NEWLINE, start)) {
        const piece = data.subarray(start, nl + 1);
        const line = carry.length ? Buffer.concat([...carry, piece]) : piece;
        onLine(line, carryStart);
        carryStart += line.length;
        carry = [];
        start = nl + 1;
      }
      if (start < n) carry.push(data.subarray(start));
      pos += n;
    }
    return { validEnd: carryStart, size: end };
  } finally {
    if (typeof file !== 'number') closeSync(fd);
  }
}

/** True when the file is empty or its last byte is a newline: an append may start a line there. */
export function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const b = Buffer.alloc(1);
  return readSync(fd, b, 0, 1, size - 1) === 1 && b[0] === NEWLINE;
}

/** The bytes of an open file from `from` to its end. */
export function readTail(fd: number, from: number): Buffer {
  const size = fstatSync(fd).size;
  const buf = Buffer.alloc(Math.max(0, size - from));
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, from + got);
    if (n <= 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** Reads `length` bytes at `offset`, synchronously; `null` when the file is shorter. */
export function readRangeSync(path: string, offset: number, length: number): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, offset + got);
      if (n <= 0) return null;
      got += n;
    }
    return buf;
  } finally {
    closeSync(fd);
  }
}

/**
 * The file layer the history writes through: every write and fsync of records and index lines goes through
 * these, so the torture tests can inject what disks do (a full disk half way through a write, an I/O error, a
 * power cut that keeps only what was fsynced) into the real store, and the race tests can run another process's
 * step at any of them or at a listing of the folder. Nothing else replaces them.
 */
export const fileLayer = {
  /** The names in a folder (segments and marks are found this way). */
  list: (dir: string): string[] => readdirSync(dir),
  write: (fd: number, data: Buffer, offset: number, length: number): number => writeSync(fd, data, offset, length),
  /** Flushes a file's data (and the size that reaches it) to the disk. */
  sync: (fd: number): void => fdatasyncSync(fd),
  /** Flushes a file's data and all its metadata (used at roll-over and close). */
  fullSync: (fd: number): void => fsyncSync(fd),
};

/** Writes a whole buffer at the end of an append-mode file (a regular-file write may be partial). */
export function writeAll(fd: number, data: Buffer): void {
  let done = 0;
  while (done < data.length) done += fileLayer.write(fd, data, done, data.length - done);
}

/**
 * Reads byte ranges of one file, in ascending offset order, through a sliding 4 MB window: sequential ranges
 * cost one read per window, and memory stays at one window however big the file is. `onWindow` sees each
 * window before its ranges (search looks for its term in the whole window at once).
 */
export async function readRanges(
  path: string,
  ranges: ReadonlyArray<{ offset: number; length: number }>,
  onRange: (index: number, bytes: Buffer) => void,
  onWindow?: (window: Buffer, start: number) => void,
): Promise<void> {
  const handle = await open(path, 'r');
  try {
    let window = Buffer.alloc(0);
    let windowStart = 0;
    for (let i = 0; i < ranges.length; i++) {
      const { offset, length } = ranges[i]!;
      if (offset < windowStart || offset + length > windowStart + window.length) {
        const size = Math.max(CHUNK, length);
        const buf = Buffer.allocUnsafe(size);
        const { bytesRead } = await handle.read(buf, 0, size, offset);
        window = buf.subarray(0, bytesRead);
        windowStart = offset;
        onWindow?.(window, windowStart);
        if (bytesRead < length) continue;
      }
      onRange(i, window.subarray(offset - windowStart, offset - windowStart + length));
    }
  } finally {
    await handle.close();
  }
}

/** Reads one range; `null` when the file is gone or shorter than expected. */
export async function readRange(path: string, offset: number, length: number): Promise<Buffer | null> {
  try {
    const handle = await open(path, 'r');
    try {
      const buf = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(buf, 0, length, offset);
      return bytesRead === length ? buf : null;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/**
 * Lower-cases the ASCII letters of `src[0..n)` into `dst` (other bytes copied as they are), four bytes at a time:
 * a byte gets 0x20 added when it is 'A'..'Z' (high bit clear, at least 'A', at most 'Z'). One pass, no string, no
 * garbage: a no-match search over 800 MB is this pass plus `Buffer.indexOf`.
 */
export function lowerAscii(src: Uint8Array, dst: Uint8Array, n: number): void {
  const words = src.byteOffset % 4 === 0 && dst.byteOffset % 4 === 0 ? n >>> 2 : 0;
  const s = words ? new Uint32Array(src.buffer, src.byteOffset, words) : new Uint32Array(0);
  const d = words ? new Uint32Array(dst.buffer, dst.byteOffset, words) : new Uint32Array(0);
  for (let i = 0; i < words; i++) {
    const w = s[i]!;
    const low7 = w & 0x7f7f7f7f;
    // High bit of each byte: (byte >= 'A') and not (byte > 'Z') and ASCII.
    const upper = (low7 + 0x3f3f3f3f) & ~(low7 + 0x25252525) & ~w & 0x80808080;
    d[i] = w | (upper >>> 2);
  }
  for (let i = words * 4; i < n; i++) {
    const b = src[i]!;
    dst[i] = b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
  }
}

/**
 * Calls `onHit` for each of `ranges` (one file, ascending offsets, lines) whose bytes contain `needle` (lower-case
 * ASCII) ignoring ASCII case, and every one of `alsoIn` as well. Reads as many whole ranges at a time as fit in 4 MB, lower-cases each window in one
 * pass and looks for the needle with `Buffer.indexOf`: a window without a hit costs no per-line work at all. The
 * next window is being read (off the thread) while this one is searched. Each read is awaited, so other work runs
 * between windows; `signal` stops the scan there. `bytes` is valid only during the call (windows are reused).
 */
export async function rangesContaining(
  path: string,
  ranges: ReadonlyArray<{ offset: number; length: number }>,
  needle: Buffer,
  onHit: (index: number, bytes: Buffer) => void,
  signal?: AbortSignal,
  alsoIn: readonly Buffer[] = [],
): Promise<void> {
  // The windows: each the ranges first..last, as many whole ranges as fit in CHUNK (at least one).
  const windows: { first: number; last: number; start: number; size: number }[] = [];
  for (let i = 0; i < ranges.length; ) {
    const start = ranges[i]!.offset;
    let last = i;
    while (last + 1 < ranges.length && ranges[last + 1]!.offset + ranges[last + 1]!.length - start <= CHUNK) last++;
    windows.push({ first: i, last, start, size: ranges[last]!.offset + ranges[last]!.length - start });
    i = last + 1;
  }
  if (!windows.length) return;
  const handle = await open(path, 'r');
  // Two read buffers (one being filled while the other is searched) and one for the lower-cased copy. Unpooled at
  // this size (so word-aligned for `lowerAscii`), and not zero-filled: every byte used is read first.
  const bufs: Buffer[] = [Buffer.alloc(0), Buffer.alloc(0)];
  let low = Buffer.alloc(0);
  const readWindow = (w: number) => {
    const { start, size } = windows[w]!;
    if (bufs[w % 2]!.length < size) bufs[w % 2] = Buffer.allocUnsafe(Math.max(CHUNK, size));
    return handle.read(bufs[w % 2]!, 0, size, start);
  };
  let pending: ReturnType<typeof readWindow> | null = readWindow(0);
  try {
    for (let w = 0; w < windows.length; w++) {
      const { bytesRead } = await pending!;
      pending = null;
      signal?.throwIfAborted();
      const { first, last, start, size } = windows[w]!;
      const raw = bufs[w % 2]!;
      if (bytesRead === size && w + 1 < windows.length) pending = readWindow(w + 1);
      if (low.length < bytesRead) low = Buffer.allocUnsafe(raw.length);
      lowerAscii(raw, low, bytesRead);
      const window = low.subarray(0, bytesRead);
      let k = first;
      for (let at = window.indexOf(needle); at >= 0 && k <= last; ) {
        const abs = start + at;
        while (k <= last && ranges[k]!.offset + ranges[k]!.length <= abs) k++;
        if (k > last) break;
        const { offset, length } = ranges[k]!;
        if (offset <= abs && abs + needle.length <= offset + length && offset + length <= start + bytesRead) {
          const line = window.subarray(offset - start, offset - start + length);
          if (alsoIn.every((piece) => line.includes(piece))) onHit(k, raw.subarray(offset - start, offset - start + length));
          // One hit per line is enough: go on after this line.
          at = window.indexOf(needle, offset + length - start);
          k++;
        } else at = window.indexOf(needle, at + 1);
      }
      if (bytesRead < size) return; // the file is shorter: the ranges past its end are gone
    }
  } finally {
    // A read still under way (the scan was cancelled or failed) must finish before its file is closed.
    await pending?.catch(() => undefined);
    await handle.close();
  }
}
