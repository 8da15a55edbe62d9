/**
 * A support engineer searches a big history for one term, then types another before the first search is done:
 * the first search is cancelled in the backend (its answer is `cancelled`), so it stops reading the history while
 * the new one runs, and the page shows the new search's result, not an error.
 *
 * The history (~120 MB, see big-history.ts) is written before the server starts; the first term makes the backend
 * parse every record, so it runs far longer than typing the next one.
 */
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BIG_HISTORY_RECORDS as RECORDS, SLOW_SEARCH_TERM as SLOW_TERM, writeBigHistory } from '../support/big-history';
import { e2eSuite, gotoWithRetry } from './harness';

const e2e = e2eSuite({ errors: 'page', seed: async ({ home }) => writeBigHistory(home) });

/** The argument of a history.list call the page made. */
const argOf = (r: Request) => (JSON.parse(r.postData() ?? '{}') as { arg?: { text?: string; runId?: string } }).arg ?? {};
const searchFor = (text: string) => (r: Request) => r.url().endsWith('/api/history.list') && argOf(r).text === text;

describe('searching the history', () => {
  it('cancels a search the user has moved on from, and shows the new one', async () => {
    const { page } = e2e.session;
    await gotoWithRetry(page, `${e2e.app.url}#/history`);
    await page.getByText(`${RECORDS} invocations`).waitFor();
    const search = page.getByLabel('Search');

    const slowSent = page.waitForRequest(searchFor(SLOW_TERM));
    await search.fill(SLOW_TERM);
    const slow = await slowSent;
    expect(argOf(slow).runId).toEqual(expect.any(String));
    await page.getByRole('status').filter({ hasText: 'Searching…' }).waitFor();

    const nextSent = page.waitForRequest(searchFor('no-such-term'));
    await search.fill('no-such-term');
    const next = await nextSent;
    expect(argOf(next).runId).not.toBe(argOf(slow).runId);
    // The first search ended because it was cancelled, not because it had read everything.
    expect(await (await slow.response())!.json()).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await (await next.response())!.json()).toMatchObject({ ok: true, value: { total: 0 } });
    await page.getByText('No invocations match these filters.').waitFor();
    expect(await page.locator('.history-status .error').count()).toBe(0);
    expect(e2e.pageErrors).toEqual([]);
  });
});
