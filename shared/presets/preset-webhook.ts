/** Builds a preset's webhook from the fields that differ from a new webhook's defaults. */
import { emptyWebhookInput, TRIGGERS, type WebhookInput } from '../model/webhook';

/** The six request triggers: log and automation targets usually want every step of the lifecycle. */
export const ALL_REQUEST_TRIGGERS: WebhookInput['triggers'] = TRIGGERS.filter((t) => t !== 'Manual');

export function presetWebhook(fields: Partial<WebhookInput> & Pick<WebhookInput, 'name' | 'url' | 'bodyTemplate'>): WebhookInput {
  return { ...emptyWebhookInput(), ...fields };
}
