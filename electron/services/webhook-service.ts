/**
 * Webhook definitions: the contract's `webhooks` namespace over the data file and the secrets.
 *
 * Every write goes through {@link DataFile.update}; secrets go through `webhook-secrets.ts` only.
 */
import { randomUUID } from 'node:crypto';
import type { ExportResult, ImportDefinitionsResult, SaveResult, WebhooksApi } from '../../shared/api/contract';
import { err, ok, validationFailed, type FieldIssue, type Result } from '../../shared/api/result';
import type { Webhook, WebhookInput } from '../../shared/model/webhook';
import { validateWebhookInput } from '../../shared/model/webhook-rules';
import { envReads } from '../../shared/model/env-reads';
import { parseDefinitionFile, serializeDefinitionFile } from '../../shared/model/definition-file';
import type { DataFile } from './storage/data-file';
import type { SecretStore } from './secrets/secret-store';
import { copySecrets, exportableSecrets, maskSecrets, readableSecretValues, releaseSecrets, revealSecret, sealSecrets } from './secrets/webhook-secrets';
import { sameWebhookName } from '../../shared/model/webhook-name';

const byName = (a: Webhook, b: Webhook) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

function toInput(w: Webhook): WebhookInput {
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = w;
  return input;
}

export class WebhookService implements WebhooksApi {
  constructor(
    private readonly file: DataFile,
    private readonly secrets: SecretStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async all(): Promise<readonly Webhook[]> {
    return (await this.file.read()).webhooks;
  }

  private async find(id: string): Promise<Webhook | undefined> {
    return (await this.all()).find((w) => w.id === id);
  }

  private async otherNames(exceptId?: string): Promise<string[]> {
    return (await this.all()).filter((w) => w.id !== exceptId).map((w) => w.name);
  }

  private notFound(id: string) {
    return err('not-found', `No webhook with id ${id}; it may have been deleted.`);
  }

  async list(): Promise<Result<Webhook[]>> {
    return ok([...(await this.all())].sort(byName).map(maskSecrets));
  }

  async get({ id }: { id: string }): Promise<Result<Webhook>> {
    const w = await this.find(id);
    return w ? ok(maskSecrets(w)) : this.notFound(id);
  }

  /** The secret values of every saved webhook that can be read now (see {@link readableSecretValues}); not in the contract. */
  async secretValues(env: Readonly<Record<string, string | undefined>>): Promise<string[]> {
    const all = await Promise.all((await this.all()).map((w) => readableSecretValues(w, this.secrets, env)));
    return all.flat();
  }

  async revealSecret({ id, field }: { id: string; field: string }): Promise<Result<{ value: string }>> {
    const w = await this.find(id);
    if (!w) return this.notFound(id);
    const r = await revealSecret(w, field, this.secrets);
    return r.ok ? ok({ value: r.value }) : err(r.code, r.message, { field });
  }

  async validate({ input, id }: { input: WebhookInput; id?: string }): Promise<Result<FieldIssue[]>> {
    return ok(validateWebhookInput(input, { existingNames: await this.otherNames(id) }).issues);
  }

  /** Validates, seals secrets and writes; shared by create and update. */
  private async save(input: WebhookInput, previous: Webhook | undefined): Promise<Result<SaveResult>> {
    const checked = validateWebhookInput(input, { existingNames: await this.otherNames(previous?.id) });
    if (!checked.value) return validationFailed(checked.issues, 'The webhook');
    const { sealed, issues } = await sealSecrets(checked.value, previous, this.secrets);
    if (issues.length) return validationFailed(issues, 'The webhook');
    const stamp = this.now().toISOString();
    const webhook: Webhook = { ...sealed, id: previous?.id ?? randomUUID(), createdAt: previous?.createdAt ?? stamp, updatedAt: stamp };
    const saved = await this.file.update((doc) => {
      // Re-checked inside the write queue: another call may have taken the name meanwhile.
      const clash = doc.webhooks.find((w) => w.id !== webhook.id && sameWebhookName(w.name, webhook.name));
      if (clash) return false;
      if (previous && !doc.webhooks.some((w) => w.id === previous.id)) return false;
      doc.webhooks = previous ? doc.webhooks.map((w) => (w.id === webhook.id ? webhook : w)) : [...doc.webhooks, webhook];
      return true;
    });
    if (!saved) {
      await releaseSecrets(webhook, previous, this.secrets);
      return previous && !(await this.find(previous.id))
        ? this.notFound(previous.id)
        : err('conflict', `name: a webhook named "${webhook.name}" already exists; choose another name.`, { field: 'name' });
    }
    if (previous) await releaseSecrets(previous, webhook, this.secrets);
    return ok({ webhook: maskSecrets(webhook), warnings: checked.issues.filter((i) => i.severity === 'warning') });
  }

  async create({ input }: { input: WebhookInput }): Promise<Result<SaveResult>> {
    return this.save(input, undefined);
  }

  async update({ id, input }: { id: string; input: WebhookInput }): Promise<Result<SaveResult>> {
    const previous = await this.find(id);
    return previous ? this.save(input, previous) : this.notFound(id);
  }

  async duplicate({ id }: { id: string }): Promise<Result<Webhook>> {
    const source = await this.find(id);
    if (!source) return this.notFound(id);
    const taken = new Set((await this.otherNames()).map((n) => n.toLowerCase()));
    let name = `${source.name}Copy`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${source.name}Copy${n}`;
    const input = await copySecrets({ ...toInput(source), name, active: false }, this.secrets);
    const stamp = this.now().toISOString();
    const copy: Webhook = { ...input, id: randomUUID(), createdAt: stamp, updatedAt: stamp };
    await this.file.update((doc) => void doc.webhooks.push(copy));
    return ok(maskSecrets(copy));
  }

  async remove({ id }: { id: string }): Promise<Result<{ id: string }>> {
    const existing = await this.find(id);
    if (!existing) return this.notFound(id);
    await this.file.update((doc) => void (doc.webhooks = doc.webhooks.filter((w) => w.id !== id)));
    await releaseSecrets(existing, undefined, this.secrets);
    return ok({ id });
  }

  async setActive({ id, active }: { id: string; active: boolean }): Promise<Result<Webhook>> {
    if (!(await this.find(id))) return this.notFound(id);
    const updatedAt = this.now().toISOString();
    const changed = await this.file.update((doc) => {
      const w = doc.webhooks.find((x) => x.id === id);
      if (w) Object.assign(w, { active, updatedAt });
      return w;
    });
    return changed ? ok(maskSecrets(changed)) : this.notFound(id);
  }

  async exportDefinitions({ ids }: { ids?: string[] }): Promise<Result<ExportResult>> {
    const all = [...(await this.all())].sort(byName);
    const missing = (ids ?? []).filter((id) => !all.some((w) => w.id === id));
    if (missing.length) return this.notFound(missing.join(', '));
    const chosen = ids?.length ? all.filter((w) => ids.includes(w.id)) : all;
    const placeholders: string[] = [];
    const inputs = chosen.map((w) => {
      const out = exportableSecrets(toInput(w));
      placeholders.push(...out.placeholders);
      return out.webhook;
    });
    return ok({ text: serializeDefinitionFile(inputs), secretPlaceholders: placeholders });
  }

  async importDefinitions({ text }: { text: string }): Promise<Result<ImportDefinitionsResult>> {
    const parsed = parseDefinitionFile(text, { existingNames: await this.otherNames() });
    const errors = parsed.issues.filter((i) => i.severity !== 'warning');
    if (errors.length) return validationFailed(errors, 'The definition file');
    const created: Webhook[] = [];
    const refused: FieldIssue[] = [];
    for (const [index, input] of parsed.webhooks.entries()) {
      const saved = await this.create({ input });
      if (saved.ok) {
        created.push(saved.value.webhook);
        continue;
      }
      // Keep going so the answer lists every problem (say, each typed secret the store refuses), named as the
      // parser names fields; no errors above means webhooks[index] is this one.
      const prefix = `webhooks[${index}] (${input.name})`;
      if (saved.error.issues?.length) refused.push(...saved.error.issues.map((i) => ({ ...i, field: `${prefix}.${i.field}` })));
      else refused.push({ field: prefix, message: saved.error.message });
    }
    if (refused.length) {
      // An import is all or nothing: roll back what it already saved.
      for (const w of created) await this.remove({ id: w.id });
      return validationFailed(refused, 'The definition file');
    }
    return ok({ created, warnings: parsed.warnings, envReads: created.map((w) => ({ webhook: w.name, reads: envReads(w) })) });
  }
}
