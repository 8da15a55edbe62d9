/**
 * Secret handling for definition files: export placeholders and the "secret in clear" warning.
 *
 * Definition files live in git, so a secret must travel as `${env:NAME}` and be read from the environment
 * when the webhook is used; a stored secret is never written out in clear.
 */
import type { FieldIssue } from '../api/result';
import { secretSlots } from './secret-slots';
import { hasEnvReference } from './env-references';
import { MASKED_SECRET, type WebhookInput } from './webhook';

/**
 * The environment variable an export names for one secret, e.g. `HOOKSMITH_SLACKALERTS_DD_API_KEY`.
 *
 * Derived from the webhook name and the secret's role so the name is stable across exports (a git diff
 * stays quiet) and the `HOOKSMITH_` prefix keeps it from colliding with unrelated variables.
 */
export function secretEnvName(webhookName: string, role: string): string {
  const slug = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return ['HOOKSMITH', slug(webhookName) || 'WEBHOOK', slug(role) || 'SECRET'].join('_');
}

/**
 * The value to write for a secret: one that reads `${env:NAME}` (whole or inside) as is, anything else as a placeholder.
 *
 * Stored references, masked values and plain text all become placeholders, because none of them is
 * meaningful (or safe) outside this machine's data folder.
 */
export function exportSecret(value: string, webhookName: string, role: string): string {
  return hasEnvReference(value) ? value : `\${env:${secretEnvName(webhookName, role)}}`;
}

/**
 * Warnings for secrets written in clear in an imported file; fields are relative to the webhook.
 *
 * A warning, not an error: importing still works, but the file should not be committed as it is.
 */
export function plainSecretWarnings(webhook: WebhookInput): FieldIssue[] {
  return secretSlots(webhook)
    .filter(({ value }) => isPlainText(value))
    .map(({ field }) => ({
      field,
      severity: 'warning' as const,
      message: 'This secret is written in clear in the file — anyone who can read the repository can use it; write ${env:NAME} and set NAME in the environment instead.',
    }));
}

function isPlainText(value: string): boolean {
  return value.trim() !== '' && !hasEnvReference(value) && !value.startsWith('secret:') && value !== MASKED_SECRET;
}
