import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  checkCashAmount,
  readCashInput,
  checkClose,
  countedTotal,
  custodyTotals,
  wouldOverdraw,
  type CustodyEntry,
} from './cash-custody';
import { vnd } from './money';

const day: CustodyEntry[] = [
  { kind: 'received', amount: vnd(5_000_000) },
  { kind: 'paid', amount: vnd(1_080_000), lineId: 'l-1', receiptCode: 'R1' },
  { kind: 'paid', amount: vnd(720_000), lineId: 'l-2', receiptCode: 'R2' },
  { kind: 'handover-in', amount: vnd(1_000_000), fromPayer: 'u-2' },
  { kind: 'handover-out', amount: vnd(200_000), toPayer: 'u-3' },
  { kind: 'returned', amount: vnd(3_000_000) },
];

describe('cash custody', () => {
  test('a day: 5,000,000 + 1,000,000 − 1,080,000 − 720,000 − 200,000 − 3,000,000 = 1,000,000', () => {
    expect(custodyTotals(day)).toEqual({
      received: 5_000_000,
      handedIn: 1_000_000,
      paid: 1_800_000,
      returned: 3_000_000,
      handedOut: 200_000,
      balance: 1_000_000,
    });
  });

  test('the balance equation holds for any sequence, and paid equals the receipts', () => {
    const amount = fc.integer({ min: 1, max: 50_000_000 }).map(vnd);
    const entry: fc.Arbitrary<CustodyEntry> = fc.oneof(
      amount.map((a) => ({ kind: 'received' as const, amount: a })),
      fc
        .tuple(amount, fc.nat())
        .map(([a, n]) => ({ kind: 'paid' as const, amount: a, lineId: `l-${n}`, receiptCode: `R${n}` })),
      amount.map((a) => ({ kind: 'returned' as const, amount: a })),
      amount.map((a) => ({ kind: 'handover-in' as const, amount: a, fromPayer: 'u-2' })),
      amount.map((a) => ({ kind: 'handover-out' as const, amount: a, toPayer: 'u-3' })),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
        const t = custodyTotals(entries);
        expect(t.balance).toBe(t.received + t.handedIn - t.paid - t.returned - t.handedOut);
        const receipts = entries.flatMap((e) => (e.kind === 'paid' ? [e.amount] : []));
        expect(t.paid).toBe(receipts.reduce((s, a) => s + a, 0));
        // In any order: the same entries give the same totals.
        expect(custodyTotals([...entries].reverse())).toEqual(t);
      }),
    );
  });

  test.each([
    [1_000_000, null],
    [1000.5, 'not-whole'],
    [0, 'not-positive'],
    [-50_000, 'not-positive'],
    [1_000_000_000, 'too-large'],
  ])('a cash amount of %s: %s', (amount, problem) => {
    expect(checkCashAmount(amount)).toBe(problem);
  });

  test('a payment above the cash in hand warns', () => {
    expect(wouldOverdraw(day, vnd(1_000_000))).toBe(false);
    expect(wouldOverdraw(day, vnd(1_000_001))).toBe(true);
  });

  test('counting notes: each denomination times its count; a bad count is named', () => {
    expect(countedTotal({ 500_000: 1, 200_000: 2, 50_000: 1, 2_000: 3 })).toEqual({ ok: true, total: 956_000 });
    expect(countedTotal({ 100_000: -1 })).toEqual({ ok: false, error: { code: 'bad-count', denomination: 100_000 } });
    expect(countedTotal({ 100_000: 1.5 })).toEqual({ ok: false, error: { code: 'bad-count', denomination: 100_000 } });
    expect(countedTotal({ 300_000: 1 } as never)).toEqual({
      ok: false,
      error: { code: 'bad-count', denomination: 300_000 },
    });
  });

  test('a close that matches is balanced; a difference needs a reason and a supervisor', () => {
    expect(checkClose(day, vnd(1_000_000))).toEqual({ status: 'balanced', balance: 1_000_000, counted: 1_000_000 });
    expect(checkClose(day, vnd(980_000))).toEqual({
      status: 'difference',
      balance: 1_000_000,
      counted: 980_000,
      difference: -20_000,
      needs: ['reason', 'acknowledgement'],
    });
    // Blank is no reason.
    expect(checkClose(day, vnd(980_000), { reason: '  ' })).toMatchObject({ needs: ['reason', 'acknowledgement'] });
    expect(checkClose(day, vnd(980_000), { reason: 'Trả thiếu tiền lẻ', acknowledgedBy: 'u-sup' })).toMatchObject({
      status: 'difference',
      needs: [],
    });
  });
});

describe('an amount as typed', () => {
  test.each([
    ['5000000', 5_000_000],
    ['5.000.000', 5_000_000],
    [' 500 000 ', 500_000],
  ])('%s reads as %d', (typed, amount) => {
    expect(readCashInput(typed)).toEqual({ ok: true, amount });
  });
  test.each([
    ['1000,5', 'not-whole'],
    ['1.5', 'not-whole'],
    ['12.50', 'not-whole'],
    ['-5000', 'not-positive'],
    ['0', 'not-positive'],
    ['', 'not-whole'],
    ['1000000000', 'too-large'],
    ['năm trăm', 'not-whole'],
  ])('%j is refused: %s', (typed, problem) => {
    expect(readCashInput(typed)).toEqual({ ok: false, problem });
  });
});
