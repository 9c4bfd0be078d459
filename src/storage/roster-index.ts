/**
 * The in-memory roster index: per person only what search, filters, orders and the list's lines
 * read, packed (roster-index-segment.ts), built in the background from the roster pages and the
 * edited records (roster-pages.ts) after start and kept exactly current by the committed-change
 * feed (beneficiary-changes.ts) and, for other tabs, Dexie's `storagemutated` event. It is also
 * the directory of which page holds each person's latest page copy. Until it is ready,
 * roster-queries.ts waits for it (or, where none is attached, reads the pages).
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import type { RosterView } from '../domain/roster-filter';
import type { AppDb, BeneficiaryRow } from './app-db';
import type { BeneficiaryChange } from './beneficiary-changes';
import type { RosterIndex, RosterIndexOptions } from './roster-index-types';
import { singleKeys } from './roster-index-types';
import { hitOf, listRow, liveCount, liveVillages, nameOrder } from './roster-index-list';
import { openRosterPage, readRosterSnapshot, setPageDirectoryProvider } from './roster-pages';
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

const COMPACT_MIN = 4096;
/** Another tab's change to more rows than this is taken in by a rebuild rather than a re-read. */
const REFRESH_MAX = 2000;

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export type { RosterIndex, RosterIndexOptions } from './roster-index-types';

