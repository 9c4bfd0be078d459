import { useLiveQuery } from 'dexie-react-hooks';
import type { CccdCard } from '../../domain/citizen-id';
import type { BeneficiaryRow } from '../../storage/app-db';
import { findByIdNumbers } from '../../storage/roster-queries';
import { useServices } from '../../ui/services';
import { useRosterIndexVersion } from '../roster/use-roster';

/**
 * The roster people a scanned card's ID numbers (new and old) find, in name order, live;
 * `[]` without a card, `undefined` while the first answer is computed.
 */
export function useIdMatches(card: CccdCard | null): BeneficiaryRow[] | undefined {
  const { db } = useServices();
  // The index answers without reading IndexedDB: its version re-runs the query on any change.
  const version = useRosterIndexVersion(db);
  return useLiveQuery(
    async () => (card ? findByIdNumbers(db, [card.idNumber, ...(card.oldIdNumber ? [card.oldIdNumber] : [])]) : []),
    [db, card, version],
  );
}
