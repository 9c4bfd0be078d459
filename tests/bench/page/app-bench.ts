/**
 * The app's own modules, unchanged, for what the UI cannot time on its own: the bootstrap pull
 * phase by phase (for the profile), query-level search, and payments from confirm to commit.
 */
import { foldVietnamese } from '../../../src/domain/vietnamese-text';
import { beneficiaryDataSchema, paymentLineDataSchema } from '../../../src/protocol/entities';
import { pullColumnsAsPageSchema } from '../../../src/protocol/pull-columns';
import { createAppDb, type AppDb } from '../../../src/storage/app-db';
import { readKeyringState, setUpVault, unlockByPin } from '../../../src/storage/device-unlock';
import { recordOp } from '../../../src/storage/outbox';
import { hashEvidence } from '../../../src/storage/payments';
import { attachRosterIndex } from '../../../src/storage/roster-index';
import { loadRoster, readPerson } from '../../../src/storage/roster-pages';
import { filteredRosterKeys, searchRoster } from '../../../src/storage/roster-queries';
import { noFilters, type RosterView } from '../../../src/domain/roster-filter';
import { toBeneficiaryRow } from '../../../src/storage/roster-row';
import { pullAll } from '../../../src/sync/pull-all';
import { ensureDeviceId, loadSession } from '../../../src/sync/session';
import { createHttpTransport } from '../../../src/sync/transport';
import { BENCH_PIN } from '../lib/pin';

/**
 * The app's database opened as the app opens it: sealed at rest, unlocked with the bench's PIN (a
 * new database gets a vault first, with few KDF rounds: the bench times storage, not the KDF).
 */
async function openDb(name: string): Promise<AppDb> {
  const db = createAppDb(name, 'unknown');
  await readKeyringState(db);
  const opened =
    db.keyring.state === 'locked'
      ? await unlockByPin(db, BENCH_PIN)
      : await setUpVault(db, { password: 'bench-password', pin: BENCH_PIN }, { iterations: 1000 });
  if (!opened.ok) throw new Error(`cannot open ${name}: ${JSON.stringify(opened.error)}`);
  return db;
}

type PullPhases = {
  totalMs: number;
  pages: number;
  records: number;
  /** Waiting for the server: request sent until the response headers arrived. */
  serverWaitMs: number;
  /** Reading the response body. */
  bodyMs: number;
  /** transport.pull after the body: JSON.parse and the zod check of the page. */
  parseAndCheckMs: number;
  /** applyPullPage: rows built (zod per entity, search tokens, sort key) and one Dexie transaction. */
  applyMs: number;
};

/** The real pullAll with the real HTTP transport, its fetch and pull calls timed. */
async function pullProfiled(dbName: string, token: string, pageSize = 2000): Promise<PullPhases> {
  const db = await openDb(dbName);
  const texts: string[] = [];
  let serverWaitMs = 0;
  let bodyMs = 0;
  let pullMs = 0;
  const timedFetch: typeof fetch = async (input, init) => {
    const t0 = performance.now();
    const response = await fetch(input, init);
    const t1 = performance.now();
    const text = await response.text();
    const t2 = performance.now();
    serverWaitMs += t1 - t0;
    bodyMs += t2 - t1;
    texts.push(text);
    return new Response(text, { status: response.status, headers: response.headers });
  };
  const transport = createHttpTransport({ fetch: timedFetch });
  const timedTransport = {
    ...transport,
    pull: async (...args: Parameters<typeof transport.pull>) => {
      const t0 = performance.now();
      const page = await transport.pull(...args);
      pullMs += performance.now() - t0;
      return page;
    },
  };
  const t0 = performance.now();
  const result = await pullAll({ db, transport: timedTransport, token, pageSize, now: () => Date.now() });
  const totalMs = performance.now() - t0;
  db.close();

  lastPages = texts;
  return {
    totalMs,
    pages: result.pages,
    records: result.applied,
    serverWaitMs,
    bodyMs,
    parseAndCheckMs: pullMs - serverWaitMs - bodyMs,
    applyMs: totalMs - pullMs,
  };
}