export function createRosterIndex(db: AppDb, options: RosterIndexOptions): RosterIndex {
  const yieldToUi = options.yieldToUi ?? defaultYield;
  const codes = createFieldCodes();
  const listeners = new Set<() => void>();
  let state: IndexState = createState(buildSegment([]));
  let ready = false;
  let closed = false;
  let day = options.today();
  let version = 0;
  let buildNo = 0;
  /** Latest page of each person's page copy, and the ids that have an edited record. */
  let pageOf = new Map<string, number>();
  let edited = new Set<string>();
  /** While building: the changes committed since the build began, replayed once it is done. */
  let duringBuild: (readonly BeneficiaryChange[])[] | null = null;
  let readyWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let refreshing: Promise<void> = Promise.resolve();
  /** Ids changed locally while another tab's change is re-read: the local state is newer. */
  let touchedDuringRefresh: Set<string> | null = null;
  const ownParts = new WeakSet<object>();
  let compactScheduled = false;
  let byName: string[] | null = null;

  const notify = () => {
    version++;
    byName = null;
    for (const l of [...listeners]) l();
  };

  const personOf = (row: BeneficiaryRow) => toIndexedPerson(row, codes, day);

  function setPerson(id: string, person: IndexedPerson | null): void {
    touchedDuringRefresh?.add(id);
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

  /** A page's rows are the newest page copies; they show unless the person has an edited record. */
  function takePage(no: number, rows: readonly BeneficiaryRow[], deleted: readonly string[]): void {
    for (const row of rows) {
      pageOf.set(row.id, no);
      if (!edited.has(row.id)) setPerson(row.id, personOf(row));
    }
    for (const id of deleted) {
      pageOf.delete(id);
      if (!edited.has(id)) setPerson(id, null);
    }
  }

  /** Applies committed changes; false when they need a rebuild (which it started). */
  function applyChanges(changes: readonly BeneficiaryChange[]): boolean {
    // Page copies written by this commit: an edited record removed in it falls back to them.
    const copies = new Map<string, BeneficiaryRow | null>();
    const reread: string[] = [];
    for (const change of changes) {
      switch (change.kind) {
        case 'page':
          takePage(change.no, change.page.rows, change.page.deleted);
          for (const row of change.page.rows) copies.set(row.id, row);
          for (const id of change.page.deleted) copies.set(id, null);
          break;
        case 'put':
          for (const row of change.rows) {
            edited.add(row.id);
            setPerson(row.id, personOf(row));
          }
          break;
        case 'delete':
          for (const id of change.ids) {
            edited.delete(id);
            const copy = copies.get(id);
            if (copy !== undefined) setPerson(id, copy && personOf(copy));
            else if (pageOf.has(id)) reread.push(id);
            else setPerson(id, null);
          }
          break;
        case 'clear':
        case 'unknown':
          startBuild();
          return false;
      }
    }
    if (reread.length > 0) refresh(reread);
    return true;
  }

  function onChanges(changes: readonly BeneficiaryChange[]): void {
    if (duringBuild) {
      duringBuild.push(changes);
      return;
    }
    if (!applyChanges(changes)) return;
    if (ready) maybeCompact();
    notify();
  }

  const onCommit = (changes: readonly BeneficiaryChange[], parts: unknown) => {
    if (closed) return;
    if (typeof parts === 'object' && parts !== null) ownParts.add(parts);
    onChanges(changes);
  };

  function startBuild(): void {
    if (closed) return;
    const no = ++buildNo;
    ready = false;
    duringBuild = [];
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
    // One read transaction: a consistent snapshot; what commits later is queued in duringBuild
    // (a change committed before the snapshot and queued too is applied again: no harm).
    const { records, edited: editedRows } = await readRosterSnapshot(db);
    if (no !== buildNo || closed) return;
    records.sort((a, b) => a.no - b.no);
    const people = new Map<string, IndexedPerson>();
    const pages = new Map<string, number>();
    for (const record of records) {
      const page = await openRosterPage(db, record);
      for (const row of page.rows) {
        people.set(row.id, personOf(row));
        pages.set(row.id, record.no);
      }
      for (const id of page.deleted) {
        people.delete(id);
        pages.delete(id);
      }
      await yieldToUi();
      if (no !== buildNo || closed) return;
    }
    for (const row of editedRows) people.set(row.id, personOf(row));
    state = createState(buildSegment([...people.values()]));
    pageOf = pages;
    edited = new Set(editedRows.map((row) => row.id));
    const queued = duringBuild ?? [];
    duringBuild = null;
    for (const changes of queued) if (!applyChanges(changes)) return;
    ready = true;
    notify();
    for (const w of readyWaiters) w.resolve();
    readyWaiters = [];
  }

  /** Reads the current rows of these people (edited record, else latest page copy). */
  async function readCurrent(ids: readonly string[]) {
    const editedRows = await db.beneficiaries.bulkGet([...ids]);
    const nos = [...new Set(ids.flatMap((id, i) => (editedRows[i] ? [] : (pageOf.get(id) ?? []))))];
    const records = await db.rosterPages.bulkGet(nos);
    const copies = new Map<string, BeneficiaryRow>();
    for (const record of records)
      if (record)
        for (const row of (await openRosterPage(db, record)).rows)
          if (pageOf.get(row.id) === record.no) copies.set(row.id, row);
    return ids.map((id, i) => ({ id, edited: editedRows[i], copy: copies.get(id) }));
  }

  /** Another tab (or a removed edited record) changed these ids: read them again. */
  function refresh(ids: string[]): void {
    if (duringBuild) {
      startBuild();
      return;
    }
    touchedDuringRefresh ??= new Set();
    const touched = touchedDuringRefresh;
    refreshing = refreshing
      .then(() => readCurrent(ids))
      .then(
        (current) => {
          if (closed || duringBuild) return;
          for (const { id, edited: row, copy } of current) {
            if (touched.has(id)) continue;
            if (row) edited.add(id);
            else edited.delete(id);
            const now = row ?? copy;
            setPerson(id, now ? personOf(now) : null);
          }
          notify();
        },
        () => startBuild(),
      )
      .finally(() => {
        if (touchedDuringRefresh === touched) touchedDuringRefresh = null;
      });
  }

  /** Another tab wrote these pages: take them in, in order (a missing one was removed: rebuild). */
  function refreshPages(nos: number[]): void {
    refreshing = refreshing
      .then(async () => {
        const records = await db.rosterPages.bulkGet(nos.sort((a, b) => a - b));
        return Promise.all(
          records.map(async (r): Promise<BeneficiaryChange> =>
            r ? { kind: 'page', no: r.no, page: await openRosterPage(db, r) } : { kind: 'unknown' },
          ),
        );
      })
      .then(
        (changes) => {
          if (closed) return;
          onChanges(changes);
        },
        () => startBuild(),
      );
  }

  const editedPart = `idb://${db.name}/beneficiaries/`;
  const pagesPart = `idb://${db.name}/rosterPages/`;
  const onStorageMutated = (parts: ObservabilitySet) => {
    if (closed || ownParts.has(parts)) return;
    if ('all' in parts) return startBuild();
    const pageKeys = parts[pagesPart];
    const keys = parts[editedPart];
    if (!keys && !pageKeys) return;
    const nos = pageKeys ? singleKeys(pageKeys) : [];
    const ids = keys ? singleKeys(keys) : [];
    if (ids === null || nos === null || ids.length > REFRESH_MAX || nos.some((n) => typeof n !== 'number'))
      return startBuild();
    if (nos.length > 0) refreshPages(nos as number[]);
    if (ids.length > 0) refresh(ids.map(String));
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
    count: () => (ready ? liveCount(state) : null),
    window: (offset, limit) => {
      if (!ready) return null;
      byName ??= nameOrder(state, codes);
      return byName.slice(offset, offset + limit).map((id) => listRow(state, codes, hitOf(state, id) as Hit));
    },
    listRows: (ids) => {
      if (!ready) return null;
      return ids.map((id) => {
        const hit = hitOf(state, id);
        return hit ? listRow(state, codes, hit) : undefined;
      });
    },
    villages: () => (ready ? liveVillages(state, codes) : null),
    pageOf: (id) => pageOf.get(id),
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

/** One index per database, created by attachRosterIndex; none where none was attached (tests, tools). */
const indexes = new WeakMap<AppDb, RosterIndex>();

export function attachRosterIndex(db: AppDb, options: RosterIndexOptions): RosterIndex {
  indexes.get(db)?.close();
  const index = createRosterIndex(db, options);
  indexes.set(db, index);
  return index;
}

/** Closes and forgets the database's index (the device locks: no names stay in memory). */
export function detachRosterIndex(db: AppDb): void {
  indexes.get(db)?.close();
  indexes.delete(db);
}

export function rosterIndexOf(db: AppDb): RosterIndex | undefined {
  return indexes.get(db);
}

// The attached index, once ready, tells readPeople which page to read.
setPageDirectoryProvider((db) => {
  const index = indexes.get(db);
  return index?.isReady() ? index.pageOf : undefined;
});
