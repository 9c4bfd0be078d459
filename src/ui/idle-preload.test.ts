import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { markRosterPainted, resetIdlePreloadForTests, scheduleIdlePreload } from './idle-preload';

describe('scheduleIdlePreload', () => {
  let idleRuns: (() => void)[];
  const idle = (run: () => void) => {
    idleRuns.push(run);
  };
  beforeEach(() => {
    vi.useFakeTimers();
    idleRuns = [];
    resetIdlePreloadForTests();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('nothing loads before the roster paints; after its frame, when idle, once', async () => {
    const preload = vi.fn();
    scheduleIdlePreload(preload, { fallbackMs: 10_000, idle });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(idleRuns).toHaveLength(0);
    markRosterPainted();
    await vi.advanceTimersByTimeAsync(20);
    expect(preload).not.toHaveBeenCalled();
    expect(idleRuns).toHaveLength(1);
    idleRuns[0]?.();
    expect(preload).toHaveBeenCalledTimes(1);
    // The fallback does not load a second time.
    await vi.advanceTimersByTimeAsync(10_000);
    for (const run of idleRuns) run();
    expect(preload).toHaveBeenCalledTimes(1);
  });

  test('a user who never opens the roster still gets the screens when idle after the fallback', async () => {
    const preload = vi.fn();
    scheduleIdlePreload(preload, { fallbackMs: 10_000, idle });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(idleRuns).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    idleRuns[0]?.();
    expect(preload).toHaveBeenCalledTimes(1);
  });

  test('scheduled after the roster already painted: loads at the next idle time', async () => {
    markRosterPainted();
    const preload = vi.fn();
    scheduleIdlePreload(preload, { fallbackMs: 10_000, idle });
    await vi.advanceTimersByTimeAsync(20);
    idleRuns[0]?.();
    expect(preload).toHaveBeenCalledTimes(1);
  });
});
