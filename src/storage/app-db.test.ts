import { afterEach, describe, expect, test } from 'vitest';
import Dexie from 'dexie';
import { createAppDb, type AppDb } from './app-db';

let db: AppDb;
afterEach(async () => {
  await db.delete();
});

describe('AppDb schema', () => {
  test('the latest version opens on an empty device with every table and the indexes the queries use', async () => {
    db = createAppDb(`t-${crypto.randomUUID()}`);
    await db.open();
    expect(db.verno).toBe(2);
    const indexes = Object.fromEntries(db.tables.map((t) => [t.name, t.schema.indexes.map((i) => i.name).sort()]));
    expect(indexes).toEqual({
      communes: [],
      beneficiaries: ['communeCode', 'searchTokens', 'sortKey', 'status', 'village'],
      periods: [],
      paymentLines: ['[periodId+communeCode]', 'beneficiaryId', 'status'],
      idChecks: ['beneficiaryId'],
      conflicts: ['beneficiaryId', 'status'],
      outbox: ['entityId', 'id', 'state'],
      kv: [],
      shadows: [],
      blobs: ['uploaded'],
    });
    expect(db.beneficiaries.schema.idxByName['searchTokens']?.multi).toBe(true);
  });

  test('the latest version opens a database written by the same version and keeps its rows', async () => {
    const name = `t-${crypto.randomUUID()}`;
    db = createAppDb(name);
    await db.kv.put({ key: 'deviceId', value: 'dev-1' });
    db.close();
    // Reopen through raw Dexie without a schema, as an older/newer app would see it.
    const raw = new Dexie(name);
    await raw.open();
    expect(raw.verno).toBe(2);
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

    db = createAppDb(name);
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.beneficiaries.count()).toBe(3);
    expect(await db.outbox.get(1)).toMatchObject({ id: 'op-1', state: 'pending' });
    expect((await db.beneficiaries.where('village').equals('Tổ 2').primaryKeys()).sort()).toEqual(['b1', 'b3']);
    expect(await db.beneficiaries.orderBy('village').uniqueKeys()).toEqual(['Tổ 10', 'Tổ 2']);
    expect(await db.beneficiaries.where('status').equals('suspended').primaryKeys()).toEqual(['b3']);
  });
});
