/** `payment.assign` (issue 16, "Assignments"): whose round a line is on. */
import { describe, expect, test } from 'vitest';
import { vnd } from './money';
import { applyPaymentOp, lineHasOp, newPaymentLine, type PaymentOp, type PaymentOpContext } from './payment-line';
import type { PaymentLineStatus, PaymentMethod } from './vocabulary';

const active: PaymentOpContext = { beneficiaryStatus: 'active' };
const base = (id: string) => ({ id, actorId: 'officer-1', recordedAt: '2026-12-01T08:00:00+07:00' });
const assign = (payerId: string | null, payerName?: string, id = `op-${payerId ?? 'none'}`): PaymentOp => ({
  ...base(id),
  type: 'payment.assign',
  payload: { payerId, payerName },
});
const line = (status: PaymentLineStatus = 'due', method: PaymentMethod = 'home-delivery') =>
  newPaymentLine(vnd(750_000), status, method);

describe('payment.assign', () => {
  test('puts an open cash line on a payer’s round, and moves it to another', () => {
    const first = applyPaymentOp(line(), assign('payer-a', 'Lê Thị A'), active);
    expect(first.outcome).toEqual({ status: 'applied' });
    expect(first.line.assignee).toMatchObject({ payerId: 'payer-a', payerName: 'Lê Thị A', opId: 'op-payer-a' });
    expect(first.line.status).toBe('due');

    // An unpaid visit does not settle the line: another payer may take it on.
    const visited = applyPaymentOp(
      first.line,
      { ...base('v'), type: 'payment.unpaid', payload: { reason: 'absent' } },
      active,
    );
    const moved = applyPaymentOp(visited.line, assign('payer-b', 'Trần Văn B'), active);
    expect(moved.outcome).toEqual({ status: 'applied' });
    expect(moved.line.assignee?.payerId).toBe('payer-b');
    expect(moved.line.lastVisit?.reason).toBe('absent');
  });

  test('takes a line off every round', () => {
    const onRound = applyPaymentOp(line('due', 'cash-point'), assign('payer-a', 'Lê Thị A'), active).line;
    const off = applyPaymentOp(onRound, assign(null), active);
    expect(off.outcome).toEqual({ status: 'applied' });
    expect(off.line.assignee).toBeNull();
  });

  test.each(['paid', 'transferred', 'void'] as const)(
    'refuses a %s line with the reason, changing nothing',
    (status) => {
      const before = { ...line(status), assignee: null };
      const result = applyPaymentOp(before, assign('payer-b', 'Trần Văn B'), active);
      expect(result.outcome).toEqual({ status: 'rejected', code: 'line-settled' });
      expect(result.line).toBe(before);
    },
  );

  test('refuses a line paid into an account', () => {
    const result = applyPaymentOp(line('due', 'bank'), assign('payer-a', 'Lê Thị A'), active);
    expect(result.outcome).toEqual({ status: 'rejected', code: 'not-cash-line' });
  });

  test('refuses a payer without a name', () => {
    const result = applyPaymentOp(line(), assign('payer-a', '  '), active);
    expect(result.outcome).toEqual({ status: 'rejected', code: 'invalid-payload' });
  });

  test('the line knows the assignment it holds', () => {
    const assigned = applyPaymentOp(line(), assign('payer-a', 'Lê Thị A', 'op-7'), active).line;
    expect(lineHasOp(assigned, 'op-7')).toBe(true);
    expect(lineHasOp(assigned, 'op-8')).toBe(false);
  });
});

describe('payment.unpaid with a revisit (issue 16, "Revisits")', () => {
  const visit = (reason: 'absent' | 'deceased', revisitOn?: string): PaymentOp => ({
    ...base(`v-${reason}-${revisitOn ?? 'none'}`),
    type: 'payment.unpaid',
    payload: { reason, revisitOn },
  });

  test('an absent person gets a revisit date, kept with the visit', () => {
    const result = applyPaymentOp(line(), visit('absent', '2026-12-09'), active);
    expect(result.outcome).toEqual({ status: 'applied' });
    expect(result.line.lastVisit).toMatchObject({ reason: 'absent', revisitOn: '2026-12-09' });
    expect(applyPaymentOp(line(), visit('absent'), active).line.lastVisit?.revisitOn).toBeNull();
  });

  test.each([
    ['a date that does not exist', visit('absent', '2026-02-30')],
    ['a revisit after a death', visit('deceased', '2026-12-09')],
  ])('refuses %s', (_, op) => {
    expect(applyPaymentOp(line(), op, active).outcome).toEqual({ status: 'rejected', code: 'invalid-payload' });
  });
});
