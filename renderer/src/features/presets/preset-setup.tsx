/** On a form opened from a preset: what to fill in and where to find it. */
import { findPreset } from '../../../../shared/presets';
import './presets.css';

export function PresetSetup({ id }: { id: string }) {
  const preset = findPreset(id);
  if (!preset || preset.id === 'custom') return null;
  return (
    <aside className="preset-setup" aria-label={`${preset.name} setup`}>
      <strong>{preset.name}:</strong> replace every <code>&lt;PLACEHOLDER&gt;</code> before saving.
      <ol>
        {preset.setup.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </aside>
  );
}
