import { useSyncExternalStore } from 'react';

/** Something kept outside React that counts its changes (storage/roster-index.ts `RosterIndex`). */
export type VersionedStore = {
  subscribe: (listener: () => void) => () => void;
  version: () => number;
};

const noSubscribe = () => () => undefined;
const noVersion = () => -1;

/**
 * The store's version, re-rendering on every change; -1 without a store. Queries a store answers
 * read no IndexedDB, so Dexie's live queries would not see its changes: put this in their deps.
 */
export function useStoreVersion(store: VersionedStore | undefined): number {
  return useSyncExternalStore(store?.subscribe ?? noSubscribe, store?.version ?? noVersion);
}
