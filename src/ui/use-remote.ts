/**
 * Something an online screen asks of the server: loading, the answer, or a failure code with a
 * retry. `key` names what is loaded; a retry of the same key keeps showing the last answer until
 * the new one comes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from './use-session';

export type Remote<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; code: string };

export function useRemote<T>(load: ((token: string) => Promise<T>) | null, key: string): [Remote<T>, () => void] {
  const session = useSession();
  const token = session?.token;
  const [remote, setRemote] = useState<Remote<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The loader changes with every render; what it loads is named by `key`.
  const loader = useRef(load);
  loader.current = load;
  // A retry of the same thing keeps showing what was loaded until the new answer comes, so a
  // screen's own notices ("Đã phê duyệt.") survive the refresh that follows an action.
  const shown = useRef('');
  useEffect(() => {
    const run = loader.current;
    if (!token || !run) return;
    let live = true;
    if (shown.current !== key) setRemote({ state: 'loading' });
    shown.current = key;
    run(token).then(
      (value) => live && setRemote({ state: 'ready', value }),
      (e: unknown) => live && setRemote({ state: 'failed', code: (e as { code?: string }).code ?? 'unexpected' }),
    );
    return () => {
      live = false;
    };
  }, [token, key, attempt]);
  return [remote, useCallback(() => setAttempt((n) => n + 1), [])];
}
