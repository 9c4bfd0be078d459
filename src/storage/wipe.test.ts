import { afterEach, beforeEach, expect, test } from 'vitest';
import { beneficiaryData, paymentLineData } from '../../tests/builders/beneficiary';
import { recordOk } from '../../tests/builders/record';
import { createAppDb, type AppDb } from './app-db';
import { getKv, setKv } from './kv';
import { applyPushResults } from './outbox';
import { toBeneficiaryRow } from './roster-row';
import { wipeOnSignOut } from './wipe';

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
