/** Time is passed in, never read from globals inside rules (docs/style.md §2.6). */
export type Clock = { now: () => number };

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(start: number): Clock & { advance: (ms: number) => void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** Calendar date (YYYY-MM-DD) of an instant in Vietnam (UTC+7, no DST). */
export function vietnamDate(epochMs: number): string {
  return new Date(epochMs + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Month (YYYY-MM) of an instant in Vietnam. */
export function vietnamMonth(epochMs: number): string {
  return vietnamDate(epochMs).slice(0, 7);
}
