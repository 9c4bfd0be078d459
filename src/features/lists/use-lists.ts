/**
 * The monthly lists of a commune and month, asked of the server (this screen is online only), and
 * a list's detail; each answers loading, the data, or a failure with a retry.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ListDetail, ListSummary } from '../../protocol/lists';
import type { ClosingResponse } from '../../protocol/month-close';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

export type Remote<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; code: string };

function useRemote<T>(load: ((token: string) => Promise<T>) | null, key: string): [Remote<T>, () => void] {
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

export function useMonthLists(commune: string, period: string): [Remote<ListSummary[]>, () => void] {
  const { transport } = useServices();
  const ready = commune !== '' && /^\d{4}-\d{2}$/u.test(period);
  return useRemote(ready ? (token) => transport.listLists(token, commune, period) : null, `${commune}|${period}`);
}

export function useListDetail(listId: string | null): [Remote<ListDetail>, () => void] {
  const { transport } = useServices();
  return useRemote(listId ? (token) => transport.getList(token, listId) : null, listId ?? '');
}

/** The month's closing (null: the month has no lines to close). */
export function useClosing(commune: string, period: string): [Remote<ClosingResponse | null>, () => void] {
  const { transport } = useServices();
  const ready = commune !== '' && /^\d{4}-\d{2}$/u.test(period);
  return useRemote(
    ready
      ? (token) =>
          transport.getClosing(token, commune, period).catch((e: unknown) => {
            if ((e as { code?: string }).code === 'not-found') return null;
            throw e;
          })
      : null,
    `closing|${commune}|${period}`,
  );
}
