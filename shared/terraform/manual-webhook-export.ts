/**
 * A Manual webhook as Terraform for Apono's provider: an `apono_manual_webhook` resource, whose schema is the
 * provider's documentation (apono-io/terraform-provider-apono, `docs/resources/manual_webhook.md`): `name`,
 * `active`, `type = { http_request = { method, url, headers } }`, `body_template`,
 * `authentication_config = { oauth = { client_id, client_secret, scopes, token_endpoint_url } }`,
 * `response_validators = [{ json_path, expected_values }]`, `timeout_in_sec`.
 *
 * Secrets never appear: each `${env:NAME}` a webhook reads (stored secrets are exported as such references
 * first) becomes `var.NAME`, declared as a `variable` with `sensitive = true`, so Terraform reads it from
 * `TF_VAR_NAME` or a tfvars file and keeps it out of plans. Apono has no bearer type: a bearer token becomes the
 * `Authorization: Bearer …` header, as Apono's own UI asks.
 */
import type { WebhookInput } from '../model/webhook';

/** What an export wrote, or why it was refused. */
export type TerraformExport = { ok: true; text: string; variables: string[]; notes: string[] } | { ok: false; field: string; message: string };

const ENV_IN_TEXT = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A quoted HCL string: escapes per the HCL native syntax spec, `${` and `%{` doubled so they stay text. */
export function hclString(text: string): string {
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{');
  return `"${body}"`;
}

/** A value that may read `${env:NAME}`: `var.NAME` when it is one whole reference, else a string interpolating them. */
function valueExpr(text: string, variables: Set<string>): string {
  const whole = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text);
  if (whole) {
    variables.add(whole[1]!);
    return `var.${whole[1]}`;
  }
  let out = '';
  let last = 0;
  for (const m of text.matchAll(ENV_IN_TEXT)) {
    variables.add(m[1]!);
    out += hclString(text.slice(last, m.index)).slice(1, -1) + `\${var.${m[1]}}`;
    last = m.index + m[0].length;
  }
  return `"${out}${hclString(text.slice(last)).slice(1, -1)}"`;
}

/** A Terraform resource name for a webhook name: lower case, words joined by `_`, starting with a letter. */
export function resourceName(name: string): string {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return /^[a-z]/.test(snake) ? snake : `webhook_${snake}`;
}

const pad = (keys: string[]) => Math.max(...keys.map((k) => k.length));

/** Lines `key = value`, aligned as `terraform fmt` aligns consecutive attributes. */
function attrs(rows: Array<[string, string]>, indent: string): string[] {
  const width = pad(rows.map(([k]) => k));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)} = ${v}`);
}

/**
 * The resources for `webhooks` (secrets already `${env:…}` references), plus the variables they read.
 * Refused, naming the webhook, unless every one is Manual-only: Apono's provider manages only Manual webhooks.
 */
export function toTerraform(webhooks: readonly WebhookInput[], version: string): TerraformExport {
  const variables = new Set<string>();
  const notes: string[] = [];
  const resources: string[] = [];
  const names = new Set<string>();
  for (const w of webhooks) {
    const others = w.triggers.filter((t) => t !== 'Manual');
    if (others.length || !w.triggers.includes('Manual')) {
      const fires = others.length ? `fires on ${others.join(', ')}` : 'has no Manual trigger';
      return {
        ok: false,
        field: 'triggers',
        message: `"${w.name}" ${fires}: Apono's Terraform provider manages only Manual webhooks (apono_manual_webhook). Export it as a definition file instead (hooksmith webhooks export ${w.name}), or make its only trigger Manual.`,
      };
    }
    let label = resourceName(w.name);
    while (names.has(label)) label += '_';
    names.add(label);
    const headers: Array<[string, string]> = w.headers.map((h) => [hclString(h.key), valueExpr(h.value, variables)]);
    if (w.auth.type === 'bearer') headers.push([hclString('Authorization'), valueExpr(`Bearer ${w.auth.token}`, variables)]);
    const lines = [`resource "apono_manual_webhook" "${label}" {`, ...attrs([['name', hclString(w.name)], ['active', String(w.active)]], '  ')];
    lines.push('  type = {', '    http_request = {', ...attrs([['method', hclString(w.method)], ['url', valueExpr(w.url, variables)]], '      '));
    lines.push(headers.length ? '      headers = {' : '      headers = {}', ...(headers.length ? [...attrs(headers, '        '), '      }'] : []), '    }', '  }');
    lines.push(`  body_template = ${hclString(w.bodyTemplate)}`);
    if (w.auth.type === 'oauth2') {
      const a = w.auth;
      const oauth = attrs(
        [
          ['client_id', valueExpr(a.clientId, variables)],
          ['client_secret', valueExpr(a.clientSecret, variables)],
          ['scopes', `[${a.scopes.map(hclString).join(', ')}]`],
          ['token_endpoint_url', valueExpr(a.tokenUrl, variables)],
        ],
        '      ',
      );
      lines.push('  authentication_config = {', '    oauth = {', ...oauth, '    }', '  }');
      if (a.clientAuthMethod === 'post') notes.push(`${w.name}: the OAuth client authentication "post" is Hooksmith's; Apono's provider has no such setting.`);
    }
    if (w.responseValidators.length) {
      lines.push('  response_validators = [');
      w.responseValidators.forEach((v, k) => {
        lines.push('    {', ...attrs([['json_path', hclString(v.jsonPath)], ['expected_values', `[${v.expectedValues.map(hclString).join(', ')}]`]], '      '), k < w.responseValidators.length - 1 ? '    },' : '    }');
      });
      lines.push('  ]');
    }
    if (w.timeoutSeconds !== null) lines.push(`  timeout_in_sec = ${w.timeoutSeconds}`);
    lines.push('}');
    resources.push(lines.join('\n'));
    if (w.network) notes.push(`${w.name}: its network settings (TLS, proxy) are Hooksmith's own and are not part of the resource.`);
    if (w.filters.length) notes.push(`${w.name}: filters do not apply to Manual webhooks in Apono and were left out.`);
  }
  const vars = [...variables].sort();
  const head = [
    `# Written by Hooksmith ${version}: Apono Manual webhooks (provider apono-io/apono, resource apono_manual_webhook).`,
    ...(vars.length ? ['# Secrets are variables: set them with TF_VAR_<name> or a tfvars file kept out of git.'] : []),
  ];
  const declared = vars.map((v) => `variable "${v}" {\n  type      = string\n  sensitive = true\n}`);
  return { ok: true, text: `${[head.join('\n'), ...declared, ...resources].join('\n\n')}\n`, variables: vars, notes };
}
