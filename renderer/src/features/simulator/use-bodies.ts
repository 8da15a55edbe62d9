/**
 * Bodies for the fired cells of a table, rendered by the backend in one call (the UI may not compile
 * Handlebars templates: that needs `new Function`, which the Content Security Policy forbids).
 */
import { useEffect, useState } from 'react';
import type { RenderedBody } from '../../../../shared/simulator';
import type { EscapeMode } from '../../../../shared/template/render';
import { api } from '../../lib/api';

/** One body to render, under a key the caller uses to find it again. */
export interface BodyRequest {
  key: string;
  template: string;
  event: unknown;
}

export function useBodies(requests: BodyRequest[], escape: EscapeMode): { bodies: Map<string, RenderedBody>; error?: string } {
  const [state, setState] = useState<{ bodies: Map<string, RenderedBody>; error?: string }>({ bodies: new Map() });
  useEffect(() => {
    let current = true;
    if (requests.length === 0) {
      setState({ bodies: new Map() });
      return;
    }
    void api.simulator.renderBodies({ items: requests.map(({ template, event }) => ({ template, event })), escape }).then((r) => {
      if (!current) return;
      if (r.ok) setState({ bodies: new Map(requests.map((q, i) => [q.key, r.value[i]!])) });
      else setState({ bodies: new Map(), error: r.error.message });
    });
    return () => {
      current = false;
    };
  }, [requests, escape]);
  return state;
}
