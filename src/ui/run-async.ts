/** Runs async work from an event handler: aborts are expected, other failures go to `onError`. */
export function runAsync(work: () => Promise<void>, onError: (e: unknown) => void): void {
  work().catch((e: unknown) => {
    if (e instanceof DOMException && e.name === 'AbortError') return;
    onError(e);
  });
}
