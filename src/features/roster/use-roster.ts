import { useLiveQuery } from 'dexie-react-hooks';
import { matchesRosterFilters, needsKeyList, sortRosterPeople, type RosterView } from '../../domain/roster-filter';
import { vietnamDate } from '../../lib/clock';
import {
  countRoster,
  filteredRosterKeys,
  rosterRowsByKeys,
  rosterVillages,
  rosterWindow,
  searchRoster,
  type RosterSearch,
} from '../../storage/roster-queries';
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

/** Today in Vietnam: readiness depends on it (ages, expiry of papers). */
function useToday(): string {
  const { clock } = useServices();
  return vietnamDate(clock.now());
}

/**
 * Search results for a query, narrowed by the view's filters and in its order; `undefined`
 * while the first answer is computed.
 */
export function useRosterSearch(query: string, view: RosterView): RosterSearch | undefined {
  const { db } = useServices();
  const today = useToday();
  return useLiveQuery(async () => {
    const result = await searchRoster(db, query, undefined, (row) => matchesRosterFilters(row, view.filters, today));
    return { ...result, rows: sortRosterPeople(result.rows, view.sort) };
  }, [db, query, view, today]);
}

/** The villages to filter by, live. */
export function useRosterVillages(): string[] | undefined {
  const { db } = useServices();
  return useLiveQuery(() => rosterVillages(db), [db]);
}

/**
 * Ordered ids of the people the view keeps, recomputed when the view or the table changes;
 * `null` when the view is the plain name order (the list then reads the sortKey index).
 */
export function useFilteredRosterKeys(view: RosterView): string[] | null | undefined {
  const { db } = useServices();
  const today = useToday();
  return useLiveQuery(
    () => (needsKeyList(view) ? filteredRosterKeys(db, view, today) : Promise.resolve(null)),
    [db, view, today],
  );
}

/** The rows of one window of a key list, live. */
export function useRosterKeyWindow(
  ids: readonly string[],
  offset: number,
  limit: number,
): (BeneficiaryRow | undefined)[] | undefined {
  const { db } = useServices();
  return useLiveQuery(
    () => (limit > 0 ? rosterRowsByKeys(db, ids.slice(offset, offset + limit)) : Promise.resolve([])),
    [db, ids, offset, limit],
  );
}
