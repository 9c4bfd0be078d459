/** Turns IndexedDB/Dexie failures into stable codes the UI can explain (docs/style.md §2.7). */

export type StorageErrorCode = 'storage-full' | 'duplicate' | 'db-closed';

function namesOf(e: unknown): string[] {
  const names: string[] = [];
  let cur: unknown = e;
  // Dexie wraps the DOM error: look through `inner` and `cause`.
  for (let depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const o = cur as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof o.name === 'string') names.push(o.name);
    cur = o.inner ?? o.cause;
  }
  return names;
}

export function toStorageErrorCode(e: unknown): StorageErrorCode | null {
  const names = namesOf(e);
  if (names.includes('QuotaExceededError')) return 'storage-full';
  if (names.includes('ConstraintError')) return 'duplicate';
  if (names.includes('DatabaseClosedError') || names.includes('InvalidStateError')) return 'db-closed';
  return null;
}
