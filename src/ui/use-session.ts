import { useLiveQuery } from 'dexie-react-hooks';
import { loadSession, type Session } from '../sync/session';
import { useServices } from './services';

/** The stored session: `undefined` while loading, `null` when signed out. */
export function useSession(): Session | null | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => (await loadSession(db)) ?? null, [db]);
}
