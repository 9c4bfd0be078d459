import { useSyncExternalStore } from 'react';
import type { SyncState } from '../sync/sync-engine';
import { useServices } from './services';

/** The sync engine's state, re-rendering on every change. */
export function useSyncState(): SyncState {
  const { engine } = useServices();
  return useSyncExternalStore(engine.subscribe, engine.getState);
}
