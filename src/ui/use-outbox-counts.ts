import { useLiveQuery } from 'dexie-react-hooks';
import type { ConflictRow, OutboxRow } from '../storage/app-db';
import { useServices } from './services';

export type OutboxCounts = { pending: number; attention: number };

/** This device's ops recorded in conflict, except those a supervisor has since resolved. */
export function unresolvedOwnConflicts(ownOps: readonly OutboxRow[], pulled: readonly ConflictRow[]): OutboxRow[] {
  const resolved = new Set(pulled.filter((c) => c.status !== 'open').map((c) => c.opId));
  return ownOps.filter((op) => !resolved.has(op.id));
}

/** Unsent ops and ops needing attention, live across tabs (Dexie live queries see other tabs' writes). */
export function useOutboxCounts(): OutboxCounts {
  const { db } = useServices();
  return (
    useLiveQuery(async () => {
      const [pending, rejected, ownConflicts, conflicts] = await Promise.all([
        db.outbox.where('state').equals('pending').count(),
        db.outbox.where('state').equals('rejected').count(),
        db.outbox.where('state').equals('conflict').toArray(),
        db.conflicts.toArray(),
      ]);
      const open = conflicts.filter((c) => c.status === 'open').length;
      // A conflict this device caused is counted once: as its op until the conflict entity
      // arrives, then as the commune's open conflict; not at all once it is resolved.
      const pulled = new Set(conflicts.map((c) => c.opId));
      const notYetPulled = ownConflicts.filter((op) => !pulled.has(op.id)).length;
      return { pending, attention: rejected + notYetPulled + open };
    }, [db]) ?? { pending: 0, attention: 0 }
  );
}
