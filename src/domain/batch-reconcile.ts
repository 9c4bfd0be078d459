/**
 * A provider's results against the batch sent (issue 12): each result row is matched to a line by
 * the batch reference, or — only for a row without a reference — by account number and amount
 * (a reference this batch does not have is another batch's row, never matched by account). A row
 * that matches nothing, a second result for one line, an amount that differs from the line, or a
 * status that is neither paid nor failed is shown, never applied; two rows for one line that
 * disagree leave the line waiting. Every line ends in exactly one state — paid, failed, or still
 * waiting — and the money balances to the đồng: sent = paid + failed + waiting, in lines and đồng.
 */

export type SentLine = { lineId: string; reference: string; accountNumber: string; amount: number };

export type ResultRow = {
  /** The row of the result file, for the findings. */
  row: number;
  reference: string | null;
  accountNumber: string | null;
  amount: number;
  /** `unknown`: a status that is neither a paid nor a failed value (e.g. still processing). */
  state: 'paid' | 'failed' | 'unknown';
  /** The provider's reason for a failure. */
  reason: string | null;
  /** The provider's own reference for the transfer. */
  providerReference: string | null;
};

export type ResultFinding =
  | { row: number; code: 'unmatched' }
  | { row: number; code: 'duplicate'; lineId: string }
  | { row: number; code: 'contradicting'; lineId: string }
  | { row: number; code: 'status-unknown'; lineId: string }
  | { row: number; code: 'amount-differs'; lineId: string; expected: number };

export type LineResult = {
  lineId: string;
  state: 'paid' | 'failed' | 'waiting';
  row: number | null;
  reason: string | null;
  providerReference: string | null;
};

export type Tally = { lines: number; amount: number };
export type Balance = { sent: Tally; paid: Tally; failed: Tally; waiting: Tally };

export type Reconciliation = { lines: LineResult[]; findings: ResultFinding[]; balance: Balance };

const bare = (account: string) => account.replace(/[\s.]/g, '');

export function reconcile(sent: readonly SentLine[], results: readonly ResultRow[]): Reconciliation {
  const byReference = new Map(sent.map((l) => [l.reference, l]));
  // Account + amount identifies a line only when one line has it.
  const byAccount = new Map<string, SentLine | null>();
  for (const l of sent) {
    const key = `${bare(l.accountNumber)}|${String(l.amount)}`;
    byAccount.set(key, byAccount.has(key) ? null : l);
  }
  const decided = new Map<string, LineResult>();
  /** Lines two rows disagree about: left waiting, every row about them shown. */
  const contested = new Set<string>();
  const findings: ResultFinding[] = [];
  for (const r of results) {
    const line =
      r.reference !== null
        ? byReference.get(r.reference)
        : r.accountNumber === null
          ? undefined
          : (byAccount.get(`${bare(r.accountNumber)}|${String(r.amount)}`) ?? undefined);
    if (!line) {
      findings.push({ row: r.row, code: 'unmatched' });
      continue;
    }
    if (r.amount !== line.amount) {
      findings.push({ row: r.row, code: 'amount-differs', lineId: line.lineId, expected: line.amount });
      continue;
    }
    if (r.state === 'unknown') {
      findings.push({ row: r.row, code: 'status-unknown', lineId: line.lineId });
      continue;
    }
    const first = decided.get(line.lineId);
    if (contested.has(line.lineId) || (first && first.state !== r.state)) {
      if (first?.row != null) findings.push({ row: first.row, code: 'contradicting', lineId: line.lineId });
      decided.delete(line.lineId);
      contested.add(line.lineId);
      findings.push({ row: r.row, code: 'contradicting', lineId: line.lineId });
      continue;
    }
    if (first) {
      findings.push({ row: r.row, code: 'duplicate', lineId: line.lineId });
      continue;
    }
    decided.set(line.lineId, {
      lineId: line.lineId,
      state: r.state,
      row: r.row,
      reason: r.reason,
      providerReference: r.providerReference,
    });
  }
  const lines = sent.map(
    (l) =>
      decided.get(l.lineId) ?? {
        lineId: l.lineId,
        state: 'waiting' as const,
        row: null,
        reason: null,
        providerReference: null,
      },
  );
  const amountOf = new Map(sent.map((l) => [l.lineId, l.amount]));
  const tally = (state: LineResult['state'] | null): Tally => {
    let count = 0;
    let amount = 0;
    for (const l of lines)
      if (state === null || l.state === state) {
        count++;
        amount += amountOf.get(l.lineId) ?? 0;
      }
    return { lines: count, amount };
  };
  return {
    lines,
    findings,
    balance: { sent: tally(null), paid: tally('paid'), failed: tally('failed'), waiting: tally('waiting') },
  };
}

/** sent = paid + failed + waiting, in lines and in đồng. */
export function balances(b: Balance): boolean {
  return (
    b.sent.lines === b.paid.lines + b.failed.lines + b.waiting.lines &&
    b.sent.amount === b.paid.amount + b.failed.amount + b.waiting.amount
  );
}
