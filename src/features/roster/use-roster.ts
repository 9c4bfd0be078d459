import { useLiveQuery } from 'dexie-react-hooks';
import { countRoster, rosterWindow, searchRoster, type RosterSearch } from '../../storage/roster-queries';
import type { BeneficiaryRow } from '../../storage/app-db';
import { useServices } from '../../ui/services';

/** Number of people on the device, live. */
export function useRosterCount(): number | undefined {
  const { db } = useServices();
  return useLiveQuery(() => countRoster(db), [db]);
}

/** The rows of one window of the name-ordered roster, live. */
export function useRosterWindow(offset: number, limit: number): BeneficiaryRow[] | undefined {
  const { db } = useServices();
  return useLiveQuery(() => rosterWindow(db, offset, limit), [db, offset, limit]);
}

/** Search results for a query; `undefined` while the first answer is computed. */
export function useRosterSearch(query: string): RosterSearch | undefined {
  const { db } = useServices();
  return useLiveQuery(() => searchRoster(db, query), [db, query]);
}
