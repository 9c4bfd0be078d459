import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from './services';

export type OutboxCounts = { pending: number; attention: number };

/** Unsent ops and ops needing attention, live across tabs (Dexie live queries see other tabs' writes). */
export function useOutboxCounts(): OutboxCounts {
  const { db } = useServices();
  return (
    useLiveQuery(async () => {
      const [pending, rejected, conflict, open] = await Promise.all([
        db.outbox.where('state').equals('pending').count(),
        db.outbox.where('state').equals('rejected').count(),
        db.outbox.where('state').equals('conflict').count(),
        db.conflicts.where('status').equals('open').count(),
      ]);
      return { pending, attention: rejected + conflict + open };
    }, [db]) ?? { pending: 0, attention: 0 }
  );
}
