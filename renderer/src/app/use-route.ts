/**
 * Hash routes, so a reload (or the back button) keeps the page: `#/` the table, `#/presets` the gallery,
 * `#/webhooks/new[?preset=ID]`, `#/webhooks/<id>`, `#/webhooks/<id>/truth-table`, `#/simulator`,
 * `#/history[?webhook=ID][&settings=retention]` (the second opens the retention dialog), `#/settings`,
 * `#/capture`.
 */
import { useMemo, useSyncExternalStore } from 'react';

export type Route =
  | { page: 'webhooks' }
  | { page: 'presets' }
  | { page: 'edit'; id?: string; preset?: string }
  | { page: 'truth-table'; id: string }
  | { page: 'simulator' }
  | { page: 'history'; webhookId?: string; retentionSettings?: boolean }
  | { page: 'settings' }
  | { page: 'capture' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.split('?');
  if (path === '#/presets') return { page: 'presets' };
  if (path === '#/simulator') return { page: 'simulator' };
  if (path === '#/settings') return { page: 'settings' };
  if (path === '#/capture') return { page: 'capture' };
  if (path === '#/history') {
    const params = new URLSearchParams(query);
    const webhookId = params.get('webhook');
    return {
      page: 'history',
      ...(webhookId ? { webhookId } : {}),
      ...(params.get('settings') === 'retention' ? { retentionSettings: true } : {}),
    };
  }
  const truth = /^#\/webhooks\/([^/]+)\/truth-table$/.exec(path);
  if (truth) return { page: 'truth-table', id: decodeURIComponent(truth[1]!) };
  const m = /^#\/webhooks\/([^/]+)$/.exec(path);
  if (!m) return { page: 'webhooks' };
  if (m[1] !== 'new') return { page: 'edit', id: decodeURIComponent(m[1]!) };
  const preset = new URLSearchParams(query).get('preset');
  return preset ? { page: 'edit', preset } : { page: 'edit' };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'webhooks':
      return '#/';
    case 'presets':
      return '#/presets';
    case 'simulator':
      return '#/simulator';
    case 'settings':
      return '#/settings';
    case 'capture':
      return '#/capture';
    case 'history': {
      const params = new URLSearchParams();
      if (route.webhookId) params.set('webhook', route.webhookId);
      if (route.retentionSettings) params.set('settings', 'retention');
      const query = params.toString();
      return query ? `#/history?${query}` : '#/history';
    }
    case 'truth-table':
      return `#/webhooks/${encodeURIComponent(route.id)}/truth-table`;
    case 'edit':
      if (route.id) return `#/webhooks/${encodeURIComponent(route.id)}`;
      return route.preset ? `#/webhooks/new?preset=${encodeURIComponent(route.preset)}` : '#/webhooks/new';
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/**
 * The route in the address bar. Through `useSyncExternalStore`, which reads the hash again once it has
 * subscribed: a click in the moment between the first paint and the subscription (a fast user, a test) changed
 * the hash with no listener yet, and the page stayed where it was (seen once on a loaded CI machine).
 */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeToHash, currentHash);
  return useMemo(() => parseRoute(hash), [hash]);
}
