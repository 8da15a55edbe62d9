/** Layout only: header, notices, and the page for the current route. */
import { useEffect, useState } from 'react';
import { api } from '../lib/api';
import { WebhooksPage } from '../features/webhooks/webhooks-page';
import { WebhookEditPage } from '../features/webhooks/webhook-edit-page';
import { routeHref, useRoute } from './use-route';

export function App() {
  const route = useRoute();
  const [notices, setNotices] = useState<string[]>([]);
  useEffect(() => {
    void api.app.info().then((r) => setNotices(r.ok ? r.value.notices : [r.error.message]));
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <a className="brand" href={routeHref({ page: 'webhooks' })}>
          Hooksmith
        </a>
        <nav aria-label="Main">
          <a href={routeHref({ page: 'webhooks' })} aria-current={route.page === 'webhooks' ? 'page' : undefined}>
            Webhooks
          </a>
        </nav>
      </header>
      {notices.length > 0 && (
        <div className="notices" role="status">
          {notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
          <button type="button" className="link" onClick={() => setNotices([])}>
            Dismiss
          </button>
        </div>
      )}
      <main className="app-main">
        {route.page === 'webhooks' ? <WebhooksPage /> : <WebhookEditPage key={route.id ?? 'new'} id={route.id} />}
      </main>
    </div>
  );
}
