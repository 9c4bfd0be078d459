import { useLiveQuery } from 'dexie-react-hooks';
import type { ConflictRow } from '../../storage/app-db';
import { useServices } from '../../ui/services';

/** Conflicts pulled for the device's communes, open ones, newest first. */
export function useOpenConflicts(): ConflictRow[] | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const rows = await db.conflicts.where('status').equals('open').toArray();
    return rows.sort((a, b) => (a.detectedAt < b.detectedAt ? 1 : -1));
  }, [db]);
}
