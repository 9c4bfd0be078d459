/**
 * The roster stored for bulk loading: pulled people are written as pages of up to
 * `ROSTER_PAGE_SIZE` rows, one IndexedDB record per page (`rosterPages`), appended as pull pages
 * arrive. A later pull that changes or deletes someone appends a newer page: the copy in the
 * highest-numbered page holding a person wins, a tombstone (`deleted`) removes them, and
 * `foldRosterPages` rewrites the pages without superseded copies once they pile up.
 *
 * Where the device edits (an op not answered yet, or answered but not pulled back), the person's
 * current row is a record of its own in `beneficiaries` (the "edited record"), which wins over
 * every page. Reads of one person go through `readPerson` / `readPeople`.
 *
 * `sealRosterPage` / `openRosterPage` are the only functions that see a page's stored form: the
 * unit a later change encrypts at rest (issue 13).
 */
import Dexie from 'dexie';
import type { AppDb, BeneficiaryRow, RosterPageRecord } from './app-db';
import { DeviceLockedError } from './keyring';
import { openBytes, sealBytes } from './vault-keys';

/** People per page, as the bench's packed floor measured (tests/bench/page/floor.ts). */
export const ROSTER_PAGE_SIZE = 2000;

/** A page's content: full rows (with their search tokens and sort key) and removed ids. */
export type RosterPage = { rows: BeneficiaryRow[]; deleted: string[] };

/** A page sealed and not yet given its number (written by `appendSealedPages`). */
export type SealedPage = { size: number; data: string | Uint8Array<ArrayBuffer>; stamp: string; page: RosterPage };

/** The pages a writer just sealed, so the change feed need not open what it was handed. */
const opened = new WeakMap<RosterPageRecord, RosterPage>();

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const newStamp = () => crypto.randomUUID();
/** What a sealed page is bound to (additional data): one sealing, not another page's bytes. */
const pageContext = (stamp: string) => `rosterPages\n${stamp}`;

/** A page as stored on a device without a vault (the schema upgrade, before any PIN). */
export function plainRosterPage(no: number, page: RosterPage): RosterPageRecord {
  const record: RosterPageRecord = { no, size: page.rows.length, data: JSON.stringify(page), stamp: newStamp() };
  opened.set(record, page);
  return record;
}

/**
 * A page sealed with the device's data key (WebCrypto AES-GCM: pages are large, and sealed before
 * the transaction that writes them), or as JSON text while the device has no vault yet. The one
 * place a page's bytes are written.
 */
export async function sealRosterPage(db: AppDb, page: RosterPage): Promise<SealedPage> {
  const key = db.keyring.cryptoKeyForWrite();
  const text = JSON.stringify(page);
  const stamp = newStamp();
  const data = key ? await sealBytes(key, encoder.encode(text), pageContext(stamp)) : text;
  return { size: page.rows.length, data, stamp, page };
}

/** Recently read pages, by number and sealing, so a live query re-run opens nothing. */
const recent = new Map<number, { stamp: string; page: RosterPage }>();
const RECENT_MAX = 8;

/** Forgets every opened page (the device locks: nothing readable stays in memory). */
export function forgetOpenedPages(): void {
  recent.clear();
}

/** Pages read, still sealed, while the device waits for its PIN (`prefetchSealedPages`). */
const prefetched = new WeakMap<AppDb, Promise<RosterPageRecord[]>>();

/**
 * Reads the stored pages while the lock screen waits for the PIN: they stay sealed, and the
 * roster index built after the unlock starts from them instead of reading them again
 * (roster-index.ts checks the page numbers are still the same: pages are only ever appended
 * under new numbers or removed).
 */
export function prefetchSealedPages(db: AppDb): void {
  const read = db.rosterPages.toArray();
  read.catch(() => prefetched.delete(db));
  prefetched.set(db, read);
}

/**
 * The stored pages (sealed) and the edited records as one consistent snapshot, for building the
 * roster index. Pages prefetched while the lock screen waited are used when the page numbers are
 * still the same: a page is never rewritten under its number.
 */
export async function readRosterSnapshot(
  db: AppDb,
): Promise<{ records: RosterPageRecord[]; edited: BeneficiaryRow[] }> {
  const early = takePrefetchedPages(db);
  const [keys, edited, fresh] = await db.transaction('r', [db.rosterPages, db.beneficiaries], () =>
    Promise.all([
      db.rosterPages.toCollection().primaryKeys(),
      db.beneficiaries.toArray(),
      early ? null : db.rosterPages.toArray(),
    ]),
  );
  const records = fresh ?? (await early?.catch(() => null)) ?? null;
  if (records && records.length === keys.length && records.every((r, i) => r.no === keys[i]))
    return { records, edited };
  return db.transaction('r', [db.rosterPages, db.beneficiaries], async () => {
    const [pages, rows] = await Promise.all([db.rosterPages.toArray(), db.beneficiaries.toArray()]);
    return { records: pages, edited: rows };
  });
}

