import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { vnd } from './money';
import { applyPaymentOp, newPaymentLine, type PaymentLineState, type PaymentOp } from './payment-line';
import { undecidedFailure } from './payment-transfer';
import type { PaymentLineStatus, PaymentMethod } from './vocabulary';

const active = { beneficiaryStatus: 'active' as const };
let n = 0;
const meta = () => ({ id: `op-${++n}`, actorId: 'sup-1', recordedAt: '2026-11-20T09:00:00+07:00' });
const send = (batchId = 'b-1', amount = 1_000_000): PaymentOp => ({
  ...meta(),
  type: 'payment.transfer-send',
  payload: { batchId, providerId: 'p-1', reference: `${batchId}-00001`, amount },
});
const result = (outcome: 'paid' | 'failed', batchId = 'b-1'): PaymentOp => ({
  ...meta(),
  type: 'payment.transfer-result',
  payload: { batchId, outcome, reason: outcome === 'failed' ? 'Tài khoản đã đóng' : undefined },
});
const cancel = (batchId = 'b-1'): PaymentOp => ({ ...meta(), type: 'payment.transfer-cancel', payload: { batchId } });
const reroute = (to: 'home-delivery' | 'cash-point' | 'next-month'): PaymentOp => ({
  ...meta(),
  type: 'payment.reroute',
  payload: { to, reason: 'Sai số tài khoản' },
});
const cash = (): PaymentOp => ({
  ...meta(),
  type: 'payment.record',
  payload: { amount: 1_000_000, receiver: { kind: 'self' } },
});

const bankLine = (status: PaymentLineStatus = 'due', method: PaymentMethod = 'bank') =>
  newPaymentLine(vnd(1_000_000), status, method);

/** Applies ops in order, failing the test on a refusal. */
function run(line: PaymentLineState, ...ops: PaymentOp[]): PaymentLineState {
  return ops.reduce((l, op) => {
    const r = applyPaymentOp(l, op, active);
    expect(r.outcome, op.type).toEqual({ status: 'applied' });
    return r.line;
  }, line);
}

