/** Roster reads: ordered windows for the virtualised list, prefix search, ID lookup, and filters. */
import { compareVillages, matchesRosterFilters, sortRosterPeople, type RosterView } from '../domain/roster-filter';
import { queryWords } from '../domain/vietnamese-text';
import type { AppDb, BeneficiaryRow } from './app-db';
import { rosterIndexOf, type RosterIndex } from './roster-index';

export function countRoster(db: AppDb): Promise<number> {
  return db.beneficiaries.count();
}

/** A window of the roster in name order (given name first). */
export function rosterWindow(db: AppDb, offset: number, limit: number): Promise<BeneficiaryRow[]> {
  return db.beneficiaries.orderBy('sortKey').offset(offset).limit(limit).toArray();
}

export type RosterSearch = { rows: BeneficiaryRow[]; hasMore: boolean };

/** The longest query word probes the token index (the most selective); the others filter. */
function probeAndRest(query: string): { probe: string; rest: string[] } {
  const words = queryWords(query);
  const probe = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  return { probe, rest: words.filter((w) => w !== probe) };
}

/**
 * The roster index of this database, ready and current; null when none is attached (tests,
 * tools) or it cannot be built (the database was closed). A search made while it is being built
 * (the first seconds after start with a big roster; the roster page then shows "Đang chuẩn bị tìm
 * kiếm nhanh…") waits for it rather than reading IndexedDB: since schema version 3 there is no
 * token index there, and a scan of the table per keystroke would compete with the build for
 * IndexedDB and take as long as the build itself (see searchByScan).
 */
async function readyIndex(db: AppDb): Promise<RosterIndex | null> {
  const index = rosterIndexOf(db);
  if (!index) return null;
  // A rebuild may start again meanwhile (another tab's bulk change): a few rounds, then give up.
  for (let round = 0; round < 3; round++) {
    if (!index.isReady()) {
      try {
        await index.whenReady();
      } catch {
        return null;
      }
    }
    // Another tab's change being read in: answer after it, never before.
    await index.settled();
    if (index.isReady()) return index;
  }
  return null;
}

/**
 * The index's answer, asked again once if it declined (a new day: it rebuilds for readiness
 * first); null when no index can answer.
 */
async function askIndex<T>(db: AppDb, ask: (index: RosterIndex) => T | null): Promise<T | null> {
  for (let round = 0; round < 2; round++) {
    const index = await readyIndex(db);
    if (!index) return null;
    const answer = ask(index);
    if (answer !== null) return answer;
  }
  return null;
}

/**
 * Every query word must be a prefix of some token of the person ("ng v binh" finds
 * "Nguyễn Văn Bình"). The people kept are the first `limit + 1` found in token order (then id),
 * sorted by sortKey. The in-memory roster index answers (waiting for it if it is being built);
 * without one, a scan of the table gives the same answer.
 */
export async function searchRoster(
  db: AppDb,
  query: string,
  limit = 200,
  accept?: (row: BeneficiaryRow) => boolean,
): Promise<RosterSearch> {
  const { probe, rest } = probeAndRest(query);
  if (!probe) return { rows: [], hasMore: false };
  if (accept) {
    const candidates = await askIndex(db, (index) => index.searchCandidates(probe, rest));
    if (candidates) return acceptInOrder(db, candidates, limit, accept);
  } else {
    const found = await askIndex(db, (index) => index.search(probe, rest, limit));
    if (found) return { rows: await rowsOf(db, found.ids), hasMore: found.hasMore };
  }
  return searchByScan(db, probe, rest, limit, accept ?? (() => true));
}

async function rowsOf(db: AppDb, ids: readonly string[]): Promise<BeneficiaryRow[]> {
  return (await db.beneficiaries.bulkGet([...ids])).filter((row) => row !== undefined);
}

/** The opaque filter needs rows: read candidates in scan order until `limit + 1` pass. */
async function acceptInOrder(
  db: AppDb,
  candidates: readonly string[],
  limit: number,
  accept: (row: BeneficiaryRow) => boolean,
): Promise<RosterSearch> {
  const rows: BeneficiaryRow[] = [];
  let next = 0;
  while (rows.length <= limit && next < candidates.length) {
    const batch = candidates.slice(next, next + Math.max(limit + 1 - rows.length, 50));
    next += batch.length;
    for (const row of await rowsOf(db, batch)) if (rows.length <= limit && accept(row)) rows.push(row);
  }
  return sortedSearch(rows, limit);
}

