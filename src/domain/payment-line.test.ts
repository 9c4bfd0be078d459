import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  applyPaymentOp,
  newPaymentLine,
  payableMethod,
  type PaymentLineState,
  type PaymentOp,
  type PaymentOpContext,
  type PaymentOpOutcome,
  type PaymentReceiver,
} from './payment-line';
import type { BeneficiaryStatus, PaymentLineStatus } from './vocabulary';
import { vnd } from './money';

const active: PaymentOpContext = { beneficiaryStatus: 'active' };
let counter = 0;
const meta = (id?: string) => ({
  id: id ?? `op-${++counter}`,
  actorId: 'payer-1',
  recordedAt: '2026-06-05T09:00:00+07:00',
});

const record = (amount = 1_000_000, id?: string, receiver: PaymentReceiver = { kind: 'self' }): PaymentOp => ({
  ...meta(id),
  type: 'payment.record',
  payload: { amount, receiver },
});
const unpaid = (reason: 'absent' | 'deceased' = 'absent', id?: string): PaymentOp => ({
  ...meta(id),
  type: 'payment.unpaid',
  payload: { reason },
});
const voidOp = (target: 'payment' | 'line', paymentOpId?: string, id?: string): PaymentOp => ({
  ...meta(id),
  type: 'payment.void',
  payload: { target, reason: 'recorded-in-error', paymentOpId },
});

const line = (status: PaymentLineStatus = 'due') => newPaymentLine(vnd(1_000_000), status);

describe('applyPaymentOp — payment.record', () => {
  test.each<[PaymentLineStatus, BeneficiaryStatus, PaymentOpOutcome, PaymentLineStatus, boolean]>([
    ['due', 'active', { status: 'applied' }, 'paid', true],
    ['unpaid', 'active', { status: 'applied' }, 'paid', true],
    ['failed', 'active', { status: 'applied' }, 'paid', true],
    ['transferred', 'active', { status: 'conflict', code: 'already-paid' }, 'transferred', false],
    ['void', 'active', { status: 'conflict', code: 'line-cancelled' }, 'void', false],
    ['due', 'deceased', { status: 'conflict', code: 'beneficiary-inactive' }, 'paid', true],
    ['due', 'suspended', { status: 'conflict', code: 'beneficiary-inactive' }, 'paid', true],
    ['void', 'deceased', { status: 'conflict', code: 'line-cancelled' }, 'void', false],
  ])(
    'on a %s line of an %s beneficiary → %o, line %s (counted: %s)',
    (status, beneficiary, outcome, after, counted) => {
      const op = record();
      const result = applyPaymentOp(line(status), op, { beneficiaryStatus: beneficiary });
      expect(result.outcome).toEqual(outcome);
      expect(result.line.status).toBe(after);
      expect(result.line.payment?.opId ?? null).toBe(counted ? op.id : null);
      // Every non-rejected payment is kept somewhere: counted, or in conflicts.
      const kept = result.line.payment?.opId === op.id || result.line.conflicts.some((c) => c.fact.opId === op.id);
      expect(kept).toBe(true);
    },
  );

  test('a second payment conflicts and the first stays the counted one', () => {
    const first = applyPaymentOp(line(), record(1_000_000, 'first'), active);
    const second = applyPaymentOp(first.line, record(1_000_000, 'second'), active);
    expect(second.outcome).toEqual({ status: 'conflict', code: 'already-paid' });
    expect(second.line.payment?.opId).toBe('first');
    expect(second.line.conflicts).toHaveLength(1);
    expect(second.line.conflicts[0]).toMatchObject({
      code: 'already-paid',
      kind: 'payment',
      counted: false,
      fact: { opId: 'second' },
    });
  });

  test('an unpaid line can be paid later in the same month', () => {
    const visited = applyPaymentOp(line(), unpaid('absent'), active);
    expect(visited.line.status).toBe('unpaid');
    const paid = applyPaymentOp(visited.line, record(), active);
    expect(paid.outcome).toEqual({ status: 'applied' });
    expect(paid.line.status).toBe('paid');
  });

  test.each([
    ['a different amount', record(999_000), 'amount-mismatch'],
    ['a fraction of a đồng', record(1_000_000.5), 'invalid-payload'],
    [
      'a guardian without an ID number',
      record(1_000_000, undefined, { kind: 'guardian', fullName: 'Lê Thị Mai' }),
      'invalid-payload',
    ],
    [
      'an authorised person without a name',
      record(1_000_000, undefined, { kind: 'authorized', idNumber: '046078999012' }),
      'invalid-payload',
    ],
    [
      'an unknown receiver kind',
      record(1_000_000, undefined, { kind: 'neighbour' } as unknown as PaymentReceiver),
      'invalid-payload',
    ],
  ])('rejects %s and leaves the line unchanged', (_name, op, code) => {
    const before = line();
    const result = applyPaymentOp(before, op, active);
    expect(result.outcome).toEqual({ status: 'rejected', code });
    expect(result.line).toBe(before);
  });

  test.each([
    ['no receiver', { amount: 1_000_000 }],
    ['a null receiver', { amount: 1_000_000, receiver: null }],
    ['no payload at all', undefined],
  ])('rejects a payload with %s (an op that skipped the wire schema) without throwing', (_name, payload) => {
    const op = { ...record(), payload } as unknown as PaymentOp;
    expect(applyPaymentOp(line(), op, active).outcome).toEqual({ status: 'rejected', code: 'invalid-payload' });
  });

  test('accepts a guardian with name and ID number', () => {
    const op = record(1_000_000, undefined, {
      kind: 'guardian',
      fullName: 'Lê Thị Mai',
      idNumber: '046160999013',
    });
    expect(applyPaymentOp(line(), op, active).outcome).toEqual({ status: 'applied' });
  });
});

