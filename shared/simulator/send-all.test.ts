import { describe, expect, it } from 'vitest';
import type { PlannedSend } from './send-plan';
import { sendAll } from './send-all';

const plan = ['0:0', '1:0', '2:0'].map((key, i): PlannedSend => ({ key, step: i, webhook: 0, trigger: 'RequestCreated', event: {} as PlannedSend['event'] }));

/** A backend stand-in whose sends wait until answered or cancelled, recording the order of calls. */
function backend() {
  const log: string[] = [];
  const pending = new Map<string, (r: string) => void>();
  let n = 0;
  return {
    log,
    answer: (runId: string, r: string) => pending.get(runId)?.(r),
    calls: {
      newRunId: () => `run-${++n}`,
      send: (p: PlannedSend, runId: string) => {
        log.push(`send ${p.key} as ${runId}`);
        return new Promise<string>((resolve) => pending.set(runId, resolve));
      },
      cancel: (runId: string) => {
        log.push(`cancel ${runId}`);
        pending.get(runId)?.('cancelled');
      },
      onSending: (p: PlannedSend) => log.push(`sending ${p.key}`),
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('sendAll', () => {
  it('sends every cell in order, each under its own run id, and a failed one does not stop the rest', async () => {
    const b = backend();
    const running = sendAll(plan, b.calls);
    for (const [runId, r] of [['run-1', 'ok'], ['run-2', 'refused'], ['run-3', 'ok']] as const) {
      await tick();
      b.answer(runId, r);
    }
    expect([...(await running)]).toEqual([['0:0', 'ok'], ['1:0', 'refused'], ['2:0', 'ok']]);
    expect(b.log.filter((l) => l.startsWith('send '))).toEqual(['send 0:0 as run-1', 'send 1:0 as run-2', 'send 2:0 as run-3']);
  });

  it('on stop, cancels the request in flight (it still comes back) and sends nothing more', async () => {
    const b = backend();
    const stop = new AbortController();
    const running = sendAll(plan, b.calls, stop.signal);
    await tick();
    b.answer('run-1', 'ok');
    await tick();
    stop.abort();
    expect([...(await running)]).toEqual([['0:0', 'ok'], ['1:0', 'cancelled']]);
    expect(b.log).toEqual(['sending 0:0', 'send 0:0 as run-1', 'sending 1:0', 'send 1:0 as run-2', 'cancel run-2']);
  });

  it('sends nothing when stopped before it starts', async () => {
    const b = backend();
    const stop = new AbortController();
    stop.abort();
    expect((await sendAll(plan, b.calls, stop.signal)).size).toBe(0);
    expect(b.log).toEqual([]);
  });
});
