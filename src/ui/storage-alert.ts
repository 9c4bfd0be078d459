/** One channel for storage failures: screens report them, the app shell shows one banner. */
import { toStorageErrorCode, type StorageErrorCode } from '../storage/storage-errors';

const EVENT = 'chitra:storage-error';

/** Reports `e` if it is a storage failure; returns its code (null for other errors). */
export function reportStorageError(e: unknown): StorageErrorCode | null {
  const code = toStorageErrorCode(e);
  if (code) window.dispatchEvent(new CustomEvent<StorageErrorCode>(EVENT, { detail: code }));
  return code;
}

export function onStorageError(listener: (code: StorageErrorCode) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<StorageErrorCode>).detail);
  // Failures nobody caught (a live query, a background sync write) end up here too.
  const unhandled = (e: PromiseRejectionEvent) => {
    const code = toStorageErrorCode(e.reason);
    if (code) listener(code);
  };
  window.addEventListener(EVENT, handler);
  window.addEventListener('unhandledrejection', unhandled);
  return () => {
    window.removeEventListener(EVENT, handler);
    window.removeEventListener('unhandledrejection', unhandled);
  };
}
