import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from './types';
import { parseRetention, retentionText } from './retention-limits';

describe('retention limits as typed', () => {
  it('reads whole numbers (with digit separators), blank as no limit, and the disk size in MB', () => {
    expect(parseRetention({ maxRecords: ' 200,000 ', maxAgeDays: '', maxTotalMb: '1_024' })).toEqual({
      ok: true,
      retention: { maxRecords: 200_000, maxAgeDays: null, maxTotalBytes: 1024 * 1024 * 1024 },
    });
  });

  it('names each box at fault and the fix, and gives no policy', () => {
    const r = parseRetention({ maxRecords: '0', maxAgeDays: '1.5', maxTotalMb: '12' });
    expect(r).toEqual({
      ok: false,
      issues: {
        maxRecords: 'Max invocations: "0" is not a whole number above 0; enter one, or leave it blank for no limit.',
        maxAgeDays: 'Max age (days): "1.5" is not a whole number above 0; enter one, or leave it blank for no limit.',
      },
    });
  });

  it('round-trips a saved policy through the boxes', () => {
    expect(retentionText(DEFAULT_RETENTION)).toEqual({ maxRecords: '200000', maxAgeDays: '30', maxTotalMb: '1024' });
    expect(parseRetention(retentionText(DEFAULT_RETENTION))).toEqual({ ok: true, retention: DEFAULT_RETENTION });
    expect(retentionText({ maxRecords: null, maxAgeDays: null, maxTotalBytes: null })).toEqual({ maxRecords: '', maxAgeDays: '', maxTotalMb: '' });
  });
});
