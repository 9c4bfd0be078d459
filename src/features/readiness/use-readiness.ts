import { useLiveQuery } from 'dexie-react-hooks';
import { classifyReadiness, type Readiness } from '../../domain/readiness';
import { vietnamDate } from '../../lib/clock';
import type { BeneficiaryRow } from '../../storage/app-db';
import { loadRoster } from '../../storage/roster-pages';
import { useServices } from '../../ui/services';

export type ReadinessItem = { person: BeneficiaryRow; readiness: Readiness };

/** Every active person of the device's communes with their readiness, classified by the domain rule. */
export function useReadinessReview(): ReadinessItem[] | undefined {
  const { db, clock } = useServices();
  return useLiveQuery(async () => {
    const today = vietnamDate(clock.now());
    const people = [...(await loadRoster(db)).values()]
      .filter((person) => person.status === 'active')
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    return people.map((person) => ({
      person,
      readiness: classifyReadiness({
        beneficiary: person,
        paymentMethod: person.paymentMethod,
        walletPhone: person.paymentDetails?.walletPhone ?? null,
        representative: person.representative,
        today,
      }),
    }));
  }, [db, clock]);
}
