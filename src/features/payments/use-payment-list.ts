import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { BeneficiaryRow, PaymentLineRow } from '../../storage/app-db';
import { useServices } from '../../ui/services';

export type PaymentListItem = { line: PaymentLineRow; person: BeneficiaryRow | undefined };

const OPEN = new Set(['due', 'unpaid']);

/**
 * This month's lines of the user's communes: open ones first (due, then unpaid), then by
 * village and name, so a payer walks the list top-down.
 */
export function usePaymentList(): { periodId: string | null; items: PaymentListItem[] } | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const periods = await db.periods.toCollection().primaryKeys();
    const periodId = periods.sort().at(-1) ?? null;
    if (!periodId) return { periodId, items: [] };
    const lines = await db.paymentLines
      .where('[periodId+communeCode]')
      .between([periodId, Dexie.minKey], [periodId, Dexie.maxKey])
      .toArray();
    const people = await db.beneficiaries.bulkGet(lines.map((l) => l.beneficiaryId));
    const items = lines.map((line, i) => ({ line, person: people[i] }));
    const rank = (s: string) => (s === 'due' ? 0 : OPEN.has(s) ? 1 : 2);
    items.sort(
      (a, b) =>
        rank(a.line.status) - rank(b.line.status) ||
        (a.person?.village ?? '').localeCompare(b.person?.village ?? '', 'vi', { numeric: true }) ||
        ((a.person?.sortKey ?? '') < (b.person?.sortKey ?? '') ? -1 : 1),
    );
    return { periodId, items };
  }, [db]);
}

export function usePaymentLine(lineId: string): PaymentListItem | null | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const line = await db.paymentLines.get(lineId);
    if (!line) return null;
    return { line, person: await db.beneficiaries.get(line.beneficiaryId) };
  }, [db, lineId]);
}
