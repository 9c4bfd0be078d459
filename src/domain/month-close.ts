/**
 * Closing a commune's month (issue 11, docs/domain.md §3.5 "Closing a month"): every line that was due
 * and is not settled (paid in cash or transferred) is decided, one by one: its money is carried
 * into next month's arrears (truy lĩnh), or the line is ended with a reason. Lines withdrawn
 * before the close (void) are outside the month's money. The money balances to the đồng:
 * due = paid + carried + ended.
 */
import { err, ok, type Result } from '../lib/result';
import { sumVnd, vnd, type Vnd } from './money';
import type { PaymentLineStatus } from './vocabulary';

/** Why an unpaid line ends at the close instead of being carried into next month. */
export const closeEndReasons = ['deceased', 'moved-away', 'not-eligible', 'declined', 'other'] as const;
export type CloseEndReason = (typeof closeEndReasons)[number];

export type CloseLine = {
  lineId: string;
  status: PaymentLineStatus;
  /** Whole đồng due on the line (monthly amount plus arrears). */
  amount: Vnd;
  /** Months the line's amount covers: this month plus the months of arrears it already carries. */
  months: number;
};

export type CloseDecision =
  | { lineId: string; outcome: 'carry' }
  | { lineId: string; outcome: 'end'; reason: CloseEndReason; note: string | null };

export type CloseProblem =
  | { code: 'decision-missing'; lineId: string }
  | { code: 'decision-on-settled-line'; lineId: string }
  | { code: 'decision-on-unknown-line'; lineId: string }
  | { code: 'decision-twice'; lineId: string }
  | { code: 'note-needed'; lineId: string };

export type Tally = { count: number; amount: Vnd };
export type CloseSummary = {
  /** Every line not withdrawn before the close. */
  due: Tally;
  paid: Tally;
  carried: Tally;
  ended: Tally;
  /** Withdrawn before the close (void): outside the month's money. */
  withdrawn: Tally;
};

/** What happens to one line at the close. */
export type LineOutcome =
  | { lineId: string; outcome: 'settled' }
  | { lineId: string; outcome: 'withdrawn' }
  | { lineId: string; outcome: 'carry'; amount: Vnd; months: number }
  | { lineId: string; outcome: 'end'; amount: Vnd; reason: CloseEndReason; note: string | null };

export type ClosePlan = { summary: CloseSummary; outcomes: LineOutcome[] };

const settled: ReadonlySet<PaymentLineStatus> = new Set(['paid', 'transferred']);

/** A line the close must decide: due, visited and not paid, or a transfer that bounced. */
export function isOpenAtClose(status: PaymentLineStatus): boolean {
  return !settled.has(status) && status !== 'void';
}

function tally(amounts: Vnd[]): Tally {
  return { count: amounts.length, amount: sumVnd(amounts) };
}

/** Decides every line of the month, or says which decisions are missing or wrong. */
export function planClose(
  lines: readonly CloseLine[],
  decisions: readonly CloseDecision[],
): Result<ClosePlan, CloseProblem[]> {
  const problems: CloseProblem[] = [];
  const byId = new Map(lines.map((l) => [l.lineId, l]));
  const decided = new Map<string, CloseDecision>();
  for (const d of decisions) {
    const line = byId.get(d.lineId);
    if (!line) problems.push({ code: 'decision-on-unknown-line', lineId: d.lineId });
    else if (!isOpenAtClose(line.status)) problems.push({ code: 'decision-on-settled-line', lineId: d.lineId });
    else if (decided.has(d.lineId)) problems.push({ code: 'decision-twice', lineId: d.lineId });
    else if (d.outcome === 'end' && d.reason === 'other' && !d.note?.trim())
      problems.push({ code: 'note-needed', lineId: d.lineId });
    else decided.set(d.lineId, d);
  }
  const outcomes: LineOutcome[] = [];
  const buckets: Record<LineOutcome['outcome'], Vnd[]> = { settled: [], withdrawn: [], carry: [], end: [] };
  for (const line of lines) {
    const outcome = outcomeOf(line, decided.get(line.lineId));
    if (!outcome) {
      if (!problems.some((p) => p.lineId === line.lineId))
        problems.push({ code: 'decision-missing', lineId: line.lineId });
      continue;
    }
    outcomes.push(outcome);
    buckets[outcome.outcome].push(line.amount);
  }
  if (problems.length > 0) return err(problems);
  const summary: CloseSummary = {
    due: tally(lines.filter((l) => l.status !== 'void').map((l) => l.amount)),
    paid: tally(buckets.settled),
    carried: tally(buckets.carry),
    ended: tally(buckets.end),
    withdrawn: tally(buckets.withdrawn),
  };
  return ok({ summary, outcomes });
}

function outcomeOf(line: CloseLine, d: CloseDecision | undefined): LineOutcome | undefined {
  if (!isOpenAtClose(line.status))
    return { lineId: line.lineId, outcome: line.status === 'void' ? 'withdrawn' : 'settled' };
  if (!d) return undefined;
  return d.outcome === 'carry'
    ? { lineId: line.lineId, outcome: 'carry', amount: line.amount, months: line.months }
    : { lineId: line.lineId, outcome: 'end', amount: line.amount, reason: d.reason, note: d.note?.trim() || null };
}

/**
 * The money of the decisions taken so far, whether or not the close is complete yet (the screen
 * shows it while the user decides): each open line's amount goes where its decision sends it.
 */
export function decidedMoney(
  lines: readonly CloseLine[],
  decisions: readonly CloseDecision[],
): { carried: Vnd; ended: Vnd } {
  const outcome = new Map(decisions.map((d) => [d.lineId, d.outcome]));
  const open = lines.filter((l) => isOpenAtClose(l.status));
  const sum = (kind: CloseDecision['outcome']) =>
    sumVnd(open.filter((l) => outcome.get(l.lineId) === kind).map((l) => l.amount));
  return { carried: sum('carry'), ended: sum('end') };
}

/** due = paid + carried + ended, to the đồng (the equation the closing screen shows). */
export function closeBalances(summary: CloseSummary): boolean {
  return summary.due.amount === vnd(summary.paid.amount + summary.carried.amount + summary.ended.amount);
}

/**
 * The arrears a carried line adds to the person's line next month: its whole amount, and the
 * months it covered (this month plus the arrears months it already carried).
 */
export function carriedArrears(
  next: { amount: Vnd; arrearsAmount: Vnd; arrearsMonths: number },
  carried: { amount: Vnd; months: number },
): { amount: Vnd; arrearsAmount: Vnd; arrearsMonths: number } {
  return {
    amount: vnd(next.amount + carried.amount),
    arrearsAmount: vnd(next.arrearsAmount + carried.amount),
    arrearsMonths: next.arrearsMonths + carried.months,
  };
}
