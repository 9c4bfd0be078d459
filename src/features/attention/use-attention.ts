import { useLiveQuery } from 'dexie-react-hooks';
import type { ConflictRow, OutboxRow } from '../../storage/app-db';
import { useServices } from '../../ui/services';

/** Ops the server rejected (kept, never resent) and ops recorded in conflict, newest first. */
export function useAttentionOps():
  { rejected: OutboxRow[]; conflicts: OutboxRow[]; communeConflicts: ConflictRow[] } | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const [rejected, conflicts, communeConflicts] = await Promise.all([
      db.outbox.where('state').equals('rejected').reverse().sortBy('seq'),
      db.outbox.where('state').equals('conflict').reverse().sortBy('seq'),
      db.conflicts.where('status').equals('open').toArray(),
    ]);
    return { rejected, conflicts, communeConflicts };
  }, [db]);
}
