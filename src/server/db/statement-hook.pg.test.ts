import { afterEach, describe, expect, test } from 'vitest';
import { AssertionError } from '../../lib/assert';
import type { AppDatabase } from './database';
import { pgDbMaker } from '../testing/databases';
import { hookStatements } from './statement-hook';

const url = process.env['TEST_DATABASE_URL'];
if (!url) throw new Error('TEST_DATABASE_URL is required for *.pg.test.ts');
const makeDb = pgDbMaker(url);

describe('hookStatements', () => {
  let db: AppDatabase | undefined;
  afterEach(() => db?.close());

  test('runs the hook before each statement of the transaction, and refuses a stream while set', async () => {
    db = await makeDb();
    const seen: string[] = [];
    await db.kysely.transaction().execute(async (trx) => {
      const hook = await hookStatements(trx, (query) => {
        seen.push(query.sql);
        return Promise.resolve();
      });
      if (!hook) throw new Error('the connection is not hookable');
      await trx.selectFrom('change_counter').select('value').execute();
      const stream = async () => {
        for await (const row of trx.selectFrom('change_counter').select('value').stream()) void row;
      };
      // Refused before it reaches the driver (which would stream without the hook).
      await expect(stream()).rejects.toThrow(AssertionError);
      hook.release();
      await trx.selectFrom('change_counter').select('value').execute();
    });
    expect(seen).toEqual(['select "value" from "change_counter"']);
  });
});
