import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { change, paymentLineData } from '../../tests/builders/beneficiary';
import { createAppDb, type AppDb } from './app-db';
import { applyPullPage } from './apply-pull-page';
import type { OpContext } from './outbox';
import { receiptCode, recordPayment, recordUnpaid, sha256Hex } from './payments';

let db: AppDb;
let ctx: OpContext;
let n = 0;
beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  ctx = { deviceId: 'dev-1', actorId: 'u1', now: () => 0, makeId: () => `0a1b2c3d-${++n}`, utcOffsetMinutes: 420 };
  await applyPullPage(db, [change('payment-line', 'l1', paymentLineData({ amount: 750_000 }))], 'c', 1);
});
afterEach(async () => {
  await db.delete();
});

const signature = { bytes: new TextEncoder().encode('png-bytes').buffer, type: 'image/png' as const };

describe('recordPayment', () => {
  test('writes the paid line, the op and the signature blob together', async () => {
    const result = await recordPayment(db, ctx, {
      lineId: 'l1',
      amount: 750_000,
      receiver: { kind: 'authorized', fullName: 'Nguyễn Văn Cường', idNumber: '046078999012' },
      signature,
    });
    expect(result.ok).toBe(true);
    const hash = await sha256Hex(signature.bytes);
    expect(hash).toMatch(/^[0-9a-f]{64}$/u);
    const op = (await db.outbox.toArray())[0];
    expect(op?.envelope['payload']).toEqual({
      v: 1,
      amount: 750_000,
      receiver: { kind: 'authorized', fullName: 'Nguyễn Văn Cường', idNumber: '046078999012' },
      signature: hash,
    });
    expect((await db.blobs.get(hash))?.uploaded).toBe(0);
    expect((await db.paymentLines.get('l1'))?.status).toBe('paid');
  });

  test('the receiver’s card check and a photo travel in the same op and the same transaction', async () => {
    const photo = { bytes: new TextEncoder().encode('jpeg-bytes').buffer, type: 'image/jpeg' as const };
    const idCheck = {
      person: 'beneficiary' as const,
      method: 'not-possible' as const,
      reason: 'no-qr' as const,
      fields: { idNumber: 'missing', fullName: 'missing', birthDate: 'missing', gender: 'missing' } as const,
      overall: 'incomplete' as const,
    };
    const result = await recordPayment(db, ctx, {
      lineId: 'l1',
      amount: 750_000,
      receiver: { kind: 'self' },
      idCheck,
      photo,
    });
    if (!result.ok) throw new Error(result.error);
    const payload = result.value.envelope['payload'] as Record<string, unknown>;
    expect(payload['idCheck']).toEqual(idCheck);
    expect(payload['photo']).toBe(await sha256Hex(photo.bytes));
    expect(await db.outbox.count()).toBe(1);
    // The check is listed on the person's page at once, under the op's id (as the server keys it).
    const local = await db.idChecks.get(result.value.id);
    expect(local).toMatchObject({ method: 'not-possible', reason: 'no-qr', lineId: 'l1', beneficiaryId: 'b-1' });
  });

  test('a refused payment writes no check either', async () => {
    const idCheck = {
      person: 'beneficiary' as const,
      method: 'manual' as const,
      fields: { idNumber: 'match', fullName: 'missing', birthDate: 'missing', gender: 'missing' } as const,
      overall: 'incomplete' as const,
    };
    const result = await recordPayment(db, ctx, { lineId: 'l1', amount: 1, receiver: { kind: 'self' }, idCheck });
    expect(result.ok).toBe(false);
    expect(await db.idChecks.count()).toBe(0);
  });

  test.each([
    [{ lineId: 'nope', amount: 750_000 }, 'unknown-line'],
    [{ lineId: 'l1', amount: 700_000 }, 'amount-mismatch'],
  ])('refuses %j with %s and records nothing', async (input, code) => {
    const result = await recordPayment(db, ctx, { ...input, receiver: { kind: 'self' } });
    expect(result).toEqual({ ok: false, error: code });
    expect(await db.outbox.count()).toBe(0);
  });

  test('a representative without a name or ID is refused before anything is written', async () => {
    const result = await recordPayment(db, ctx, { lineId: 'l1', amount: 750_000, receiver: { kind: 'guardian' } });
    expect(result).toEqual({ ok: false, error: 'invalid-payload' });
    expect(await db.outbox.count()).toBe(0);
    expect((await db.paymentLines.get('l1'))?.status).toBe('due');
  });

  test('a line already paid on this device cannot be paid again here', async () => {
    await recordPayment(db, ctx, { lineId: 'l1', amount: 750_000, receiver: { kind: 'self' } });
    expect(await recordPayment(db, ctx, { lineId: 'l1', amount: 750_000, receiver: { kind: 'self' } })).toEqual({
      ok: false,
      error: 'already-paid-here',
    });
  });

  test('an unpaid visit is recorded with its reason', async () => {
    const result = await recordUnpaid(db, ctx, { lineId: 'l1', reason: 'absent', note: ' ' });
    expect(result.ok).toBe(true);
    expect((await db.outbox.toArray())[0]?.envelope['payload']).toEqual({ v: 1, reason: 'absent' });
    expect((await db.paymentLines.get('l1'))?.status).toBe('unpaid');
    expect((await recordUnpaid(db, ctx, { lineId: 'l1', reason: 'lost' })).ok).toBe(false);
  });

  test('receipt codes are short, upper case and derived from the op id', () => {
    expect(receiptCode('0a1b2c3d-4e5f-...')).toBe('0A1B2C3D');
  });
});
