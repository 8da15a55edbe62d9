import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, devRendererUrl, isAppUrlFor } from './renderer-origin';

describe('which URL the desktop app loads and trusts', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };

  it('a packaged app ignores ELECTRON_RENDERER_URL; an unpackaged one uses it', () => {
    expect(devRendererUrl(env, true)).toBeUndefined();
    expect(devRendererUrl(env, false)).toBe('http://localhost:5173');
    expect(devRendererUrl({}, false)).toBeUndefined();
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'file:///tmp/evil.html' }, false)).toBeUndefined();
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'not a url' }, false)).toBeUndefined();
  });

  it('trusts only the app:// origin when packaged, whatever the environment says', () => {
    const dev = devRendererUrl({ ELECTRON_RENDERER_URL: 'https://evil.example' }, true);
    expect(isAppUrlFor('https://evil.example/index.html', dev)).toBe(false);
    expect(isAppUrlFor(`${APP_ORIGIN}/index.html`, dev)).toBe(true);
    expect(isAppUrlFor('app://other/index.html', dev)).toBe(false);
  });

  it('compares whole origins for the dev server', () => {
    const dev = devRendererUrl(env, false);
    expect(isAppUrlFor('http://localhost:5173/#/history', dev)).toBe(true);
    expect(isAppUrlFor('http://localhost:51730/', dev)).toBe(false);
    expect(isAppUrlFor('garbage', dev)).toBe(false);
  });
});
