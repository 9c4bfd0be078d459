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
import Dexie from 'dexie';
import type { AppDb, OutboxRow } from './app-db';
import { opOf } from './local-ops';

export type LedgerReading = { entries: LedgerEntry[]; payments: PaidEntry[] };

const isCash = (method: string) => (cashMethods as readonly string[]).includes(method);

/**
 * The month's entries and payments this device recorded. `actorName` is the signed-in user's
 * name: what a handover says to the payer who received it, and who acknowledged a close.
 */
export async function localCashReading(db: AppDb, month: string, actorName: string): Promise<LedgerReading> {
  // Through the outbox's entityId index, never a scan of every op the device ever made: a
  // ledger's ops by its id's prefix, payments by the month's cash lines.
  const lines = (
    await db.paymentLines
      .where('[periodId+communeCode]')
      .between([month, Dexie.minKey], [month, Dexie.maxKey])
      .toArray()
  ).filter((l) => isCash(l.method));
  const byId = new Map(lines.map((l) => [l.id, l]));
  const [cashRows, lineRows] = await Promise.all([
    db.outbox.where('entityId').startsWith(`cash:${month}:`).toArray(),
    byId.size === 0
      ? []
      : db.outbox
          .where('entityId')
          .anyOf([...byId.keys()])
          .toArray(),
  ]);
  const kept = (r: OutboxRow) => r.state !== 'rejected';
  const rows = [...cashRows.filter(kept), ...lineRows.filter((r) => kept(r) && r.type === 'payment.record')];
  const entries: LedgerEntry[] = [];
  const payments: PaidEntry[] = [];
  for (const row of rows) {
    const line = byId.get(row.entityId);
    const op = opOf(row);
    if (!line || !op || op.type !== 'payment.record') continue;
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
  }
  for (const row of rows) {
    const op = opOf(row);
    if (!op || !isOfFamily(op, 'cash-custody') || op.payload.month !== month) continue;
    const decided = decideCashOp(op, actorName);
    if (decided.ok) entries.push(...decided.value);
  }
  return { entries, payments };
}
