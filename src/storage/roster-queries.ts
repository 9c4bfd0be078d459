/** Roster reads: ordered windows for the virtualised list and indexed prefix search. */
import { queryWords } from '../domain/vietnamese-text';
import type { AppDb, BeneficiaryRow } from './app-db';

export function countRoster(db: AppDb): Promise<number> {
  return db.beneficiaries.count();
}

/** A window of the roster in name order (given name first). */
export function rosterWindow(db: AppDb, offset: number, limit: number): Promise<BeneficiaryRow[]> {
  return db.beneficiaries.orderBy('sortKey').offset(offset).limit(limit).toArray();
}

export type RosterSearch = { rows: BeneficiaryRow[]; hasMore: boolean };

/**
 * Every query word must be a prefix of some token of the person ("ng v binh" finds
 * "Nguyễn Văn Bình"). The index is probed with the longest word, the most selective one,
 * and the scan stops after `limit + 1` matches: never the whole table per keystroke.
 */
export async function searchRoster(db: AppDb, query: string, limit = 200): Promise<RosterSearch> {
  const words = queryWords(query);
  const probe = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (!probe) return { rows: [], hasMore: false };
  const rest = words.filter((w) => w !== probe);
  const seen = new Set<string>();
  const rows = await db.beneficiaries
    .where('searchTokens')
    .startsWith(probe)
    .filter((row) => {
      // A multiEntry index yields a row once per matching token: keep the first.
      if (seen.has(row.id)) return false;
      seen.add(row.id);
      return rest.every((w) => row.searchTokens.some((t) => t.startsWith(w)));
    })
    .limit(limit + 1)
    .toArray();
  rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}
