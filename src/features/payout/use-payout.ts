/**
 * What the payout screens ask of the server (online only): the providers, a commune's batches of
 * a month and one batch; each answers loading, the data, or a failure with a retry.
 */
import type { BatchDetail, BatchSummary, Provider } from '../../protocol/batches';
import { useServices } from '../../ui/services';
import { useRemote, type Remote } from '../../ui/use-remote';

export function useProviders(): [Remote<Provider[]>, () => void] {
  const { transport } = useServices();
  return useRemote((token) => transport.listProviders(token), 'providers');
}

export function useBatches(commune: string, period: string): [Remote<BatchSummary[]>, () => void] {
  const { transport } = useServices();
  const ready = commune !== '' && /^\d{4}-\d{2}$/u.test(period);
  return useRemote(ready ? (token) => transport.listBatches(token, commune, period) : null, `${commune}|${period}`);
}

export function useBatch(batchId: string | null): [Remote<BatchDetail>, () => void] {
  const { transport } = useServices();
  return useRemote(batchId ? (token) => transport.getBatch(token, batchId) : null, batchId ?? '');
}
