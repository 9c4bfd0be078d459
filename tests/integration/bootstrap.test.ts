// A fresh device bootstraps its scope from the real server (Hono app + SQLite in one process),
// through the client's own transport, pull loop and Dexie database.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Harness } from '../../src/server/testing/harness';
import { createAppDb, type AppDb } from '../../src/storage/app-db';
import { loadRoster } from '../../src/storage/roster-pages';
import { countRoster } from '../../src/storage/roster-queries';
import { getKv } from '../../src/storage/kv';
import { searchRoster } from '../../src/storage/roster-queries';
import { pullAll, type PullProgress } from '../../src/sync/pull-all';
import { createSyncEngine } from '../../src/sync/sync-engine';
import { saveSession } from '../../src/sync/session';
import type { Transport } from '../../src/sync/transport';
import { demoServer } from '../builders/demo-server';

let harness: Harness;
let db: AppDb;
let transport: Transport;
let serverCalls: string[];

beforeEach(async () => {
  serverCalls = [];
  ({ harness, transport } = await demoServer(600, (url) => serverCalls.push(url)));
  db = createAppDb(`it-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
  await harness.close();
});

async function signIn(username: string): Promise<string> {
  const res = await transport.login({
    username,
    password: 'demo1234',
    device: { id: `dev-${username}`, name: 'Máy thử' },
  });
  return res.token;
}

/** Beneficiaries of a commune as the server holds them. */
async function serverBeneficiaries(commune: string): Promise<number> {
  const row = await harness.db.kysely
    .selectFrom('entities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity', '=', 'beneficiary')
    .where('commune_code', '=', commune)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('bootstrap pull', () => {
  test("a payer's fresh device receives all of Phú Bài and nothing of Lộc An, with progress to 100 %", async () => {
    const token = await signIn('payer');
    const progress: PullProgress[] = [];
    const result = await pullAll({
      db,
      transport,
      token,
      pageSize: 50,
      now: () => 1,
      onProgress: (p) => progress.push(p),
    });

    const expected = await serverBeneficiaries('19960');
    expect(expected).toBeGreaterThan(50);
    const roster = [...(await loadRoster(db)).values()];
    expect(roster.filter((b) => b.communeCode === '19960')).toHaveLength(expected);
    expect(roster.filter((b) => b.communeCode !== '19960')).toHaveLength(0);
    expect((await db.paymentLines.toArray()).every((l) => l.communeCode === '19960')).toBe(true);
    expect(await db.periods.count()).toBe(1);
    expect(result.pages).toBeGreaterThan(2);

    const last = progress.at(-1);
    expect(last?.done).toBe(last?.total);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]?.done).toBeGreaterThan(progress[i - 1]?.done ?? 0);
    }
    expect(progress[0]?.total).toBe(last?.total);
    expect(await getKv(db, 'lastSyncAt')).toBe(1);
  });

  test('an interrupted bootstrap resumes from the last committed page and ends identical', async () => {
    const token = await signIn('officer2');
    let pulls = 0;
    const flaky: Transport = {
      ...transport,
      pull: async (t, cursor, limit) => {
        if (++pulls === 4) throw new Error('connection lost');
        return transport.pull(t, cursor, limit);
      },
    };
    await expect(pullAll({ db, transport: flaky, token, pageSize: 40, now: () => 1 })).rejects.toThrow(
      'connection lost',
    );
    // Three pages of 40 changes were committed, the fourth never arrived.
    const rows = await Promise.all([db.communes.count(), db.periods.count(), countRoster(db), db.paymentLines.count()]);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(120);
    expect(await getKv(db, 'pullApplied')).toBe(120);
    const cursorAfterFailure = await getKv<string>(db, 'pullCursor');
    expect(cursorAfterFailure).toBeTruthy();

    serverCalls = [];
    await pullAll({ db, transport: flaky, token, pageSize: 40, now: () => 2 });
    expect(serverCalls[0]).toContain(`cursor=${encodeURIComponent(cursorAfterFailure ?? '')}`);

    const reference = createAppDb(`it-ref-${crypto.randomUUID()}`);
    await pullAll({ db: reference, transport, token, pageSize: 500, now: () => 3 });
    const ids = async (d: AppDb) => [...(await loadRoster(d)).keys()].sort();
    expect(await ids(db)).toEqual(await ids(reference));
    expect(await db.paymentLines.count()).toBe(await reference.paymentLines.count());
    await reference.delete();
  });

  test('the sync engine pulls with the stored session and the roster is searchable without diacritics', async () => {
    const login = await transport.login({
      username: 'officer',
      password: 'demo1234',
      device: { id: 'device-0001', name: 'Máy' },
    });
    await saveSession(db, { token: login.token, expiresAt: login.expiresAt, user: login.user });
    const engine = createSyncEngine({ db, transport, clock: { now: () => 42 }, isOnline: () => true });
    const states: string[] = [];
    engine.subscribe((s) => states.push(s.status));
    await engine.syncNow();
    expect(states).toContain('pulling');
    expect(engine.getState()).toMatchObject({ status: 'idle', lastSyncAt: 42, errorCode: null, pendingCount: 0 });

    const someone = [...(await loadRoster(db)).values()][0];
    const folded = (someone?.fullName ?? '')
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase();
    const found = await searchRoster(db, folded);
    expect(found.rows.map((r) => r.id)).toContain(someone?.id);
  });

  test('an ended session is reported to the app and nothing local is lost', async () => {
    const login = await transport.login({
      username: 'officer',
      password: 'demo1234',
      device: { id: 'device-0002', name: 'Máy' },
    });
    await saveSession(db, { token: login.token, expiresAt: login.expiresAt, user: login.user });
    await transport.logout(login.token);
    const authErrors: string[] = [];
    const engine = createSyncEngine({
      db,
      transport,
      clock: { now: () => 1 },
      isOnline: () => true,
      onAuthError: (code) => authErrors.push(code),
    });
    await engine.syncNow();
    expect(authErrors).toEqual(['not-signed-in']);
    expect(engine.getState().status).toBe('error');
  });
});
