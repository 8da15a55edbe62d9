/** Authentication Type: none (custom headers only), Bearer Token, Basic (Hooksmith only), or OAuth client credentials. */
import type { FieldIssue } from '../../../../shared/api/result';
import type { WebhookAuth } from '../../../../shared/model/webhook';
import { describe, Field, ListInput } from '../../components/form-controls';
import { BasicAuthForApono } from './basic-auth-for-apono';
import { SecretInput } from './secret-input';

const LABELS: Record<WebhookAuth['type'], string> = { none: 'None / Custom headers', bearer: 'Bearer Token', basic: 'Basic (user name and password)', oauth2: 'OAuth' };

function initial(type: WebhookAuth['type']): WebhookAuth {
  if (type === 'bearer') return { type, token: '' };
  if (type === 'basic') return { type, username: '', password: '' };
  if (type === 'oauth2') return { type, clientId: '', clientSecret: '', tokenUrl: '', scopes: [], clientAuthMethod: 'basic' };
  return { type: 'none' };
}

export function AuthEditor({ auth, issues, onChange, webhookId }: { auth: WebhookAuth; issues: FieldIssue[]; onChange: (a: WebhookAuth) => void; webhookId?: string }) {
  return (
    <fieldset>
      <legend>Authentication</legend>
      <Field label="Authentication Type" field="auth.type" issues={issues}>
        <select {...describe(issues, 'auth.type')} value={auth.type} onChange={(e) => onChange(initial(e.target.value as WebhookAuth['type']))}>
          {(Object.keys(LABELS) as WebhookAuth['type'][]).map((t) => (
            <option key={t} value={t}>
              {LABELS[t]}
            </option>
          ))}
        </select>
      </Field>
      {auth.type === 'bearer' && (
        <Field label="Token" field="auth.token" issues={issues} help="Sent as Authorization: Bearer <token>. You may write ${env:NAME}.">
          <SecretInput field="auth.token" what="token" value={auth.token} onChange={(token) => onChange({ ...auth, token })} issues={issues} webhookId={webhookId} />
        </Field>
      )}
      {auth.type === 'basic' && (
        <>
          <Field label="User name" field="auth.username" issues={issues} help="Jira: your account e-mail; Freshdesk: the API key (password X). You may write ${env:NAME}.">
            <input type="text" {...describe(issues, 'auth.username')} value={auth.username} onChange={(e) => onChange({ ...auth, username: e.target.value })} autoComplete="off" />
          </Field>
          <Field label="Password" field="auth.password" issues={issues} help="Sent as Authorization: Basic base64(user:password). You may write ${env:NAME}.">
            <SecretInput field="auth.password" what="password" value={auth.password} onChange={(password) => onChange({ ...auth, password })} issues={issues} webhookId={webhookId} />
          </Field>
          <BasicAuthForApono username={auth.username} password={auth.password} webhookId={webhookId} />
        </>
      )}
      {auth.type === 'oauth2' && (
        <>
          <Field label="Client ID" field="auth.clientId" issues={issues}>
            <input type="text" {...describe(issues, 'auth.clientId')} value={auth.clientId} onChange={(e) => onChange({ ...auth, clientId: e.target.value })} />
          </Field>
          <Field label="Client Secret" field="auth.clientSecret" issues={issues} help="You may write ${env:NAME}.">
            <SecretInput field="auth.clientSecret" what="client secret" value={auth.clientSecret} onChange={(clientSecret) => onChange({ ...auth, clientSecret })} issues={issues} webhookId={webhookId} />
          </Field>
          <Field label="Token Endpoint URL" field="auth.tokenUrl" issues={issues}>
            <input type="url" {...describe(issues, 'auth.tokenUrl')} value={auth.tokenUrl} onChange={(e) => onChange({ ...auth, tokenUrl: e.target.value })} placeholder="https://login.example.com/oauth2/token" />
          </Field>
          <Field label="Scopes (optional, comma-separated)" field="auth.scopes" issues={issues}>
            <ListInput {...describe(issues, 'auth.scopes')} value={auth.scopes} onChange={(scopes) => onChange({ ...auth, scopes })} />
          </Field>
          <Field label="Client authentication" field="auth.clientAuthMethod" issues={issues}>
            <select
              {...describe(issues, 'auth.clientAuthMethod')}
              value={auth.clientAuthMethod ?? 'basic'}
              onChange={(e) => onChange({ ...auth, clientAuthMethod: e.target.value as 'basic' | 'post' })}
            >
              <option value="basic">HTTP Basic (client_secret_basic)</option>
              <option value="post">In the form body (client_secret_post)</option>
            </select>
          </Field>
        </>
      )}
    </fieldset>
  );
}
