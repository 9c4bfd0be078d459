/**
 * The cash custody ledger as ops (issue 16, "Cash custody ledger"; docs/protocol.md "Cash ops"):
 * what each `cash.*` op writes into a payer's ledger, decided by the same pure rule on the device
 * and on the server. A ledger is one payer's cash for one commune's paying month; its entries are
 * never edited: a mistake is corrected by a new op (cash returned, a close with its reason).
 *
 * Payments are not cash ops: the ledger's "paid" side is read from the payer's own `payment.record`
 * ops (cash-ledger.ts), so its total is the sum of the receipts by construction.
 */
import { err, ok, type Result } from '../lib/result';
import { countedTotal, type Count } from './cash-custody';
import { vnd, type Vnd } from './money';

/** The ledger an op belongs to: its payer, the commune that gave the cash, and the paying month. */
export type LedgerKey = { payerId: string; communeCode: string; month: string };

/** The op's entityId: one ledger per payer, commune and month. */
export const ledgerId = (k: LedgerKey): string => `cash:${k.month}:${k.communeCode}:${k.payerId}`;

type Dated = LedgerKey & { date: string };

export type CashReceivePayload = Dated & { amount: Vnd; fromName: string; signature?: string | undefined };
export type CashReturnPayload = Dated & { amount: Vnd; toName: string; signature?: string | undefined };
export type CashHandoverPayload = Dated & {
  amount: Vnd;
  toPayerId: string;
  toPayerName: string;
  /** Both payers sign on the tablet that records it. */
  giverSignature: string;
  receiverSignature: string;
};
export type CashClosePayload = Dated & {
  /** Notes and coins counted, by denomination. */
  count: Count;
  /** The count's total (checked against `count`). */
  counted: Vnd;
  /** The balance the tablet showed when the payer counted. */
  balance: Vnd;
  /** Why the count differs from the balance; required when it does. */
  reason?: string | undefined;
};
export type CashAcknowledgePayload = LedgerKey & { closeOpId: string; note?: string | undefined };

export type CashOp =
  | { type: 'cash.receive'; payload: CashReceivePayload }
  | { type: 'cash.return'; payload: CashReturnPayload }
  | { type: 'cash.handover'; payload: CashHandoverPayload }
  | { type: 'cash.close'; payload: CashClosePayload }
  | { type: 'cash.acknowledge'; payload: CashAcknowledgePayload };

/** One line of a ledger. A handover writes two: out of the giver's ledger, into the receiver's. */
export type LedgerEntry =
  | (LedgerKey & {
      opId: string;
      kind: 'received' | 'returned' | 'handover-in' | 'handover-out';
      amount: Vnd;
      date: string;
      /** Who gave or took the cash (a name; for a handover, the other payer's). */
      counterpart: string;
      recordedAt: string;
    })
  | (LedgerKey & {
      opId: string;
      kind: 'close';
      date: string;
      count: Count;
      counted: Vnd;
      balance: Vnd;
      reason: string | null;
      recordedAt: string;
    })
  | (LedgerKey & { opId: string; kind: 'acknowledge'; closeOpId: string; byName: string; recordedAt: string });

/**
 * Why a cash op is refused: its entityId is not the ledger its payload names; a payer records
 * only their own cash; a handover to oneself; denominations that do not add up to the total
 * given; a count that differs from the balance without a reason.
 */
export const cashRefusals = [
  'wrong-ledger',
  'not-own-ledger',
  'handover-to-self',
  'bad-count',
  'close-reason-missing',
] as const;
export type CashRefusal = (typeof cashRefusals)[number];

export type CashOpEnvelope = CashOp & { id: string; entityId: string; actorId: string; recordedAt: string };

/**
 * The entries an op writes, or why it is refused. `actorName` is who recorded it (the supervisor
 * who acknowledges a close).
 */
export function decideCashOp(op: CashOpEnvelope, actorName = ''): Result<LedgerEntry[], CashRefusal> {
  const p = op.payload;
  const key: LedgerKey = { payerId: p.payerId, communeCode: p.communeCode, month: p.month };
  if (op.entityId !== ledgerId(key)) return err('wrong-ledger');
  const base = { ...key, opId: op.id, recordedAt: op.recordedAt };
  switch (op.type) {
    case 'cash.acknowledge':
      return ok([{ ...base, kind: 'acknowledge', closeOpId: op.payload.closeOpId, byName: actorName }]);
    case 'cash.receive':
      if (op.actorId !== p.payerId) return err('not-own-ledger');
      return ok([
        {
          ...base,
          kind: 'received',
          amount: op.payload.amount,
          date: op.payload.date,
          counterpart: op.payload.fromName,
        },
      ]);
    case 'cash.return':
      if (op.actorId !== p.payerId) return err('not-own-ledger');
      return ok([
        { ...base, kind: 'returned', amount: op.payload.amount, date: op.payload.date, counterpart: op.payload.toName },
      ]);
    case 'cash.handover': {
      if (op.actorId !== p.payerId) return err('not-own-ledger');
      const h = op.payload;
      if (h.toPayerId === h.payerId) return err('handover-to-self');
      return ok([
        { ...base, kind: 'handover-out', amount: h.amount, date: h.date, counterpart: h.toPayerName },
        { ...base, payerId: h.toPayerId, kind: 'handover-in', amount: h.amount, date: h.date, counterpart: actorName },
      ]);
    }
    case 'cash.close': {
      if (op.actorId !== p.payerId) return err('not-own-ledger');
      const c = op.payload;
      const total = countedTotal(c.count);
      if (!total.ok || total.total !== c.counted) return err('bad-count');
      const reason = c.reason?.trim() ?? '';
      if (c.counted !== c.balance && reason === '') return err('close-reason-missing');
      return ok([
        {
          ...base,
          kind: 'close',
          date: c.date,
          count: c.count,
          counted: vnd(c.counted),
          balance: vnd(c.balance),
          reason: reason === '' ? null : reason,
        },
      ]);
    }
  }
}
