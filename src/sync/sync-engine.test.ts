import { describe, expect, test, vi } from 'vitest';
import { PUSH_MAX_BYTES } from '../protocol/push';
import {
  server,
  runs,
  until,
  settled,
  makeEngine,
  record,
  pushedIds,
  setVisibility,
  setOnline,
  useSyncEngineWorld,
  db,
  officer,
} from './sync-engine.testkit';
import { saveSession } from './session';

useSyncEngineWorld();

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

  test('a reports-only user syncs nothing: no personal data comes to their device', async () => {
    const monitor = { ...officer, id: 'u-monitor', username: 'monitor', role: 'monitoring' as const };
    server.addUser(monitor, 'mat-khau-monitor');
    await saveSession(db, { token: server.issueToken(monitor.id), expiresAt: '2027-01-01T00:00:00Z', user: monitor });
    const engine = makeEngine();
    await engine.syncNow();
    expect(server.calls).toEqual([]);
    expect(engine.getState()).toMatchObject({ status: 'idle', errorCode: null });
  });

  test('nothing syncs while the device is locked (or has no PIN yet); once it opens, it does', async () => {
    const ids = await record(2);
    let locked = true;
    const engine = makeEngine({ isLocked: () => locked });
    engine.start();
    await engine.syncNow();
    await settled();
    expect(server.calls).toEqual([]);
    locked = false;
    await engine.syncNow();
    expect(server.calls).toEqual(['push', 'pull']);
    expect(pushedIds()).toEqual([ids]);
  });

  test('nothing is sent while offline; coming back online syncs', async () => {
    setOnline(false);
    const ids = await record(2);
    const engine = makeEngine();
    engine.start();
    await settled();
    expect(server.calls).toEqual([]);
    expect(engine.getState()).toMatchObject({ status: 'offline', pendingCount: 2 });

    setOnline(true);
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

    setOnline(false);
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
    const ids = await record(7, () => ({ reason: 'other', transcript: 'ghi chú '.repeat(75_000) }));
    const engine = makeEngine();
    await engine.syncNow();
    const sizes = server.pushes.map((p) => new TextEncoder().encode(JSON.stringify({ protocol: 1, ...p.body })).length);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(PUSH_MAX_BYTES);
    expect(server.pushes).toHaveLength(3);
    expect(pushedIds().flat()).toEqual(ids);
    expect(server.calls.at(-1)).toBe('pull');
  });
});
