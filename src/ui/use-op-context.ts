import { useLiveQuery } from 'dexie-react-hooks';
import type { OpContext } from '../storage/outbox';
import { useServices } from './services';
import { useSession } from './use-session';

/** Who and which device an op recorded now belongs to; undefined until both are known. */
export function useOpContext(): OpContext | undefined {
  const { kv, clock, makeId } = useServices();
  const session = useSession();
  const deviceId = useLiveQuery(() => kv.get<string>('deviceId'), [kv]);
  if (!session || !deviceId) return undefined;
  return { deviceId, actorId: session.user.id, now: clock.now, makeId };
}