describe('applyPaymentOp — payment.unpaid', () => {
  test.each<[PaymentLineStatus, PaymentOpOutcome, PaymentLineStatus]>([
    ['due', { status: 'applied' }, 'unpaid'],
    ['unpaid', { status: 'applied' }, 'unpaid'],
    ['failed', { status: 'applied' }, 'unpaid'],
    ['paid', { status: 'conflict', code: 'already-paid' }, 'paid'],
    ['transferred', { status: 'conflict', code: 'already-paid' }, 'transferred'],
    ['void', { status: 'applied' }, 'void'],
  ])('on a %s line → %o, line %s', (status, outcome, after) => {
    const op = unpaid('deceased');
    const result = applyPaymentOp(line(status), op, active);
    expect(result.outcome).toEqual(outcome);
    expect(result.line.status).toBe(after);
    const kept = result.line.lastVisit?.opId === op.id || result.line.conflicts.some((c) => c.fact.opId === op.id);
    expect(kept).toBe(true);
  });

  test('rejects an unknown reason', () => {
    const op = { ...unpaid(), payload: { reason: 'busy' } } as unknown as PaymentOp;
    expect(applyPaymentOp(line(), op, active).outcome).toEqual({ status: 'rejected', code: 'invalid-payload' });
  });
});

describe('applyPaymentOp — payment.void', () => {
  const paidLine = () => applyPaymentOp(line(), record(1_000_000, 'pay-1'), active).line;

  test('voiding the payment makes the line payable again and keeps the payment in history', () => {
    const result = applyPaymentOp(paidLine(), voidOp('payment'), active);
    expect(result.outcome).toEqual({ status: 'applied' });
    expect(result.line).toMatchObject({ status: 'due', payment: null });
    expect(result.line.voids[0]?.voidedPayment?.opId).toBe('pay-1');
    expect(applyPaymentOp(result.line, record(), active).outcome).toEqual({ status: 'applied' });
  });

  test('voids the uncounted second payment of an already-paid conflict by its op id', () => {
    const twice = applyPaymentOp(paidLine(), record(1_000_000, 'pay-2'), active).line;
    const result = applyPaymentOp(twice, voidOp('payment', 'pay-2'), active);
    expect(result.outcome).toEqual({ status: 'applied' });
    expect(result.line.payment?.opId).toBe('pay-1');
    expect(result.line.conflicts).toEqual([]);
    expect(result.line.voids[0]?.voidedPayment?.opId).toBe('pay-2');
  });

  test.each<[string, () => PaymentLineState, PaymentOp, string]>([
    ['a payment on an unpaid line', () => line('due'), voidOp('payment'), 'nothing-to-void'],
    ['an unknown payment id', paidLine, voidOp('payment', 'nope'), 'nothing-to-void'],
    ['a line already void', () => line('void'), voidOp('line'), 'nothing-to-void'],
    ['a line that has a payment', paidLine, voidOp('line'), 'line-has-payment'],
  ])('rejects voiding %s', (_name, make, op, code) => {
    const before = make();
    expect(applyPaymentOp(before, op, active)).toEqual({ line: before, outcome: { status: 'rejected', code } });
  });

  test('cancels a line that has no payment', () => {
    const result = applyPaymentOp(line('unpaid'), voidOp('line'), active);
    expect(result).toMatchObject({ outcome: { status: 'applied' }, line: { status: 'void' } });
  });

  test('a counted payment to an inactive beneficiary is no longer counted once voided', () => {
    const paid = applyPaymentOp(line(), record(1_000_000, 'pay-1'), { beneficiaryStatus: 'deceased' }).line;
    expect(paid.conflicts[0]).toMatchObject({ kind: 'payment', counted: true });
    const voided = applyPaymentOp(paid, voidOp('payment'), active).line;
    expect(voided.conflicts[0]).toMatchObject({ kind: 'payment', counted: false });
  });
});

