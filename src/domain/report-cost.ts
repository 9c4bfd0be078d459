/**
 * What paying cost, beside the shift from cash (issue 14, docs/reports.md "Cost"): the server's
 * cost rows (fees an admin entered for the whole pilot, divided by the pilot's payments) lined up
 * with the scope's share paid without cash, month by month; and the fee form's amounts. Integer
 * đồng only.
 */
import type { Fraction, MonthMethods } from './report-groups';

/** The server's cost rows (src/protocol/reports.ts), by shape. */
export type CostRow = {
  period: string;
  method: string;
  fee: number | null;
  note: string | null;
  paidLines: number;
  paidLinesInScope: number;
  costPerPayment: number | null;
};

export type MethodCost = { fee: number | null; paidLines: number; costPerPayment: number | null };
export type MonthCost = {
  period: string;
  byMethod: Map<string, MethodCost>;
  /** One payment's cost over the methods with a fee and a payment: cash (cash point, home) and not. */
  cash: number | null;
  nonCash: number | null;
  /** The scope's paid amount by bank and mobile money over all it paid (report-groups.ts). */
  nonCashAmount: Fraction;
};

const NON_CASH = new Set(['bank', 'mobile-money']);

/** fee ÷ payments, rounded half up to the đồng with integers only; null without a payment. */
export function perPayment(fee: number, payments: number): number | null {
  if (payments <= 0) return null;
  return Math.floor((fee * 2 + payments) / (2 * payments));
}

/** The months of `months` (the scope's methods, oldest first), each with the cost rows of its month. */
export function costByMonth(rows: readonly CostRow[], months: readonly MonthMethods[]): MonthCost[] {
  return months.map((month) => {
    const byMethod = new Map<string, MethodCost>();
    const fees = { cash: { fee: 0, paid: 0 }, nonCash: { fee: 0, paid: 0 } };
    for (const row of rows) {
      if (row.period !== month.period) continue;
      byMethod.set(row.method, { fee: row.fee, paidLines: row.paidLines, costPerPayment: row.costPerPayment });
      if (row.fee === null || row.paidLines === 0) continue;
      const group = NON_CASH.has(row.method) ? fees.nonCash : fees.cash;
      group.fee += row.fee;
      group.paid += row.paidLines;
    }
    return {
      period: month.period,
      byMethod,
      cash: perPayment(fees.cash.fee, fees.cash.paid),
      nonCash: perPayment(fees.nonCash.fee, fees.nonCash.paid),
      nonCashAmount: month.nonCashAmount,
    };
  });
}

export const MAX_FEE = 1_000_000_000_000;
export type FeeInput = { ok: true; amount: number | null } | { ok: false; code: 'not-a-number' | 'too-large' };

/**
 * A fee as typed: whole đồng, with or without thousands dots or spaces (`1.500.000`). Blank is no
 * fee (the method is left as it was). A decimal comma, a sign or a letter is not a fee.
 */
export function parseFee(text: string): FeeInput {
  const bare = text.replace(/[.\s\u00a0]/gu, '');
  if (bare === '') return { ok: true, amount: null };
  if (!/^\d+$/u.test(bare)) return { ok: false, code: 'not-a-number' };
  const amount = Number(bare);
  if (amount > MAX_FEE) return { ok: false, code: 'too-large' };
  return { ok: true, amount };
}
