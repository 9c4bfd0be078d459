import { describe, expect, it } from 'vitest';
import { createGate } from './gate';

/** A task that finishes when told to, recording when it started. */
function deferred(started: string[], name: string) {
  let finish: (value: string) => void = () => undefined;
  let fail: (reason: Error) => void = () => undefined;
  const done = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    task: () => {
      started.push(name);
      return done;
    },
    finish: () => finish(name),
    fail: () => fail(new Error(name)),
  };
}

describe('createGate', () => {
  it('runs at most `width` tasks at once, the rest in arrival order', async () => {
    const gate = createGate(2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((n) => deferred(started, n));
    const results = tasks.map((t) => gate.run(t.task));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect(gate.load()).toEqual({ running: 2, waiting: 2 });

    tasks[1]?.finish();
    await expect(results[1]).resolves.toBe('b');
    expect(started).toEqual(['a', 'b', 'c']);
    expect(gate.load()).toEqual({ running: 2, waiting: 1 });

    tasks[0]?.fail();
    await expect(results[0]).rejects.toThrow('a');
    expect(started).toEqual(['a', 'b', 'c', 'd']);

    tasks[2]?.finish();
    tasks[3]?.finish();
    await expect(Promise.all(results.slice(2))).resolves.toEqual(['c', 'd']);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a width that lets nothing through', () => {
    expect(() => createGate(0)).toThrow(RangeError);
    expect(() => createGate(1.5)).toThrow(RangeError);
  });
});
