/**
 * When to load the screens the user has not opened yet (issue 15, "Start-up"): once the roster
 * has painted its first rows and the browser is idle, so their download and parsing never compete
 * with what the roster needs first. A user who starts elsewhere (a supervisor on a report) gets
 * them when idle after `fallbackMs`. Runs the preload once.
 */
type Idle = (run: () => void, options: { timeout: number }) => void;

const defaultIdle: Idle = (run, options) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, options);
  else setTimeout(run, 0);
};

let painted = false;
const waiting = new Set<() => void>();

/** The roster shows its first rows (features/roster calls it after the count is known). */
export function markRosterPainted(): void {
  if (painted) return;
  painted = true;
  for (const notify of [...waiting]) notify();
  waiting.clear();
}

export function scheduleIdlePreload(
  preload: () => unknown,
  options: { fallbackMs: number; idle?: Idle; idleTimeoutMs?: number } = { fallbackMs: 10_000 },
): void {
  const idle = options.idle ?? defaultIdle;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    waiting.delete(onPaint);
    void preload();
  };
  // After the frame that shows the rows, then when the main thread has nothing else to do.
  const onPaint = () =>
    requestAnimationFrameOr(() => {
      idle(run, { timeout: options.idleTimeoutMs ?? 3_000 });
    });
  const fallback = setTimeout(() => idle(run, { timeout: options.idleTimeoutMs ?? 3_000 }), options.fallbackMs);
  if (painted) onPaint();
  else waiting.add(onPaint);
}

function requestAnimationFrameOr(next: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => next());
  else setTimeout(next, 0);
}

/** Tests only: forget that the roster painted. */
export function resetIdlePreloadForTests(): void {
  painted = false;
  waiting.clear();
}
