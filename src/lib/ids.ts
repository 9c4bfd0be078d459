/** Identifier generation, passed in so tests can be deterministic. */
export type IdGenerator = { next(): string };

export const randomIds: IdGenerator = { next: () => crypto.randomUUID() };

export function sequentialIds(prefix = 'id'): IdGenerator {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(6, '0')}` };
}