function sortedSearch(rows: BeneficiaryRow[], limit: number): RosterSearch {
  rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}

const SCAN_CHUNK = 2000;

/** Reads every row of the table in primary-key chunks, in one read transaction (a snapshot). */
function scanRows(db: AppDb, visit: (rows: BeneficiaryRow[]) => void): Promise<void> {
  return db.transaction('r', db.beneficiaries, async () => {
    let chunk = await db.beneficiaries.limit(SCAN_CHUNK).toArray();
    while (chunk.length > 0) {
      visit(chunk);
      const last = chunk.at(-1)?.id ?? '';
      chunk =
        chunk.length < SCAN_CHUNK ? [] : await db.beneficiaries.where(':id').above(last).limit(SCAN_CHUNK).toArray();
    }
  });
}

const byTokenThenId = (a: { token: string; row: BeneficiaryRow }, b: { token: string; row: BeneficiaryRow }) =>
  compareKeys(a.token, b.token) || compareKeys(a.row.id, b.row.id);

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * searchRoster without an in-memory index (tests, tools, a failed build): one pass over the table.
 * It keeps the people the index keeps, in the same order (what a cursor over a multiEntry token
 * index met first): a person is met at their smallest token in the probe's range (Dexie's
 * startsWith: [probe, probe + U+FFFF]), so the order is (that token, id). Only the best
 * `limit + 1` are held at any time. A pass over every row, not bounded by the limit: a bounded
 * scan in name order would keep other people when more than `limit` match, and would not be
 * bounded either for a rare name (few matches: every row read).
 */
async function searchByScan(
  db: AppDb,
  probe: string,
  rest: readonly string[],
  limit: number,
  accept: (row: BeneficiaryRow) => boolean,
): Promise<RosterSearch> {
  const upper = probe + '\uffff';
  let kept: { token: string; row: BeneficiaryRow }[] = [];
  const trim = () => {
    kept.sort(byTokenThenId);
    kept = kept.slice(0, limit + 1);
  };
  await scanRows(db, (rows) => {
    for (const row of rows) {
      let first: string | null = null;
      for (const t of row.searchTokens) if (t >= probe && t <= upper && (first === null || t < first)) first = t;
      if (first === null) continue;
      if (rest.every((w) => row.searchTokens.some((t) => t.startsWith(w))) && accept(row)) {
        kept.push({ token: first, row });
      }
    }
    if (kept.length > 4 * (limit + 1)) trim();
  });
  trim();
  return sortedSearch(
    kept.map((k) => k.row),
    limit,
  );
}

/**
 * The people whose ID number (new or old) or phone is exactly one of `numbers` (the ID check:
 * find the person by a scanned card), in name order. ID numbers are search tokens: the in-memory
 * index finds them when it is ready; before that (the first seconds after start), one pass over
 * the table, which one scan of a card can afford.
 */
export async function findByIdNumbers(db: AppDb, numbers: readonly string[]): Promise<BeneficiaryRow[]> {
  const wanted = new Set(numbers.filter((n) => n.length > 0));
  if (wanted.size === 0) return [];
  const has = (row: BeneficiaryRow) => row.searchTokens.some((t) => wanted.has(t));
  const index = rosterIndexOf(db);
  let found: BeneficiaryRow[] | null = null;
  if (index?.isReady()) {
    await index.settled();
    // A prefix search per number: an exact token is among its candidates; the rows decide.
    const ids = new Set<string>();
    for (const n of wanted) for (const id of index.searchCandidates(n, []) ?? []) ids.add(id);
    if (index.isReady()) found = (await rowsOf(db, [...ids])).filter(has);
  }
  if (found === null) {
    const matched: BeneficiaryRow[] = [];
    await scanRows(db, (rows) => {
      for (const row of rows) if (has(row)) matched.push(row);
    });
    found = matched;
  }
  return found.sort((a, b) => compareKeys(a.sortKey, b.sortKey) || compareKeys(a.id, b.id));
}

export type RosterSearchKeys = { ids: string[]; hasMore: boolean };

/**
 * Ids of what searchRoster finds with the view's filters, in the view's order: what the roster
 * screen shows while searching (it reads only the rows on screen, by key).
 */
