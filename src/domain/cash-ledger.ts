/**
 * A payer's ledger read as the screens show it (issue 16): the cash entries of the `cash.*` ops
 * (cash-ops.ts) and the payer's own cash payments, merged from what the server knows and what
 * this device recorded, totalled with `custodyTotals`, and cut into one day's statement.
 */
import { custodyTotals, type CustodyEntry, type CustodyTotals } from './cash-custody';
import type { LedgerEntry, LedgerKey } from './cash-ops';
import { sumVnd, vnd, type Vnd } from './money';

/** A cash payment by the payer: one receipt. */
export type PaidEntry = LedgerKey & {
  opId: string;
  lineId: string;
  beneficiaryId: string;
  amount: Vnd;
  /** Calendar day the payment was recorded (the device's own day). */
  date: string;
  receiverKind: 'self' | 'guardian' | 'authorized';
  recordedAt: string;
};

export type Ledger = { key: LedgerKey; entries: LedgerEntry[]; payments: PaidEntry[] };

type Money = Extract<LedgerEntry, { amount: Vnd }>;
const isMoney = (e: LedgerEntry): e is Money => 'amount' in e;

const custodyOf = (ledger: Ledger): CustodyEntry[] => [
  ...ledger.entries.filter(isMoney).map((e) => custodyEntry(e)),
  ...ledger.payments.map((p) => ({ kind: 'paid' as const, amount: p.amount, lineId: p.lineId, receiptCode: p.opId })),
];

function custodyEntry(e: Money): CustodyEntry {
  switch (e.kind) {
    case 'received':
      return { kind: 'received', amount: e.amount };
    case 'returned':
      return { kind: 'returned', amount: e.amount };
    case 'handover-in':
      return { kind: 'handover-in', amount: e.amount, fromPayer: e.counterpart };
    case 'handover-out':
      return { kind: 'handover-out', amount: e.amount, toPayer: e.counterpart };
  }
}

/** received + handed in − paid − returned − handed out, over the whole ledger. */
export const ledgerTotals = (ledger: Ledger): CustodyTotals => custodyTotals(custodyOf(ledger));

/**
 * One ledger from several readings of it (the server's, this device's): an entry or a payment
 * counts once, whichever reading holds it. Entries keep the order of their recording.
 */
export function mergeLedgers(key: LedgerKey, readings: readonly Pick<Ledger, 'entries' | 'payments'>[]): Ledger {
  const entries = new Map<string, LedgerEntry>();
  const payments = new Map<string, PaidEntry>();
  for (const r of readings) {
    for (const e of r.entries) {
      if (e.payerId !== key.payerId || e.communeCode !== key.communeCode || e.month !== key.month) continue;
      entries.set(`${e.opId}:${e.kind}`, e);
    }
    for (const p of r.payments)
      if (p.payerId === key.payerId && p.communeCode === key.communeCode && p.month === key.month)
        payments.set(p.opId, p);
  }
  const byTime = <T extends { recordedAt: string }>(a: T, b: T) =>
    a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0;
  return { key, entries: [...entries.values()].sort(byTime), payments: [...payments.values()].sort(byTime) };
}

export type CloseView = Extract<LedgerEntry, { kind: 'close' }> & {
  /**
   * The ledger's own balance when the payer counted: every entry and payment recorded up to the
   * close. `balance` is what the tablet said; a difference between the two shows.
   */
  bookBalance: Vnd;
  /** counted − the ledger's balance (positive: more cash than the records say). */
  difference: Vnd;
  /** The supervisor's acknowledgement of a difference, once recorded. */
  acknowledgedBy: string | null;
};

const instant = (recordedAt: string) => Date.parse(recordedAt);

/**
 * The ledger's closes, newest last, each with its difference and acknowledgement. The difference
 * is taken from the ledger, never from the balance the close itself claims: a count sent with a
 * balance made to match it still shows what is missing.
 */
export function closesOf(ledger: Ledger): CloseView[] {
  const acks = new Map<string, string>();
  for (const e of ledger.entries) if (e.kind === 'acknowledge') acks.set(e.closeOpId, e.byName);
  return ledger.entries.flatMap((e) => {
    if (e.kind !== 'close') return [];
    const upTo = instant(e.recordedAt);
    const bookBalance = ledgerTotals({
      key: ledger.key,
      entries: ledger.entries.filter((x) => x.opId !== e.opId && instant(x.recordedAt) <= upTo),
      payments: ledger.payments.filter((p) => instant(p.recordedAt) <= upTo),
    }).balance;
    return [{ ...e, bookBalance, difference: vnd(e.counted - bookBalance), acknowledgedBy: acks.get(e.opId) ?? null }];
  });
}

/** Closes with a difference that no supervisor has acknowledged yet. */
export const unacknowledged = (ledger: Ledger): CloseView[] =>
  closesOf(ledger).filter((c) => c.difference !== 0 && c.acknowledgedBy === null);

export type DayStatement = {
  date: string;
  /** The balance carried from the days before. */
  opening: Vnd;
  received: Vnd;
  handedIn: Vnd;
  paid: Vnd;
  returned: Vnd;
  handedOut: Vnd;
  /** opening + received + handed in − paid − returned − handed out. */
  closing: Vnd;
  entries: Money[];
  payments: PaidEntry[];
  /** The day's last close, if the payer counted. */
  close: CloseView | null;
};

/** One day of a ledger: what came in and went out that day, from the balance carried over. */
export function dayStatement(ledger: Ledger, date: string): DayStatement {
  const before: Ledger = {
    key: ledger.key,
    entries: ledger.entries.filter((e) => isMoney(e) && e.date < date),
    payments: ledger.payments.filter((p) => p.date < date),
  };
  const entries = ledger.entries.filter((e): e is Money => isMoney(e) && e.date === date);
  const payments = ledger.payments.filter((p) => p.date === date);
  const day = custodyTotals(custodyOf({ key: ledger.key, entries, payments }));
  const opening = ledgerTotals(before).balance;
  const closes = closesOf(ledger).filter((c) => c.date === date);
  return {
    date,
    opening,
    received: day.received,
    handedIn: day.handedIn,
    paid: day.paid,
    returned: day.returned,
    handedOut: day.handedOut,
    closing: vnd(opening + day.balance),
    entries,
    payments,
    close: closes.at(-1) ?? null,
  };
}

/** The sum of the receipts: what the ledger's "paid" must equal, to the đồng. */
export const receiptsTotal = (ledger: Ledger): Vnd => sumVnd(ledger.payments.map((p) => p.amount));
