import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decideCashOp, ledgerId, type CashOpEnvelope, type LedgerEntry } from './cash-ops';
import {
  closesOf,
  dayStatement,
  ledgerTotals,
  mergeLedgers,
  receiptsTotal,
  unacknowledged,
  type PaidEntry,
} from './cash-ledger';
import { vnd } from './money';

const key = { payerId: 'u-payer', communeCode: '19960', month: '2026-11' };
const id = ledgerId(key);
let n = 0;
const pad = (k: number) => String(k).padStart(2, '0');
/** Later on each call: entries are ordered as they were recorded. */
const at = (date: string) => {
  const k = n++;
  return `${date}T${pad(Math.floor(k / 3600) % 24)}:${pad(Math.floor(k / 60) % 60)}:${pad(k % 60)}.000+07:00`;
};

function op(type: CashOpEnvelope['type'], payload: Record<string, unknown>, date = '2026-11-15'): CashOpEnvelope {
  return {
    id: `op-${++n}`,
    entityId: id,
    actorId: key.payerId,
    recordedAt: at(date),
    type,
    payload: { ...key, date, ...payload },
  } as CashOpEnvelope;
}

function entries(o: CashOpEnvelope): LedgerEntry[] {
  const decided = decideCashOp(o, 'Lê Thị Chi');
  if (!decided.ok) throw new Error(decided.error);
  return decided.value;
}

const paid = (amount: number, date = '2026-11-15'): PaidEntry => ({
  ...key,
  opId: `pay-${++n}`,
  lineId: `line-${n}`,
  beneficiaryId: `b-${n}`,
  amount: vnd(amount),
  date,
  receiverKind: 'self',
  recordedAt: at(date),
});

describe('cash ops', () => {
  test('a handover writes out of the giver and into the receiver', () => {
    const h = op('cash.handover', {
      amount: 300_000,
      toPayerId: 'u-2',
      toPayerName: 'Trần Văn Hai',
      giverSignature: 'a',
      receiverSignature: 'b',
    });
    expect(entries(h)).toEqual([
      expect.objectContaining({
        payerId: 'u-payer',
        kind: 'handover-out',
        amount: 300_000,
        counterpart: 'Trần Văn Hai',
      }),
      expect.objectContaining({ payerId: 'u-2', kind: 'handover-in', amount: 300_000, counterpart: 'Lê Thị Chi' }),
    ]);
    expect(decideCashOp({ ...h, payload: { ...h.payload, toPayerId: 'u-payer' } } as CashOpEnvelope)).toEqual({
      ok: false,
      error: 'handover-to-self',
    });
  });

  test('a close needs a count that adds up, and a reason when it differs from the balance', () => {
    const count = { 500000: 1, 200000: 2 };
    expect(decideCashOp(op('cash.close', { count, counted: 900_000, balance: 900_000 })).ok).toBe(true);
    expect(decideCashOp(op('cash.close', { count, counted: 1_000_000, balance: 1_000_000 }))).toEqual({
      ok: false,
      error: 'bad-count',
    });
    expect(decideCashOp(op('cash.close', { count, counted: 900_000, balance: 1_000_000, reason: '  ' }))).toEqual({
      ok: false,
      error: 'close-reason-missing',
    });
    expect(decideCashOp(op('cash.close', { count, counted: 900_000, balance: 1_000_000, reason: 'Rơi' })).ok).toBe(
      true,
    );
  });

  test('a payer writes only their own ledger, and only the one the op names', () => {
    const receive = op('cash.receive', { amount: 1_000_000, fromName: 'Thủ quỹ' });
    expect(decideCashOp({ ...receive, actorId: 'u-other' })).toEqual({ ok: false, error: 'not-own-ledger' });
    expect(decideCashOp({ ...receive, entityId: 'cash:other' })).toEqual({ ok: false, error: 'wrong-ledger' });
  });
});