/** The prefetched pages, once (undefined when none were read). */
export function takePrefetchedPages(db: AppDb): Promise<RosterPageRecord[]> | undefined {
  const read = prefetched.get(db);
  prefetched.delete(db);
  return read;
}

/** A page's content when this tab already holds it opened (no decryption), else undefined. */
export function openedRosterPage(record: RosterPageRecord): RosterPage | undefined {
  const known = opened.get(record);
  if (known) return known;
  const cached = recent.get(record.no);
  return cached && cached.stamp === record.stamp ? cached.page : undefined;
}

/** A stored page's content. The one place a page's bytes are read. Throws while locked. */
export async function openRosterPage(db: AppDb, record: RosterPageRecord): Promise<RosterPage> {
  const known = openedRosterPage(record);
  if (known) return known;
  let text: string;
  if (typeof record.data === 'string') text = record.data;
  else {
    const plain = await openBytes(
      db.keyring.cryptoKey(),
      record.data as Uint8Array<ArrayBuffer>,
      pageContext(record.stamp),
    );
    if (!plain.ok) throw new DeviceLockedError();
    text = decoder.decode(plain.value);
  }
  const page = JSON.parse(text) as RosterPage;
  recent.delete(record.no);
  recent.set(record.no, { stamp: record.stamp, page });
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as number);
  return page;
}

/** The next free page number (inside the caller's transaction). */
async function nextPageNo(db: AppDb): Promise<number> {
  const last = await db.rosterPages.toCollection().lastKey();
  return typeof last === 'number' ? last + 1 : 1;
}

/** Seals pulled rows and removals as pages, before the transaction that appends them. */
export async function sealPagesOf(
  db: AppDb,
  rows: readonly BeneficiaryRow[],
  deleted: readonly string[],
): Promise<SealedPage[]> {
  if (rows.length === 0 && deleted.length === 0) return [];
  const pages: RosterPage[] = [];
  for (let i = 0; i === 0 || i < rows.length; i += ROSTER_PAGE_SIZE) {
    const last = i + ROSTER_PAGE_SIZE >= rows.length;
    pages.push({ rows: rows.slice(i, i + ROSTER_PAGE_SIZE), deleted: last ? [...deleted] : [] });
  }
  return Promise.all(pages.map((page) => sealRosterPage(db, page)));
}

/** Appends sealed pages with the next numbers (call inside a transaction holding rosterPages). */
export async function appendSealedPages(db: AppDb, sealed: readonly SealedPage[]): Promise<void> {
  if (sealed.length === 0) return;
  let no = await nextPageNo(db);
  const records = sealed.map(({ page, ...stored }) => {
    const record: RosterPageRecord = { no: no++, ...stored };
    opened.set(record, page);
    return record;
  });
  await db.rosterPages.bulkAdd(records);
}

/** Seals rows and removals as pages and appends them in a transaction of their own. */
export async function appendRosterPages(
  db: AppDb,
  rows: readonly BeneficiaryRow[],
  deleted: readonly string[],
): Promise<void> {
  const sealed = await sealPagesOf(db, rows, deleted);
  await db.transaction('rw', db.rosterPages, () => appendSealedPages(db, sealed));
}

/** Every person the pages hold, latest copy each, with the page it is in (edited records not applied). */
export type PagedRoster = { rows: Map<string, BeneficiaryRow>; pageOf: Map<string, number>; stored: number };

/** Resolves pages (in any order) to the latest copy of each person. */
export async function resolvePages(db: AppDb, records: readonly RosterPageRecord[]): Promise<PagedRoster> {
  const rows = new Map<string, BeneficiaryRow>();
  const pageOf = new Map<string, number>();
  let stored = 0;
  for (const record of [...records].sort((a, b) => a.no - b.no)) {
    const page = await openRosterPage(db, record);
    stored += page.rows.length;
    for (const row of page.rows) {
      rows.set(row.id, row);
      pageOf.set(row.id, record.no);
    }
    for (const id of page.deleted) {
      rows.delete(id);
      pageOf.delete(id);
    }
  }
  return { rows, pageOf, stored };
}

/**
 * Every person on the device as the screens see them: the pages' latest copies with edited
 * records on top, in one read transaction (a consistent snapshot).
 */
export async function loadRoster(db: AppDb): Promise<Map<string, BeneficiaryRow>> {
  const [records, edited] = await db.transaction('r', [db.rosterPages, db.beneficiaries], () =>
    Promise.all([db.rosterPages.toArray(), db.beneficiaries.toArray()]),
  );
  // Opened after the transaction: decryption is not IndexedDB work and would end it.
  const { rows } = await resolvePages(db, records);
  for (const row of edited) rows.set(row.id, row);
  return rows;
}

