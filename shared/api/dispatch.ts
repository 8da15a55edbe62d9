/**
 * Server side of both transports: checks a call's name and argument, runs it, and always returns a Result.
 */
import type { Api, ApiMethodName } from './contract';
import { schemaFor } from './api-schemas';
import { parseMethodName } from './methods';
import { appErrorOf, err, type Result } from './result';

/** Runs `name(arg)` on `impl` after validating `arg`; unknown names, bad arguments and throws become results (an {@link AppException} keeps its code). */
export async function dispatchApiCall(impl: Api, name: string, arg: unknown): Promise<Result<unknown>> {
  const parsed = parseMethodName(name);
  if (!parsed) return err('invalid-argument', `Unknown API method "${name}".`);
  const check = schemaFor(name as ApiMethodName).safeParse(arg);
  if (!check.success) {
    const first = check.error.issues[0];
    const field = first?.path.join('.') || undefined;
    return err('invalid-argument', `Invalid argument for ${name}: ${field ? `${field}: ` : ''}${first?.message ?? 'bad shape'}`, { field });
  }
  const fn = (impl[parsed.ns] as unknown as Record<string, (a: unknown) => Promise<Result<unknown>>>)[parsed.method];
  if (typeof fn !== 'function') return err('internal', `API method "${name}" is not implemented.`);
  try {
    return await fn.call(impl[parsed.ns], check.data);
  } catch (e) {
    const known = appErrorOf(e);
    if (known) return { ok: false, error: known };
    return err('internal', `${name} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`);
  }
}