export async function searchRosterKeys(
  db: AppDb,
  query: string,
  view: RosterView,
  today: string,
  limit = 200,
): Promise<RosterSearchKeys> {
  const { probe, rest } = probeAndRest(query);
  if (!probe) return { ids: [], hasMore: false };
  const found = await askIndex(db, (index) => index.search(probe, rest, limit, view, today));
  if (found) return found;
  const accept = (row: BeneficiaryRow) => matchesRosterFilters(row, view.filters, today);
  const result = await searchByScan(db, probe, rest, limit, accept);
  return { ids: sortRosterPeople(result.rows, view.sort).map((row) => row.id), hasMore: result.hasMore };
}

/** The villages of the roster in Vietnamese order, read from the village index keys only. */
export async function rosterVillages(db: AppDb): Promise<string[]> {
  const villages = await db.beneficiaries.orderBy('village').uniqueKeys();
  return villages.map(String).sort(compareVillages);
}

/**
 * Ids of the people that pass the view's filters, in the view's order: the list the
 * virtualised roster reads windows of (`rosterRowsByKeys`) while filters or the village order
 * are on. The plain name order needs none of this (`rosterWindow` reads the sortKey index).
 *
 * Why a key list computed once per view and table change (not per keystroke, not per scroll):
 * category, payment method and readiness (which depends on today's date and several fields)
 * cannot be answered by an index, and an offset into a filtered scan would rescan from the
 * start for every window. Reading values is what costs: measured in Chromium on this project's
 * (slow, shared) test machine at 100,000 people, `getAll` of every row took 5–7 s, the keys of
 * one index 0.9 s, one village's rows 0.3 s. Hence three paths, cheapest first:
 * - a village filter: only that village's rows, through the village index (schema version 2);
 * - only a status filter and/or the village order: index keys only, no row is read;
 * - otherwise one pass over the table in primary-key chunks (`getAll` of 2,000 rows), keeping
 *   only ids, villages and sort keys, so 100,000 people never sit in memory at once.
 * One read transaction makes each pass a consistent snapshot even if a pull commits meanwhile.
 */
export async function filteredRosterKeys(db: AppDb, view: RosterView, today: string): Promise<string[]> {
  return (await currentIndex(db))?.filteredKeys(view, today) ?? filteredRosterKeysIndexedDb(db, view, today);
}

/**
 * The roster index if it is ready now (after any re-read for another tab), else null: for
 * queries that IndexedDB's own indexes answer well enough meanwhile.
 */
async function currentIndex(db: AppDb): Promise<RosterIndex | null> {
  const index = rosterIndexOf(db);
  if (!index?.isReady()) return null;
  await index.settled();
  return index.isReady() ? index : null;
}

/** filteredRosterKeys from IndexedDB (before the in-memory index is ready). */
function filteredRosterKeysIndexedDb(db: AppDb, view: RosterView, today: string): Promise<string[]> {
  const { filters } = view;
  const readsRows = filters.category !== null || filters.method !== null || filters.readiness !== null;
  return db.transaction('r', db.beneficiaries, async () => {
    if (filters.village === null && !readsRows) return keysFromIndexes(db, view);
    const kept: { id: string; village: string; sortKey: string }[] = [];
    const keep = (rows: BeneficiaryRow[]) => {
      for (const row of rows) {
        if (matchesRosterFilters(row, filters, today))
          kept.push({ id: row.id, village: row.village, sortKey: row.sortKey });
      }
    };
    if (filters.village !== null) {
      keep(await db.beneficiaries.where('village').equals(filters.village).toArray());
    } else {
      await scanRows(db, keep);
    }
    return sortRosterPeople(kept, view.sort).map((p) => p.id);
  });
}

/** Status filter and village order from index keys alone (`getAllKeys`), without reading rows. */
async function keysFromIndexes(db: AppDb, view: RosterView): Promise<string[]> {
  const byName = await db.beneficiaries.orderBy('sortKey').primaryKeys();
  const { status } = view.filters;
  const allowed = status === null ? null : new Set(await db.beneficiaries.where('status').equals(status).primaryKeys());
  const ids = allowed ? byName.filter((id) => allowed.has(id)) : byName;
  if (view.sort === 'name') return ids;
  const villages = await rosterVillages(db);
  const rank = new Map<string, number>();
  for (const [i, village] of villages.entries()) {
    for (const id of await db.beneficiaries.where('village').equals(village).primaryKeys()) rank.set(id, i);
  }
  // Array sort is stable: within a village the name order of `byName` stays.
  return ids.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
}

/** The rows of a window of a key list; a row deleted since the list was made is `undefined`. */
export function rosterRowsByKeys(db: AppDb, ids: readonly string[]): Promise<(BeneficiaryRow | undefined)[]> {
  return db.beneficiaries.bulkGet([...ids]);
}
