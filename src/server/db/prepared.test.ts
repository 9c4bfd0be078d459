import { describe, expect, test } from 'vitest';
import { makeSqliteDb } from '../testing/databases';
import { preparedQuery } from './prepared';

describe('preparedQuery', () => {
  test('binds each call’s own values and keeps the constants built into the query', async () => {
    const db = await makeSqliteDb();
    await db.kysely
      .insertInto('settings')
      .values([
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
        { key: 'c', value: '1' },
      ])
      .execute();
    const find = preparedQuery<{ value: string }, { key: string }>((k, arg) =>
      k.selectFrom('settings').select('key').where('value', '=', arg('value')).where('key', '!=', 'c').orderBy('key'),
    );
    expect(await find(db.kysely, { value: '1' })).toEqual([{ key: 'a' }]);
    expect(await find(db.kysely, { value: '2' })).toEqual([{ key: 'b' }]);
    // Inside a transaction it runs on the transaction's connection.
    await db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'd', value: '2' }).execute();
      expect(await find(trx, { value: '2' })).toEqual([{ key: 'b' }, { key: 'd' }]);
    });
    await db.close();
  });
});
