/**
 * A gate that lets at most `width` tasks run at once; the others wait their turn in arrival
 * order. The server builds pull pages through one (routes/pull.ts), so three hundred tablets
 * starting their day together queue for the database and memory instead of each holding a page
 * of thousands of records at the same time.
 */
export type Gate = {
  run: <T>(task: () => Promise<T>) => Promise<T>;
  /** Tasks running now and waiting, for tests and logs. */
  load: () => { running: number; waiting: number };
};

export function createGate(width: number): Gate {
  if (!Number.isInteger(width) || width < 1)
    throw new RangeError(`gate width must be a positive integer: ${String(width)}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    async run(task) {
      if (running < width) running++;
      // A released slot passes straight to the next in line: `running` stays as it was.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}
