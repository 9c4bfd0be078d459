/** The in-memory roster index's interface (roster-index.ts) and a helper for Dexie's change sets. */
import type { RosterView } from '../domain/roster-filter';
import type { RosterListRow } from './roster-index-list';

export type RosterIndexOptions = {
  /** Today in Vietnam (`YYYY-MM-DD`): the readiness class depends on it. */
  today: () => string;
  /** Unused since the index is built from pages (kept for callers). */
  chunkSize?: number;
  /** Lets the UI run between pages. */
  yieldToUi?: () => Promise<void>;
};

export type RosterIndex = {
  isReady: () => boolean;
  /**
   * Resolves when the index is ready (again); rejects if building failed (database closed) or the
   * index is closed before it is ready (nobody waits forever: searches wait on this).
   */
  whenReady: () => Promise<void>;
  /** Resolves when no re-read for another tab's change is in flight. */
  settled: () => Promise<void>;
  /** Changes whenever an answer may change: readiness or any applied change. */
  version: () => number;
  subscribe: (listener: () => void) => () => void;
  /**
   * Ids of every person found by `probe` (a prefix of some token) and `rest` (each a prefix of
   * some token), in the order an IndexedDB cursor over `searchTokens` meets them; `null`: not ready.
   */
  searchCandidates: (probe: string, rest: readonly string[]) => string[] | null;
  /**
   * What roster-queries' searchRoster keeps: the first `limit + 1` people found (and passing the
   * view's filters) in scan order, sorted by sortKey, cut to `limit`, then in the view's order.
   * `null` when the index cannot answer.
   */
  search: (
    probe: string,
    rest: readonly string[],
    limit: number,
    view?: RosterView,
    today?: string,
  ) => { ids: string[]; hasMore: boolean } | null;
  /** Ids passing the view's filters in its order; `null` when the index cannot answer. */
  filteredKeys: (view: RosterView, today: string) => string[] | null;
  /** People on the device; `null` when not ready. */
  count: () => number | null;
  /** The list's lines of a window of the name order; `null` when not ready. */
  window: (offset: number, limit: number) => RosterListRow[] | null;
  /** The list's lines of these ids (undefined: nobody by that id); `null` when not ready. */
  listRows: (ids: readonly string[]) => (RosterListRow | undefined)[] | null;
  /** The villages somebody lives in, in Vietnamese order; `null` when not ready. */
  villages: () => string[] | null;
  /** The page holding the latest page copy of a person (roster-pages.ts), when known. */
  pageOf: (id: string) => number | undefined;
  /** Estimated heap bytes of the index. */
  memoryBytes: () => number;
  /** Stops following changes. */
  close: () => void;
};

/** The single keys of a Dexie RangeSet (a tree of `from`/`to` nodes), or null if it holds a range. */
export function singleKeys(set: unknown): (string | number)[] | null {
  const out: (string | number)[] = [];
  const walk = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null) return true;
    const { from, to, l, r } = node as { from?: unknown; to?: unknown; l?: unknown; r?: unknown };
    if (from !== undefined || to !== undefined) {
      if ((typeof from !== 'string' && typeof from !== 'number') || from !== to) return false;
      out.push(from);
    }
    return walk(l) && walk(r);
  };
  return walk(set) ? out : null;
}
