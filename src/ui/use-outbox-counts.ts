import { useLiveQuery } from 'dexie-react-hooks';
import type { OutboxCounts } from '../storage/outbox-counts';
import { useServices } from './services';

/** Unsent ops and ops needing attention, live across tabs (Dexie live queries see other tabs' writes). */
export function useOutboxCounts(): OutboxCounts {
  return useKnownOutboxCounts() ?? { pending: 0, attention: 0 };
}

/** The same, undefined until first read: for a choice that must not flash the wrong way. */
export function useKnownOutboxCounts(): OutboxCounts | undefined {
  const { outboxCounts } = useServices();
  return useLiveQuery(() => outboxCounts(), [outboxCounts]);
}
