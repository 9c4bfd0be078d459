import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, paymentLineData } from '../../tests/builders/beneficiary';
import { recordOk } from '../../tests/builders/record';
import { createAppDb, type AppDb } from './app-db';
import { getKv, setKv } from './kv';
import { applyPushResults } from './outbox';
import { exportUnsent } from './outbox-export';
import { toBeneficiaryRow } from './roster-row';
import { wipeAfterExport, wipeOnSignOut } from './wipe';

let db: AppDb;
beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await db.beneficiaries.put(toBeneficiaryRow('b-1', 1, beneficiaryData()));
  await db.paymentLines.put({ ...paymentLineData(), id: 'line-1', version: 1 });
  await setKv(db, 'deviceId', 'dev-1');
});
afterEach(async () => {
  await db.delete();
});

const ctx = { deviceId: 'dev-1', actorId: 'user-1', now: () => 0, makeId: () => 'op-1', utcOffsetMinutes: 420 };

test('signing out with an op waiting erases nothing', async () => {
  await recordOk(db, ctx, 'payment.unpaid', 'line-1', { reason: 'absent' });
  expect(await wipeOnSignOut(db)).toBe(false);
  expect(await db.beneficiaries.count()).toBe(1);
  expect(await db.outbox.count()).toBe(1);
});

test('nor with a signature not yet uploaded', async () => {
  await db.blobs.put({ hash: 'a'.repeat(64), type: 'image/png', bytes: new ArrayBuffer(8), uploaded: 0 } as never);
  expect(await wipeOnSignOut(db)).toBe(false);
  expect(await db.paymentLines.count()).toBe(1);
});

test('once everything is sent, every table is erased and the reason kept', async () => {
  const op = await recordOk(db, ctx, 'payment.unpaid', 'line-1', { reason: 'absent' });
  await applyPushResults(db, [op], [{ id: op.id, status: 'applied', version: 2 }]);
  expect(await wipeOnSignOut(db)).toBe(true);
  for (const table of db.tables) {
    if (table.name !== 'kv') expect(await table.count()).toBe(0);
  }
  expect(await getKv(db, 'deviceId')).toBeUndefined();
  expect(await getKv(db, 'wipedReason')).toBe('signed-out');
});

describe('wiping after the unsent work was exported', () => {
  let n = 0;
  const opCtx = { ...ctx, makeId: () => `op-${++n}` };
  const signature = { hash: 'b'.repeat(64), type: 'image/png', bytes: new ArrayBuffer(8), uploaded: 0 as const };

  async function everythingErased() {
    for (const table of db.tables) {
      if (table.name !== 'kv') expect(await table.count(), table.name).toBe(0);
    }
    expect(await db.kv.toArray()).toEqual([{ key: 'wipedReason', value: 'signed-out-exported' }]);
  }

  test('with exactly what was exported still waiting, every table is erased and the reason kept', async () => {
    await recordOk(db, opCtx, 'payment.unpaid', 'line-1', { reason: 'absent' });
    await db.blobs.put(signature);
    const { file, exported } = await exportUnsent(db, 0);
    expect(file.ops).toHaveLength(1);
    expect(exported).toEqual({ opIds: [file.ops[0]?.['id']], blobHashes: [signature.hash] });
    expect(await wipeAfterExport(db, exported)).toBe(true);
    await everythingErased();
  });

  test('an op recorded after the export (another tab) stops the wipe: nothing is erased', async () => {
    await recordOk(db, opCtx, 'payment.unpaid', 'line-1', { reason: 'absent' });
    const { exported } = await exportUnsent(db, 0);
    await recordOk(db, opCtx, 'payment.unpaid', 'line-1', { reason: 'moved' });
    expect(await wipeAfterExport(db, exported)).toBe(false);
    expect(await db.outbox.count()).toBe(2);
    expect(await db.beneficiaries.count()).toBe(1);
    expect(await getKv(db, 'deviceId')).toBe('dev-1');
    expect(await getKv(db, 'wipedReason')).toBeUndefined();
  });

  test('so does a signature stored after the export', async () => {
    await recordOk(db, opCtx, 'payment.unpaid', 'line-1', { reason: 'absent' });
    const { exported } = await exportUnsent(db, 0);
    await db.blobs.put(signature);
    expect(await wipeAfterExport(db, exported)).toBe(false);
    expect(await db.blobs.count()).toBe(1);
    expect(await db.paymentLines.count()).toBe(1);
  });

  test('and an op that reuses an exported seq under another id (the device was reset meanwhile)', async () => {
    await recordOk(db, opCtx, 'payment.unpaid', 'line-1', { reason: 'absent' });
    const { exported } = await exportUnsent(db, 0);
    await db.outbox.clear();
    await db.kv.delete('opSeq');
    const other = await recordOk(db, opCtx, 'payment.unpaid', 'line-1', { reason: 'moved' });
    expect(other.seq).toBe(1);
    expect(await wipeAfterExport(db, exported)).toBe(false);
    expect((await db.outbox.toArray()).map((o) => o.id)).toEqual([other.id]);
  });

  test('an exported op the server answered meanwhile is no reason to stop', async () => {
    const sent = await recordOk(db, opCtx, 'payment.unpaid', 'line-1', { reason: 'absent' });
    const refused = await recordOk(db, opCtx, 'payment.unpaid', 'line-1', { reason: 'moved' });
    const { exported } = await exportUnsent(db, 0);
    await applyPushResults(
      db,
      [sent, refused],
      [
        { id: sent.id, status: 'applied', version: 2 },
        { id: refused.id, status: 'rejected', code: 'forbidden' },
      ],
    );
    expect(await wipeAfterExport(db, exported)).toBe(true);
    await everythingErased();
  });
});