/** The pages of the last pullProfiled, kept to split its CPU work afterwards. */
let lastPages: string[] = [];

/** Re-times the last pull's pages, outside its run: JSON.parse, the page schema, the row building. */
function splitLastPull(): { jsonParseMs: number; pageSchemaMs: number; rowBuildMs: number } {
  let jsonParseMs = 0;
  let pageSchemaMs = 0;
  let rowBuildMs = 0;
  for (const text of lastPages) {
    const a = performance.now();
    const json: unknown = JSON.parse(text);
    const b = performance.now();
    // The app pulls columnar pages (docs/protocol.md "Columnar pages"): read them as it does.
    const page = pullColumnsAsPageSchema.parse(json);
    const c = performance.now();
    for (const ch of page.changes) {
      if (ch.entity === 'beneficiary') {
        const p = beneficiaryDataSchema.safeParse(ch.data);
        if (p.success) toBeneficiaryRow(ch.id, ch.version, p.data);
      } else if (ch.entity === 'payment-line') paymentLineDataSchema.safeParse(ch.data);
    }
    const d = performance.now();
    jsonParseMs += b - a;
    pageSchemaMs += c - b;
    rowBuildMs += d - c;
  }
  lastPages = [];
  return { jsonParseMs, pageSchemaMs, rowBuildMs };
}

/** Typical queries taken from the stored roster (deterministic for a given data set). */
async function pickQueries(dbName: string): Promise<Record<string, string>> {
  const db = await openDb(dbName);
  // The roster in name order, from its pages (storage/roster-pages.ts).
  const roster = [...(await loadRoster(db)).values()].sort((a, b) =>
    a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0,
  );
  const count = roster.length;
  const person = roster[Math.floor(count / 3)];
  const other = roster[Math.floor((count * 2) / 3)];
  db.close();
  if (!person || !other) throw new Error('the roster is empty');
  const words = foldVietnamese(other.fullName).split(' ');
  const family = words[0] ?? '';
  const given = words[words.length - 1] ?? '';
  return {
    fullName: foldVietnamese(person.fullName),
    twoWordPrefix: `${family.slice(0, 3)} ${given.slice(0, 3)}`,
    familyName: 'nguyen',
    idPrefix: (person.idNumber ?? other.idNumber ?? '046').slice(0, 7),
  };
}

/** The in-memory roster index built from IndexedDB as at an app start: time and estimated size. */
async function indexBuild(dbName: string): Promise<{ ms: number; bytes: number; people: number }> {
  const db = await openDb(dbName);
  const people = (await loadRoster(db)).size;
  const t0 = performance.now();
  const index = attachRosterIndex(db, { today: () => new Date().toISOString().slice(0, 10) });
  await index.whenReady();
  const ms = performance.now() - t0;
  const bytes = index.memoryBytes();
  index.close();
  db.close();
  return { ms, bytes, people };
}

/**
 * The roster filters of issue 5 (a village, a payment method across villages, the village
 * order): filteredRosterKeys from IndexedDB (a connection without the index) and from the index.
 */
async function filterTimes(dbName: string): Promise<Record<string, { indexedDbMs: number; indexMs: number }>> {
  const plain = await openDb(dbName);
  const db = await openDb(dbName);
  const index = attachRosterIndex(db, { today: () => new Date().toISOString().slice(0, 10) });
  await index.whenReady();
  const [first] = (await loadRoster(plain)).values();
  const today = new Date().toISOString().slice(0, 10);
  const views: Record<string, RosterView> = {
    village: { filters: { ...noFilters, village: first?.village ?? '' }, sort: 'name' },
    method: { filters: { ...noFilters, method: 'bank' }, sort: 'name' },
    sortByVillage: { filters: noFilters, sort: 'village' },
  };
  const out: Record<string, { indexedDbMs: number; indexMs: number }> = {};
  for (const [name, view] of Object.entries(views)) {
    const t0 = performance.now();
    const slow = await filteredRosterKeys(plain, view, today);
    const t1 = performance.now();
    const fast = await filteredRosterKeys(db, view, today);
    const t2 = performance.now();
    if (slow.length !== fast.length || slow.some((id, i) => fast[i] !== id)) throw new Error(`${name}: answers differ`);
    out[name] = { indexedDbMs: t1 - t0, indexMs: t2 - t1 };
  }
  index.close();
  db.close();
  plain.close();
  return out;
}

