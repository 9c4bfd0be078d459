import { useLiveQuery } from 'dexie-react-hooks';
import type { Session } from '../sync/session';
import { useServices } from './services';

/** The stored session: `undefined` while loading, `null` when signed out. */
export function useSession(): Session | null | undefined {
  const { loadSession } = useServices();
  return useLiveQuery(async () => (await loadSession()) ?? null, [loadSession]);
}
