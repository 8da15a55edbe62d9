/**
 * Hash routes, so a reload (or the back button) keeps the page: `#/` the table, `#/webhooks/new`, `#/webhooks/<id>`.
 */
import { useEffect, useState } from 'react';

export type Route = { page: 'webhooks' } | { page: 'edit'; id?: string };

export function parseRoute(hash: string): Route {
  const m = /^#\/webhooks\/([^/]+)$/.exec(hash);
  if (!m) return { page: 'webhooks' };
  return m[1] === 'new' ? { page: 'edit' } : { page: 'edit', id: decodeURIComponent(m[1]!) };
}

export function routeHref(route: Route): string {
  return route.page === 'webhooks' ? '#/' : `#/webhooks/${route.id ? encodeURIComponent(route.id) : 'new'}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
