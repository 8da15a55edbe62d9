/** What the backend says about itself: version, mode, the data folder (copyable), secret storage, notices. */
import type { AppInfo } from '../../../../shared/api/contract';
import { CopyButton } from '../test-panel/copy';

const MODE_LABELS: Record<AppInfo['mode'], string> = { electron: 'Desktop app', web: 'Browser mode' };

export function AboutSection({ info }: { info: AppInfo | undefined }) {
  return (
    <section className="settings-section" aria-labelledby="settings-about">
      <h2 id="settings-about">About</h2>
      {!info ? (
        <p className="muted">Loading…</p>
      ) : (
        <dl className="settings-about">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Mode</dt>
          <dd>{MODE_LABELS[info.mode]}</dd>
          <dt>Data folder</dt>
          <dd className="settings-data-dir">
            <code data-testid="data-dir">{info.dataDir}</code>
            <CopyButton text={info.dataDir} what="data folder path" />
          </dd>
          <dt>Secrets</dt>
          <dd>{info.secretStorage}</dd>
          <dt>Notices</dt>
          <dd>
            {info.notices.length === 0 ? (
              <span className="muted">None.</span>
            ) : (
              <ul className="settings-notices">
                {info.notices.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      )}
    </section>
  );
}