describe('transfer ops', () => {
  test('sent: transferred and waiting; paid: the line’s one counted payment', () => {
    const sent = run(bankLine(), send());
    expect(sent).toMatchObject({
      status: 'transferred',
      transfers: [{ batchId: 'b-1', outcome: null, statusBefore: 'due' }],
    });
    const paid = run(sent, result('paid'));
    expect(paid.status).toBe('paid');
    expect(paid.payment).toMatchObject({ amount: 1_000_000, receiver: { kind: 'self' } });
    expect(paid.transfers[0]?.outcome).toMatchObject({ kind: 'paid' });
    // Cash on a paid transfer is a second payment: kept, not counted.
    expect(applyPaymentOp(paid, cash(), active).outcome).toEqual({ status: 'conflict', code: 'already-paid' });
  });

  test('failed: rerouted to home delivery it is due again in cash; to next month it stays for the close', () => {
    const failed = run(bankLine(), send(), result('failed'));
    expect(failed.status).toBe('failed');
    expect(undecidedFailure(failed)?.outcome).toMatchObject({ kind: 'failed', reason: 'Tài khoản đã đóng' });
    const home = run(failed, reroute('home-delivery'));
    expect(home).toMatchObject({
      status: 'due',
      method: 'home-delivery',
      reroute: { to: 'home-delivery', methodBefore: 'bank' },
    });
    expect(undecidedFailure(home)).toBeUndefined();
    expect(run(home, cash()).status).toBe('paid');
    const carried = run(failed, reroute('next-month'));
    expect(carried).toMatchObject({ status: 'failed', method: 'bank' });
    expect(undecidedFailure(carried)).toBeUndefined();
    // A failed line may be sent again in a new batch (its account fixed), and fail again: undecided.
    const again = run(failed, send('b-2'), result('failed', 'b-2'));
    expect(undecidedFailure(again)?.batchId).toBe('b-2');
  });

  test('cancelled before results: back to the status it had before the batch', () => {
    expect(run(bankLine(), send(), cancel()).status).toBe('due');
    const failed = run(bankLine(), send(), result('failed'));
    const resentCancelled = run(failed, send('b-2'), cancel('b-2'));
    expect(resentCancelled.status).toBe('failed');
    // Still the first batch's failure: undecided, and a supervisor can send it to cash.
    expect(undecidedFailure(resentCancelled)?.batchId).toBe('b-1');
    expect(run(resentCancelled, reroute('home-delivery'))).toMatchObject({ status: 'due', method: 'home-delivery' });
  });

  test.each<[string, PaymentLineState, PaymentOp, string]>([
    ['a cash line', bankLine('due', 'home-delivery'), send(), 'not-transferable'],
    ['a paid line', bankLine('paid'), send(), 'not-transferable'],
    ['a void line', bankLine('void'), send(), 'not-transferable'],
    ['a wrong amount', bankLine(), send('b-1', 999_000), 'amount-mismatch'],
    ['a result for a line not sent', bankLine(), result('paid'), 'not-in-batch'],
    ['a result of another batch', run(bankLine(), send('b-1')), result('paid', 'b-9'), 'not-in-batch'],
    ['a cancel of another batch', run(bankLine(), send('b-1')), cancel('b-9'), 'not-in-batch'],
    ['a reroute of a line not failed', bankLine(), reroute('home-delivery'), 'not-failed'],
  ])('refused: %s', (_, line, op, code) => {
    const r = applyPaymentOp(line, op, active);
    expect(r.outcome).toEqual({ status: 'rejected', code });
    expect(r.line).toBe(line);
  });

  test('cash recorded while the line was out counts once the transfer fails or is cancelled', () => {
    const sent = run(bankLine(), send());
    const cashOp = cash();
    const withCash = applyPaymentOp(sent, cashOp, active);
    expect(withCash.outcome).toEqual({ status: 'conflict', code: 'already-paid' });
    for (const end of [result('failed'), cancel()]) {
      const after = run(withCash.line, end);
      expect(after).toMatchObject({ status: 'paid', payment: { opId: cashOp.id } });
      expect(after.conflicts).toMatchObject([{ code: 'already-paid', counted: true }]);
      // Paid: never sent again, never rerouted to be paid a second time.
      expect(applyPaymentOp(after, send('b-2'), active).outcome).toMatchObject({ code: 'not-transferable' });
      expect(applyPaymentOp(after, reroute('home-delivery'), active).outcome).toMatchObject({ code: 'not-failed' });
    }
    // Paid by the bank as well: both payments stay, the transfer counted, the cash for a supervisor.
    expect(run(withCash.line, result('paid')).conflicts).toMatchObject([{ counted: false }]);
  });

  test('a line waiting for the provider is not withdrawn: the batch is cancelled first', () => {
    const sent = run(bankLine(), send());
    const withdraw: PaymentOp = { ...meta(), type: 'payment.void', payload: { target: 'line', reason: 'other' } };
    expect(applyPaymentOp(sent, withdraw, active).outcome).toEqual({ status: 'rejected', code: 'line-in-batch' });
  });

  test('property: any sequence of ops keeps one counted payment at most, and paid ⇔ payment', () => {
    const ops = fc.constantFrom<() => PaymentOp>(
      () => send(),
      () => send('b-2'),
      () => result('paid'),
      () => result('failed'),
      () => result('failed', 'b-2'),
      () => cancel(),
      () => reroute('home-delivery'),
      () => reroute('next-month'),
      cash,
    );
    fc.assert(
      fc.property(fc.array(ops, { maxLength: 12 }), (makers) => {
        let line = bankLine();
        for (const make of makers) line = applyPaymentOp(line, make(), active).line;
        expect(line.status === 'paid').toBe(line.payment !== null);
        expect(line.status === 'transferred').toBe(line.transfers.at(-1)?.outcome === null);
      }),
    );
  });
});
