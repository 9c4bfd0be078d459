import { readOutboxCounts } from '../storage/outbox-counts';
import { describe, expect, test, vi } from 'vitest';
import { requestErrorMessagesVi } from '../protocol/messages.vi';
import { httpFailure } from './fake-transport';
import { signIn } from './sign-in';
import { clearSession, loadSession } from './session';
import type { SyncState } from './sync-engine';
import {
  officer,
  other,
  PASSWORD,
  db,
  server,
  runs,
  settled,
  makeEngine,
  record,
  recordPaymentWithSignature,
  pushedIds,
  statesOf,
  setOnline,
  failWrites,
  useSyncEngineWorld,
} from './sync-engine.testkit';

useSyncEngineWorld();

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
    expect(engine.getState()).toMatchObject({ pendingCount: 0 });
    // The conflict and the rejection need attention: the counts the sync bar shows.
    expect(await readOutboxCounts(db)).toEqual({ pending: 0, attention: 2 });

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
    setOnline(false);
    await record(2);
    const engine = makeEngine();
    const states: SyncState[] = [];
    engine.subscribe((s) => states.push(s));
    engine.start();
    await settled();
    setOnline(true);
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
      failWrites(quotaExceeded);
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
      failWrites(quotaExceeded);
    });
    await engine.syncNow();
    expect(reported).toEqual(['storage-full']);
    expect(engine.getState()).toMatchObject({ status: 'error', errorCode: 'storage-full', pendingCount: 2 });

    // Space was freed: the same ops go again and the server answers them as duplicates.
    server.onCall('push', null);
    failWrites(null);
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
    expect(engine.getState()).toMatchObject({ status: 'idle', errorCode: null, pendingCount: 0 });
    expect(await readOutboxCounts(db)).toEqual({ pending: 0, attention: 0 });
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

  test("a proxy's bare 400 on the upload is not a refusal of the evidence: the op waits, the blob is offered again", async () => {
    const [id] = [await recordPaymentWithSignature(goodHash)];
    server.failNext('putBlob', httpFailure('http-400', 400));
    const engine = makeEngine();
    await engine.syncNow();
    expect(server.pushes).toHaveLength(0);
    expect(await statesOf()).toEqual(['pending']);
    expect((await db.blobs.get(goodHash))?.uploaded).toBe(0);

    await engine.syncNow();
    expect(pushedIds()).toEqual([[id]]);
    expect((await db.blobs.get(goodHash))?.uploaded).toBe(1);
  });

  test('a blob over the quota waits, its payment goes, and the blob follows once the payment names it', async () => {
    const id = await recordPaymentWithSignature(goodHash);
    server.failNext('putBlob', httpFailure('blob-quota-exceeded', 413, requestErrorMessagesVi['blob-quota-exceeded']));
    const engine = makeEngine();
    await engine.syncNow();
    expect(server.calls).toEqual(['putBlob', 'push', 'putBlob', 'pull']);
    expect(pushedIds()).toEqual([[id]]);
    expect(await statesOf()).toEqual(['done']);
    expect((await db.blobs.get(goodHash))?.uploaded).toBe(1);
  });

  test('a blob still over the quota after the push stays waiting, and goes at the next sync', async () => {
    await recordPaymentWithSignature(goodHash);
    const overQuota = () => httpFailure('blob-quota-exceeded', 413);
    server.failNext('putBlob', overQuota(), overQuota());
    const engine = makeEngine();
    await engine.syncNow();
    expect(await statesOf()).toEqual(['done']);
    expect((await db.blobs.get(goodHash))?.uploaded).toBe(0);
    await engine.syncNow();
    expect((await db.blobs.get(goodHash))?.uploaded).toBe(1);
  });
});
