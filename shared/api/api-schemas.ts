/**
 * Runtime argument checks for every contract method, used by both transports before a call runs.
 *
 * `satisfies` ties this map to {@link Api}: a method missing here, or an extra one, fails typecheck.
 */
import { z } from 'zod';
import type { Api, ApiMethodName, ApiNamespace } from './contract';
import { parseMethodName } from './methods';
import type { WebhookInput } from '../model/webhook';
import type { Settings } from '../model/store-schema';

/** Deep checks of webhook input live in the rules (they name fields and fixes); here only "is an object". */
const webhookInput = z.custom<WebhookInput>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  message: 'input must be a webhook object',
});
const settingsPatch = z.custom<Partial<Settings>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  message: 'patch must be an object',
});
const id = z.string().min(1).max(200);
const none = z.undefined();

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
  },
  settings: { get: none, update: z.object({ patch: settingsPatch }) },
  simulator: {
    renderBodies: z.object({
      // A table is at most steps × webhooks or samples; the cap keeps one call from tying up the backend.
      items: z.array(z.object({ template: z.string().max(1_000_000), event: z.unknown() })).max(2000),
      escape: z.enum(['html', 'none']).optional(),
    }),
  },
} satisfies SchemaMap;

/** The argument schema of one method. */
export function schemaFor(name: ApiMethodName): z.ZodType<unknown> {
  const { ns, method } = parseMethodName(name)!;
  return (API_SCHEMAS[ns] as Record<string, z.ZodType<unknown>>)[method]!;
}
