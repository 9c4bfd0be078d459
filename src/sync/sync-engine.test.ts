import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { User } from '../protocol/auth';
import { requestErrorMessagesVi } from '../protocol/messages.vi';
import { PUSH_MAX_BYTES } from '../protocol/push';
import { createAppDb, type AppDb } from '../storage/app-db';
import { recordOp } from '../storage/outbox';
import { createFakeTransport, httpFailure, type FakeTransport } from './fake-transport';
import { clearSession, loadSession, saveSession } from './session';
import { signIn } from './sign-in';
import { createSyncEngine, type SyncEngine, type SyncEngineDeps, type SyncState } from './sync-engine';

// Captured before any test fakes the timers: waiting for a condition polls on real time.
const realSetTimeout = globalThis.setTimeout;

const officer: User = {
  id: 'user-1',
  username: 'officer',
  displayName: 'Cán bộ Một',
  role: 'officer',
  communes: ['19960'],
};
const other: User = { ...officer, id: 'user-2', username: 'payer', displayName: 'Nhân viên Hai', role: 'payer' };
const PASSWORD = 'mat-khau-1';

let db: AppDb;
let server: FakeTransport;
let online: boolean;
let engines: SyncEngine[];
/** Sync runs started and still running, seen through the engine's one-tab lock. */
let runs: { started: number; active: number };
let opCount: number;
/** When set, every IndexedDB write fails with it (a full disk, a closed database). */
let writeFailure: (() => Error) | null;

/** Polls on real time (never advancing the fake clock) until `condition` holds. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 8_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => realSetTimeout(resolve, 1));
  }
}

const settled = () => until(() => runs.active === 0, 'the sync run to end');

/** Web Locks as the engine uses them (one syncing tab), counting the runs that start and end. */
function countingLocks(): LockManager {
  const request = async (_name: string, _options: unknown, run: (lock: Lock | null) => Promise<void>) => {
    runs.started++;
    runs.active++;
    try {
      await run({ name: 'chitra-sync', mode: 'exclusive' });
    } finally {
      runs.active--;
    }
  };
  return { request, query: () => Promise.resolve({ held: [], pending: [] }) } as unknown as LockManager;
}

function makeEngine(overrides: Partial<SyncEngineDeps> = {}): SyncEngine {
  const engine = createSyncEngine({
    db,
    transport: server,
    clock: { now: () => Date.now() },
    isOnline: () => online,
    random: () => 1,
    makeId: () => 'device-1',
    locks: countingLocks(),
    ...overrides,
  });
  engines.push(engine);
  return engine;
}

type Payload = Record<string, unknown>;

/** Records `n` ops by `actor` through the real outbox, one transaction for speed; answers their ids. */
async function record(n: number, payload: (i: number) => Payload = () => ({ reason: 'absent' }), actor = officer) {
  return db.transaction('rw', [db.outbox, db.kv, db.shadows, db.paymentLines], async () => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const ctx = {
        deviceId: 'device-1',
        actorId: actor.id,
        now: () => Date.now(),
        makeId: () => `op-${String(++opCount).padStart(4, '0')}`,
        utcOffsetMinutes: 420,
      };
      const op = await recordOp(db, ctx, {
        type: 'payment.unpaid',
        entityId: `line-${opCount + 1}`,
        payload: payload(i),
      });
      ids.push(op.id);
    }
    return ids;
  });
}

/** A payment whose signature is a blob kept on the device until the server has it. */
async function recordPaymentWithSignature(hash: string): Promise<string> {
  const ctx = {
    deviceId: 'device-1',
    actorId: officer.id,
    now: () => Date.now(),
    makeId: () => `op-${String(++opCount).padStart(4, '0')}`,
    utcOffsetMinutes: 420,
  };
  const op = await recordOp(
    db,
    ctx,
    {
      type: 'payment.record',
      entityId: `line-${opCount + 1}`,
      payload: { amount: 1_000_000, receiver: { kind: 'self' }, signature: hash },
    },
    [db.blobs],
    () => db.blobs.put({ hash, type: 'image/png', bytes: new Uint8Array([137, 80, 78, 71]).buffer, uploaded: 0 }),
  );
  return op.id;
}

