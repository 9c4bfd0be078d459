import { useLiveQuery } from 'dexie-react-hooks';
import type { BeneficiaryRow, IdCheckRow, OutboxRow, PaymentLineRow } from '../../storage/app-db';
import { readPerson } from '../../storage/roster-pages';
import { useServices } from '../../ui/services';

export type PersonView = {
  person: BeneficiaryRow;
  lines: PaymentLineRow[];
  idChecks: IdCheckRow[];
  /** Ops about this person or their lines the server has not answered yet. */
  pending: OutboxRow[];
};

export function usePerson(id: string): PersonView | null | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const person = await readPerson(db, id);
    if (!person) return null;
    const [lines, idChecks] = await Promise.all([
      db.paymentLines.where('beneficiaryId').equals(id).toArray(),
      db.idChecks.where('beneficiaryId').equals(id).toArray(),
    ]);
    const entityIds = [id, ...lines.map((l) => l.id)];
    const pending = await db.outbox
      .where('entityId')
      .anyOf(entityIds)
      .filter((o) => o.state === 'pending')
      .toArray();
    lines.sort((a, b) => (a.periodId < b.periodId ? 1 : -1));
    return { person, lines, idChecks, pending };
  }, [db, id]);
}
