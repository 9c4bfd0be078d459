/** Exponential backoff with full jitter, for retrying the same batch after transient failures. */

export type Backoff = { next: () => number; reset: () => void; readonly attempts: number };

export function createBackoff(options: { baseMs?: number; maxMs?: number; random?: () => number } = {}): Backoff {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 5 * 60_000;
  const random = options.random ?? Math.random;
  let attempts = 0;
  return {
    next() {
      const ceiling = Math.min(max, base * 2 ** attempts);
      attempts++;
      // Full jitter: many tablets coming back online at once do not retry in lockstep.
      return Math.round(ceiling / 2 + (random() * ceiling) / 2);
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}

/** Transport failures worth retrying with the same batch: no answer, rate limit, server error. */
export function isRetryable(code: string, status: number): boolean {
  return code === 'network' || status === 429 || status >= 500;
}
