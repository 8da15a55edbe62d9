/**
 * How much of a response body every test, replay and simulator send keeps. The limit is a number and a unit
 * (binary: 1 KB = 1,024 bytes); the backend checks it on save and its error shows under the field.
 */
import type { FieldIssue } from '../../../../shared/api/result';
import { SIZE_UNITS, type SizeUnit } from '../../../../shared/model/response-limit';
import { describe, Field } from '../../components/form-controls';
import type { SettingsDraft } from './use-settings-draft';

const UNITS = Object.keys(SIZE_UNITS) as SizeUnit[];

export function ResponsesSection({ draft, issues, update }: { draft: SettingsDraft; issues: FieldIssue[]; update: (p: Partial<SettingsDraft>) => void }) {
  return (
    <section className="settings-section" aria-labelledby="settings-responses">
      <h2 id="settings-responses">Responses</h2>
      <p className="muted">
        A response body above the limit is cut there: the invocation says it was cut and notes the full size, and the rest is counted but not kept. <code>hooksmith send --max-response</code> overrides
        it for one send.
      </p>
      <Field label="Response body limit" field="maxResponseBytes" issues={issues} help="From 1 KB to 100 MB (1 KB = 1,024 bytes, 1 MB = 1,048,576 bytes). The default is 1 MB.">
        <div className="settings-size">
          <input type="number" min={1} step="any" inputMode="decimal" {...describe(issues, 'maxResponseBytes')} value={draft.maxResponseAmount} onChange={(e) => update({ maxResponseAmount: e.target.value })} />
          <select aria-label="Response body limit unit" value={draft.maxResponseUnit} onChange={(e) => update({ maxResponseUnit: e.target.value as SizeUnit })}>
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </div>
      </Field>
    </section>
  );
}
