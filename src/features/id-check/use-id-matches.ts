import { useLiveQuery } from 'dexie-react-hooks';
import type { CccdCard } from '../../domain/citizen-id';
import type { BeneficiaryRow } from '../../storage/app-db';
import { rosterIndexOf } from '../../storage/roster-index';
import { findByIdNumbers } from '../../storage/roster-queries';
import { useServices } from '../../ui/services';
import { useStoreVersion } from '../../ui/use-store-version';

/**
 * The roster people a scanned card's ID numbers (new and old) find, in name order, live;
 * `[]` without a card, `undefined` while the first answer is computed.
 */
export function useIdMatches(card: CccdCard | null): BeneficiaryRow[] | undefined {
  const { db } = useServices();
  // The index answers without reading IndexedDB: its version re-runs the query on any change.
  const version = useStoreVersion(rosterIndexOf(db));
  return useLiveQuery(
    async () => (card ? findByIdNumbers(db, [card.idNumber, ...(card.oldIdNumber ? [card.oldIdNumber] : [])]) : []),
    [db, card, version],
  );
}
