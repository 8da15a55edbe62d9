/** Makes a `switch` over a union exhaustive: adding a member without handling it fails typecheck. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
