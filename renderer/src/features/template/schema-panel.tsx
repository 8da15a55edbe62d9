/**
 * "View event's payload schema": a searchable tree of the request payload. Clicking a field inserts its
 * path at the template cursor, written for the block context there (see `insertionFor`).
 *
 * Apono's audit-log and integration webhooks send other payloads; they are here to read (a team often keeps
 * all three side by side), not to insert: their paths do not exist in a request event.
 */
import { useMemo, useState } from 'react';
import { searchFields, type FieldRow, type PayloadSchema } from '../../../../shared/payload/field-schema';
import { AUDIT_SCHEMA, INTEGRATION_SCHEMA } from '../../../../shared/payload/other-schemas';
import { REQUEST_SCHEMA } from '../../../../shared/payload/request-schema';

const SCHEMAS: readonly PayloadSchema[] = [REQUEST_SCHEMA, AUDIT_SCHEMA, INTEGRATION_SCHEMA];

/** An example short enough for one line of the tree. */
function exampleText(v: unknown): string | null {
  if (v === undefined || (typeof v === 'object' && v !== null)) return null;
  const s = JSON.stringify(v);
  return s.length > 48 ? `${s.slice(0, 47)}…` : s;
}

export function SchemaPanel({ onPick }: { onPick(row: FieldRow): void }) {
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<PayloadSchema['kind']>('request');
  const schema = SCHEMAS.find((s) => s.kind === kind) ?? REQUEST_SCHEMA;
  const insertable = kind === 'request';
  const rows = useMemo(() => searchFields(schema, query), [schema, query]);
  return (
    <section className="tw-schema" aria-labelledby="tw-schema-title">
      <h3 id="tw-schema-title">Payload schema</h3>
      <div className="small">
        <label htmlFor="tw-schema-kind">Payload</label>{' '}
        <select id="tw-schema-kind" value={kind} onChange={(e) => setKind(e.target.value as PayloadSchema['kind'])}>
          {SCHEMAS.map((s) => (
            <option key={s.kind} value={s.kind}>
              {s.kind === 'request' ? `${s.title} (this template)` : s.title}
            </option>
          ))}
        </select>
      </div>
      <label className="visually-hidden" htmlFor="tw-schema-search">
        Search fields
      </label>
      <input id="tw-schema-search" type="search" placeholder="Search fields…" value={query} onChange={(e) => setQuery(e.target.value)} />
      <p className="help">{insertable ? 'Click a field to insert it at the cursor.' : 'For reading only: Apono sends this payload from another kind of webhook, so its fields do not exist in a request event.'}</p>
      <ul className="tw-tree" role="list">
        {rows.map((row) => {
          const example = exampleText(row.field.example);
          const label = (
            <>
              <span className="tw-field-name">{row.field.name}</span>
              <span className="tw-field-type">
                {row.field.type}
                {row.field.type === 'array' ? '[]' : ''}
                {row.field.optional && <em className="tw-optional"> optional</em>}
              </span>
            </>
          );
          return (
            <li key={row.path} style={{ paddingLeft: `${row.depth * 12}px` }}>
              {insertable ? (
                <button type="button" className="tw-field" title={row.path} onClick={() => onPick(row)}>
                  {label}
                </button>
              ) : (
                <span className="tw-field" title={row.path}>
                  {label}
                </span>
              )}
              <p className="tw-field-desc">
                {row.field.description}
                {example && <span className="tw-field-example"> e.g. {example}</span>}
              </p>
            </li>
          );
        })}
        {rows.length === 0 && <li className="muted">No field matches “{query}”.</li>}
      </ul>
    </section>
  );
}
