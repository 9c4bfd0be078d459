import { useLiveQuery } from 'dexie-react-hooks';
import { needsKeyList, type RosterView } from '../../domain/roster-filter';
import { vietnamDate } from '../../lib/clock';
import {
  countRoster,
  filteredRosterKeys,
  rosterRowsByKeys,
  rosterVillages,
  rosterWindow,
  searchRosterKeys,
  type RosterListRow,
  type RosterSearchKeys,
} from '../../storage/roster-queries';
import { rosterIndexOf } from '../../storage/roster-index';
import type { AppDb } from '../../storage/app-db';
import { useServices } from '../../ui/services';
import { useStoreVersion } from '../../ui/use-store-version';

/** Number of people on the device, live (the index answers: its version re-runs the query). */
export function useRosterCount(): number | undefined {
  const { db } = useServices();
  const version = useRosterIndexVersion(db);
  return useLiveQuery(() => countRoster(db), [db, version]);
}

/** The lines of one window of the name-ordered roster, live. */
export function useRosterWindow(offset: number, limit: number): RosterListRow[] | undefined {
  const { db } = useServices();
  const version = useRosterIndexVersion(db);
  return useLiveQuery(() => rosterWindow(db, offset, limit), [db, offset, limit, version]);
}

/** Today in Vietnam: readiness depends on it (ages, expiry of papers). */
function useToday(): string {
  const { clock } = useServices();
  return vietnamDate(clock.now());
}

/**
 * The in-memory roster index's version: queries it answers read no IndexedDB, so Dexie's live
 * queries would not see a change; this number changes with every change it takes in.
 */
export function useRosterIndexVersion(db: AppDb): number {
  return useStoreVersion(rosterIndexOf(db));
}

/** False while the fast search is being prepared after start (searches wait for it). */
export function useRosterIndexReady(): boolean {
  const { db } = useServices();
  useRosterIndexVersion(db);
  return rosterIndexOf(db)?.isReady() ?? true;
}

/**
 * Ids of the people a query finds, narrowed by the view's filters and in its order;
 * `undefined` while the first answer is computed.
 */
export function useRosterSearch(query: string, view: RosterView): RosterSearchKeys | undefined {
  const { db } = useServices();
  const today = useToday();
  const version = useRosterIndexVersion(db);
  return useLiveQuery(() => searchRosterKeys(db, query, view, today), [db, query, view, today, version]);
}

/** The villages to filter by, live. */
export function useRosterVillages(): string[] | undefined {
  const { db } = useServices();
  const version = useRosterIndexVersion(db);
  return useLiveQuery(() => rosterVillages(db), [db, version]);
}

/**
 * Ordered ids of the people the view keeps, recomputed when the view or the table changes;
 * `null` when the view is the plain name order (the list then reads the sortKey index).
 */
export function useFilteredRosterKeys(view: RosterView): string[] | null | undefined {
  const { db } = useServices();
  const today = useToday();
  const version = useRosterIndexVersion(db);
  return useLiveQuery(
    () => (needsKeyList(view) ? filteredRosterKeys(db, view, today) : Promise.resolve(null)),
    [db, view, today, version],
  );
}

/** The rows of one window of a key list, live. */
export function useRosterKeyWindow(
  ids: readonly string[],
  offset: number,
  limit: number,
): (RosterListRow | undefined)[] | undefined {
  const { db } = useServices();
  const version = useRosterIndexVersion(db);
  return useLiveQuery(
    () => (limit > 0 ? rosterRowsByKeys(db, ids.slice(offset, offset + limit)) : Promise.resolve([])),
    [db, ids, offset, limit, version],
  );
}
