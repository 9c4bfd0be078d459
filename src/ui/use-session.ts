import { useLiveQuery } from 'dexie-react-hooks';
import { useKeyring } from './use-keyring';
import type { Session } from '../sync/session';
import { useServices } from './services';

/**
 * The stored session: `undefined` while loading, `null` when signed out. Sealed at rest
 * (storage/sealed-tables.ts): while the device is locked there is none to read, and it is read
 * again when the device opens.
 */
export function useSession(): Session | null | undefined {
  const { loadSession } = useServices();
  const keyring = useKeyring();
  const readable = keyring === 'unlocked' || keyring === 'no-vault';
  const read = useLiveQuery(
    async () => ({ readable, session: readable ? ((await loadSession()) ?? null) : null }),
    [loadSession, readable],
  );
  // Just unlocked, the answer read while locked is stale: still loading, not signed out.
  return read && read.readable === readable ? read.session : undefined;
}
