/**
 * The in-memory roster index: per person only what search, filters and orders read, packed
 * (roster-index-segment.ts), built in the background from IndexedDB after start and kept exactly
 * current by the committed-change feed (beneficiary-changes.ts) and, for other tabs, Dexie's
 * `storagemutated` event. Until it is ready, roster-queries.ts answers from IndexedDB.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import type { RosterView } from '../domain/roster-filter';
import type { AppDb, BeneficiaryRow } from './app-db';
import type { BeneficiaryChange } from './beneficiary-changes';
import { createFieldCodes, toCodeFilter, toIndexedPerson, type IndexedPerson } from './roster-index-person';
import {
  byVillage,
  createState,
  filteredIds,
  hitId,
  hitPasses,
  hitSortKey,
  hitVillage,
  scanPrefix,
  villageRanks,
  type Hit,
  type IndexState,
} from './roster-index-scan';
import { buildSegment, compareStrings, rowOfId, segmentBytes, segmentPerson } from './roster-index-segment';

export type RosterIndexOptions = {
  /** Today in Vietnam (`YYYY-MM-DD`): the readiness class depends on it. */
  today: () => string;
  /** Rows read per IndexedDB request while building. */
  chunkSize?: number;
  /** Lets the UI run between chunks. */
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
  /** Estimated heap bytes of the index. */
  memoryBytes: () => number;
  /** Stops following changes. */
  close: () => void;
};

