import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, change, paymentLineData } from '../../tests/builders/beneficiary';
import { recordOk } from '../../tests/builders/record';
import { createAppDb, type AppDb } from './app-db';
import { readPerson } from './roster-pages';
import { applyPullPage } from './apply-pull-page';
import { applyPushResults, isoWithOffset, lastSeq, pendingOps, recordOp, type OpContext } from './outbox';

let db: AppDb;
let n: number;
let ctx: OpContext;
beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  // A person and twenty of their lines, as a pull leaves them.
  const lines = Array.from({ length: 20 }, (_, i) => change('payment-line', `l${i}`, paymentLineData()));
  await applyPullPage(db, [change('beneficiary', 'b1', beneficiaryData({ phone: null })), ...lines], 'c', 1);
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

  test('ops get strictly increasing seqs and the envelope of docs/protocol.md', async () => {
    const a = await recordOk(db, ctx, 'beneficiary.update', 'b1', { phone: '0912000111' }, { baseVersion: 3 });
    const b = await recordOk(db, ctx, 'payment.unpaid', 'l1', { reason: 'absent' });
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
    // Evidence that cannot be stored (no key) fails the transaction after the row was changed.
    const broken = { hash: undefined as unknown as string, type: 'image/png' as const, bytes: new ArrayBuffer(4) };
    const failing = recordOp(db, ctx, 'beneficiary.update', 'b1', { phone: '0912000111' }, { evidence: [broken] });
    await expect(failing).rejects.toThrow();
    expect((await readPerson(db, 'b1'))?.phone).toBeNull();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.shadows.count()).toBe(0);
    expect(await lastSeq(db)).toBe(0);

    await recordOk(db, ctx, 'beneficiary.update', 'b1', { phone: '0912000111' });
    expect((await readPerson(db, 'b1'))?.phone).toBe('0912000111');
    expect(await lastSeq(db)).toBe(1);
  });

  test("a payload the registry's schema refuses is not recorded, and says where it is wrong", async () => {
    const refused = await recordOp(db, ctx, 'payment.unpaid', 'l1', { reason: 'asleep' as 'absent' });
    expect(refused.ok ? 'recorded' : refused.error).toMatchObject({ code: 'invalid-payload' });
    expect(!refused.ok && 'issues' in refused.error ? refused.error.issues : []).toEqual([
      expect.stringContaining('payload.reason'),
    ]);
    expect(await db.outbox.count()).toBe(0);
    expect(await lastSeq(db)).toBe(0);
  });

  test("an op its family's reducer refuses on this device's copy is still recorded: the server decides", async () => {
    // A line not pulled yet, and a line this device holds in an older state: the server's copy may
    // differ, and a fact must not be lost because the tablet was behind.
    const unknownLine = await recordOp(db, ctx, 'payment.unpaid', 'no-such-line', { reason: 'absent' });
    const wrongAmount = await recordOp(db, ctx, 'payment.record', 'l1', { amount: 1, receiver: { kind: 'self' } });
    expect([unknownLine.ok, wrongAmount.ok]).toEqual([true, true]);
    expect(await pendingOps(db, 10)).toHaveLength(2);
    // The device's copies are as they were.
    expect(await db.paymentLines.get('no-such-line')).toBeUndefined();
    expect((await db.paymentLines.get('l1'))?.status).toBe('due');
  });

  test('concurrent recordings never share a seq', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordOk(db, ctx, 'payment.unpaid', `l${i}`, { reason: 'absent' })),
    );
    const seqs = (await db.outbox.toArray()).map((o) => o.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  test('a duplicate answer takes the state of its first outcome and keeps its reason', async () => {
    const a = await recordOk(db, ctx, 'payment.unpaid', 'l1', { reason: 'absent' });
    const b = await recordOk(db, ctx, 'payment.unpaid', 'l2', { reason: 'absent' });
    const c = await recordOk(db, ctx, 'payment.unpaid', 'l3', { reason: 'absent' });
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