const pushedIds = () => server.pushes.map((p) => p.body.ops.map((op) => op['id']));
const statesOf = async () => (await db.outbox.orderBy('seq').toArray()).map((op) => op.state);
const setVisibility = (value: DocumentVisibilityState) =>
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });

beforeEach(async () => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: Date.UTC(2026, 10, 28, 1, 0),
  });
  db = createAppDb(`t-${crypto.randomUUID()}`);
  writeFailure = null;
  db.use({
    stack: 'dbcore',
    name: 'test-write-failures',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return { ...table, mutate: (req) => (writeFailure ? Promise.reject(writeFailure()) : table.mutate(req)) };
      },
    }),
  });
  server = createFakeTransport();
  server.addUser(officer, PASSWORD);
  server.addUser(other, PASSWORD);
  online = true;
  engines = [];
  runs = { started: 0, active: 0 };
  opCount = 0;
  await saveSession(db, { token: server.issueToken(officer.id), expiresAt: '2027-01-01T00:00:00Z', user: officer });
});

afterEach(async () => {
  for (const engine of engines) engine.stop();
  await settled();
  vi.useRealTimers();
  Reflect.deleteProperty(document, 'visibilityState');
  db.close();
  await db.delete();
});

describe('sync engine: when it syncs', () => {
  test('starting flushes the outbox at once, then pulls', async () => {
    const ids = await record(3);
    const engine = makeEngine();
    engine.start();
    await settled();
    expect(server.calls).toEqual(['push', 'pull']);
    expect(pushedIds()).toEqual([ids]);
    expect(engine.getState()).toMatchObject({ status: 'idle', pendingCount: 0, lastSyncAt: Date.now() });
  });

  test('nothing is sent while offline; coming back online syncs', async () => {
    online = false;
    const ids = await record(2);
    const engine = makeEngine();
    engine.start();
    await settled();
    expect(server.calls).toEqual([]);
    expect(engine.getState()).toMatchObject({ status: 'offline', pendingCount: 2 });

    online = true;
    window.dispatchEvent(new Event('online'));
    await settled();
    expect(pushedIds()).toEqual([ids]);
    expect(server.calls).toEqual(['push', 'pull']);
    expect(engine.getState()).toMatchObject({ status: 'idle', pendingCount: 0 });
  });

  test('the app becoming visible syncs; becoming hidden does not', async () => {
    const engine = makeEngine();
    engine.start();
    await settled();
    expect(runs.started).toBe(1);

    setVisibility('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(runs.started).toBe(1);

    setVisibility('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(runs.started).toBe(2);
    await settled();
    expect(server.pulls).toHaveLength(2);
  });

  test('syncs every 60 seconds while online, and not while offline', async () => {
    const engine = makeEngine();
    engine.start();
    await settled();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(runs.started).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await settled();
    await vi.advanceTimersByTimeAsync(60_000);
    await settled();
    expect(server.pulls).toHaveLength(3);

    online = false;
    window.dispatchEvent(new Event('offline'));
    expect(engine.getState().status).toBe('offline');
    await record(1);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await settled();
    expect(server.calls).toEqual(['pull', 'pull', 'pull']);
    expect(engine.getState()).toMatchObject({ status: 'offline', pendingCount: 1 });
  });

  test('a new op is counted at once and sent soon after; several quick ops go in one push', async () => {
    const engine = makeEngine();
    engine.start();
    await settled();
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      ids.push(...(await record(1)));
      engine.notifyNewOp();
      await until(() => engine.getState().pendingCount === i, `${i} pending`);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(runs.started).toBe(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(runs.started).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs.started).toBe(2);
    await settled();
    expect(pushedIds()).toEqual([ids]);
    expect(engine.getState()).toMatchObject({ status: 'idle', pendingCount: 0 });
  });

  test('"sync now" pushes then pulls at once, and joins a sync already running', async () => {
    const ids = await record(2);
    const engine = makeEngine();
    const first = engine.syncNow();
    const second = engine.syncNow();
    await Promise.all([first, second]);
    expect(runs.started).toBe(1);
    expect(server.calls).toEqual(['push', 'pull']);
    expect(pushedIds()).toEqual([ids]);
    expect(engine.getState()).toMatchObject({ status: 'idle', pendingCount: 0, lastSyncAt: Date.now() });
  });
});

describe('sync engine: batches', () => {
  test('1,201 ops go as 500, 500 and 201 in seq order, then a pull', { timeout: 30_000 }, async () => {
    const ids = await record(1201);
    const engine = makeEngine();
    await engine.syncNow();
    expect(server.pushes.map((p) => p.body.ops.length)).toEqual([500, 500, 201]);
    expect(pushedIds().flat()).toEqual(ids);
    expect(server.pushes.flatMap((p) => p.body.ops.map((op) => op['seq']))).toEqual(
      Array.from({ length: 1201 }, (_, i) => i + 1),
    );
    expect(server.pushes.map((p) => p.body.lastSeq)).toEqual([1201, 1201, 1201]);
    expect(server.calls).toEqual(['push', 'push', 'push', 'pull']);
    expect(engine.getState().pendingCount).toBe(0);
  });

  test('big ops are split so that no push body exceeds 2 MiB, in as few pushes as fit', async () => {
    // About 600 kB each: three fit in 2 MiB, four do not.
    const ids = await record(7, () => ({ reason: 'other', note: 'ghi chú '.repeat(75_000) }));
    const engine = makeEngine();
    await engine.syncNow();
    const sizes = server.pushes.map((p) => new TextEncoder().encode(JSON.stringify({ protocol: 1, ...p.body })).length);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(PUSH_MAX_BYTES);
    expect(server.pushes).toHaveLength(3);
    expect(pushedIds().flat()).toEqual(ids);
    expect(server.calls.at(-1)).toBe('pull');
  });
});

describe('sync engine: answers and failures', () => {
  test.each([
    ['a network error', httpFailure('network', 0), 'offline'],
    ['a 503', httpFailure('http-503', 503), 'error'],
    ['a 429', httpFailure('too-many-attempts', 429), 'error'],
  ])('after %s the same batch is sent again, with growing delays', async (_name, failure, status) => {
    const ids = await record(3);
    server.failNext('push', failure, failure, failure);
    const engine = makeEngine();
    engine.start();
    await settled();
    expect(engine.getState()).toMatchObject({ status, errorCode: failure.code, pendingCount: 3 });

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const delay = (engine.getState().retryAt ?? Number.NaN) - Date.now();
      delays.push(delay);
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(runs.started).toBe(attempt);
      await vi.advanceTimersByTimeAsync(1);
      expect(runs.started).toBe(attempt + 1);
      await settled();
    }
    expect(delays[1]).toBeGreaterThan(delays[0] ?? Infinity);
    expect(delays[2]).toBeGreaterThan(delays[1] ?? Infinity);
    expect(pushedIds()).toEqual([ids, ids, ids, ids]);
    expect([...server.applied]).toEqual(ids.map((id) => [id, 1]));
    expect(engine.getState()).toMatchObject({ status: 'idle', errorCode: null, retryAt: null, pendingCount: 0 });
  });

  test('a 401 keeps every op, asks for sign-in, and after sign-in the same ops are applied once', async () => {
    const ids = await record(3);
    const session = await loadSession(db);
    server.expire(session?.token ?? '');
    const authErrors: string[] = [];
    let signedOut: Promise<void> = Promise.resolve();
    const engine = makeEngine({
      // As the app does: an ended session means signing in again.
      onAuthError: (code) => {
        authErrors.push(code);
        signedOut = clearSession(db);
      },
    });
    engine.start();
    await settled();
    await signedOut;
    expect(authErrors).toEqual(['token-expired']);
    expect(engine.getState()).toMatchObject({ status: 'error', errorCode: 'token-expired', pendingCount: 3 });
    expect(await statesOf()).toEqual(['pending', 'pending', 'pending']);

    // Signed out: nothing is sent, however long the device waits.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await settled();
    expect(server.pushes).toHaveLength(1);
    expect(engine.getState()).toMatchObject({ status: 'error', errorCode: 'token-expired', pendingCount: 3 });

    const result = await signIn(
      { db, transport: server, makeId: () => 'device-1' },
      { username: officer.username, password: PASSWORD, deviceName: 'Máy tính bảng' },
    );
    expect(result.ok).toBe(true);
    await engine.syncNow();
    const after = server.pushes.slice(1);
    expect(after.map((p) => p.token)).toEqual([result.ok ? result.value.token : '']);
    expect(after.flatMap((p) => p.body.ops.map((op) => op['id']))).toEqual(ids);
    expect([...server.applied]).toEqual(ids.map((id) => [id, 1]));
    expect(await statesOf()).toEqual(['done', 'done', 'done']);
    expect(engine.getState()).toMatchObject({ status: 'idle', errorCode: null, pendingCount: 0 });
  });

  test('applied and duplicate ops are done, conflicts are flagged, rejected ops are kept and never resent', async () => {
    const ids = await record(4);
    const [, duplicate, conflict, rejected] = ids;
    server.answerFor(duplicate ?? '', { status: 'duplicate', code: 'applied' });
    server.answerFor(conflict ?? '', { status: 'conflict', code: 'already-paid', message: 'Đã chi trước đó.' });
    server.answerFor(rejected ?? '', { status: 'rejected', code: 'amount-mismatch', message: 'Sai số tiền.' });
    const engine = makeEngine();
    await engine.syncNow();
    expect(await statesOf()).toEqual(['done', 'done', 'conflict', 'rejected']);
    expect((await db.outbox.get(4))?.result).toMatchObject({ code: 'amount-mismatch', message: 'Sai số tiền.' });
    expect(engine.getState()).toMatchObject({ pendingCount: 0, conflictCount: 1, rejectedCount: 1 });

    const later = await record(1);
    await engine.syncNow();
    await engine.syncNow();
    expect(pushedIds()).toEqual([ids, later]);
    expect(await statesOf()).toEqual(['done', 'done', 'conflict', 'rejected', 'done']);
  });

  test("another user's ops left on the device are never sent under the signed-in user's token", async () => {
    const theirs = await record(2, undefined, other);
    const mine = await record(1);
    const engine = makeEngine();
    await engine.syncNow();
    expect(pushedIds()).toEqual([mine]);
    expect(await statesOf()).toEqual(['pending', 'pending', 'done']);
    expect(server.applied.has(theirs[0] ?? '')).toBe(false);
  });

  test('the status is always offline, idle, pushing, pulling or error, with the pending count and last sync', async () => {
    online = false;
    await record(2);
    const engine = makeEngine();
    const states: SyncState[] = [];
    engine.subscribe((s) => states.push(s));
    engine.start();
    await settled();
    online = true;
    server.failNext('push', httpFailure('internal', 500));
    window.dispatchEvent(new Event('online'));
    await settled();
    await vi.advanceTimersByTimeAsync((engine.getState().retryAt ?? 0) - Date.now());
    await settled();

    for (const s of states) {
      expect(['offline', 'idle', 'pushing', 'pulling', 'error']).toContain(s.status);
      expect(Number.isInteger(s.pendingCount) && s.pendingCount >= 0).toBe(true);
    }
    const statuses = states.map((s) => s.status).filter((s, i, all) => s !== all[i - 1]);
    expect(statuses).toEqual(['offline', 'pushing', 'error', 'pushing', 'pulling', 'idle']);
    expect(states.find((s) => s.status === 'pushing')?.pendingCount).toBe(2);
    expect(states.map((s) => s.pendingCount).filter((n, i, all) => n !== all[i - 1])).toEqual([2, 0]);
    // The last sync time appears when a sync completes, not before.
    const synced = states.findIndex((s) => s.status === 'idle');
    expect(states.slice(0, synced).every((s) => s.lastSyncAt === null)).toBe(true);
    expect(states.at(-1)).toMatchObject({ status: 'idle', pendingCount: 0, lastSyncAt: Date.now() });
  });
});

describe('sync engine: storage failures', () => {
  const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  test('a full disk while storing a pulled page is reported as a storage error, not a sync error', async () => {
    const reported: string[] = [];
    const engine = makeEngine({ onStorageError: (code) => reported.push(code) });
    await engine.syncNow();
    server.onCall('pull', () => {
      writeFailure = quotaExceeded;
    });
    await engine.syncNow();
    expect(reported).toEqual(['storage-full']);
    expect(engine.getState()).toMatchObject({ status: 'error', errorCode: 'storage-full' });
  });

  test('a full disk while storing push results loses nothing and doubles nothing', async () => {
    const ids = await record(2);
    const reported: string[] = [];
    const engine = makeEngine({ onStorageError: (code) => reported.push(code) });
    server.onCall('push', () => {
      writeFailure = quotaExceeded;
    });
    await engine.syncNow();
    expect(reported).toEqual(['storage-full']);
    expect(engine.getState()).toMatchObject({ status: 'error', errorCode: 'storage-full', pendingCount: 2 });

    // Space was freed: the same ops go again and the server answers them as duplicates.
    server.onCall('push', null);
    writeFailure = null;
    await engine.syncNow();
    expect(pushedIds()).toEqual([ids, ids]);
    expect([...server.applied]).toEqual(ids.map((id) => [id, 1]));
    expect(await statesOf()).toEqual(['done', 'done']);
    expect(engine.getState()).toMatchObject({ status: 'idle', errorCode: null });
  });

  test('a database closed under the sync is reported as a storage error', async () => {
    const reported: string[] = [];
    const engine = makeEngine({ onStorageError: (code) => reported.push(code) });
    await engine.syncNow();
    server.onCall('pull', () => db.close());
    await engine.syncNow();
    expect(reported[0]).toBe('db-closed');
    expect(engine.getState()).toMatchObject({ status: 'error', errorCode: 'db-closed' });
  });
});

describe('sync engine: evidence (blobs)', () => {
  const badHash = 'b'.repeat(64);
  const goodHash = 'a'.repeat(64);

  test.each([
    ['413 too large', httpFailure('payload-too-large', 413, requestErrorMessagesVi['payload-too-large'])],
    ['400 hash mismatch', httpFailure('blob-hash-mismatch', 400, requestErrorMessagesVi['blob-hash-mismatch'])],
    [
      '400 type not allowed',
      httpFailure('blob-type-not-allowed', 400, requestErrorMessagesVi['blob-type-not-allowed']),
    ],
  ])('a blob refused for good (%s) is kept on the device and its payment still goes', async (_name, refusal) => {
    const [before] = await record(1);
    const needsBad = await recordPaymentWithSignature(badHash);
    const needsGood = await recordPaymentWithSignature(goodHash);
    const [after] = await record(1);
    server.failBlob(badHash, refusal);
    const engine = makeEngine();
    await engine.syncNow();

    // The payment is a fact of cash paid: it is not undone because its signature cannot go
    // (the server flags the evidence missing on the line for a supervisor).
    expect(pushedIds()).toEqual([[before, needsBad, needsGood, after]]);
    expect(server.blobPuts.map((b) => b.hash).sort()).toEqual([goodHash, badHash].sort());
    expect(await statesOf()).toEqual(['done', 'done', 'done', 'done']);
    expect((await db.blobs.get(badHash))?.uploaded).toBe(2);
    expect((await db.blobs.get(goodHash))?.uploaded).toBe(1);
    expect(engine.getState()).toMatchObject({ status: 'idle', errorCode: null, pendingCount: 0, rejectedCount: 0 });
  });

  test.each([
    ['a network error', httpFailure('network', 0)],
    ['a 503', httpFailure('http-503', 503)],
    ['a 429', httpFailure('too-many-attempts', 429)],
  ])('a blob upload that fails with %s retries the whole batch, blob first', async (_name, failure) => {
    const ids = [await recordPaymentWithSignature(goodHash), ...(await record(1))];
    server.failNext('putBlob', failure);
    const engine = makeEngine();
    engine.start();
    await settled();
    expect(server.pushes).toHaveLength(0);
    expect(await statesOf()).toEqual(['pending', 'pending']);
    expect(engine.getState().retryAt).not.toBeNull();

    await vi.advanceTimersByTimeAsync((engine.getState().retryAt ?? 0) - Date.now());
    await settled();
    expect(server.calls).toEqual(['putBlob', 'putBlob', 'push', 'pull']);
    expect(pushedIds()).toEqual([ids]);
    expect(await statesOf()).toEqual(['done', 'done']);
  });
});
