import Dexie from 'dexie';
import { afterEach, expect, test } from 'vitest';
import { beneficiaryData, change } from '../../tests/builders/beneficiary';
import { recordOk } from '../../tests/builders/record';
import { createAppDb, type AppDb } from './app-db';
import { applyPullPage } from './apply-pull-page';
import { applyPushResults, pendingOps, type OpContext } from './outbox';
import { loadRoster, readPerson } from './roster-pages';
import { countRoster, searchRoster } from './roster-queries';
import { toBeneficiaryRow } from './roster-row';

const opened: Dexie[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) {
    d.close();
    await Dexie.delete(d.name);
  }
});

/** Version 3 exactly as it shipped. */
const v3Stores = {
  communes: 'id',
  beneficiaries: 'id, sortKey, communeCode, status, village',
  periods: 'id',
  paymentLines: 'id, beneficiaryId, [periodId+communeCode], status',
  idChecks: 'id, beneficiaryId',
  conflicts: 'id, status, beneficiaryId',
  outbox: 'seq, &id, state, entityId',
  kv: 'key',
  shadows: 'key',
  blobs: 'hash, uploaded',
};

const ctx: OpContext = {
  deviceId: 'dev-1',
  actorId: 'user-1',
  now: () => Date.UTC(2026, 10, 28, 7, 5),
  makeId: () => `op-${crypto.randomUUID()}`,
  utcOffsetMinutes: 420,
};

const people = Array.from({ length: 4500 }, (_, i) =>
  toBeneficiaryRow(`b${String(i).padStart(4, '0')}`, 1, beneficiaryData({ fullName: `Trần Văn Số${i}`, phone: null })),
);

/**
 * The outbox, shadow and optimistic row today's code (version 3) leaves for an unsent phone
 * change of b0001: made by recordOp itself, on a scratch database.
 */
async function pendingEdit() {
  const scratch = createAppDb(`t-${crypto.randomUUID()}`);
  opened.push(scratch);
  await scratch.beneficiaries.put(
    toBeneficiaryRow('b0001', 1, beneficiaryData({ fullName: 'Trần Văn Số1', phone: null })),
  );
  await recordOk(scratch, ctx, 'beneficiary.update', 'b0001', { phone: '0912000111' }, { baseVersion: 1 });
  return {
    outbox: await scratch.outbox.toArray(),
    shadows: await scratch.shadows.toArray(),
    row: await scratch.beneficiaries.get('b0001'),
    seq: await scratch.kv.get('opSeq'),
  };
}

test('version 4 moves a version 3 roster into pages and keeps unsent ops and their local change', async () => {
  const edit = await pendingEdit();
  expect(edit.row?.phone).toBe('0912000111');
  const name = `t-${crypto.randomUUID()}`;
  const v3 = new Dexie(name);
  v3.version(3).stores(v3Stores);
  await v3.table('beneficiaries').bulkPut(people.map((p) => (p.id === 'b0001' ? edit.row : p)));
  await v3.table('outbox').bulkPut(edit.outbox);
  await v3.table('shadows').bulkPut(edit.shadows);
  if (edit.seq) await v3.table('kv').put(edit.seq);
  await v3.table('kv').put({ key: 'pullCursor', value: 'c-42' });
  v3.close();

  const db: AppDb = createAppDb(name);
  opened.push(db);
  await db.open();
  expect(db.verno).toBe(6);
  // Everyone is still there; only the person with an unsent op keeps a record of their own.
  expect(await countRoster(db)).toBe(people.length);
  expect(await db.beneficiaries.toCollection().primaryKeys()).toEqual(['b0001']);
  expect((await db.rosterPages.toArray()).map((p) => p.size)).toEqual([2000, 2000, 499]);
  // The outbox, shadows and cursor are untouched, the local change still shows.
  expect(await db.outbox.toArray()).toEqual(edit.outbox);
  expect(await db.shadows.toArray()).toEqual(edit.shadows);
  expect(await db.kv.get('pullCursor')).toEqual({ key: 'pullCursor', value: 'c-42' });
  expect((await readPerson(db, 'b0001'))?.phone).toBe('0912000111');
  expect(await readPerson(db, 'b4499')).toEqual(people[4499]);
  expect((await searchRoster(db, 'so4499')).rows.map((r) => r.id)).toEqual(['b4499']);

  // A pull of the person before the op is answered keeps the local change on top.
  await applyPullPage(
    db,
    [change('beneficiary', 'b0001', beneficiaryData({ fullName: 'Trần Văn Số1', phone: null, village: 'Tổ 9' }), 2)],
    'c-43',
    1,
  );
  expect(await readPerson(db, 'b0001')).toMatchObject({ phone: '0912000111', village: 'Tổ 9', version: 2 });

  // The op goes through: once the server's copy with it is pulled, the edited record goes.
  const [op] = await pendingOps(db, 10);
  await applyPushResults(db, op ? [op] : [], [{ id: op?.id ?? '', status: 'applied', version: 3 }]);
  await applyPullPage(
    db,
    [
      change(
        'beneficiary',
        'b0001',
        beneficiaryData({ fullName: 'Trần Văn Số1', phone: '0912000111', village: 'Tổ 9' }),
        3,
      ),
    ],
    'c-44',
    2,
  );
  expect(await db.beneficiaries.count()).toBe(0);
  expect(await db.shadows.count()).toBe(0);
  expect(await readPerson(db, 'b0001')).toMatchObject({ phone: '0912000111', village: 'Tổ 9', version: 3 });
  expect((await loadRoster(db)).size).toBe(people.length);
});
