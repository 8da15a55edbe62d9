/**
 * A one-screen, plain-text summary of an invocation, as `hooksmith send` prints it.
 */
import { formatBytes, formatMs } from './format';
import type { InvocationRecord } from './invocation';
import { PHASES } from './waterfall';
import { targetHintsFor } from './target-hints';

/** Lines of text (no colour codes) ending in a newline. */
export function formatInvocationSummary(r: InvocationRecord): string {
  const out: string[] = [];
  const what = `${r.webhookName || '(unsaved webhook)'} · ${r.trigger}`;
  if (r.error?.errorClass === 'cancelled') out.push(`Cancelled after ${formatMs(r.durationMs)}: ${what}`);
  else out.push(`${r.outcome === 'Success' ? 'Test successful' : 'Test failed'}: ${what} · ${formatMs(r.durationMs)}`);
  if (r.request) out.push(`Request:  ${r.request.method} ${r.request.url}`);
  if (r.response) {
    const res = r.response;
    const size = res.truncated ? `${formatBytes(res.size)} kept of ${res.fullSize === null ? 'unknown' : formatBytes(res.fullSize)}` : formatBytes(res.size);
    out.push(`Response: ${res.status} ${res.statusText} · ${size}${res.bodyEncoding === 'base64' ? ' (binary)' : ''}`);
  } else out.push('Response: none');
  for (const step of r.steps) {
    const name = step.kind === 'oauth-token' ? 'Token' : 'Webhook';
    const retry = step.attempt > 1 ? ' (retry)' : '';
    if (step.fromCache) {
      out.push(`${name}${retry}: from cache`);
      continue;
    }
    const t = step.timings;
    const phases = t ? PHASES.filter((p) => t[p.key] !== null).map((p) => `${p.id} ${formatMs(t[p.key] ?? 0)}`) : [];
    const reused = t?.reusedSocket ? ' · reused connection' : '';
    out.push(`${`${name}${retry}:`.padEnd(10)}${formatMs(step.durationMs)}${phases.length ? ` (${phases.join(', ')})` : ''}${reused}`);
  }
  if (r.validators.length) {
    out.push('Validators:');
    for (const v of r.validators) {
      const found = v.found.length ? v.found.join(', ') : 'nothing';
      out.push(`  ${v.passed ? 'pass' : 'FAIL'}  ${v.jsonPath}  found ${found}; expected ${v.expectedValues.join(' or ')}${v.reason && !v.passed ? ` (${v.reason})` : ''}`);
    }
  }
  for (const w of r.warnings) out.push(`Warning: ${w}`);
  if (r.error) {
    out.push(`Error (${r.error.errorClass}): ${r.error.message}`);
    out.push(`Hint: ${r.error.hint}`);
    const target = targetHintsFor(r);
    for (const hint of target?.hints ?? []) out.push(`${target?.target} hint: ${hint}`);
  }
  return out.join('\n') + '\n';
}
