import { describe, expect, test } from 'vitest';
import { fixedClock, vietnamDate, vietnamMonth } from './clock';

describe('clock', () => {
  test('a fixed clock only moves when advanced', () => {
    const clock = fixedClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
  });

  test('calendar dates are taken in Vietnam time, not UTC', () => {
    // 2026-11-28 18:30 UTC is already 2026-11-29 01:30 in Vietnam.
    const instant = Date.UTC(2026, 10, 28, 18, 30);
    expect(vietnamDate(instant)).toBe('2026-11-29');
    expect(vietnamMonth(Date.UTC(2026, 10, 30, 17, 0))).toBe('2026-12');
  });
});
