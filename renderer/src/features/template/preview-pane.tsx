/**
 * The live preview: the body rendered against the chosen sample, a validity badge, where it breaks (linked
 * to the template line that produced it) and the two settings that change the output.
 */
import type { Settings } from '../../../../shared/model/store-schema';
import type { RenderResult } from '../../../../shared/template/render';
import { JsonEditor } from '../../editor/lazy-editors';
import { LineLink } from './line-link';
import { SampleEditor } from './sample-editor';
import type { SamplesModel } from './use-samples';

function badgeOf(result: RenderResult | undefined): { text: string; tone: 'ok' | 'bad' | 'pending' } {
  if (!result) return { text: 'Rendering…', tone: 'pending' };
  if (!result.ok) return { text: 'Template error', tone: 'bad' };
  return result.json.valid ? { text: 'Valid JSON', tone: 'ok' } : { text: 'Invalid JSON', tone: 'bad' };
}

export function PreviewPane(props: {
  result: RenderResult | undefined;
  samples: SamplesModel;
  settings: Settings;
  settingsError: string | undefined;
  onSettings(patch: Partial<Settings>): void;
  onGo(line: number, column: number): void;
}) {
  const { result, samples, settings } = props;
  const badge = badgeOf(result);
  const body = result?.ok ? result.body : '';
  const jsonError = result?.ok && !result.json.valid ? result.json : undefined;

  return (
    <section className="tw-preview" aria-labelledby="tw-preview-title">
      <div className="tw-head">
        <h3 id="tw-preview-title">Preview</h3>
        <span className={`badge badge-${badge.tone}`} role="status" aria-label={`Preview: ${badge.text}`}>
          {badge.text}
        </span>
      </div>
      <div className="tw-controls">
        <div className="tw-control">
          <label htmlFor="tw-sample">Sample</label>
          <select id="tw-sample" value={samples.selected.id} onChange={(e) => samples.select(e.target.value)}>
            <optgroup label="Triggers">
              {samples.triggers.map((s) => (
                <option key={s.id} value={s.id}>{s.label}</option>
              ))}
            </optgroup>
            <optgroup label="Edge cases">
              {samples.edgeCases.map((s) => (
                <option key={s.id} value={s.id}>{s.label}</option>
              ))}
            </optgroup>
            {samples.saved.length > 0 && (
              <optgroup label="Saved samples">
                {samples.saved.map((s) => (
                  <option key={s.id} value={s.id}>{s.label}</option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <div className="tw-control">
          <label htmlFor="tw-escape">Escaping</label>
          <select id="tw-escape" value={settings.escapeMode} onChange={(e) => props.onSettings({ escapeMode: e.target.value as Settings['escapeMode'] })}>
            <option value="html">HTML (stock Handlebars)</option>
            <option value="none">None</option>
          </select>
        </div>
        <div className="tw-control">
          <label htmlFor="tw-event-type">event_type spelling</label>
          <select id="tw-event-type" value={settings.eventTypeStyle} onChange={(e) => props.onSettings({ eventTypeStyle: e.target.value as Settings['eventTypeStyle'] })}>
            <option value="AccessRequestCreated">AccessRequestCreated</option>
            <option value="RequestCreated">RequestCreated</option>
          </select>
        </div>
      </div>
      {props.settingsError && <p className="error" role="alert">{props.settingsError}</p>}

      <div className="tw-frame" data-testid="preview-body">
        <JsonEditor
          path="preview.json"
          value={body}
          readOnly
          ariaLabel="Rendered body (read-only)"
          height={340}
          error={jsonError ? { line: jsonError.line, column: jsonError.column, message: jsonError.message } : undefined}
        />
      </div>

      <div className="tw-errors" aria-live="polite">
        {result && !result.ok && 'syntaxError' in result && (
          <p className="error">
            Template error: {result.syntaxError.message} — <LineLink line={result.syntaxError.line} column={result.syntaxError.column} onGo={props.onGo} />
          </p>
        )}
        {result && !result.ok && 'runtimeError' in result && (
          <p className="error">
            Rendering failed: {result.runtimeError.message}
            {result.runtimeError.line !== undefined && (
              <>
                {' — '}
                <LineLink line={result.runtimeError.line} column={result.runtimeError.column} onGo={props.onGo} />
              </>
            )}
          </p>
        )}
        {jsonError && (
          <p className="error">
            Body line {jsonError.line}, column {jsonError.column}: {jsonError.message}
            {jsonError.templateLocation && (
              <>
                {' — produced by '}
                <LineLink line={jsonError.templateLocation.line} column={jsonError.templateLocation.column} onGo={props.onGo} />
              </>
            )}
          </p>
        )}
      </div>
      <SampleEditor samples={samples} />
    </section>
  );
}
