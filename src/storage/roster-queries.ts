/** Roster reads: ordered windows for the virtualised list, prefix search, ID lookup, and filters. */
import { readRosterHead, type RosterHead } from './roster-head';
import { compareVillages, matchesRosterFilters, sortRosterPeople, type RosterView } from '../domain/roster-filter';
import { queryWords } from '../domain/vietnamese-text';
import type { AppDb, BeneficiaryRow } from './app-db';
import { rosterIndexOf, type RosterIndex } from './roster-index';
import type { RosterListRow } from './roster-index-list';
import { loadRoster, readPeople } from './roster-pages';

export type { RosterListRow } from './roster-index-list';

/**
 * Every query here is answered by the in-memory roster index (waiting for it while it builds);
 * where none is attached (tests, tools) or it cannot be built, from every row of the pages and
 * edited records (roster-pages.ts `loadRoster`), with the same answers.
 */
export async function countRoster(db: AppDb): Promise<number> {
  const head = await headWhileBuilding(db);
  if (head) return head.count;
  return (await askIndex(db, (index) => index.count())) ?? (await loadRoster(db)).size;
}

/** The kept head of the roster, while the index is still being built (roster-head.ts). */
async function headWhileBuilding(db: AppDb): Promise<RosterHead | undefined> {
  const index = rosterIndexOf(db);
  return index && !index.isReady() ? readRosterHead(db) : undefined;
}

const byNameThenId = (a: BeneficiaryRow, b: BeneficiaryRow) =>
  compareKeys(a.sortKey, b.sortKey) || compareKeys(a.id, b.id);

/** A window of the roster in name order (given name first). */
export async function rosterWindow(db: AppDb, offset: number, limit: number): Promise<RosterListRow[]> {
  const head = await headWhileBuilding(db);
  if (head && offset + limit <= head.rows.length) return head.rows.slice(offset, offset + limit);
  const answer = await askIndex(db, (index) => index.window(offset, limit));
  if (answer) return answer;
  return [...(await loadRoster(db)).values()].sort(byNameThenId).slice(offset, offset + limit);
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
  return (await readPeople(db, ids)).filter((row) => row !== undefined);
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

/** Every row of the roster, from one consistent snapshot (the path without an index). */
async function scanRows(db: AppDb, visit: (rows: BeneficiaryRow[]) => void): Promise<void> {
  visit([...(await loadRoster(db)).values()]);
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

/** The villages of the roster in Vietnamese order. */
export async function rosterVillages(db: AppDb): Promise<string[]> {
  const answer = await askIndex(db, (index) => index.villages());
  if (answer) return answer;
  const villages = new Set([...(await loadRoster(db)).values()].map((row) => row.village));
  return [...villages].sort((a, b) => compareVillages(a, b) || compareKeys(a, b));
}

/**
 * Ids of the people that pass the view's filters, in the view's order: the list the
 * virtualised roster reads windows of (`rosterRowsByKeys`) while filters or the village order
 * are on; computed once per view and roster change, not per scroll.
 */
export async function filteredRosterKeys(db: AppDb, view: RosterView, today: string): Promise<string[]> {
  const answer = await askIndex(db, (index) => index.filteredKeys(view, today));
  if (answer) return answer;
  const kept = [...(await loadRoster(db)).values()]
    .filter((row) => matchesRosterFilters(row, view.filters, today))
    .sort(byNameThenId);
  return sortRosterPeople(kept, view.sort).map((p) => p.id);
}

/** The list's lines of a window of a key list; one deleted since the list was made is `undefined`. */
export async function rosterRowsByKeys(db: AppDb, ids: readonly string[]): Promise<(RosterListRow | undefined)[]> {
  return (await askIndex(db, (index) => index.listRows(ids))) ?? readPeople(db, ids);
}
