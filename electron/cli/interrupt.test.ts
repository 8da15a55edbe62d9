import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/support/memory-io';
import { cancellable, interruptsFrom } from './interrupt';

describe('Ctrl+C', () => {
  it('first goes to the handler, a second quits with 130, and after unsubscribing neither is caught', () => {
    const signals = new EventEmitter();
    const exits: number[] = [];
    let handled = 0;
    const stop = interruptsFrom(signals, (code) => exits.push(code))(() => handled++);
    signals.emit('SIGINT');
    expect([handled, exits]).toEqual([1, []]);
    signals.emit('SIGINT');
    expect([handled, exits]).toEqual([1, [130]]);
    stop();
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('aborts the work it wraps, says so, and reports that it was cancelled', async () => {
    const io = captureIo('.');
    const run = cancellable(io, (signal) => new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('stopped'))));
    io.interrupt();
    expect(await run).toEqual({ value: 'stopped', cancelled: true });
    expect(io.err).toBe('Cancelling… (press Ctrl+C again to quit at once)\n');
    expect(await cancellable(io, async () => 'done')).toEqual({ value: 'done', cancelled: false });
  });
});
