/** The target's own hints for a failed delivery (from its preset), shown under the generic hint. */
import type { InvocationRecord } from '../../../../shared/delivery/invocation';
import { targetHintsFor } from '../../../../shared/delivery/target-hints';

export function TargetHintList({ record }: { record: InvocationRecord }) {
  const found = targetHintsFor(record);
  if (!found) return null;
  return (
    <div className="target-hints" aria-label={`${found.target} hints`}>
      <p className="small">
        <strong>{found.target}:</strong>
      </p>
      <ul>
        {found.hints.map((h) => (
          <li key={h}>{h}</li>
        ))}
      </ul>
    </div>
  );
}
