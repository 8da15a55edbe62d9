/**
 * The contract's method names as plain data, frozen.
 *
 * Kept free of any library so the sandboxed preload can bundle it whole; `satisfies` makes a method missing
 * from (or added to) this list a type error.
 */
import type { Api, ApiMethodName, ApiNamespace } from './contract';

type MethodMap = { [N in ApiNamespace]: { [M in keyof Api[N]]: true } };

export const API_METHODS = {
  app: { info: true },
  webhooks: {
    list: true,
    get: true,
    validate: true,
    create: true,
    update: true,
    duplicate: true,
    remove: true,
    setActive: true,
    exportDefinitions: true,
    importDefinitions: true,
    revealSecret: true,
  },
  settings: { get: true, update: true },
  samples: { list: true, save: true, remove: true },
  delivery: { test: true, cancel: true },
  history: {
    list: true,
    get: true,
    remove: true,
    clear: true,
    stats: true,
    replay: true,
    exportInvocation: true,
    importBundle: true,
    settings: true,
    previewRetention: true,
    updateSettings: true,
  },
  simulator: { renderBodies: true },
  capture: { start: true, stop: true, status: true, list: true, get: true, remove: true, probeTemplate: true, findings: true, applyFindings: true, saveSample: true, diff: true },
} as const satisfies MethodMap;

/** Every `namespace.method` of the contract, in a stable order. */
export const API_METHOD_NAMES: readonly ApiMethodName[] = Object.freeze(
  (Object.keys(API_METHODS) as ApiNamespace[]).flatMap((ns) => Object.keys(API_METHODS[ns]).map((m) => `${ns}.${m}` as ApiMethodName)),
);

/** Splits `namespace.method`; undefined for names outside the contract (so lookups never reach the prototype). */
export function parseMethodName(name: string): { ns: ApiNamespace; method: string } | undefined {
  if (!(API_METHOD_NAMES as readonly string[]).includes(name)) return undefined;
  const [ns, method] = name.split('.') as [ApiNamespace, string];
  return { ns, method };
}