/** Random ops for one line: right and wrong amounts, receivers, visits, voids. */
const opArb: fc.Arbitrary<PaymentOp> = fc.oneof(
  fc
    .record({ amount: fc.constantFrom(1_000_000, 1_000_000, 1_000_000, 750_000), guardian: fc.boolean() })
    .map(({ amount, guardian }) =>
      record(
        amount,
        undefined,
        guardian ? { kind: 'guardian', fullName: 'Lê Thị Mai', idNumber: '046160999013' } : { kind: 'self' },
      ),
    ),
  fc.constantFrom('absent' as const, 'deceased' as const).map((reason) => unpaid(reason)),
  fc.constantFrom('payment' as const, 'line' as const).map((target) => voidOp(target)),
);
const contextArb = fc.constantFrom<BeneficiaryStatus>('active', 'active', 'active', 'suspended', 'deceased');
const startArb = fc.constantFrom<PaymentLineStatus>('due', 'unpaid', 'failed', 'transferred', 'void');

type Step = { op: PaymentOp; outcome: PaymentOpOutcome; before: PaymentLineState; after: PaymentLineState };
function run(start: PaymentLineStatus, ops: PaymentOp[], contexts: BeneficiaryStatus[]): Step[] {
  let current = line(start);
  return ops.map((op, i) => {
    const before = current;
    const { line: after, outcome } = applyPaymentOp(before, op, {
      beneficiaryStatus: contexts[i % contexts.length] ?? 'active',
    });
    current = after;
    return { op, outcome, before, after };
  });
}

const becameCounted = (s: Step) => s.before.payment === null && s.after.payment?.opId === s.op.id;

describe('applyPaymentOp — invariants (property tests)', () => {
  test('without voids, at most one payment is ever counted, whatever the order of ops', () => {
    const noVoid = opArb.filter((op) => op.type !== 'payment.void');
    fc.assert(
      fc.property(
        startArb,
        fc.array(noVoid, { maxLength: 12 }),
        fc.array(contextArb, { minLength: 1, maxLength: 3 }),
        (start, ops, contexts) => {
          const steps = run(start, ops, contexts);
          expect(steps.filter(becameCounted).length).toBeLessThanOrEqual(1);
          expect(
            steps.filter((s) => s.outcome.status === 'applied' && s.op.type === 'payment.record').length,
          ).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('the same set of ops in any order counts exactly one payment when one was payable', () => {
    const visitReason = fc.constantFrom('absent' as const, 'deceased' as const);
    const scenario = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.array(visitReason, { maxLength: 3 }))
      .chain(([paymentCount, reasons]) => {
        const pays = Array.from({ length: paymentCount }, () => record());
        const ops = [...pays, ...reasons.map((reason) => unpaid(reason))];
        return fc
          .shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length })
          .map((shuffled) => ({ pays, shuffled }));
      });
    fc.assert(
      fc.property(scenario, ({ pays, shuffled }) => {
        const last = run('due', shuffled, ['active']).at(-1)?.after;
        expect(last?.status).toBe('paid');
        expect(pays.map((p) => p.id)).toContain(last?.payment?.opId);
        expect(last?.conflicts.filter((c) => c.kind === 'payment')).toHaveLength(pays.length - 1);
      }),
      { numRuns: 300 },
    );
  });

  test('with voids, counted payments never overlap and every step keeps the invariants', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.array(opArb, { maxLength: 15 }),
        fc.array(contextArb, { minLength: 1, maxLength: 3 }),
        (start, ops, contexts) => {
          let counted = 0;
          for (const step of run(start, ops, contexts)) {
            const { op, outcome, before, after } = step;
            expect(after.status === 'paid').toBe(after.payment !== null);
            if (outcome.status === 'rejected') expect(after).toBe(before);
            if (becameCounted(step)) counted += 1;
            if (before.payment && !after.payment) counted -= 1;
            expect(counted).toBe(after.payment ? 1 : 0);
            // A paid line only changes through a void.
            if (before.status === 'paid' && op.type !== 'payment.void') {
              expect(after.payment).toBe(before.payment);
            }
            // A well-formed, non-rejected fact is never lost.
            if (outcome.status !== 'rejected' && op.type !== 'payment.void') {
              const kept =
                after.payment?.opId === op.id ||
                after.lastVisit?.opId === op.id ||
                after.conflicts.some((c) => c.fact.opId === op.id);
              expect(kept).toBe(true);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('payableMethod', () => {
  test.each([
    ['bank', 'opened', 'bank'],
    ['bank', 'card-handed-over', 'bank'],
    ['bank', 'submitted', 'cash-point'],
    ['mobile-money', 'none', 'cash-point'],
    ['home-delivery', 'none', 'home-delivery'],
    [null, 'opened', 'cash-point'],
  ] as const)('%s with the account %s is paid by %s', (registered, account, expected) => {
    expect(payableMethod(registered, account)).toBe(expected);
  });
});
