/** Headers in the order they were sent or received, with a copy of them all as `Name: value` lines. */
import { headersText } from '../../../../shared/delivery/format';
import type { HeaderPair } from '../../../../shared/delivery/invocation';
import { CopyButton } from './copy';

export function HeadersTable({ headers, caption }: { headers: HeaderPair[]; caption: string }) {
  return (
    <section className="panel-section">
      <div className="section-head">
        <h3>{caption}</h3>
        {headers.length > 0 && <CopyButton text={headersText(headers)} what={caption.toLowerCase()} />}
      </div>
      {headers.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="kv-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {headers.map(([name, value], i) => (
              <tr key={i}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
