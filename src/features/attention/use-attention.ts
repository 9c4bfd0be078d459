import { useLiveQuery } from 'dexie-react-hooks';
import type { ConflictRow, OutboxRow } from '../../storage/app-db';
import { unresolvedOwnConflicts } from '../../storage/outbox-counts';
import { useServices } from '../../ui/services';

/**
 * Ops the server rejected (kept, never resent), this device's ops recorded in conflict until a
 * supervisor resolves them, and the commune's open conflicts; newest first.
 */
export function useAttentionOps():
  { rejected: OutboxRow[]; conflicts: OutboxRow[]; communeConflicts: ConflictRow[] } | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const [rejected, ownConflicts, pulled] = await Promise.all([
      db.outbox.where('state').equals('rejected').reverse().sortBy('seq'),
      db.outbox.where('state').equals('conflict').reverse().sortBy('seq'),
      db.conflicts.toArray(),
    ]);
    return {
      rejected,
      conflicts: unresolvedOwnConflicts(ownConflicts, pulled),
      communeConflicts: pulled.filter((c) => c.status === 'open'),
    };
  }, [db]);
}
