import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, change, paymentLineData } from '../../tests/builders/beneficiary';
import type { User } from '../protocol/auth';
import { createAppDb, type AppDb } from '../storage/app-db';
import { countRoster } from '../storage/roster-queries';
import { applyPullPage } from '../storage/apply-pull-page';
import { getKv } from '../storage/kv';
import { applyPushResults, lastSeq } from '../storage/outbox';
import { recordOk } from '../../tests/builders/record';
import { createFakeTransport, type FakeTransport } from './fake-transport';
import { clearSession, loadSession } from './session';
import { signIn } from './sign-in';

const officer: User = {
  id: 'user-1',
  username: 'officer',
  displayName: 'Cán bộ Một',
  role: 'officer',
  communes: ['19960'],
};
const payer: User = {
  id: 'user-2',
  username: 'payer',
  displayName: 'Nhân viên Hai',
  role: 'payer',
  communes: ['19960'],
};
const PASSWORD = 'mat-khau-1';

let db: AppDb;
let server: FakeTransport;
let n: number;

const signInAs = (user: User) =>
  signIn(
    { db, transport: server, makeId: () => 'device-1' },
    { username: user.username, password: PASSWORD, deviceName: 'Máy tính bảng' },
  );

async function recordAs(user: User) {
  // A line the first user pulled and visits.
  await db.paymentLines.put({ ...paymentLineData(), id: 'line-1', version: 1 });
  return recordOk(
    db,
    { deviceId: 'device-1', actorId: user.id, now: () => 0, makeId: () => `op-${++n}`, utcOffsetMinutes: 420 },
    'payment.unpaid',
    'line-1',
    { reason: 'absent' },
  );
}

beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  server = createFakeTransport();
  server.addUser(officer, PASSWORD);
  server.addUser(payer, PASSWORD);
  n = 0;
});
afterEach(async () => {
  await db.delete();
});

describe('signIn', () => {
  test('keeps the session of a user the device may serve', async () => {
    const result = await signInAs(officer);
    expect(result.ok).toBe(true);
    expect((await loadSession(db))?.user.id).toBe(officer.id);
  });

  test("refuses another user while the device holds the first user's unsent ops, and changes nothing", async () => {
    await signInAs(officer);
    await recordAs(officer);
    await recordAs(officer);
    await applyPullPage(db, [change('beneficiary', 'b1', beneficiaryData())], 'cursor-1', 1);
    // The officer's session ended (a 401): the sign-in screen is shown and someone else tries.
    await clearSession(db);

    const refused = await signInAs(payer);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'other-user-pending',
        actorId: officer.id,
        count: 2,
        owner: { displayName: officer.displayName, username: officer.username },
      },
    });
    expect(await loadSession(db)).toBeUndefined();
    // Refused before asking the server: the device stays bound to the officer, so a supervisor
    // can still import the officer's exported ops against it.
    expect(server.calls.filter((c) => c === 'login')).toHaveLength(1);
    expect(await db.outbox.where('state').equals('pending').count()).toBe(2);
    expect(await countRoster(db)).toBe(1);

    const back = await signInAs(officer);
    expect(back.ok).toBe(true);
    expect((await loadSession(db))?.user.id).toBe(officer.id);
  });

  test("lets another user in once the first user's ops are answered, even if some were rejected", async () => {
    await signInAs(officer);
    const done = await recordAs(officer);
    const rejected = await recordAs(officer);
    await applyPushResults(
      db,
      [done, rejected],
      [
        { id: done.id, status: 'applied', version: 1 },
        { id: rejected.id, status: 'rejected', code: 'amount-mismatch', message: 'Sai số tiền.' },
      ],
    );
    await clearSession(db);
    const result = await signInAs(payer);
    expect(result.ok).toBe(true);
    expect((await loadSession(db))?.user.id).toBe(payer.id);
  });

  test('another person on the tablet gets a new device id and seqs from 1; the same person keeps theirs', async () => {
    let ids = 0;
    const signInWithIds = (user: User) =>
      signIn(
        { db, transport: server, makeId: () => `device-${++ids}` },
        { username: user.username, password: PASSWORD, deviceName: 'Máy tính bảng' },
      );
    await signInWithIds(officer);
    expect(await getKv<string>(db, 'deviceId')).toBe('device-1');
    const done = await recordAs(officer);
    await applyPushResults(db, [done], [{ id: done.id, status: 'applied', version: 1 }]);
    expect(await lastSeq(db)).toBe(1);
    await clearSession(db);
    // The server never moves a device id to another user: the tablet becomes a new device.
    expect((await signInWithIds(payer)).ok).toBe(true);
    expect(await getKv<string>(db, 'deviceId')).toBe('device-2');
    expect(await lastSeq(db)).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    await clearSession(db);
    expect((await signInWithIds(payer)).ok).toBe(true);
    expect(await getKv<string>(db, 'deviceId')).toBe('device-2');
  });

  test('a wrong password of the user the ops wait for is the server’s answer', async () => {
    await signInAs(officer);
    await recordAs(officer);
    await clearSession(db);
    await expect(
      signIn(
        { db, transport: server, makeId: () => 'device-1' },
        { username: ` ${officer.username.toUpperCase()} `, password: 'sai', deviceName: 'Máy' },
      ),
    ).rejects.toMatchObject({ code: 'invalid-credentials' });
  });

  test('another name is refused on the device, whatever the password: the server is not asked', async () => {
    await signInAs(officer);
    await recordAs(officer);
    await clearSession(db);
    const refused = await signIn(
      { db, transport: server, makeId: () => 'device-1' },
      { username: payer.username, password: 'sai', deviceName: 'Máy' },
    );
    expect(refused.ok).toBe(false);
    expect(server.calls.filter((c) => c === 'login')).toHaveLength(1);
  });
});
