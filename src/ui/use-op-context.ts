import { useLiveQuery } from 'dexie-react-hooks';
import { getKv } from '../storage/kv';
import type { OpContext } from '../storage/outbox';
import { useServices } from './services';
import { useSession } from './use-session';

/** Who and which device an op recorded now belongs to; undefined until both are known. */
export function useOpContext(): OpContext | undefined {
  const { db, clock, makeId } = useServices();
  const session = useSession();
  const deviceId = useLiveQuery(() => getKv<string>(db, 'deviceId'), [db]);
  if (!session || !deviceId) return undefined;
  return { deviceId, actorId: session.user.id, now: clock.now, makeId };
}
