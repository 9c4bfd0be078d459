import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, change } from '../../tests/builders/beneficiary';
import type { User } from '../protocol/auth';
import { createAppDb, type AppDb, type OutboxRow } from '../storage/app-db';
import { countRoster } from '../storage/roster-queries';
import { applyPullPage } from '../storage/apply-pull-page';
import { getKv } from '../storage/kv';
import { recordOk } from '../../tests/builders/record';
import { clearSession, ensureDeviceId, resetIfScopeChanged, saveSession } from './session';

let db: AppDb;
beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const user = (communes: string[], id = 'u1'): User => ({
  id,
  username: 'officer',
  displayName: 'Cán bộ',
  role: 'officer',
  communes,
});

describe('session', () => {
  test('the device id is made once and then kept', async () => {
    let n = 0;
    const make = () => `device-${++n}`;
    expect(await ensureDeviceId(db, make)).toBe('device-1');
    expect(await ensureDeviceId(db, make)).toBe('device-1');
  });

  test('a new scope drops synced data and the cursor but never the unsent operations', async () => {
    await saveSession(db, { token: 't', expiresAt: '2027-01-01T00:00:00Z', user: user(['19960']) });
    await applyPullPage(db, [change('beneficiary', 'b1', beneficiaryData())], 'cursor-1', 1);
    await recordOk(
      db,
      { deviceId: 'd', actorId: 'u1', now: () => 0, makeId: () => 'op-1', utcOffsetMinutes: 420 },
      'beneficiary.update',
      'b1',
      { phone: '0912345678' },
    );

    expect(await resetIfScopeChanged(db, user(['19960']))).toBe(false);
    expect(await countRoster(db)).toBe(1);

    expect(await resetIfScopeChanged(db, user(['19960', '20140']))).toBe(true);
    expect(await countRoster(db)).toBe(0);
    expect(await getKv(db, 'pullCursor')).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });

  test('form drafts go with the user who typed them: another user, or a new scope, starts with none', async () => {
    await saveSession(db, { token: 't', expiresAt: '2027-01-01T00:00:00Z', user: user(['19960']) });
    await db.kv.bulkPut([
      { key: 'draft:enrol', value: { fullName: 'Lê Văn A' } },
      { key: 'rosterView', value: 'kept' },
    ]);
    expect(await resetIfScopeChanged(db, user(['19960']))).toBe(false);
    expect(await getKv(db, 'draft:enrol')).toEqual({ fullName: 'Lê Văn A' });

    expect(await resetIfScopeChanged(db, user(['19960'], 'u2'))).toBe(true);
    expect(await getKv(db, 'draft:enrol')).toBeUndefined();
    expect(await getKv(db, 'rosterView')).toBe('kept');
  });

  test('a user whose role became reports-only keeps no roster on the device', async () => {
    await saveSession(db, { token: 't', expiresAt: '2027-01-01T00:00:00Z', user: user(['19960']) });
    await applyPullPage(db, [change('beneficiary', 'b1', beneficiaryData())], 'cursor-1', 1);
    expect(await resetIfScopeChanged(db, { ...user(['19960']), role: 'monitoring' })).toBe(true);
    expect(await db.beneficiaries.count()).toBe(0);
    expect(await getKv(db, 'pullCursor')).toBeUndefined();
  });

  test('after a session ended (401), another user with other communes still gets a fresh pull', async () => {
    await saveSession(db, { token: 't', expiresAt: '2027-01-01T00:00:00Z', user: user(['19960']) });
    await applyPullPage(db, [change('beneficiary', 'b1', beneficiaryData())], 'cursor-1', 1);
    await clearSession(db);

    expect(await resetIfScopeChanged(db, user(['20140'], 'u2'))).toBe(true);
    expect(await countRoster(db)).toBe(0);
    expect(await getKv(db, 'pullCursor')).toBeUndefined();
  });

  test("another user does not see the previous user's answered ops, the commune's conflicts or uploaded evidence", async () => {
    await saveSession(db, { token: 't', expiresAt: '2027-01-01T00:00:00Z', user: user(['19960']) });
    const op = (seq: number, state: OutboxRow['state'], actorId: string): OutboxRow => ({
      seq,
      id: `op-${seq}`,
      type: 'payment.record',
      entityId: 'line-1',
      state,
      envelope: { actorId },
      attempts: 1,
      lastError: null,
      result: null,
    });
    const blob = (hash: string, uploaded: 0 | 1 | 2) => ({
      hash,
      type: 'image/png',
      bytes: new ArrayBuffer(1),
      uploaded,
    });
    await db.outbox.bulkPut([
      op(1, 'done', 'u1'),
      op(2, 'rejected', 'u1'),
      op(3, 'conflict', 'u1'),
      op(4, 'pending', 'u1'),
    ]);
    await db.blobs.bulkPut([blob('on-server', 1), blob('waiting', 0), blob('refused', 2)]);
    await db.conflicts.put({ id: 'c1', version: 1 });

    expect(await resetIfScopeChanged(db, user(['20140'], 'u2'))).toBe(true);
    // An unsent op and evidence the server does not have are never dropped.
    expect((await db.outbox.toArray()).map((o) => o.id)).toEqual(['op-4']);
    expect((await db.blobs.toArray()).map((b) => b.hash).sort()).toEqual(['refused', 'waiting']);
    expect(await db.conflicts.count()).toBe(0);
  });

  test('after a session ended, the same user with the same communes keeps the data', async () => {
    await saveSession(db, { token: 't', expiresAt: '2027-01-01T00:00:00Z', user: user(['19960']) });
    await applyPullPage(db, [change('beneficiary', 'b1', beneficiaryData())], 'cursor-1', 1);
    await clearSession(db);

    expect(await resetIfScopeChanged(db, user(['19960']))).toBe(false);
    expect(await countRoster(db)).toBe(1);
  });
});
