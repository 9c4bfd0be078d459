import { describe, expect, test, vi } from 'vitest';
import { SLOW_REQUEST_MS } from './contact';
import { httpFailure } from './fake-transport';
import { makeEngine, record, runs, server, settled, setOnline, useSyncEngineWorld } from './sync-engine.testkit';

useSyncEngineWorld();

describe('sync engine: what the connection really is (issue 16)', () => {
  test('a network that is up with the server not answering is "unreachable", never a contact', async () => {
    await record(1);
    server.failNext('push', httpFailure('network', 0));
    const engine = makeEngine();
    engine.start();
    await settled();
    expect(engine.getState()).toMatchObject({ reach: 'unreachable', lastContactAt: null, pendingCount: 1 });

    // The retry gets through: the server answered, now.
    await vi.advanceTimersByTimeAsync((engine.getState().retryAt ?? 0) - Date.now());
    await settled();
    expect(engine.getState()).toMatchObject({ reach: 'ok', lastContactAt: Date.now(), pendingCount: 0 });
  });

  test('an error answer is still a contact: the server is reached', async () => {
    await record(1);
    server.failNext('push', httpFailure('http-503', 503));
    const engine = makeEngine();
    engine.start();
    await settled();
    expect(engine.getState()).toMatchObject({ status: 'error', reach: 'ok', lastContactAt: Date.now() });
  });

  test('a slow answer is a weak connection; a quick one afterwards is not', async () => {
    server.onCall('pull', () => vi.setSystemTime(Date.now() + SLOW_REQUEST_MS + 1));
    const engine = makeEngine();
    engine.start();
    await settled();
    expect(engine.getState()).toMatchObject({ status: 'idle', reach: 'slow' });
    server.onCall('pull', null);
    await engine.syncNow();
    expect(engine.getState()).toMatchObject({ reach: 'ok' });
  });

  test('navigator.onLine false skips the request and keeps what was last known', async () => {
    const engine = makeEngine();
    engine.start();
    await settled();
    const contact = engine.getState().lastContactAt;
    expect(contact).toBe(Date.now());
    setOnline(false);
    await vi.advanceTimersByTimeAsync(1000);
    await engine.syncNow();
    expect(server.calls.filter((c) => c === 'pull')).toHaveLength(1);
    expect(engine.getState()).toMatchObject({ status: 'offline', lastContactAt: contact });
  });

  test('while a retry waits out its backoff, the minute tick does not try again', async () => {
    await record(1);
    // Every try fails for ten minutes of bad signal.
    server.failNext('push', ...Array.from({ length: 50 }, () => httpFailure('network', 0)));
    const engine = makeEngine({ random: () => 1 });
    engine.start();
    await settled();
    // Ten minutes, a second at a time, each run allowed to finish.
    for (let s = 0; s < 600; s += 5) {
      await vi.advanceTimersByTimeAsync(5000);
      await settled();
    }
    // Backoff 1, 2, 4 … 256 s: 9 tries after the first, not one a minute on top.
    expect(runs.started).toBeGreaterThanOrEqual(9);
    expect(runs.started).toBeLessThanOrEqual(10);
    expect(engine.getState().reach).toBe('unreachable');
  });
});