/**
 * searchRoster for every prefix of every query, as typed, through the in-memory roster index as
 * in the app (built first); the first call per query warms up.
 */
async function searchTimes(dbName: string, queries: Record<string, string>, rounds = 3) {
  const db = await openDb(dbName);
  const index = attachRosterIndex(db, { today: () => new Date().toISOString().slice(0, 10) });
  await index.whenReady();
  await searchRoster(db, 'a');
  const byQuery: Record<string, number[]> = {};
  const results: Record<string, number> = {};
  for (let r = 0; r < rounds; r++) {
    for (const [kind, query] of Object.entries(queries)) {
      const samples = (byQuery[kind] ??= []);
      for (let i = 1; i <= query.length; i++) {
        const prefix = query.slice(0, i);
        if (prefix.endsWith(' ')) continue;
        const t0 = performance.now();
        const found = await searchRoster(db, prefix);
        samples.push(performance.now() - t0);
        if (i === query.length) results[kind] = found.rows.length;
      }
    }
  }
  index.close();
  db.close();
  return { byQuery, results };
}

/** What the roster should show for a query: the first names, in display order. */
async function expectedNames(dbName: string, query: string, k = 12): Promise<string[]> {
  const db = await openDb(dbName);
  const found = await searchRoster(db, query);
  db.close();
  return found.rows.slice(0, k).map((r) => r.fullName);
}

/**
 * `searchRoster` per prefix through the in-memory index (as the app runs it), with the IndexedDB
 * cursor steps it still takes (reading the matching rows).
 */
async function searchDiagnostics(dbName: string, queries: string[]) {
  const db = await openDb(dbName);
  const index = attachRosterIndex(db, { today: () => new Date().toISOString().slice(0, 10) });
  await index.whenReady();
  let steps = 0;
  const counter = countRequests();
  const out: { query: string; ms: number; cursorSteps: number; rows: number }[] = [];
  try {
    for (const query of queries) {
      const before = counter.counts['cursor.continue'] ?? 0;
      const t0 = performance.now();
      const found = await searchRoster(db, query);
      const ms = performance.now() - t0;
      const cursorSteps = (counter.counts['cursor.continue'] ?? 0) - before;
      steps += cursorSteps;
      out.push({ query, ms, cursorSteps, rows: found.rows.length });
    }
  } finally {
    counter.stop();
  }
  db.close();
  return { perQuery: out, cursorSteps: steps };
}

/** The cost of a durable commit here: one small put, strict versus relaxed durability, raw IndexedDB. */
async function commitCost(n: number) {
  const open = indexedDB.open('bench-commit', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('s');
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(new Error(String(open.error)));
  });
  const time = async (durability: IDBTransactionDurability) => {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const tx = idb.transaction('s', 'readwrite', { durability });
      tx.objectStore('s').put({ i, at: Date.now(), pad: 'x'.repeat(400) }, i);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(new Error(String(tx.error)));
      });
      samples.push(performance.now() - t0);
    }
    return samples;
  };
  const strict = await time('strict');
  const relaxed = await time('relaxed');
  idb.close();
  return { strict, relaxed };
}