describe('a ledger', () => {
  test("a day's statement carries the balance over and adds up to the closing", () => {
    // In the order they happen: the day's cash moves and payments, then the count.
    const before = [
      ...entries(op('cash.receive', { amount: 3_000_000, fromName: 'Thủ quỹ' }, '2026-11-14')),
      ...entries(op('cash.receive', { amount: 2_000_000, fromName: 'Thủ quỹ' }, '2026-11-15')),
      ...entries(op('cash.return', { amount: 500_000, toName: 'Thủ quỹ' }, '2026-11-15')),
    ];
    const payments = [paid(1_000_000, '2026-11-14'), paid(1_500_000, '2026-11-15')];
    const close = entries(
      op('cash.close', { count: { 500000: 3 }, counted: 1_500_000, balance: 2_000_000, reason: 'Thiếu' }, '2026-11-15'),
    );
    const ledger = { key, entries: [...before, ...close], payments };
    const day = dayStatement(ledger, '2026-11-15');
    expect(day).toMatchObject({
      opening: 2_000_000,
      received: 2_000_000,
      paid: 1_500_000,
      returned: 500_000,
      closing: 2_000_000,
    });
    expect(day.close).toMatchObject({
      counted: 1_500_000,
      bookBalance: 2_000_000,
      difference: -500_000,
      acknowledgedBy: null,
    });
    expect(unacknowledged(ledger)).toHaveLength(1);
    const closeId = day.close?.opId ?? '';
    const ack = entries({ ...op('cash.acknowledge', { closeOpId: closeId }), actorId: 'u-sup' });
    expect(closesOf({ ...ledger, entries: [...ledger.entries, ...ack] })[0]?.acknowledgedBy).toBe('Lê Thị Chi');
  });

  test('a close that claims a balance made to match its count still shows what is missing', () => {
    const ledger = {
      key,
      entries: [
        ...entries(op('cash.receive', { amount: 1_000_000, fromName: 'Thủ quỹ' })),
        // 500,000 counted, and the close says the books hold 500,000: no reason needed on its face.
        ...entries(op('cash.close', { count: { 500000: 1 }, counted: 500_000, balance: 500_000 })),
        // Cash received after the count is not in it.
        ...entries(op('cash.receive', { amount: 200_000, fromName: 'Thủ quỹ' })),
      ],
      payments: [],
    };
    expect(closesOf(ledger)).toEqual([
      expect.objectContaining({ balance: 500_000, bookBalance: 1_000_000, difference: -500_000, acknowledgedBy: null }),
    ]);
    expect(unacknowledged(ledger)).toHaveLength(1);
  });

  test('readings from the server and the device count each entry once', () => {
    const received = entries(op('cash.receive', { amount: 1_000_000, fromName: 'Thủ quỹ' }));
    const payment = paid(400_000);
    const merged = mergeLedgers(key, [
      { entries: received, payments: [payment] },
      { entries: received, payments: [payment, { ...payment, payerId: 'u-other', opId: 'x' }] },
    ]);
    expect(ledgerTotals(merged).balance).toBe(600_000);
  });

  test('property: for any ops and payments, balance = received + in − paid − returned − out, paid = receipts', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('receive' as const), amount: fc.integer({ min: 1, max: 50_000_000 }) }),
      fc.record({ kind: fc.constant('return' as const), amount: fc.integer({ min: 1, max: 50_000_000 }) }),
      fc.record({ kind: fc.constant('handover' as const), amount: fc.integer({ min: 1, max: 50_000_000 }) }),
      fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 10_000_000 }) }),
      fc.record({ kind: fc.constant('in' as const), amount: fc.integer({ min: 1, max: 50_000_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 0, max: 2 }), (steps, days) => {
        const ledger = { key, entries: [] as LedgerEntry[], payments: [] as PaidEntry[] };
        let expected = 0;
        steps.forEach((s, i) => {
          const date = `2026-11-${String(14 + (i % (days + 1))).padStart(2, '0')}`;
          if (s.kind === 'pay') {
            ledger.payments.push(paid(s.amount, date));
            expected -= s.amount;
          } else if (s.kind === 'receive') {
            ledger.entries.push(...entries(op('cash.receive', { amount: s.amount, fromName: 'Thủ quỹ' }, date)));
            expected += s.amount;
          } else if (s.kind === 'return') {
            ledger.entries.push(...entries(op('cash.return', { amount: s.amount, toName: 'Thủ quỹ' }, date)));
            expected -= s.amount;
          } else {
            const other = {
              ...op(
                'cash.handover',
                { amount: s.amount, toPayerId: 'u-2', toPayerName: 'B', giverSignature: 'a', receiverSignature: 'b' },
                date,
              ),
            };
            // A handover in is another payer's op naming this one.
            const made =
              s.kind === 'in'
                ? entries({
                    ...other,
                    actorId: 'u-2',
                    entityId: ledgerId({ ...key, payerId: 'u-2' }),
                    payload: { ...other.payload, payerId: 'u-2', toPayerId: key.payerId },
                  } as CashOpEnvelope)
                : entries(other);
            ledger.entries.push(...made.filter((e) => e.payerId === key.payerId));
            expected += s.kind === 'in' ? s.amount : -s.amount;
          }
        });
        const totals = ledgerTotals(ledger);
        expect(totals.balance).toBe(expected);
        expect(totals.balance).toBe(
          totals.received + totals.handedIn - totals.paid - totals.returned - totals.handedOut,
        );
        expect(totals.paid).toBe(receiptsTotal(ledger));
        // The days' statements chain: each day's closing is the next day's opening.
        let carried = 0;
        for (const d of ['2026-11-14', '2026-11-15', '2026-11-16']) {
          const day = dayStatement(ledger, d);
          expect(day.opening).toBe(carried);
          carried = day.closing;
        }
        expect(carried).toBe(expected);
      }),
    );
  });
});
