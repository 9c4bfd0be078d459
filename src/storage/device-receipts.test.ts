import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { change, paymentLineData } from '../../tests/builders/beneficiary';
import { recordOk } from '../../tests/builders/record';
import { checkChain, type ReceiptFacts } from '../domain/receipt-chain';
import { applyPullPage } from './apply-pull-page';
import { createAppDb, type AppDb } from './app-db';
import { ensureDeviceKey, prepareReceipt, RECEIPT_KEY_ID, ReceiptRaceError, takeReceipt } from './device-receipts';
import type { OpContext } from './outbox';
import { importPublicKey, receiptOfOp, verifyReceiptQr } from './receipt-signing';

let name: string;
let db: AppDb;
let n: number;
let ctx: OpContext;
beforeEach(async () => {
  name = `t-${crypto.randomUUID()}`;
  db = createAppDb(name);
  const lines = ['l1', 'l2', 'l3'].map((id, i) =>
    change('payment-line', id, paymentLineData({ beneficiaryId: `b${i + 1}`, method: 'home-delivery' })),
  );
  await applyPullPage(db, lines, 'c', 1);
  n = 0;
  // 23:30 on 30 November in UTC is 1 December in Vietnam: the receipt's day is Vietnam's.
  ctx = {
    deviceId: 'dev-1',
    actorId: 'user-1',
    now: () => Date.UTC(2026, 10, 30, 23, 30),
    makeId: () => `op-${++n}`,
    utcOffsetMinutes: 0,
  };
});
afterEach(async () => {
  await db.delete();
});

async function keysOf(db: AppDb) {
  const row = await db.deviceKeys.get(RECEIPT_KEY_ID);
  const key = row ? await importPublicKey(row.publicKey) : null;
  return (deviceId: string) => Promise.resolve(deviceId === row?.deviceId ? key : null);
}

const unverified: ReceiptFacts & { hash: string } = {
  deviceId: 'none',
  number: 0,
  lineId: '',
  beneficiaryId: '',
  amount: 0,
  date: '',
  receiver: 'self',
  previous: null,
  hash: '',
};

/** The payment op of seq `seq`, from the outbox. */
async function pay2Op(seq: number) {
  const op = await db.outbox.get(seq);
  if (!op) throw new Error(`no op ${seq}`);
  return op;
}

const pay = (lineId: string, kind: 'self' | 'authorized' = 'self') =>
  recordOk(db, ctx, 'payment.record', lineId, {
    amount: 1_000_000,
    receiver: kind === 'self' ? { kind } : { kind, fullName: 'Lê Văn Uỷ', idNumber: '046090000123' },
  });

describe('device receipts', () => {
  test('a device without a key records payments as before, with no receipt', async () => {
    const op = await pay('l1');
    expect(op.envelope['payload']).not.toHaveProperty('receipt');
  });

  test('payments are numbered 1, 2, 3, each naming the previous hash, and each verifies offline', async () => {
    await ensureDeviceKey(db, 'dev-1');
    const ops = [await pay('l1'), await pay('l2', 'authorized'), await pay('l3')];
    const receipts = await Promise.all(ops.map((op, i) => receiptOfOp(op.envelope, `b${i + 1}`)));
    expect(receipts.map((r) => r?.number)).toEqual([1, 2, 3]);
    const keys = await keysOf(db);
    const verified: (ReceiptFacts & { hash: string })[] = [];
    for (const r of receipts) {
      const result = await verifyReceiptQr(r?.qr ?? '', keys);
      if (!result.ok) throw new Error(`receipt did not verify: ${result.error}`);
      verified.push(result.value);
    }
    expect(verified.map((v) => [v.number, v.previous, v.date, v.receiver, v.beneficiaryId])).toEqual([
      [1, null, '2026-12-01', 'self', 'b1'],
      [2, receipts[0]?.hash, '2026-12-01', 'authorized', 'b2'],
      [3, receipts[1]?.hash, '2026-12-01', 'self', 'b3'],
    ]);
    expect(checkChain(verified)).toEqual([]);
    expect(await db.deviceKeys.get(RECEIPT_KEY_ID)).toMatchObject({ last: 3, lastHash: receipts[2]?.hash });
  });

  test('the chain survives reopening the database: the key and the head are kept', async () => {
    await ensureDeviceKey(db, 'dev-1');
    const first = await pay('l1');
    db.close();
    db = createAppDb(name);
    const second = await pay('l2');
    const [a, b] = await Promise.all([receiptOfOp(first.envelope, 'b1'), receiptOfOp(second.envelope, 'b2')]);
    expect(b?.number).toBe(2);
    expect((second.envelope['payload'] as { receipt: { previous: string } }).receipt.previous).toBe(a?.hash);
    expect((await verifyReceiptQr(b?.qr ?? '', await keysOf(db))).ok).toBe(true);
  });

  test('a receipt signed for a head that moved is refused in the transaction, and the payment signs again', async () => {
    await ensureDeviceKey(db, 'dev-1');
    const stale = await prepareReceipt(db, {
      deviceId: 'dev-1',
      lineId: 'l2',
      amount: 1_000_000,
      receiver: 'self',
      now: ctx.now(),
    });
    await pay('l1');
    if (!stale) throw new Error('no receipt prepared');
    await expect(db.transaction('rw', db.deviceKeys, () => takeReceipt(db, stale))).rejects.toBeInstanceOf(
      ReceiptRaceError,
    );
    // Two payments at once (two tabs): both sign for the same head, one takes it, the other signs again.
    const [a, b] = await Promise.all([pay('l2'), pay('l3')]);
    const stamps = [a, b].map((op) => (op.envelope['payload'] as { receipt: { number: number } }).receipt.number);
    expect(stamps.sort()).toEqual([2, 3]);
    const receipts = await Promise.all([
      receiptOfOp((await pay2Op(1)).envelope, 'b1'),
      receiptOfOp(a.envelope, 'b2'),
      receiptOfOp(b.envelope, 'b3'),
    ]);
    const keys = await keysOf(db);
    const verified = await Promise.all(receipts.map((r) => verifyReceiptQr(r?.qr ?? '', keys)));
    expect(checkChain(verified.map((v) => (v.ok ? v.value : { ...unverified })))).toEqual([]);
  });

  test('a key that cannot sign leaves the payment without a receipt, never unrecorded', async () => {
    const key = await ensureDeviceKey(db, 'dev-1');
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    // A public key where the private one should be: WebCrypto refuses to sign with it.
    await db.deviceKeys.put({ ...key, privateKey: pair.publicKey });
    const op = await pay('l1');
    expect(op.envelope['payload']).not.toHaveProperty('receipt');
    expect(await db.deviceKeys.get(RECEIPT_KEY_ID)).toMatchObject({ last: 0, lastHash: null });
  });

  test('a new device id (another user on the tablet) gets a new key and starts at 1', async () => {
    const one = await ensureDeviceKey(db, 'dev-1');
    await pay('l1');
    const two = await ensureDeviceKey(db, 'dev-2');
    expect(two.publicKey).not.toBe(one.publicKey);
    expect(two).toMatchObject({ deviceId: 'dev-2', last: 0, lastHash: null, registered: 'no' });
    expect(await ensureDeviceKey(db, 'dev-2')).toMatchObject({ publicKey: two.publicKey });
  });
});
