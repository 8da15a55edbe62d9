/**
 * "View event's payload schema": a searchable tree of the request payload. Clicking a field inserts its
 * path at the template cursor, written for the block context there (see `insertionFor`).
 */
import { useMemo, useState } from 'react';
import { searchFields } from '../../../../shared/payload/field-schema';
import { REQUEST_SCHEMA } from '../../../../shared/payload/request-schema';
import type { FieldRow } from '../../../../shared/payload/field-schema';

export function SchemaPanel({ onPick }: { onPick(row: FieldRow): void }) {
  const [query, setQuery] = useState('');
  const rows = useMemo(() => searchFields(REQUEST_SCHEMA, query), [query]);
  return (
    <section className="tw-schema" aria-labelledby="tw-schema-title">
      <h3 id="tw-schema-title">Payload schema</h3>
      <label className="visually-hidden" htmlFor="tw-schema-search">
        Search fields
      </label>
      <input id="tw-schema-search" type="search" placeholder="Search fields…" value={query} onChange={(e) => setQuery(e.target.value)} />
      <p className="help">Click a field to insert it at the cursor.</p>
      <ul className="tw-tree" role="list">
        {rows.map((row) => (
          <li key={row.path} style={{ paddingLeft: `${row.depth * 12}px` }}>
            <button type="button" className="tw-field" title={row.path} onClick={() => onPick(row)}>
              <span className="tw-field-name">{row.field.name}</span>
              <span className="tw-field-type">
                {row.field.type}
                {row.field.type === 'array' ? '[]' : ''}
                {row.field.optional && <em className="tw-optional"> optional</em>}
              </span>
            </button>
            <p className="tw-field-desc">{row.field.description}</p>
          </li>
        ))}
        {rows.length === 0 && <li className="muted">No field matches “{query}”.</li>}
      </ul>
    </section>
  );
}
