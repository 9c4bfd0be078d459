import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from './services';

export type OutboxCounts = { pending: number; attention: number };

/** Unsent ops and ops needing attention, live across tabs (Dexie live queries see other tabs' writes). */
export function useOutboxCounts(): OutboxCounts {
  const { db } = useServices();
  return (
    useLiveQuery(async () => {
      const [pending, rejected, conflictOps, open] = await Promise.all([
        db.outbox.where('state').equals('pending').count(),
        db.outbox.where('state').equals('rejected').count(),
        db.outbox.where('state').equals('conflict').primaryKeys(),
        db.conflicts.where('status').equals('open').toArray(),
      ]);
      // A conflict this device caused is counted once: as its op until the conflict entity arrives.
      const pulled = new Set(open.map((c) => c.opId));
      const ownOps = await db.outbox.bulkGet(conflictOps);
      const notYetPulled = ownOps.filter((o) => o && !pulled.has(o.id)).length;
      return { pending, attention: rejected + notYetPulled + open.length };
    }, [db]) ?? { pending: 0, attention: 0 }
  );
}
