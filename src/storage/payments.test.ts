import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { change, paymentLineData } from '../../tests/builders/beneficiary';
import { createAppDb, type AppDb } from './app-db';
import { applyPullPage } from './apply-pull-page';
import { recordOp, type OpContext } from './outbox';
import { hashEvidence, receiptCode, sha256Hex } from './payments';

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

const signatureBytes = { bytes: new TextEncoder().encode('png-bytes').buffer, type: 'image/png' as const };
const pay = (payload: Partial<Parameters<typeof recordOp<'payment.record'>>[4]>) =>
  recordOp(db, ctx, 'payment.record', 'l1', { amount: 750_000, receiver: { kind: 'self' }, ...payload });

describe('recording a payment with its evidence', () => {
  test('writes the paid line, the op and the signature blob together', async () => {
    const signature = await hashEvidence(signatureBytes);
    expect(signature.hash).toBe(await sha256Hex(signatureBytes.bytes));
    expect(signature.hash).toMatch(/^[0-9a-f]{64}$/u);
    const receiver = { kind: 'authorized', fullName: 'Nguyễn Văn Cường', idNumber: '046078999012' } as const;
    const result = await recordOp(
      db,
      ctx,
      'payment.record',
      'l1',
      { amount: 750_000, receiver, signature: signature.hash },
      { evidence: [signature] },
    );
    expect(result.ok).toBe(true);
    const op = (await db.outbox.toArray())[0];
    expect(op?.envelope['payload']).toEqual({ v: 1, amount: 750_000, receiver, signature: signature.hash });
    expect((await db.blobs.get(signature.hash))?.uploaded).toBe(0);
    expect((await db.paymentLines.get('l1'))?.status).toBe('paid');
  });

  test('the receiver’s card check and a photo travel in the same op and the same transaction', async () => {
    const photo = await hashEvidence({ bytes: new TextEncoder().encode('jpeg-bytes').buffer, type: 'image/jpeg' });
    const idCheck = {
      person: 'beneficiary' as const,
      method: 'not-possible' as const,
      reason: 'no-qr' as const,
      fields: { idNumber: 'missing', fullName: 'missing', birthDate: 'missing', gender: 'missing' } as const,
      overall: 'incomplete' as const,
    };
    const result = await recordOp(
      db,
      ctx,
      'payment.record',
      'l1',
      { amount: 750_000, receiver: { kind: 'self' }, idCheck, photo: photo.hash },
      { evidence: [photo] },
    );
    if (!result.ok) throw new Error(result.error.code);
    const payload = result.value.envelope['payload'] as Record<string, unknown>;
    expect(payload['idCheck']).toEqual(idCheck);
    expect(await db.blobs.get(photo.hash)).toMatchObject({ type: 'image/jpeg', uploaded: 0 });
    expect(await db.outbox.count()).toBe(1);
    // The check is listed on the person's page at once, under the op's id (as the server keys it).
    const local = await db.idChecks.get(result.value.id);
    expect(local).toMatchObject({ method: 'not-possible', reason: 'no-qr', lineId: 'l1', beneficiaryId: 'b-1' });
  });

  test('a payment the line refuses (another amount) carries no local check; its evidence is kept with the op', async () => {
    const idCheck = {
      person: 'beneficiary' as const,
      method: 'manual' as const,
      fields: { idNumber: 'match', fullName: 'missing', birthDate: 'missing', gender: 'missing' } as const,
      overall: 'incomplete' as const,
    };
    const signature = await hashEvidence(signatureBytes);
    const result = await recordOp(
      db,
      ctx,
      'payment.record',
      'l1',
      { amount: 1, receiver: { kind: 'self' }, idCheck, signature: signature.hash },
      { evidence: [signature] },
    );
    expect(result.ok).toBe(true);
    expect((await db.paymentLines.get('l1'))?.status).toBe('due');
    expect(await db.idChecks.count()).toBe(0);
    // The op refers to the signature: it stays until the server has it (it will reject the op).
    expect(await db.blobs.get(signature.hash)).toMatchObject({ uploaded: 0 });
  });

  test('a representative without a name or ID is refused before anything is written', async () => {
    const result = await pay({ receiver: { kind: 'guardian' } });
    expect(result.ok ? 'recorded' : result.error.code).toBe('invalid-payload');
    expect(await db.outbox.count()).toBe(0);
    expect((await db.paymentLines.get('l1'))?.status).toBe('due');
  });

  test('an unpaid visit is recorded with its reason; an unknown reason is refused', async () => {
    const result = await recordOp(db, ctx, 'payment.unpaid', 'l1', { reason: 'absent' });
    expect(result.ok).toBe(true);
    expect((await db.outbox.toArray())[0]?.envelope['payload']).toEqual({ v: 1, reason: 'absent' });
    expect((await db.paymentLines.get('l1'))?.status).toBe('unpaid');
    const lost = await recordOp(db, ctx, 'payment.unpaid', 'l1', { reason: 'lost' as 'absent' });
    expect(lost.ok).toBe(false);
  });

  test('receipt codes are short, upper case and derived from the op id', () => {
    expect(receiptCode('0a1b2c3d-4e5f-...')).toBe('0A1B2C3D');
  });
});
