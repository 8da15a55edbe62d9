/**
 * The preset gallery: one ready-made webhook per target, in the order the gallery shows them.
 */
import type { FailureHint, WebhookPreset } from './preset';
import { oktaWorkflows } from './okta-workflows';
import { freshdesk } from './freshdesk';
import { datadog } from './datadog';
import { splunk } from './splunk';
import { logzio } from './logzio';
import { servicenow } from './servicenow';
import { slack } from './slack';
import { teams } from './teams';
import { jira, jiraV3 } from './jira';
import { torq } from './torq';
import { coralogix } from './coralogix';
import { sentinel } from './sentinel';
import { custom } from './custom';
import { urlFitsRules } from './target-urls';

export type { FailureHint, WebhookPreset } from './preset';
export { FREE_TEXT_NOTE } from './preset';

/** Every preset; the blank custom webhook comes last. */
export const PRESETS: readonly WebhookPreset[] = [
  oktaWorkflows,
  slack,
  teams,
  jira,
  jiraV3,
  servicenow,
  freshdesk,
  datadog,
  splunk,
  logzio,
  coralogix,
  sentinel,
  torq,
  custom,
];

/** The preset with this id or name (ignoring case), e.g. `slack` or `"Okta Workflows"`. */
export function findPreset(idOrName: string): WebhookPreset | undefined {
  const key = idOrName.trim().toLowerCase();
  return PRESETS.find((p) => p.id === key || p.name.toLowerCase() === key || p.webhook.name.toLowerCase() === key);
}

/** A fresh copy of a preset's webhook, safe to edit. */
export function presetInput(preset: WebhookPreset): WebhookPreset['webhook'] {
  return structuredClone(preset.webhook);
}

/** What went wrong with one delivery, as far as hints care. */
export interface FailureFacts {
  status?: number;
  /** The response body and/or the error message. */
  text?: string;
}

/** The hints of `preset` that apply to a failure; see {@link FailureHint} for the matching rule. */
export function hintsFor(preset: WebhookPreset, facts: FailureFacts): string[] {
  const text = (facts.text ?? '').toLowerCase();
  const applies = (h: FailureHint) =>
    (h.status === undefined || h.status === facts.status) && (h.text === undefined || text.includes(h.text.toLowerCase())) && (h.status !== undefined || h.text !== undefined);
  return preset.hints.filter(applies).map((h) => h.hint);
}

/**
 * The preset whose target a webhook's URL points at, by the host and path rules each preset declares (see
 * target-urls.ts), so hints can be offered for webhooks made from a preset and saved long ago, or pasted in.
 */
export function presetForUrl(url: string): WebhookPreset | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  return PRESETS.find((p) => urlFitsRules(p.urls, parsed));
}
