import { afterEach, describe, expect, test } from 'vitest';
import Dexie from 'dexie';
import { createAppDb, type AppDb } from './app-db';

let db: AppDb;
afterEach(async () => {
  await db.delete();
});

describe('AppDb schema', () => {
  test('version 1 opens on an empty device with every table and the indexes the queries use', async () => {
    db = createAppDb(`t-${crypto.randomUUID()}`);
    await db.open();
    expect(db.verno).toBe(1);
    const indexes = Object.fromEntries(db.tables.map((t) => [t.name, t.schema.indexes.map((i) => i.name).sort()]));
    expect(indexes).toEqual({
      communes: [],
      beneficiaries: ['communeCode', 'searchTokens', 'sortKey', 'status'],
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

  test('version 1 opens a database written by the same version and keeps its rows', async () => {
    const name = `t-${crypto.randomUUID()}`;
    db = createAppDb(name);
    await db.kv.put({ key: 'deviceId', value: 'dev-1' });
    db.close();
    // Reopen through raw Dexie without a schema, as an older/newer app would see it.
    const raw = new Dexie(name);
    await raw.open();
    expect(raw.verno).toBe(1);
    expect(await raw.table('kv').get('deviceId')).toEqual({ key: 'deviceId', value: 'dev-1' });
    raw.close();
    db = createAppDb(name);
    expect(await db.kv.get('deviceId')).toEqual({ key: 'deviceId', value: 'dev-1' });
  });
});
