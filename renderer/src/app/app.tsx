/** Layout only: header, notices, and the page for the current route. */
import { useEffect, useState } from 'react';
import { api } from '../lib/api';
import { WebhooksPage } from '../features/webhooks/webhooks-page';
import { WebhookEditPage } from '../features/webhooks/webhook-edit-page';
import { PresetGallery } from '../features/presets/preset-gallery';
import { SimulatorPage } from '../features/simulator/simulator-page';
import { TruthTablePage } from '../features/simulator/truth-table-page';
import { HistoryPage } from '../features/history/history-page';
import { SettingsPage } from '../features/settings/settings-page';
import { CapturePage } from '../features/capture/capture-page';
import { routeHref, useRoute } from './use-route';

const DISMISSED_KEY = 'hooksmith.dismissedNotices';

/** Notices the user dismissed: the same text is not shown again (a new backup path or problem still is). */
function dismissedNotices(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

function dismissNotices(notices: string[]): void {
  const all = [...dismissedNotices(), ...notices].slice(-50);
  localStorage.setItem(DISMISSED_KEY, JSON.stringify(all));
}

export function App() {
  const route = useRoute();
  const [notices, setNotices] = useState<string[]>([]);
  useEffect(() => {
    void api.app.info().then((r) => setNotices(r.ok ? r.value.notices.filter((n) => !dismissedNotices().has(n)) : [r.error.message]));
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
          <a href={routeHref({ page: 'simulator' })} aria-current={route.page === 'simulator' ? 'page' : undefined}>
            Simulator
          </a>
          <a href={routeHref({ page: 'history' })} aria-current={route.page === 'history' ? 'page' : undefined}>
            History
          </a>
          <a href={routeHref({ page: 'capture' })} aria-current={route.page === 'capture' ? 'page' : undefined}>
            Capture
          </a>
          <a href={routeHref({ page: 'settings' })} aria-current={route.page === 'settings' ? 'page' : undefined}>
            Settings
          </a>
        </nav>
      </header>
      {notices.length > 0 && (
        <div className="notices" role="status">
          {notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
          <button
            type="button"
            className="link"
            onClick={() => {
              dismissNotices(notices);
              setNotices([]);
            }}
          >
            Dismiss
          </button>
        </div>
      )}
      <main className="app-main">
        {route.page === 'webhooks' && <WebhooksPage />}
        {route.page === 'presets' && <PresetGallery />}
        {route.page === 'simulator' && <SimulatorPage />}
        {route.page === 'history' && <HistoryPage webhookId={route.webhookId} openSettings={route.retentionSettings} />}
        {route.page === 'settings' && <SettingsPage />}
        {route.page === 'capture' && <CapturePage />}
        {route.page === 'truth-table' && <TruthTablePage key={route.id} id={route.id} />}
        {route.page === 'edit' && <WebhookEditPage key={route.id ?? `new-${route.preset ?? ''}`} id={route.id} preset={route.preset} />}
      </main>
    </div>
  );
}
