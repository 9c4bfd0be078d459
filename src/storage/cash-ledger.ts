/**
 * This device's own reading of a paying month's cash ledgers (issue 16; domain/cash-ledger.ts):
 * the `cash.*` ops it recorded, as the family's rule reads them, and the cash payments it
 * recorded, from its outbox (which keeps every op it made). Merged on the screens with the
 * server's reading (`GET /api/cash`), this is what the payer sees offline, to the đồng.
 */
import { decideCashOp, type LedgerEntry } from '../domain/cash-ops';
import type { PaidEntry } from '../domain/cash-ledger';
import { cashMethods } from '../domain/vocabulary';
import { isOfFamily } from '../protocol/ops';
import type { AppDb } from './app-db';
import { opOf } from './local-ops';

export type LedgerReading = { entries: LedgerEntry[]; payments: PaidEntry[] };

const isCash = (method: string) => (cashMethods as readonly string[]).includes(method);

/**
 * The month's entries and payments this device recorded. `actorName` is the signed-in user's
 * name: what a handover says to the payer who received it, and who acknowledged a close.
 */
export async function localCashReading(db: AppDb, month: string, actorName: string): Promise<LedgerReading> {
  const rows = await db.outbox
    .filter((r) => r.state !== 'rejected' && (r.type === 'payment.record' || r.type.startsWith('cash.')))
    .toArray();
  const entries: LedgerEntry[] = [];
  const paid = rows.filter((r) => r.type === 'payment.record');
  const lines = await db.paymentLines.bulkGet(paid.map((r) => r.entityId));
  const payments: PaidEntry[] = [];
  paid.forEach((row, i) => {
    const line = lines[i];
    const op = opOf(row);
    if (!line || !op || op.type !== 'payment.record' || line.periodId !== month || !isCash(line.method)) return;
    payments.push({
      payerId: op.actorId,
      communeCode: line.communeCode,
      month,
      opId: op.id,
      lineId: line.id,
      beneficiaryId: line.beneficiaryId,
      amount: op.payload.amount,
      // The device's own calendar day: the date part of its clock with its offset.
      date: op.recordedAt.slice(0, 10),
      receiverKind: op.payload.receiver.kind,
      recordedAt: op.recordedAt,
    });
  });
  for (const row of rows) {
    const op = opOf(row);
    if (!op || !isOfFamily(op, 'cash-custody') || op.payload.month !== month) continue;
    const decided = decideCashOp(op, actorName);
    if (decided.ok) entries.push(...decided.value);
  }
  return { entries, payments };
}
