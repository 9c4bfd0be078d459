/**
 * When the server last answered, and how slowly (issue 16, "An honest connection status"): the
 * browser's `navigator.onLine` says a network interface is up, not that data gets through, so the
 * sync engine watches its own requests. Any answer from the server counts as contact, an error
 * answer too; a request that got no answer (`network`: refused, dropped, timed out) does not.
 */
import type { Clock } from '../lib/clock';
import { TransportError } from './http-client';

/** A request slower than this means a weak connection. */
export const SLOW_REQUEST_MS = 5_000;

/** What the bar shows: not tried yet, answering, answering slowly, or not answering. */
export type Reach = 'unknown' | 'ok' | 'slow' | 'unreachable';

/**
 * The transport with each method timed: `onAnswer(ms)` after every answer from the server. Every
 * transport method returns a promise.
 */
export function watchContact<T extends object>(transport: T, clock: Clock, onAnswer: (ms: number) => void): T {
  return new Proxy(transport, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const started = clock.now();
        const answered = () => onAnswer(clock.now() - started);
        return (value.apply(target, args) as Promise<unknown>).then(
          (result) => {
            answered();
            return result;
          },
          (error: unknown) => {
            if (error instanceof TransportError && error.code !== 'network') answered();
            throw error;
          },
        );
      };
    },
  });
}
