/**
 * Waiting for a condition in a rendered screen test: polls `check`, letting live queries and
 * promises answer inside React's act between tries (as the app would), until it holds or
 * `timeoutMs` passes (then its last failure is thrown). Never a fixed sleep.
 */
import { act } from 'react';

export async function untilRendered(check: () => void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
  }
}
