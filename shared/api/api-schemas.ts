/**
 * Runtime argument checks for every contract method, used by both transports before a call runs.
 *
 * `satisfies` ties this map to {@link Api}: a method missing here, or an extra one, fails typecheck.
 */
import { z } from 'zod';
import type { Api, ApiMethodName, ApiNamespace } from './contract';
import { MAX_IMPORT_TEXT_CHARS } from './channels';
import { parseMethodName } from './methods';
import { TRIGGERS, type WebhookInput } from '../model/webhook';
import type { Settings } from '../model/store-schema';
import { HISTORY_SORT_KEYS } from '../history/types';

/** Deep checks of webhook input live in the rules (they name fields and fixes); here only "is an object". */
const webhookInput = z.custom<WebhookInput>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  message: 'input must be a webhook object',
});
const settingsPatch = z.custom<Partial<Settings>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  message: 'patch must be an object',
});
/** Deep checks (size, object-ness with a message naming the fix) live in shared/payload/user-samples.ts. */
const sampleEvent = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  message: 'event must be a JSON object',
});
const id = z.string().min(1).max(200);
const instant = z.union([z.string().max(100), z.number()]);
const limitOrNull = z.number().int().positive().nullable();
const none = z.undefined();
// Strict: a misspelt or hostile key (`maxrecords`, `__proto__`) is refused by name, never dropped unseen.
const retention = z.strictObject({ maxRecords: limitOrNull.optional(), maxAgeDays: limitOrNull.optional(), maxTotalBytes: limitOrNull.optional() });

type ArgOf<F> = F extends (...args: infer P) => unknown ? P[0] : never;
type SchemaMap = { [N in ApiNamespace]: { [M in keyof Api[N]]: z.ZodType<ArgOf<Api[N][M]>> } };

export const API_SCHEMAS = {
  app: { info: none },
  webhooks: {
    list: none,
    get: z.object({ id }),
    validate: z.object({ input: webhookInput, id: id.optional() }),
    create: z.object({ input: webhookInput }),
    update: z.object({ id, input: webhookInput }),
    duplicate: z.object({ id }),
    remove: z.object({ id }),
    setActive: z.object({ id, active: z.boolean() }),
    exportDefinitions: z.object({ ids: z.array(id).optional() }),
    importDefinitions: z.object({ text: z.string().max(20_000_000) }),
    revealSecret: z.object({ id, field: z.string().max(100) }),
  },
  settings: { get: none, update: z.object({ patch: settingsPatch }) },
  samples: {
    list: none,
    save: z.object({ name: z.string().max(1000), event: sampleEvent }),
    remove: z.object({ id }),
  },
  delivery: {
    test: z.object({
      webhookId: id.optional(),
      input: webhookInput.optional(),
      trigger: z.enum(TRIGGERS),
      event: z.unknown().optional(),
      sampleId: id.optional(),
      runId: id,
      network: z
        .object({ insecureTls: z.boolean().optional(), extraCaPem: z.string().max(1_000_000).optional(), proxyUrl: z.string().max(2000).optional() })
        .optional(),
      // Range and wholeness are checked by the service, whose message names the limits.
      maxResponseBytes: z.number().optional(),
    }),
    cancel: z.object({ runId: id }),
  },
  history: {
    list: z.object({
      webhookId: id.optional(),
      webhookName: z.string().min(1).max(200).optional(),
      outcome: z.enum(['Success', 'Failure']).optional(),
      trigger: z.string().max(100).optional(),
      since: instant.optional(),
      until: instant.optional(),
      status: z.union([z.number().int(), z.string().regex(/^(\d{1,3}|[1-5]xx)$/i)]).optional(),
      requestId: z.string().min(1).max(200).optional(),
      runId: id.optional(),
      requester: z.string().min(1).max(320).optional(),
      text: z.string().max(1000).optional(),
      sort: z.enum(HISTORY_SORT_KEYS).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      cursor: z.string().max(100).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    get: z.object({ id }),
    remove: z.object({ ids: z.array(id).max(100_000) }),
    clear: none,
    stats: z.object({ webhookId: id, since: z.string().max(100).optional(), bucketMs: z.number().int().min(1000).optional() }),
    replay: z.object({ id, mode: z.enum(['exact', 'rerender']), runId: id.optional() }),
    exportInvocation: z.object({ id, format: z.enum(['curl', 'har', 'bundle']), revealSecrets: z.boolean().optional() }),
    importBundle: z.object({ text: z.string().max(MAX_IMPORT_TEXT_CHARS), dryRun: z.boolean().optional() }),
    settings: none,
    previewRetention: z.object({ retention }),
    updateSettings: z.object({
      retention: retention.optional(),
      omitBodiesFor: z.array(id).max(10_000).optional(),
    }),
  },
  simulator: {
    renderBodies: z.object({
      // A table is at most steps × webhooks or samples; the cap keeps one call from tying up the backend.
      items: z.array(z.object({ template: z.string().max(1_000_000), event: z.unknown() })).max(2000),
      escape: z.enum(['html', 'none']).optional(),
    }),
  },
  capture: {
    // Range is checked by the service, whose message names the field and the fix.
    start: z.object({ port: z.number().optional(), https: z.boolean().optional() }),
    stop: none,
    status: none,
    list: none,
    get: z.object({ id }),
    remove: z.object({ id }),
    probeTemplate: none,
    findings: z.object({ id }),
    applyFindings: z.object({ id }),
    saveSample: z.object({ id, name: z.string().max(1000).optional() }),
    diff: z.object({ id, webhookId: id.optional(), eventFrom: id.optional(), event: sampleEvent.optional() }),
  },
} satisfies SchemaMap;

/** The argument schema of one method. */
export function schemaFor(name: ApiMethodName): z.ZodType<unknown> {
  const { ns, method } = parseMethodName(name)!;
  return (API_SCHEMAS[ns] as Record<string, z.ZodType<unknown>>)[method]!;
}
