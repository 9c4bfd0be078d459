/**
 * The floor: raw IndexedDB bulk insert of the same rows the app stores (search tokens and sort
 * keys already computed), with the app's own object stores and indexes, in as few transactions
 * as possible. No sync, parsing or validation is timed: what no sync can beat.
 */
import { AppDb } from '../../../src/storage/app-db';

type StoreSpec = {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
};

/** The app's schema read from its Dexie declaration (nothing is opened), so the indexes match. */
function appSchema(): StoreSpec[] {
  const db = new AppDb('schema-only', 'no-vault');
  return db.tables.map((t) => ({
    name: t.name,
    keyPath: t.schema.primKey.keyPath ?? null,
    autoIncrement: Boolean(t.schema.primKey.auto),
    indexes: t.schema.indexes.map((i) => ({
      name: i.name,
      keyPath: i.keyPath ?? i.name,
      unique: Boolean(i.unique),
      multiEntry: Boolean(i.multi),
    })),
  }));
}

export type FloorData = Record<string, unknown[]>;

export type FloorResult = { ms: number; records: number; transactions: number };

async function loadData(url: string): Promise<FloorData> {
  const response = await fetch(url);
  return (await response.json()) as FloorData;
}

function done(request: IDBRequest | IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    if (request instanceof IDBTransaction) {
      request.oncomplete = () => resolve();
      request.onabort = () => reject(new Error(String(request.error)));
      request.onerror = () => reject(new Error(String(request.error)));
    } else {
      request.onsuccess = () => resolve();
      request.onerror = () => reject(new Error(String(request.error)));
    }
  });
}

/**
 * Opens a new database, creates the stores (with or without secondary indexes) and writes all
 * rows; `chunk` 0 means one transaction for everything. Timed from before the open to the last
 * commit.
 */
async function run(dataUrl: string, dbName: string, withIndexes: boolean, chunk = 0): Promise<FloorResult> {
  const data = await loadData(dataUrl);
  const schema = appSchema();
  const names = Object.keys(data).filter((n) => (data[n]?.length ?? 0) > 0);
  const records = names.reduce((a, n) => a + (data[n]?.length ?? 0), 0);
  const t0 = performance.now();
  const open = indexedDB.open(dbName, 1);
  open.onupgradeneeded = () => {
    for (const s of schema) {
      const store = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
      if (!withIndexes) continue;
      for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
    }
  };
  await done(open);
  const db = open.result;
  let transactions = 0;
  if (chunk <= 0) {
    const tx = db.transaction(names, 'readwrite');
    for (const n of names) {
      const store = tx.objectStore(n);
      for (const row of data[n] ?? []) store.put(row);
    }
    transactions++;
    await done(tx);
  } else {
    for (const n of names) {
      const rows = data[n] ?? [];
      for (let i = 0; i < rows.length; i += chunk) {
        const tx = db.transaction(n, 'readwrite');
        const store = tx.objectStore(n);
        for (const row of rows.slice(i, i + chunk)) store.put(row);
        transactions++;
        await done(tx);
      }
    }
  }
  const ms = performance.now() - t0;
  db.close();
  return { ms, records, transactions };
}

/** Rows per stored value in the packed layout: one IndexedDB record holds a page of rows. */
const PACK = 2000;

/**
 * What a storage design chosen for bulk loading could reach (not what the app does): rows packed
 * into one record per page, and the search index built in memory and stored packed too, one
 * record per two-letter token prefix (sorted "token id" strings). Timed like the floors.
 */
async function runPacked(dataUrl: string, dbName: string): Promise<FloorResult & { indexEntries: number }> {
  const data = await loadData(dataUrl);
  const names = Object.keys(data).filter((n) => (data[n]?.length ?? 0) > 0);
  const records = names.reduce((a, n) => a + (data[n]?.length ?? 0), 0);
  const t0 = performance.now();
  const open = indexedDB.open(dbName, 1);
  open.onupgradeneeded = () => {
    for (const n of names) open.result.createObjectStore(n);
    open.result.createObjectStore('searchIndex');
  };
  await done(open);
  const db = open.result;
  const buckets = new Map<string, string[]>();
  for (const row of (data['beneficiaries'] ?? []) as { id: string; searchTokens: string[] }[]) {
    for (const token of row.searchTokens) {
      const key = token.slice(0, 2);
      let list = buckets.get(key);
      if (!list) buckets.set(key, (list = []));
      list.push(`${token} ${row.id}`);
    }
  }
  let indexEntries = 0;
  const tx = db.transaction([...names, 'searchIndex'], 'readwrite');
  for (const n of names) {
    const rows = data[n] ?? [];
    const store = tx.objectStore(n);
    for (let i = 0; i < rows.length; i += PACK) store.put(rows.slice(i, i + PACK), i / PACK);
  }
  const index = tx.objectStore('searchIndex');
  for (const [key, list] of buckets) {
    list.sort();
    indexEntries += list.length;
    index.put(list, key);
  }
  await done(tx);
  const ms = performance.now() - t0;
  db.close();
  return { ms, records, transactions: 1, indexEntries };
}

declare global {
  // Window is an interface in lib.dom.d.ts; merging needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    floorBench?: { run: typeof run; runPacked: typeof runPacked };
  }
}

window.floorBench = { run, runPacked };