/** Counts IndexedDB requests and transactions until stopped (the prototypes are restored). */
function countRequests(): { counts: Record<string, number>; stop: () => void } {
  const counts: Record<string, number> = {};
  const restore: (() => void)[] = [];
  const wrap = (proto: object, name: string, label: string) => {
    const target = proto as Record<string, unknown>;
    const original = target[name] as (...a: unknown[]) => unknown;
    target[name] = function (this: unknown, ...a: unknown[]) {
      counts[label] = (counts[label] ?? 0) + 1;
      return original.apply(this, a);
    };
    restore.push(() => {
      target[name] = original;
    });
  };
  for (const m of ['get', 'getAll', 'put', 'add', 'delete', 'count', 'openCursor']) {
    wrap(IDBObjectStore.prototype, m, `store.${m}`);
    wrap(IDBIndex.prototype, m, `index.${m}`);
  }
  wrap(IDBCursor.prototype, 'continue', 'cursor.continue');
  wrap(IDBDatabase.prototype, 'transaction', 'transactions');
  let stopped = false;
  return {
    counts,
    stop: () => {
      if (stopped) return;
      stopped = true;
      for (const r of restore) r();
    },
  };
}

/** A signature as the pad exports it: a PNG of a few strokes, different for every payment. */
async function signaturePng(seed: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(600, 200);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d context');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, 600, 200);
  g.strokeStyle = '#000';
  g.lineWidth = 3;
  g.beginPath();
  let x = 40;
  let y = 100;
  g.moveTo(x, y);
  for (let i = 0; i < 40; i++) {
    x += 12;
    y = 100 + 60 * Math.sin((i + seed) * 0.7) * Math.cos(i * 0.3 + seed);
    g.lineTo(x, y);
  }
  g.stroke();
  return canvas.convertToBlob({ type: 'image/png' });
}

/**
 * `n` payments of due lines, each timed from the confirm tap (the signature blob is read, as the
 * pay screen does) to the durable commit of line, op and evidence (strict durability).
 */
async function payments(dbName: string, n: number) {
  const db = await openDb(dbName);
  // As in the app: the roster index is attached, and tells a payment which page holds its person.
  const index = attachRosterIndex(db, { today: () => new Date().toISOString().slice(0, 10) });
  await index.whenReady();
  const session = await loadSession(db);
  if (!session) throw new Error('no session on this device');
  const deviceId = await ensureDeviceId(db, () => crypto.randomUUID());
  const ctx = { deviceId, actorId: session.user.id, now: () => Date.now(), makeId: () => crypto.randomUUID() };
  const lines = await db.paymentLines.where('status').equals('due').limit(n).toArray();
  const signatures = await Promise.all(lines.map((_, i) => signaturePng(i)));
  const samples: number[] = [];
  let failed = 0;
  let signatureBytes = 0;
  const requests = countRequests();
  for (const [i, line] of lines.entries()) {
    // The first payment is counted: IndexedDB requests and transactions one payment makes.
    if (i === 1) requests.stop();
    const blob = signatures[i];
    if (!blob) continue;
    signatureBytes += blob.size;
    // The pay screen shows the person before the confirm tap (features/payments/use-payment-list.ts).
    await readPerson(db, line.beneficiaryId);
    const t0 = performance.now();
    const bytes = await blob.arrayBuffer();
    const signature = await hashEvidence({ bytes, type: 'image/png' });
    const result = await recordOp(
      db,
      ctx,
      'payment.record',
      line.id,
      { amount: line.amount, receiver: { kind: 'self' }, signature: signature.hash },
      { evidence: [signature] },
    );
    samples.push(performance.now() - t0);
    if (!result.ok) failed++;
  }
  requests.stop();
  const outbox = await db.outbox.count();
  index.close();
  db.close();
  return {
    samples,
    failed,
    outbox,
    signatureBytes: lines.length ? signatureBytes / lines.length : 0,
    firstPayment: requests.counts,
  };
}

const appBench = {
  pullProfiled,
  splitLastPull,
  pickQueries,
  indexBuild,
  filterTimes,
  searchTimes,
  expectedNames,
  searchDiagnostics,
  commitCost,
  payments,
};
export type AppBench = typeof appBench;

declare global {
  // Window is an interface in lib.dom.d.ts; merging needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    appBench?: AppBench;
  }
}

window.appBench = appBench;
