/** Broken invariants are bugs: they throw. Expected outcomes use Result instead. */
export class AssertionError extends Error {
  override readonly name = 'AssertionError';
  readonly code = 'assertion-failed' as const;
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function must<T>(value: T | null | undefined, message: string): T {
  if (value === null || value === undefined) throw new AssertionError(message);
  return value;
}

export function assertNever(value: never): never {
  throw new AssertionError(`Unexpected value: ${String(value)}`);
}
