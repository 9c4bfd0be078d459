import { afterEach, describe, expect, test } from 'vitest';
import Dexie from 'dexie';
import { beneficiaryData } from '../../tests/builders/beneficiary';
import { createAppDb, type AppDb } from './app-db';
import { loadRoster, readPerson } from './roster-pages';
import { countRoster, findByIdNumbers, rosterVillages, rosterWindow, searchRoster } from './roster-queries';
import { toBeneficiaryRow } from './roster-row';

let db: AppDb;
afterEach(async () => {
  await db.delete();
});

describe('AppDb schema', () => {
  test('the latest version opens on an empty device with every table and the indexes the queries use', async () => {
    db = createAppDb(`t-${crypto.randomUUID()}`);
    await db.open();
    expect(db.verno).toBe(6);
    const indexes = Object.fromEntries(db.tables.map((t) => [t.name, t.schema.indexes.map((i) => i.name).sort()]));
    expect(indexes).toEqual({
      communes: [],
      beneficiaries: ['communeCode', 'status', 'village'],
      periods: [],
      paymentLines: ['[periodId+communeCode]', 'beneficiaryId', 'status'],
      idChecks: ['beneficiaryId'],
      conflicts: ['beneficiaryId', 'status'],
      outbox: ['entityId', 'id', 'state'],
      kv: [],
      shadows: [],
      blobs: ['uploaded'],
      rosterPages: [],
      deviceKeys: [],
    });
    // Search reads the in-memory roster index (roster-index.ts), not IndexedDB: no token index.
    expect(db.beneficiaries.schema.idxByName['searchTokens']).toBeUndefined();
  });

  test('the latest version opens a database written by the same version and keeps its rows', async () => {
    const name = `t-${crypto.randomUUID()}`;
    db = createAppDb(name);
    await db.kv.put({ key: 'deviceId', value: 'dev-1' });
    db.close();
    // Reopen through raw Dexie without a schema, as an older/newer app would see it.
    const raw = new Dexie(name);
    await raw.open();
    expect(raw.verno).toBe(6);
    expect(await raw.table('kv').get('deviceId')).toEqual({ key: 'deviceId', value: 'dev-1' });
    raw.close();
    db = createAppDb(name);
    expect(await db.kv.get('deviceId')).toEqual({ key: 'deviceId', value: 'dev-1' });
  });

  test('version 2 upgrades a version 1 device: rows kept, and the new village index finds them', async () => {
    const name = `t-${crypto.randomUUID()}`;
    // The version 1 schema exactly as it shipped, with fixture rows written through it.
    const v1 = new Dexie(name);
    v1.version(1).stores({
      communes: 'id',
      beneficiaries: 'id, sortKey, *searchTokens, communeCode, status',
      periods: 'id',
      paymentLines: 'id, beneficiaryId, [periodId+communeCode], status',
      idChecks: 'id, beneficiaryId',
      conflicts: 'id, status, beneficiaryId',
      outbox: 'seq, &id, state, entityId',
      kv: 'key',
      shadows: 'key',
      blobs: 'hash, uploaded',
    });
    await v1.table('beneficiaries').bulkPut([
      { id: 'b1', village: 'Tổ 2', sortKey: 'b', searchTokens: ['binh'], communeCode: '19960', status: 'active' },
      { id: 'b2', village: 'Tổ 10', sortKey: 'a', searchTokens: ['an'], communeCode: '19960', status: 'active' },
      { id: 'b3', village: 'Tổ 2', sortKey: 'c', searchTokens: ['cuc'], communeCode: '19960', status: 'suspended' },
    ]);
    await v1.table('outbox').put({ seq: 1, id: 'op-1', state: 'pending', entityId: 'b1' });
    v1.close();

    // Opened by today's app: through version 2, 3 and 4 (the rows move into roster pages).
    db = createAppDb(name);
    await db.open();
    expect(db.verno).toBe(6);
    expect(await db.outbox.get(1)).toMatchObject({ id: 'op-1', state: 'pending' });
    const roster = [...(await loadRoster(db)).values()];
    expect(roster.map((r) => r.id).sort()).toEqual(['b1', 'b2', 'b3']);
    expect(
      roster
        .filter((r) => r.village === 'Tổ 2')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['b1', 'b3']);
    expect(roster.filter((r) => r.status === 'suspended').map((r) => r.id)).toEqual(['b3']);
    expect(await rosterVillages(db)).toEqual(['Tổ 2', 'Tổ 10']);
  });

  test('version 3 upgrades a version 2 device: rows and outbox kept, token index gone, queries answer', async () => {
    const name = `t-${crypto.randomUUID()}`;
    // The version 2 schema exactly as it shipped (version 1 plus the village index).
    const v2 = new Dexie(name);
    v2.version(2).stores({
      communes: 'id',
      beneficiaries: 'id, sortKey, *searchTokens, communeCode, status, village',
      periods: 'id',
      paymentLines: 'id, beneficiaryId, [periodId+communeCode], status',
      idChecks: 'id, beneficiaryId',
      conflicts: 'id, status, beneficiaryId',
      outbox: 'seq, &id, state, entityId',
      kv: 'key',
      shadows: 'key',
      blobs: 'hash, uploaded',
    });
    const people = [
      ['b1', 'Nguyễn Văn Bình', 'Tổ 2', 'active', '046045999002'],
      ['b2', 'Đặng Văn An', 'Tổ 10', 'active', null],
      ['b3', 'Trần Thị Cúc', 'Tổ 2', 'suspended', '046152999001'],
    ] as const;
    await v2.table('beneficiaries').bulkPut(
      people.map(([id, fullName, village, status, idNumber]) => ({
        ...toBeneficiaryRow(id, 1, beneficiaryData({ fullName, village, status, idNumber, communeCode: '19960' })),
      })),
    );
    await v2.table('outbox').put({ seq: 1, id: 'op-1', state: 'pending', entityId: 'b1' });
    await v2.table('kv').put({ key: 'cursor', value: 'c-42' });
    v2.close();

    db = createAppDb(name);
    await db.open();
    expect(db.verno).toBe(6);
    expect(await countRoster(db)).toBe(3);
    expect(await db.outbox.get(1)).toMatchObject({ id: 'op-1', state: 'pending' });
    expect(await db.kv.get('cursor')).toEqual({ key: 'cursor', value: 'c-42' });
    // The rows keep their tokens (the in-memory index reads them); IndexedDB no longer indexes them.
    expect((await readPerson(db, 'b1'))?.searchTokens).toEqual(expect.arrayContaining(['binh', '046045999002']));
    expect(db.beneficiaries.schema.idxByName['searchTokens']).toBeUndefined();
    db.close();
    const raw = new Dexie(name);
    await raw.open();
    expect(
      raw
        .table('beneficiaries')
        .schema.indexes.map((i) => i.name)
        .sort(),
    ).toEqual(['communeCode', 'status', 'village']);
    raw.close();
    db = createAppDb(name);
    // Every query the app makes still answers: order, filters, villages, search, ID lookup.
    expect((await rosterWindow(db, 0, 10)).map((r) => r.id)).toEqual(['b2', 'b1', 'b3']);
    expect([...(await loadRoster(db)).values()].filter((r) => r.status === 'suspended').map((r) => r.id)).toEqual([
      'b3',
    ]);
    expect(await rosterVillages(db)).toEqual(['Tổ 2', 'Tổ 10']);
    expect((await searchRoster(db, 'ng binh')).rows.map((r) => r.id)).toEqual(['b1']);
    expect((await findByIdNumbers(db, ['046152999001'])).map((r) => r.id)).toEqual(['b3']);
  });

  test('version 6 upgrades a version 5 device: every row kept, a receipt key table added, empty', async () => {
    const name = `t-${crypto.randomUUID()}`;
    // The version 5 schema exactly as it shipped.
    const v5 = new Dexie(name);
    v5.version(5).stores({
      communes: 'id',
      beneficiaries: 'id, communeCode, status, village',
      periods: 'id',
      paymentLines: 'id, beneficiaryId, [periodId+communeCode], status',
      idChecks: 'id, beneficiaryId',
      conflicts: 'id, status, beneficiaryId',
      outbox: 'seq, &id, state, entityId',
      kv: 'key',
      shadows: 'key',
      blobs: 'hash, uploaded',
      rosterPages: 'no',
    });
    await v5.table('outbox').put({ seq: 1, id: 'op-1', state: 'pending', entityId: 'l1' });
    await v5.table('kv').bulkPut([
      { key: 'deviceId', value: 'dev-1' },
      { key: 'opSeq', value: 1 },
    ]);
    v5.close();

    db = createAppDb(name);
    await db.open();
    expect(db.verno).toBe(6);
    expect(await db.outbox.get(1)).toMatchObject({ id: 'op-1', state: 'pending' });
    expect(await db.kv.get('deviceId')).toEqual({ key: 'deviceId', value: 'dev-1' });
    expect(await db.deviceKeys.count()).toBe(0);
  });
});
