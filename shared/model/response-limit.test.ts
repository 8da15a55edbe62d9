import { describe, expect, it } from 'vitest';
import { checkMaxResponseBytes, parseByteSize, splitByteSize } from './response-limit';

describe('response body limit', () => {
  it('reads sizes with binary units or plain bytes, and nothing else', () => {
    expect(parseByteSize('2MB')).toBe(2 * 1024 * 1024);
    expect(parseByteSize(' 512 kb ')).toBe(512 * 1024);
    expect(parseByteSize('1.5 MB')).toBe(1.5 * 1024 * 1024);
    expect(parseByteSize('4096')).toBe(4096);
    expect(parseByteSize('4096 bytes')).toBe(4096);
    for (const bad of ['', 'MB', '2 GB', '-1', '2,5MB', 'ten']) expect(parseByteSize(bad)).toBeNull();
  });

  it('accepts whole bytes from 1 KB to 100 MB and names the field and the fix otherwise', () => {
    expect(checkMaxResponseBytes(1024)).toEqual([]);
    expect(checkMaxResponseBytes(100 * 1024 * 1024)).toEqual([]);
    expect(checkMaxResponseBytes(1023)).toEqual([{ field: 'maxResponseBytes', message: expect.stringMatching(/from 1 KB to 100 MB .*1023 bytes is too small/) }]);
    expect(checkMaxResponseBytes(1000.5, 'x', '--max-response')).toEqual([{ field: 'x', message: expect.stringMatching(/^--max-response must be a whole number of bytes; 1000\.5 is not/) }]);
    expect(checkMaxResponseBytes('1 MB')[0]?.message).toMatch(/such as 1048576, 512 KB or 2 MB/);
  });

  it('shows a limit in the largest unit that is exact', () => {
    expect(splitByteSize(2 * 1024 * 1024)).toEqual({ amount: 2, unit: 'MB' });
    expect(splitByteSize(1536 * 1024)).toEqual({ amount: 1536, unit: 'KB' });
    expect(splitByteSize(1500)).toEqual({ amount: 1500, unit: 'bytes' });
  });
});
