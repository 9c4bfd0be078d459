/**
 * One channel for storage failures: screens report them, the app shell shows one banner.
 * ui may use storage's types only (docs/style.md §2.3), so failures arrive here already classified
 * by storage/storage-errors.ts `toStorageErrorCode`, which the caller passes in.
 */
import type { StorageErrorCode } from '../storage/storage-errors';

const EVENT = 'chitra:storage-error';

/** Classifies an error as a storage failure, or null for other errors (`toStorageErrorCode`). */
export type ClassifyStorageError = (e: unknown) => StorageErrorCode | null;

/**
 * Reports a classified failure to the banner: `reportStorageError(toStorageErrorCode(e))`.
 * Null (not a storage failure) is not reported. Returns `code`.
 */
export function reportStorageError(code: StorageErrorCode | null): StorageErrorCode | null {
  if (code) window.dispatchEvent(new CustomEvent<StorageErrorCode>(EVENT, { detail: code }));
  return code;
}

export function onStorageError(listener: (code: StorageErrorCode) => void, classify: ClassifyStorageError): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<StorageErrorCode>).detail);
  // Failures nobody caught (a live query, a background sync write) end up here too.
  const unhandled = (e: PromiseRejectionEvent) => {
    const code = classify(e.reason);
    if (code) listener(code);
  };
  window.addEventListener(EVENT, handler);
  window.addEventListener('unhandledrejection', unhandled);
  return () => {
    window.removeEventListener(EVENT, handler);
    window.removeEventListener('unhandledrejection', unhandled);
  };
}
