/**
 * The Settings page (`#/settings`): every app-wide setting in one place — rendering, network, responses — plus what the
 * app knows about itself. Saved with the button or Ctrl+S; history retention lives on the History page.
 */
import { SaveControls, useSaveShortcut } from '../../components/save-status';
import { useEffect } from 'react';
import { routeHref } from '../../app/use-route';
import { AboutSection } from './about-section';
import { NetworkSection } from './network-section';
import { RenderingSection } from './rendering-section';
import { ResponsesSection } from './responses-section';
import { useSettingsDraft } from './use-settings-draft';
import './settings.css';

export function SettingsPage() {
  const { draft, info, loadError, issues, save, dirty, update, submit } = useSettingsDraft();

  useSaveShortcut(submit);

  // After a refused save, take the keyboard to the first field at fault (its message is read with it).
  useEffect(() => {
    if (save.kind === 'failed') document.querySelector<HTMLElement>('.settings-form [aria-invalid="true"]')?.focus();
  }, [save]);

  if (loadError) return <p className="error" role="alert">{loadError}</p>;
  if (!draft) return <p className="muted">Loading…</p>;

  return (
    <div className="settings-page">
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <form
        className="settings-form"
        noValidate
        aria-label="App settings"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <RenderingSection draft={draft} issues={issues} update={update} />
        <NetworkSection draft={draft} issues={issues} update={update} />
        <ResponsesSection draft={draft} issues={issues} update={update} />
        <div className="form-actions">
          <SaveControls label="Save Settings" save={save} dirty={dirty} />
        </div>
      </form>
      <section className="settings-section" aria-labelledby="settings-history">
        <h2 id="settings-history">History</h2>
        <p>
          How many invocations are kept, for how long, and which webhooks keep no bodies are set on the History page:{' '}
          <a href={routeHref({ page: 'history', retentionSettings: true })}>open history retention settings</a>.
        </p>
      </section>
      <AboutSection info={info} />
    </div>
  );
}
