import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, change } from '../../tests/builders/beneficiary';
import { createAppDb, type AppDb } from './app-db';
import { applyPullPage } from './apply-pull-page';
import { applyPushResults, isoWithOffset, lastSeq, pendingOps, recordOp, type OpContext } from './outbox';

let db: AppDb;
let n: number;
let ctx: OpContext;
beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  n = 0;
  ctx = {
    deviceId: 'dev-1',
    actorId: 'user-1',
    now: () => Date.UTC(2026, 10, 28, 7, 5),
    makeId: () => `op-${++n}`,
    utcOffsetMinutes: 420,
  };
});
afterEach(async () => {
  await db.delete();
});

describe('outbox', () => {
  test('recordedAt carries the device offset', () => {
    expect(isoWithOffset(Date.UTC(2026, 10, 28, 7, 5), 420)).toBe('2026-11-28T14:05:00.000+07:00');
    expect(isoWithOffset(Date.UTC(2026, 10, 28, 7, 5), -90)).toBe('2026-11-28T05:35:00.000-01:30');
  });

  test('ops get strictly increasing seqs and the SYNC.md envelope', async () => {
    const a = await recordOp(
      db,
      ctx,
      { type: 'beneficiary.update', entityId: 'b1', payload: { phone: '0912000111' }, baseVersion: 3 },
      [],
    );
    const b = await recordOp(db, ctx, { type: 'payment.unpaid', entityId: 'l1', payload: { reason: 'absent' } }, []);
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.envelope).toEqual({
      id: 'op-1',
      deviceId: 'dev-1',
      seq: 1,
      type: 'beneficiary.update',
      entityId: 'b1',
      baseVersion: 3,
      actorId: 'user-1',
      recordedAt: '2026-11-28T14:05:00.000+07:00',
      // The payload says which version of its shape it follows (issue 4: older queued ops still pass).
      payload: { v: 1, phone: '0912000111' },
    });
    expect(b.envelope).not.toHaveProperty('baseVersion');
    expect(b.envelope['payload']).toEqual({ v: 1, reason: 'absent' });
    expect(await lastSeq(db)).toBe(2);
    expect((await pendingOps(db, 10)).map((o) => o.id)).toEqual(['op-1', 'op-2']);
  });

  test('the local change and its op are written together or not at all', async () => {
    await applyPullPage(db, [change('beneficiary', 'b1', beneficiaryData({ phone: null }))], 'c', 1);
    const failing = recordOp(
      db,
      ctx,
      { type: 'beneficiary.update', entityId: 'b1', payload: { phone: '0912000111' } },
      [db.beneficiaries],
      async () => {
        await db.beneficiaries.update('b1', { phone: '0912000111' });
        throw new Error('validation failed after the write');
      },
    );
    await expect(failing).rejects.toThrow('validation failed');
    expect((await db.beneficiaries.get('b1'))?.phone).toBeNull();
    expect(await db.outbox.count()).toBe(0);
    expect(await lastSeq(db)).toBe(0);

    await recordOp(
      db,
      ctx,
      { type: 'beneficiary.update', entityId: 'b1', payload: { phone: '0912000111' } },
      [db.beneficiaries],
      () => db.beneficiaries.update('b1', { phone: '0912000111' }),
    );
    expect((await db.beneficiaries.get('b1'))?.phone).toBe('0912000111');
    expect(await lastSeq(db)).toBe(1);
  });

  test('concurrent recordings never share a seq', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordOp(db, ctx, { type: 'payment.unpaid', entityId: `l${i}`, payload: { reason: 'absent' } }, []),
      ),
    );
    const seqs = (await db.outbox.toArray()).map((o) => o.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  test('a duplicate answer takes the state of its first outcome and keeps its reason', async () => {
    const a = await recordOp(db, ctx, { type: 'payment.unpaid', entityId: 'l1', payload: { reason: 'absent' } });
    const b = await recordOp(db, ctx, { type: 'payment.unpaid', entityId: 'l2', payload: { reason: 'absent' } });
    const c = await recordOp(db, ctx, { type: 'payment.unpaid', entityId: 'l3', payload: { reason: 'absent' } });
    await applyPushResults(
      db,
      [a, b, c],
      [
        { id: a.id, status: 'duplicate', code: 'conflict', firstCode: 'already-paid' },
        { id: b.id, status: 'duplicate', code: 'rejected', firstCode: 'forbidden' },
        { id: c.id, status: 'duplicate', code: 'applied', version: 3 },
      ],
    );
    const rows = await db.outbox.bulkGet([a.seq, b.seq, c.seq]);
    expect(rows.map((r) => r?.state)).toEqual(['conflict', 'rejected', 'done']);
    expect(rows[0]?.result?.firstCode).toBe('already-paid');
    expect(await pendingOps(db, 10)).toEqual([]);
  });
});