/**
 * A page opened inside the caller's transaction, if any: from memory when this tab holds it (the
 * usual case: the screen that records a payment has just read the person), else decrypted while
 * Dexie keeps the transaction alive (`Dexie.waitFor`), since WebCrypto is not IndexedDB work.
 */
function openHere(db: AppDb, record: RosterPageRecord): RosterPage | Promise<RosterPage> {
  const known = openedRosterPage(record);
  if (known) return known;
  return Dexie.currentTransaction ? Dexie.waitFor(openRosterPage(db, record)) : openRosterPage(db, record);
}

/** Where the latest page copy of a person is, as far as an in-memory directory knows. */
export type PageDirectory = (id: string) => number | undefined;

let directoryOf: (db: AppDb) => PageDirectory | undefined = () => undefined;

/** Lets the roster index (roster-index.ts) serve as the id → page directory of its database. */
export function setPageDirectoryProvider(provider: (db: AppDb) => PageDirectory | undefined): void {
  directoryOf = provider;
}

/**
 * The current rows of these people (undefined: nobody by that id), edited records first, then the
 * pages. With a directory (the roster index, once built) only the pages holding them are read,
 * and the pages after them by key only (so a live query sees a newer copy appended later);
 * without one, every page is read.
 */
export async function readPeople(db: AppDb, ids: readonly string[]): Promise<(BeneficiaryRow | undefined)[]> {
  const edited = await db.beneficiaries.bulkGet([...ids]);
  const missing = ids.filter((_, i) => edited[i] === undefined);
  if (missing.length === 0) return edited;
  const found = await readPaged(db, missing, directoryOf(db));
  return ids.map((id, i) => edited[i] ?? found.get(id));
}

export async function readPerson(db: AppDb, id: string): Promise<BeneficiaryRow | undefined> {
  return (await readPeople(db, [id]))[0];
}

async function readPaged(
  db: AppDb,
  ids: readonly string[],
  directory: PageDirectory | undefined,
): Promise<Map<string, BeneficiaryRow>> {
  if (!directory) {
    // No directory (no index attached, or not built yet): the pages decide, newest copy wins.
    const records = await db.rosterPages.toArray();
    const rows = new Map<string, BeneficiaryRow>();
    for (const record of records.sort((a, b) => a.no - b.no)) {
      const page = await openHere(db, record);
      for (const row of page.rows) rows.set(row.id, row);
      for (const id of page.deleted) rows.delete(id);
    }
    return new Map(ids.flatMap((id) => (rows.has(id) ? [[id, rows.get(id) as BeneficiaryRow]] : [])));
  }
  // A ready directory knows every paged person: one it does not know is in no page.
  const wanted = [...new Set(ids.flatMap((id) => directory(id) ?? []))].sort((a, b) => a - b);
  const [records] = await Promise.all([
    db.rosterPages.bulkGet(wanted),
    // Read for the live query's sake: a page appended later may hold a newer copy.
    db.rosterPages
      .where(':id')
      .above(wanted.at(-1) ?? 0)
      .primaryKeys(),
  ]);
  const found = new Map<string, BeneficiaryRow>();
  const wantedIds = new Set(ids);
  for (const record of records) {
    if (!record) continue;
    for (const row of (await openHere(db, record)).rows) if (wantedIds.has(row.id)) found.set(row.id, row);
  }
  return found;
}

/**
 * Rewrites the pages without superseded copies and tombstones when they hold more than
 * `slack` rows beyond the live ones, or more than `maxPages` pages beyond the fewest needed.
 * Reads in one transaction, writes in another that first checks nothing was appended meanwhile
 * (a pull won): the pages are sealed between the two, outside any transaction (WebCrypto would
 * end it). Returns true when it rewrote.
 */
export async function foldRosterPages(db: AppDb, slack = ROSTER_PAGE_SIZE, maxPages = 8): Promise<boolean> {
  const records = await db.rosterPages.toArray();
  const { rows, stored } = await resolvePages(db, records);
  const needed = Math.ceil(rows.size / ROSTER_PAGE_SIZE);
  if (stored - rows.size <= slack && records.length <= needed + maxPages) return false;
  const keys = records.map((r) => r.no).sort((a, b) => a - b);
  const live = [...rows.values()];
  const folded = live.length === 0 ? [] : await sealPagesOf(db, live, []);
  return db.transaction('rw', db.rosterPages, async () => {
    const now = await db.rosterPages.toCollection().primaryKeys();
    if (now.length !== keys.length || now.some((k, i) => k !== keys[i])) return false;
    await appendSealedPages(db, folded);
    await db.rosterPages.bulkDelete(keys);
    return true;
  });
}
