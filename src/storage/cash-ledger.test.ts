import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, change, paymentLineData } from '../../tests/builders/beneficiary';
import { recordOk } from '../../tests/builders/record';
import { ledgerTotals, mergeLedgers, receiptsTotal } from '../domain/cash-ledger';
import { ledgerId } from '../domain/cash-ops';
import { createAppDb, type AppDb } from './app-db';
import { applyPullPage } from './apply-pull-page';
import { localCashReading } from './cash-ledger';
import { applyPushResults, lastSeq, recordOp, type OpContext } from './outbox';

const key = { payerId: 'user-payer', communeCode: '19960', month: '2026-11' };
const id = ledgerId(key);
let db: AppDb;
let n: number;
let ctx: OpContext;
beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await applyPullPage(
    db,
    [
      change('beneficiary', 'b1', beneficiaryData()),
      change('payment-line', 'l1', paymentLineData({ amount: 1_000_000, method: 'home-delivery' })),
      change('payment-line', 'l2', paymentLineData({ amount: 1_500_000, method: 'cash-point' })),
      change('payment-line', 'l3', paymentLineData({ amount: 700_000, method: 'home-delivery', periodId: '2026-10' })),
    ],
    'c',
    1,
  );
  n = 0;
  ctx = {
    deviceId: 'dev-1',
    actorId: key.payerId,
    now: () => Date.UTC(2026, 10, 15, 2, 0),
    makeId: () => `op-${++n}`,
    utcOffsetMinutes: 420,
  };
});
afterEach(async () => {
  await db.delete();
});

describe("the device's reading of a payer's ledger", () => {
  test('cash ops and the cash payments of the month, offline; paid equals the receipts', async () => {
    await recordOk(db, ctx, 'cash.receive', id, { ...key, date: '2026-11-15', amount: 5_000_000, fromName: 'Thủ quỹ' });
    await recordOk(db, ctx, 'payment.record', 'l1', { amount: 1_000_000, receiver: { kind: 'self' } });
    await recordOk(db, ctx, 'payment.record', 'l2', {
      amount: 1_500_000,
      receiver: { kind: 'authorized', fullName: 'Lê Văn Tư', idNumber: '046080999123' },
    });
    // Another month's payment is another ledger.
    await recordOk(db, ctx, 'payment.record', 'l3', { amount: 700_000, receiver: { kind: 'self' } });
    await recordOk(db, ctx, 'cash.return', id, { ...key, date: '2026-11-15', amount: 500_000, toName: 'Thủ quỹ' });

    const ledger = mergeLedgers(key, [await localCashReading(db, '2026-11', 'Lê Thị Chi')]);
    expect(ledgerTotals(ledger)).toMatchObject({
      received: 5_000_000,
      paid: 2_500_000,
      returned: 500_000,
      balance: 2_000_000,
    });
    expect(ledgerTotals(ledger).paid).toBe(receiptsTotal(ledger));
    expect(ledger.payments.map((p) => [p.lineId, p.date, p.receiverKind])).toEqual([
      ['l1', '2026-11-15', 'self'],
      ['l2', '2026-11-15', 'authorized'],
    ]);
  });

  test('a rejected op leaves the ledger; a close without its reason is not recorded at all', async () => {
    const receive = await recordOk(db, ctx, 'cash.receive', id, {
      ...key,
      date: '2026-11-15',
      amount: 5_000_000,
      fromName: 'Thủ quỹ',
    });
    await applyPushResults(db, [receive], [{ id: receive.id, status: 'rejected', code: 'forbidden' }]);
    expect((await localCashReading(db, '2026-11', '')).entries).toEqual([]);

    const seq = await lastSeq(db);
    const refused = await recordOp(db, ctx, 'cash.close', id, {
      ...key,
      date: '2026-11-15',
      count: { 500000: 1 },
      counted: 500_000,
      balance: 0,
    });
    expect(refused).toEqual({ ok: false, error: { code: 'close-reason-missing' } });
    const malformed = await recordOp(db, ctx, 'cash.receive', id, {
      ...key,
      date: '2026-11-15',
      amount: 1000.5,
      fromName: 'Thủ quỹ',
    });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await lastSeq(db)).toBe(seq);
    expect(await db.outbox.count()).toBe(1);
  });
});
