/**
 * The monthly lists of a commune and month, asked of the server (this screen is online only), and
 * a list's detail; each answers loading, the data, or a failure with a retry.
 */
import type { ListDetail, ListSummary } from '../../protocol/lists';
import type { ClosingResponse } from '../../protocol/month-close';
import { useServices } from '../../ui/services';
import { useRemote, type Remote } from '../../ui/use-remote';

export type { Remote } from '../../ui/use-remote';

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
