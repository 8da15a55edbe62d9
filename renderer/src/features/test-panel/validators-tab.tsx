/** The Validators tab: each response validator's path, the value found, what was expected, and the verdict. */
import type { InvocationRecord } from '../../../../shared/delivery/invocation';

export function ValidatorsTab({ record }: { record: InvocationRecord }) {
  if (record.validators.length === 0) {
    return <p className="muted">{record.webhook.responseValidators.length ? 'The validators did not run: no response to check.' : 'This webhook has no response validators.'}</p>;
  }
  return (
    <table className="kv-table validators-table">
      <caption className="visually-hidden">Response validators</caption>
      <thead>
        <tr>
          <th scope="col">Path</th>
          <th scope="col">Found</th>
          <th scope="col">Expected</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {record.validators.map((v, i) => (
          <tr key={i}>
            <td>
              <code>{v.jsonPath}</code>
            </td>
            <td>{v.found.length ? v.found.join(', ') : <span className="muted">nothing</span>}</td>
            <td>{v.expectedValues.join(' or ')}</td>
            <td className={v.passed ? 'ok' : 'error'}>
              {v.passed ? '✓ Pass' : '✗ Fail'}
              {!v.passed && v.reason && <div className="muted small">{v.reason}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
