/**
 * A secret field (a secret header's value, the bearer token, the OAuth2 client secret): hidden as you type,
 * with Show to read it back. A saved secret reaches the renderer only as the mask; Show asks the backend for
 * that one value (`webhooks.revealSecret`) and keeps it in this field alone, so nothing else sees it and the
 * form stays unchanged until the user edits it. A `${env:NAME}` reference is not a secret and shows as typed.
 */
import { useEffect, useState } from 'react';
import type { FieldIssue } from '../../../../shared/api/result';
import { MASKED_SECRET } from '../../../../shared/model/webhook';
import { hasEnvReference } from '../../../../shared/model/env-references';
import { describe } from '../../components/form-controls';
import { api } from '../../lib/api';

export interface SecretInputProps {
  field: string;
  /** What the Show button names, e.g. "token" or "X-Api-Key". */
  what: string;
  value: string;
  onChange(value: string): void;
  issues: FieldIssue[];
  /** The saved webhook, whose stored secret Show can fetch; absent for a new one. */
  webhookId?: string;
  placeholder?: string;
}

export function SecretInput({ field, what, value, onChange, issues, webhookId, placeholder }: SecretInputProps) {
  const [shown, setShown] = useState(false);
  const [revealed, setRevealed] = useState<string>();
  const [error, setError] = useState<string>();
  // Another value (typed, or the field now means another header) makes a fetched one stale.
  useEffect(() => {
    if (value !== MASKED_SECRET) setRevealed(undefined);
  }, [value, field]);
  const reference = hasEnvReference(value);
  const masked = value === MASKED_SECRET;

  const show = async () => {
    setError(undefined);
    if (masked && revealed === undefined) {
      if (!webhookId) return;
      const r = await api.webhooks.revealSecret({ id: webhookId, field });
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      setRevealed(r.value.value);
    }
    setShown(true);
  };

  const display = masked && shown && revealed !== undefined ? revealed : value;
  return (
    <>
      <span className="secret-input">
        <input
          type={reference || shown ? 'text' : 'password'}
          {...describe(issues, field)}
          value={display}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
        />
        {!reference && (
          <button type="button" className="secret-toggle" aria-pressed={shown} onClick={() => (shown ? setShown(false) : void show())} disabled={masked && !webhookId}>
            {shown ? `Hide ${what}` : `Show ${what}`}
          </button>
        )}
      </span>
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
