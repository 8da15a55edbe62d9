/**
 * Byte-level helpers for the history's JSON Lines files: scanning complete lines from an offset (so a torn
 * last line is found, not parsed), reading ranges in windows (so search streams instead of loading a
 * segment), and a write that loops until every byte is out.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

const CHUNK = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/** Where the complete lines of a file end; bytes after `validEnd` are a torn line. */
export interface ScanResult {
  validEnd: number;
  size: number;
}

/**
 * Calls `onLine` for each complete (newline-terminated) line from `from`, reading in 4 MB chunks.
 *
 * Synchronous on purpose: it runs once while the store opens, before anything else may touch the files.
 */
export function scanLines(path: string, from: number, onLine: (line: Buffer, offset: number) => void): ScanResult {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let pos = from;
    let carry: Buffer = Buffer.alloc(0);
    let carryStart = from;
    const buf = Buffer.allocUnsafe(CHUNK);
    while (pos < size) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, size - pos), pos);
      if (n <= 0) break;
      const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(NEWLINE); nl >= 0; nl = data.indexOf(NEWLINE, start)) {
        onLine(data.subarray(start, nl + 1), carryStart + start);
        start = nl + 1;
      }
      carryStart += start;
      carry = Buffer.from(data.subarray(start));
      pos += n;
    }
    return { validEnd: carryStart, size };
  } finally {
    closeSync(fd);
  }
}

/** Writes a whole buffer at the end of an append-mode file (a regular-file write may be partial). */
export function writeAll(fd: number, data: Buffer): void {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done, data.length - done);
}

/**
 * Reads byte ranges of one file, in ascending offset order, through a sliding 4 MB window: sequential ranges
 * cost one read per window, and memory stays at one window however big the file is.
 */
export async function readRanges(path: string, ranges: ReadonlyArray<{ offset: number; length: number }>, onRange: (index: number, bytes: Buffer) => void): Promise<void> {
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