const COMPACT_MIN = 4096;
/** Another tab's change to more rows than this is taken in by a rebuild rather than a re-read. */
const REFRESH_MAX = 2000;

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createRosterIndex(db: AppDb, options: RosterIndexOptions): RosterIndex {
  const chunkSize = options.chunkSize ?? 2000;
  const yieldToUi = options.yieldToUi ?? defaultYield;
  const codes = createFieldCodes();
  const listeners = new Set<() => void>();
  let state: IndexState = createState(buildSegment([]));
  let ready = false;
  let closed = false;
  let day = options.today();
  let version = 0;
  let buildNo = 0;
  /** While building: the latest committed state of every id changed since the build began. */
  let duringBuild: Map<string, IndexedPerson | null> | null = null;
  let readyWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let refreshing: Promise<void> = Promise.resolve();
  /** Ids changed locally while another tab's change is re-read: the local state is newer. */
  let touchedDuringRefresh: Set<string> | null = null;
  const ownParts = new WeakSet<object>();
  let compactScheduled = false;

  const notify = () => {
    version++;
    for (const l of [...listeners]) l();
  };

  function setPerson(id: string, person: IndexedPerson | null): void {
    touchedDuringRefresh?.add(id);
    if (duringBuild) {
      duringBuild.set(id, person);
      return;
    }
    const r = rowOfId(state.base, id);
    if (r >= 0) state.base.dead[r] = 1;
    if (person) state.delta.set(id, person);
    else state.delta.delete(id);
    state.deltaPairs = null;
    state.deltaByName = null;
  }

  function compact(): void {
    compactScheduled = false;
    if (!ready || closed) return;
    const people: IndexedPerson[] = [...state.delta.values()];
    const seg = state.base;
    for (let r = 0; r < seg.ids.length; r++) if (!seg.dead[r]) people.push(segmentPerson(seg, r));
    state = createState(buildSegment(people));
  }

  function maybeCompact(): void {
    // Compacting costs a build; a geometric threshold keeps a bulk pull at a few builds in all.
    if (compactScheduled || state.delta.size < Math.max(COMPACT_MIN, state.base.ids.length / 2)) return;
    compactScheduled = true;
    setTimeout(compact, 0);
  }

  function applyChanges(changes: readonly BeneficiaryChange[]): void {
    for (const change of changes) {
      switch (change.kind) {
        case 'put':
          for (const row of change.rows) setPerson(row.id, toIndexedPerson(row, codes, day));
          break;
        case 'delete':
          for (const id of change.ids) setPerson(id, null);
          break;
        case 'clear':
          if (duringBuild) {
            startBuild();
            return;
          }
          state = createState(buildSegment([]));
          break;
        case 'unknown':
          startBuild();
          return;
      }
    }
    if (ready) maybeCompact();
    notify();
  }

  const onCommit = (changes: readonly BeneficiaryChange[], parts: unknown) => {
    if (closed) return;
    if (typeof parts === 'object' && parts !== null) ownParts.add(parts);
    applyChanges(changes);
  };

  function startBuild(): void {
    if (closed) return;
    const no = ++buildNo;
    ready = false;
    duringBuild = new Map();
    day = options.today();
    notify();
    build(no).catch((error: unknown) => {
      if (no !== buildNo) return;
      duringBuild = null;
      for (const w of readyWaiters) w.reject(error);
      readyWaiters = [];
    });
  }

  async function build(no: number): Promise<void> {
    const people: IndexedPerson[] = [];
    let last: string | null = null;
    for (;;) {
      const rows: BeneficiaryRow[] = await (
        last === null ? db.beneficiaries.limit(chunkSize) : db.beneficiaries.where(':id').above(last).limit(chunkSize)
      ).toArray();
      if (no !== buildNo || closed) return;
      for (const row of rows) people.push(toIndexedPerson(row, codes, day));
      if (rows.length < chunkSize) break;
      last = rows.at(-1)?.id ?? null;
      await yieldToUi();
      if (no !== buildNo || closed) return;
    }
    state = createState(buildSegment(people));
    const pending = duringBuild ?? new Map<string, IndexedPerson | null>();
    duringBuild = null;
    for (const [id, person] of pending) setPerson(id, person);
    ready = true;
    notify();
    for (const w of readyWaiters) w.resolve();
    readyWaiters = [];
  }

  /** Another tab (or another connection here) changed these ids: read them again. */
  function refresh(ids: string[]): void {
    if (duringBuild) {
      startBuild();
      return;
    }
    touchedDuringRefresh ??= new Set();
    const touched = touchedDuringRefresh;
    refreshing = refreshing
      .then(() => db.beneficiaries.bulkGet(ids))
      .then(
        (rows) => {
          if (closed || duringBuild) return;
          for (const [i, id] of ids.entries()) {
            if (touched.has(id)) continue;
            const row = rows[i];
            setPerson(id, row ? toIndexedPerson(row, codes, day) : null);
          }
          notify();
        },
        () => startBuild(),
      )
      .finally(() => {
        if (touchedDuringRefresh === touched) touchedDuringRefresh = null;
      });
  }

  const tablePart = `idb://${db.name}/beneficiaries/`;
  const onStorageMutated = (parts: ObservabilitySet) => {
    if (closed || ownParts.has(parts)) return;
    if ('all' in parts) return startBuild();
    const keys = parts[tablePart];
    if (!keys) return;
    const ids = singleKeys(keys);
    if (ids === null || ids.length > REFRESH_MAX) startBuild();
    else if (ids.length > 0) refresh(ids);
  };

  db.beneficiaryCommitListeners.add(onCommit);
  Dexie.on('storagemutated', onStorageMutated);
  startBuild();

  function canAnswer(view: RosterView | undefined, today: string | undefined): boolean {
    if (!ready) return false;
    if (view?.filters.readiness != null && today !== day) {
      // A new day: readiness may have changed for anyone. Answer from IndexedDB meanwhile.
      if (!duringBuild) startBuild();
      return false;
    }
    return true;
  }

  return {
    isReady: () => ready,
    whenReady: () =>
      ready
        ? Promise.resolve()
        : closed
          ? Promise.reject(new Error('roster index closed'))
          : new Promise<void>((resolve, reject) => readyWaiters.push({ resolve, reject })),
    settled: () => refreshing,
    version: () => version,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    searchCandidates: (probe, rest) => {
      if (!ready) return null;
      const out: string[] = [];
      scanPrefix(state, probe, rest, (hit) => out.push(hitId(state, hit)) > 0);
      return out;
    },
    search: (probe, rest, limit, view, today) => {
      if (!canAnswer(view, today)) return null;
      const f = view ? toCodeFilter(view.filters, codes) : null;
      if (view && !f) return { ids: [], hasMore: false };
      const hits: Hit[] = [];
      scanPrefix(state, probe, rest, (hit) => {
        if (f === null || hitPasses(state, hit, f)) hits.push(hit);
        return hits.length <= limit;
      });
      // Array sort is stable: equal sort keys keep the scan order, as on the IndexedDB path.
      hits.sort((a, b) => compareStrings(hitSortKey(state, a), hitSortKey(state, b)));
      const kept = hits.slice(0, limit);
      const ordered =
        view?.sort === 'village' ? byVillage(kept, (h) => hitVillage(state, h), villageRanks(codes.village)) : kept;
      return { ids: ordered.map((h) => hitId(state, h)), hasMore: hits.length > limit };
    },
    filteredKeys: (view, today) => {
      if (!canAnswer(view, today)) return null;
      const f = toCodeFilter(view.filters, codes);
      return f ? filteredIds(state, f, view.sort, codes.village) : [];
    },
    memoryBytes: () => {
      const changed = [...state.delta.values()].reduce((sum, p) => sum + 120 + p.tokens.length * 40, 0);
      return segmentBytes(state.base) + state.seen.byteLength + changed;
    },
    close: () => {
      closed = true;
      buildNo++;
      for (const w of readyWaiters) w.reject(new Error('roster index closed'));
      readyWaiters = [];
      db.beneficiaryCommitListeners.delete(onCommit);
      Dexie.on('storagemutated').unsubscribe(onStorageMutated);
    },
  };
}

/** The single keys of a Dexie RangeSet (a tree of `from`/`to` nodes), or null if it holds a range. */
function singleKeys(set: unknown): string[] | null {
  const out: string[] = [];
  const walk = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null) return true;
    const { from, to, l, r } = node as { from?: unknown; to?: unknown; l?: unknown; r?: unknown };
    if (from !== undefined || to !== undefined) {
      if (typeof from !== 'string' || from !== to) return false;
      out.push(from);
    }
    return walk(l) && walk(r);
  };
  return walk(set) ? out : null;
}

/** One index per database, created by attachRosterIndex; none where none was attached (tests, tools). */
const indexes = new WeakMap<AppDb, RosterIndex>();

export function attachRosterIndex(db: AppDb, options: RosterIndexOptions): RosterIndex {
  indexes.get(db)?.close();
  const index = createRosterIndex(db, options);
  indexes.set(db, index);
  return index;
}

export function rosterIndexOf(db: AppDb): RosterIndex | undefined {
  return indexes.get(db);
}
