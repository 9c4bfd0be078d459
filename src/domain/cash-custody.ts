/**
 * A payer's cash in hand for a period (issue 16, "Cash custody ledger"): cash received, each
 * payment recorded, cash returned, handovers between payers, and the day's close where the payer
 * counts the notes. Pure: entries in, balance and checks out. The balance is always
 * received + handed in − paid − returned − handed out, in whole đồng; a close whose count
 * differs from the balance needs a reason and a supervisor's acknowledgement.
 */
import { sumVnd, vnd, type Vnd } from './money';

/** Notes and coins in circulation (State Bank of Vietnam); the counting form offers these. */
export const denominations = [
  500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200,
] as const;
export type Denomination = (typeof denominations)[number];

export type CustodyEntry =
  | { kind: 'received'; amount: Vnd }
  | { kind: 'paid'; amount: Vnd; lineId: string; receiptCode: string }
  | { kind: 'returned'; amount: Vnd }
  | { kind: 'handover-in'; amount: Vnd; fromPayer: string }
  | { kind: 'handover-out'; amount: Vnd; toPayer: string };

const sign: Record<CustodyEntry['kind'], 1 | -1> = {
  received: 1,
  'handover-in': 1,
  paid: -1,
  returned: -1,
  'handover-out': -1,
};

export type CustodyTotals = {
  received: Vnd;
  handedIn: Vnd;
  paid: Vnd;
  returned: Vnd;
  handedOut: Vnd;
  /** received + handed in − paid − returned − handed out. */
  balance: Vnd;
};

export function custodyTotals(entries: readonly CustodyEntry[]): CustodyTotals {
  const of = (kind: CustodyEntry['kind']) => sumVnd(entries.filter((e) => e.kind === kind).map((e) => e.amount));
  const balance = vnd(entries.reduce((sum, e) => sum + sign[e.kind] * e.amount, 0));
  return {
    received: of('received'),
    handedIn: of('handover-in'),
    paid: of('paid'),
    returned: of('returned'),
    handedOut: of('handover-out'),
    balance,
  };
}

export type AmountProblem = 'not-whole' | 'not-positive' | 'too-large';

/** A cash amount as typed: whole đồng, above 0, below a billion (no payer carries more). */
export function checkCashAmount(amount: number): AmountProblem | null {
  if (!Number.isSafeInteger(amount)) return 'not-whole';
  if (amount <= 0) return 'not-positive';
  if (amount >= 1_000_000_000) return 'too-large';
  return null;
}

/** Paying `amount` now would leave less cash than nothing: the screen warns before confirming. */
export function wouldOverdraw(entries: readonly CustodyEntry[], amount: Vnd): boolean {
  return custodyTotals(entries).balance - amount < 0;
}

export type Count = Partial<Record<Denomination, number>>;
export type CountProblem = { code: 'bad-count'; denomination: number };

/** The counted cash: each denomination times its count (whole, not negative). */
export function countedTotal(count: Count): { ok: true; total: Vnd } | { ok: false; error: CountProblem } {
  let total = 0;
  for (const [key, n] of Object.entries(count)) {
    const denomination = Number(key);
    if (!denominations.includes(denomination as Denomination) || !Number.isSafeInteger(n) || (n ?? 0) < 0)
      return { ok: false, error: { code: 'bad-count', denomination } };
    total += denomination * (n ?? 0);
  }
  return { ok: true, total: vnd(total) };
}

export type CloseCheck =
  | { status: 'balanced'; balance: Vnd; counted: Vnd }
  /** Counted − balance (positive: more cash than the records say). */
  | { status: 'difference'; balance: Vnd; counted: Vnd; difference: Vnd; needs: ('reason' | 'acknowledgement')[] };

/**
 * The day's close: the counted cash against the balance. A difference needs a reason from the
 * payer and a supervisor's acknowledgement; `needs` lists what is still missing.
 */
export function checkClose(
  entries: readonly CustodyEntry[],
  counted: Vnd,
  given: { reason?: string | null; acknowledgedBy?: string | null } = {},
): CloseCheck {
  const { balance } = custodyTotals(entries);
  if (counted === balance) return { status: 'balanced', balance, counted };
  const needs: ('reason' | 'acknowledgement')[] = [];
  if (!given.reason?.trim()) needs.push('reason');
  if (!given.acknowledgedBy) needs.push('acknowledgement');
  return { status: 'difference', balance, counted, difference: vnd(counted - balance), needs };
}

/**
 * An amount as typed on the tablet: digits, optionally grouped by thousands with dots or spaces
 * as Vietnamese writes them ("5.000.000"). A comma or a shorter group is a decimal part
 * (`not-whole`), a minus sign `not-positive`; then the rules of `checkCashAmount`.
 */
export function readCashInput(text: string): { ok: true; amount: Vnd } | { ok: false; problem: AmountProblem } {
  const typed = text.trim();
  if (/^-/u.test(typed)) return { ok: false, problem: 'not-positive' };
  const digits = /^\d{1,3}(?:[.\s]\d{3})+$/u.test(typed) ? typed.replace(/[.\s]/gu, '') : typed;
  if (!/^\d+$/u.test(digits)) return { ok: false, problem: 'not-whole' };
  const amount = Number(digits);
  const problem = checkCashAmount(amount);
  return problem ? { ok: false, problem } : { ok: true, amount: vnd(amount) };
}
