import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { vnd } from './money';
import {
  carriedArrears,
  decidedMoney,
  closeBalances,
  planClose,
  type CloseDecision,
  type CloseLine,
  type CloseProblem,
} from './month-close';
import { paymentLineStatuses } from './vocabulary';

const line = (lineId: string, status: CloseLine['status'], amount: number, months = 1): CloseLine => ({
  lineId,
  status,
  amount: vnd(amount),
  months,
});

const month = [
  line('paid', 'paid', 750_000),
  line('bank', 'transferred', 500_000),
  line('due', 'due', 1_000_000),
  line('away', 'unpaid', 600_000, 2),
  line('bounced', 'failed', 400_000),
  line('died-before', 'void', 900_000),
];

describe('planClose', () => {
  test('every open line is decided; the money balances: due = paid + carried + ended', () => {
    const plan = planClose(month, [
      { lineId: 'due', outcome: 'carry' },
      { lineId: 'away', outcome: 'carry' },
      { lineId: 'bounced', outcome: 'end', reason: 'deceased', note: null },
    ]);
    if (!plan.ok) expect.unreachable(JSON.stringify(plan.error));
    expect(plan.value.summary).toEqual({
      due: { count: 5, amount: 3_250_000 },
      paid: { count: 2, amount: 1_250_000 },
      carried: { count: 2, amount: 1_600_000 },
      ended: { count: 1, amount: 400_000 },
      withdrawn: { count: 1, amount: 900_000 },
    });
    expect(closeBalances(plan.value.summary)).toBe(true);
    expect(plan.value.outcomes).toContainEqual({ lineId: 'away', outcome: 'carry', amount: 600_000, months: 2 });
    expect(plan.value.outcomes).toContainEqual({ lineId: 'died-before', outcome: 'withdrawn' });
    expect(plan.value.outcomes).toContainEqual({
      lineId: 'bounced',
      outcome: 'end',
      amount: 400_000,
      reason: 'deceased',
      note: null,
    });
  });

  test('a close with a line undecided, a settled line decided, an unknown or twice-decided line, or "other" without a note is refused', () => {
    const problems = (decisions: CloseDecision[]): CloseProblem[] => {
      const plan = planClose(month, decisions);
      return plan.ok ? [] : plan.error;
    };
    const all: CloseDecision[] = [
      { lineId: 'due', outcome: 'carry' },
      { lineId: 'away', outcome: 'carry' },
      { lineId: 'bounced', outcome: 'carry' },
    ];
    expect(problems(all)).toEqual([]);
    expect(problems(all.slice(1))).toEqual([{ code: 'decision-missing', lineId: 'due' }]);
    expect(problems([...all, { lineId: 'paid', outcome: 'carry' }])).toEqual([
      { code: 'decision-on-settled-line', lineId: 'paid' },
    ]);
    expect(problems([...all, { lineId: 'died-before', outcome: 'carry' }])).toEqual([
      { code: 'decision-on-settled-line', lineId: 'died-before' },
    ]);
    expect(problems([...all, { lineId: 'nobody', outcome: 'carry' }])).toEqual([
      { code: 'decision-on-unknown-line', lineId: 'nobody' },
    ]);
    expect(problems([...all, { lineId: 'due', outcome: 'end', reason: 'deceased', note: null }])).toEqual([
      { code: 'decision-twice', lineId: 'due' },
    ]);
    expect(
      problems([...all.slice(1), { lineId: 'due', outcome: 'end', reason: 'other', note: '  ' }]).map((p) => p.code),
    ).toEqual(['note-needed']);
  });

  test('property: whatever the lines and decisions, a plan balances to the đồng and decides each line once', () => {
    const lines = fc.uniqueArray(
      fc.record({
        lineId: fc.string({ minLength: 1, maxLength: 6 }),
        status: fc.constantFrom(...paymentLineStatuses),
        amount: fc.integer({ min: 0, max: 50_000_000 }).map(vnd),
        months: fc.integer({ min: 1, max: 12 }),
      }),
      { selector: (l) => l.lineId, maxLength: 40 },
    );
    fc.assert(
      fc.property(lines, fc.infiniteStream(fc.boolean()), (ls, carries) => {
        const decisions: CloseDecision[] = ls
          .filter((l) => l.status !== 'paid' && l.status !== 'transferred' && l.status !== 'void')
          .map((l) =>
            carries.next().value
              ? { lineId: l.lineId, outcome: 'carry' }
              : { lineId: l.lineId, outcome: 'end', reason: 'moved-away', note: null },
          );
        const plan = planClose(ls, decisions);
        if (!plan.ok) return false;
        const { summary, outcomes } = plan.value;
        return (
          closeBalances(summary) &&
          outcomes.length === ls.length &&
          summary.due.count + summary.withdrawn.count === ls.length
        );
      }),
    );
  });
});

test('carriedArrears adds the carried amount and its months to next month’s line', () => {
  expect(
    carriedArrears(
      { amount: vnd(1_500_000), arrearsAmount: vnd(500_000), arrearsMonths: 1 },
      { amount: vnd(1_000_000), months: 2 },
    ),
  ).toEqual({ amount: 2_500_000, arrearsAmount: 1_500_000, arrearsMonths: 3 });
});

test('decidedMoney sums the open lines by the decision taken so far, a complete close or not', () => {
  expect(
    decidedMoney(month, [
      { lineId: 'due', outcome: 'carry' },
      { lineId: 'away', outcome: 'end', reason: 'other', note: null },
      { lineId: 'paid', outcome: 'carry' },
    ]),
  ).toEqual({ carried: 1_000_000, ended: 600_000 });
});
