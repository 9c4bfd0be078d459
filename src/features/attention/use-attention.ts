import { useLiveQuery } from 'dexie-react-hooks';
import type { OutboxRow } from '../../storage/app-db';
import { useServices } from '../../ui/services';

/** Ops the server rejected (kept, never resent) and ops recorded in conflict, newest first. */
export function useAttentionOps(): { rejected: OutboxRow[]; conflicts: OutboxRow[] } | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const [rejected, conflicts] = await Promise.all([
      db.outbox.where('state').equals('rejected').reverse().sortBy('seq'),
      db.outbox.where('state').equals('conflict').reverse().sortBy('seq'),
    ]);
    return { rejected, conflicts };
  }, [db]);
}
