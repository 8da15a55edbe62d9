import { describe, expect, it } from 'vitest';
import { hostOf } from './host-of';

describe('hostOf', () => {
  it('keeps a non-default port and drops the default one, path and credentials', () => {
    expect(hostOf('https://hooks.slack.com/services/T0/B0/x')).toBe('hooks.slack.com');
    expect(hostOf('https://localhost:8443/hook?a=1')).toBe('localhost:8443');
    expect(hostOf('https://user:pw@example.com:443/x')).toBe('example.com');
  });

  it('shows a URL that does not parse as typed', () => {
    expect(hostOf('hooks.example.com/in')).toBe('hooks.example.com/in');
    expect(hostOf('')).toBe('');
  });
});
