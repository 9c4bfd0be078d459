/** Pulls the user's scope page by page into the local database, resumable after any interruption. */
import type { AppDb } from '../storage/app-db';
import { applyPullPage } from '../storage/apply-pull-page';
import { foldRosterPages } from '../storage/roster-pages';
import { getKv, setKv } from '../storage/kv';
import type { Transport } from './transport';

export type PullProgress = {
  /** Records applied in this run plus those applied before an interruption. */
  done: number;
  /** Best estimate of the total: done plus what the server says remains. */
  total: number;
};

export type PullAllOptions = {
  db: AppDb;
  transport: Transport;
  token: string;
  pageSize?: number;
  now: () => number;
  onProgress?: (p: PullProgress) => void;
  signal?: AbortSignal;
};

/**
 * Starts from the stored cursor (none on a fresh device), applies each page with its
 * cursor in one transaction, and stops when the server has nothing more. An interrupted
 * run resumes where the last committed page ended.
 */
export async function pullAll(options: PullAllOptions): Promise<{ pages: number; applied: number }> {
  const { db, transport, token, onProgress, signal } = options;
  const pageSize = options.pageSize ?? 2000;
  let cursor = (await getKv<string>(db, 'pullCursor')) ?? null;
  let done = cursor ? ((await getKv<number>(db, 'pullApplied')) ?? 0) : 0;
  let pages = 0;
  let applied = 0;
  for (;;) {
    signal?.throwIfAborted();
    const page = await transport.pull(token, cursor, pageSize);
    if (page.leaseDays !== undefined) await setKv(db, 'leaseDays', page.leaseDays);
    const result = await applyPullPage(db, page.changes, page.cursor, done + page.changes.length);
    cursor = page.cursor;
    pages++;
    applied += result.applied;
    done += page.changes.length;
    onProgress?.({ done, total: done + (page.remaining ?? 0) });
    if (!page.hasMore) break;
  }
  await setKv(db, 'lastSyncAt', options.now());
  await foldNowAndThen(db);
  return { pages, applied };
}

/** Small pages an incremental pull may append before the roster is folded (roster-pages.ts). */
export const FOLD_AFTER_PAGES = 8;

/**
 * A pull that changes people appends a page; after `FOLD_AFTER_PAGES` of them since the last fold,
 * the pages are rewritten without outdated copies. Counting pages is cheap; folding reads them all,
 * so it runs only then. A fold that cannot happen now (another write meanwhile) waits for the next pull.
 */
async function foldNowAndThen(db: AppDb): Promise<void> {
  const pages = await db.rosterPages.count();
  const base = await getKv<number>(db, 'rosterFoldBase');
  if (base === undefined || pages < base) {
    await setKv(db, 'rosterFoldBase', pages);
    return;
  }
  if (pages <= base + FOLD_AFTER_PAGES) return;
  await foldRosterPages(db);
  await setKv(db, 'rosterFoldBase', await db.rosterPages.count());
}
