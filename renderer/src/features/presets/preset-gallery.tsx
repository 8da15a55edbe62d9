/** The preset gallery "Add Webhook" opens: one card per target; choosing one opens the form prefilled. */
import { PRESETS, FREE_TEXT_NOTE } from '../../../../shared/presets';
import { routeHref } from '../../app/use-route';
import './presets.css';

/** Two letters for the card's badge: first and last word's initials ("Slack incoming webhook" → "SW"). */
function initials(name: string): string {
  const words = name.split(/[\s.]+/).filter(Boolean);
  return (words.length > 1 ? words[0]![0]! + words[words.length - 1]![0]! : name.slice(0, 2)).toUpperCase();
}

export function PresetGallery() {
  return (
    <section aria-labelledby="presets-title">
      <div className="page-head">
        <h1 id="presets-title">Add Webhook: choose a target</h1>
        <a href={routeHref({ page: 'webhooks' })}>Back to webhooks</a>
      </div>
      <p className="muted">
        Each preset sets the method, URL pattern, authentication and a body the target accepts. Replace the <code>&lt;PLACEHOLDERS&gt;</code> in the form
        before saving; secrets are read from <code>${'{'}env:NAME{'}'}</code> variables.
      </p>
      <ul className="preset-grid" aria-label="Targets">
        {PRESETS.map((p) => (
          <li key={p.id}>
            <a className="preset-card" href={routeHref({ page: 'edit', preset: p.id })} data-preset={p.id}>
              <span className="preset-badge" aria-hidden="true">
                {p.id === 'custom' ? '+' : initials(p.name)}
              </span>
              <span className="preset-text">
                <span className="preset-name">{p.name}</span>
                <span className="preset-desc">{p.description}</span>
                <span className="preset-meta">
                  {p.webhook.method} · {p.webhook.triggers.length === 6 ? 'all request events' : p.webhook.triggers.join(', ')}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
      <p className="help">{FREE_TEXT_NOTE}</p>
    </section>
  );
}
