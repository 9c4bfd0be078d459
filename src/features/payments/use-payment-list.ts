import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { BeneficiaryRow, PaymentLineRow } from '../../storage/app-db';
import { payingMonth } from '../../domain/calendar';
import { vietnamMonth } from '../../lib/clock';
import { readPeople, readPerson } from '../../storage/roster-pages';
import { useServices } from '../../ui/services';

export type PaymentListItem = { line: PaymentLineRow; person: BeneficiaryRow | undefined };

const OPEN = new Set(['due', 'unpaid']);

export type PaymentList = { periodId: string | null; months: string[]; items: PaymentListItem[] };

/**
 * A month's lines of the user's communes — the month chosen, else the one being paid
 * (`payingMonth`) — open ones first (due, then unpaid), then by village and name, so a payer
 * walks the list top-down. `months` are the months the device holds lines of.
 */
export function usePaymentList(chosen: string | null = null): PaymentList | undefined {
  const { db, clock } = useServices();
  return useLiveQuery(async () => {
    const keys = (await db.paymentLines.orderBy('[periodId+communeCode]').uniqueKeys()) as unknown as [
      string,
      string,
    ][];
    const months = [...new Set(keys.map((k) => k[0]))];
    const periodId =
      chosen !== null && months.includes(chosen) ? chosen : payingMonth(months, vietnamMonth(clock.now()));
    if (!periodId) return { periodId, months, items: [] };
    const lines = await db.paymentLines
      .where('[periodId+communeCode]')
      .between([periodId, Dexie.minKey], [periodId, Dexie.maxKey])
      .toArray();
    const people = await readPeople(
      db,
      lines.map((l) => l.beneficiaryId),
    );
    const items = lines.map((line, i) => ({ line, person: people[i] }));
    const rank = (s: string) => (s === 'due' ? 0 : OPEN.has(s) ? 1 : 2);
    items.sort(
      (a, b) =>
        rank(a.line.status) - rank(b.line.status) ||
        (a.person?.village ?? '').localeCompare(b.person?.village ?? '', 'vi', { numeric: true }) ||
        ((a.person?.sortKey ?? '') < (b.person?.sortKey ?? '') ? -1 : 1),
    );
    return { periodId, months, items };
  }, [db, clock, chosen]);
}

export function usePaymentLine(lineId: string): PaymentListItem | null | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const line = await db.paymentLines.get(lineId);
    if (!line) return null;
    return { line, person: await readPerson(db, line.beneficiaryId) };
  }, [db, lineId]);
}
