import { describe, expect, test } from 'vitest';
import { createBackoff, isRetryable } from './backoff';

describe('backoff', () => {
  test('delays double up to the maximum, with jitter between half and all of the ceiling', () => {
    const low = createBackoff({ baseMs: 100, maxMs: 1000, random: () => 0 });
    expect([low.next(), low.next(), low.next(), low.next(), low.next(), low.next()]).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    const high = createBackoff({ baseMs: 100, maxMs: 1000, random: () => 1 });
    expect([high.next(), high.next(), high.next(), high.next(), high.next()]).toEqual([100, 200, 400, 800, 1000]);
  });

  test('reset starts again from the base delay', () => {
    const b = createBackoff({ baseMs: 100, random: () => 1 });
    b.next();
    b.next();
    expect(b.attempts).toBe(2);
    b.reset();
    expect(b.next()).toBe(100);
  });

  test.each([
    ['network', 0, true],
    ['too-many-attempts', 429, true],
    ['internal', 500, true],
    ['http-502', 502, true],
    ['invalid-body', 400, false],
    ['not-signed-in', 401, false],
    ['forbidden', 403, false],
  ])('%s (%i) retryable: %s', (code, status, expected) => {
    expect(isRetryable(code, status)).toBe(expected);
  });
});
