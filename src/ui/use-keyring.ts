import { useSyncExternalStore } from 'react';
import type { KeyringState } from '../storage/keyring';
import { useServices } from './services';

/** Whether the device's data is open (storage/keyring.ts), re-rendering when it locks or opens. */
export function useKeyring(): KeyringState {
  const { db } = useServices();
  return useSyncExternalStore(
    (listener) => db.keyring.subscribe(listener),
    () => db.keyring.state,
  );
}
