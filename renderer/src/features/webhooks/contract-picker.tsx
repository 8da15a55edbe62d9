/**
 * "Target rules": the contract a webhook's requests are checked against (see shared/contracts). A webhook made
 * from a preset starts with its target's contract and keeps it through edits; a custom webhook may pick one.
 */
import type { FieldIssue } from '../../../../shared/api/result';
import { contractLabel, findContract, TARGET_CONTRACTS } from '../../../../shared/contracts';
import { describe, Field } from '../../components/form-controls';

export function ContractPicker({ value, issues, onChange }: { value: string | undefined; issues: FieldIssue[]; onChange(id: string | undefined): void }) {
  const known = value === undefined ? undefined : findContract(value);
  const help = known ? (
    <>
      Checked in &quot;Does the JSON hold?&quot;, by <code>hooksmith lint</code> and on each test, against{' '}
      <a href={known.docUrl} target="_blank" rel="noreferrer">
        {known.target}&apos;s documentation
      </a>
      .
    </>
  ) : (
    'Optional: pick the target to check every sample\'s request against what it documents it accepts.'
  );
  return (
    <Field label="Target rules" field="contract" issues={issues} help={help}>
      <select {...describe(issues, 'contract')} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
        <option value="">None</option>
        {TARGET_CONTRACTS.map((c) => (
          <option key={c.id} value={c.id}>
            {contractLabel(c)}
          </option>
        ))}
        {value !== undefined && !known && <option value={value}>{value} (unknown)</option>}
      </select>
    </Field>
  );
}
