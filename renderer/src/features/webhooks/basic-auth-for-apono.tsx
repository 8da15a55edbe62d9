/**
 * Apono has no Basic auth type: there the same credentials are an `Authorization` header. This note says so
 * and, on request only, shows the header's value (`Basic base64(user:password)`) to copy into Apono. A saved
 * password reaches the renderer masked, so Show asks the backend for that one value, as the password's Show does.
 */
import { useState } from 'react';
import { basicAuthorization } from '../../../../shared/model/basic-auth';
import { hasEnvReference } from '../../../../shared/model/env-references';
import { MASKED_SECRET } from '../../../../shared/model/webhook';
import { api } from '../../lib/api';
import { copyText } from '../test-panel/copy';

export function BasicAuthForApono({ username, password, webhookId }: { username: string; password: string; webhookId?: string }) {
  const [value, setValue] = useState<string>();
  const [status, setStatus] = useState<string>();

  const show = async () => {
    setStatus(undefined);
    if (hasEnvReference(username) || hasEnvReference(password)) {
      setStatus('The user name or password reads ${env:…}: Hooksmith does not read the environment here; build the value from the variables (Basic + base64 of user:password).');
      return;
    }
    let clear = password;
    if (password === MASKED_SECRET) {
      if (!webhookId) return;
      const r = await api.webhooks.revealSecret({ id: webhookId, field: 'auth.password' });
      if (!r.ok) {
        setStatus(r.error.message);
        return;
      }
      clear = r.value.value;
    }
    setValue(basicAuthorization(username, clear));
  };

  const copy = async () => {
    if (value === undefined) return;
    setStatus((await copyText(value)) ? 'Copied.' : 'Could not copy to the clipboard; select the value and copy it.');
  };

  return (
    <div className="basic-auth-apono">
      <p className="help">
        Apono has no Basic auth type: in Apono, add a header named <code>Authorization</code> with the value below (mark it secret there).
      </p>
      {value === undefined ? (
        <button type="button" onClick={() => void show()} disabled={username === '' || password === ''}>
          Show the Authorization header value
        </button>
      ) : (
        <span className="secret-input">
          <input type="text" readOnly value={value} aria-label="Authorization header value for Apono" spellCheck={false} />
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
          <button type="button" onClick={() => setValue(undefined)}>
            Hide
          </button>
        </span>
      )}
      {status && (
        <span className="small" role="status">
          {status}
        </span>
      )}
    </div>
  );
}
