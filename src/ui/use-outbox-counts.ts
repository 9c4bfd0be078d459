import { useLiveQuery } from 'dexie-react-hooks';
import type { OutboxCounts } from '../storage/outbox-counts';
import { useServices } from './services';

/** Unsent ops and ops needing attention, live across tabs (Dexie live queries see other tabs' writes). */
export function useOutboxCounts(): OutboxCounts {
  const { outboxCounts } = useServices();
  return useLiveQuery(() => outboxCounts(), [outboxCounts]) ?? { pending: 0, attention: 0 };
}
