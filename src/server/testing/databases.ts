/** Fresh, migrated databases for tests: SQLite in memory, or PostgreSQL in a throw-away schema. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type AppDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

export type MakeDb = () => Promise<AppDatabase>;

export const makeSqliteDb: MakeDb = async () => {
  const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(db);
  return db;
};

/** Each call gets its own schema (dropped on close), so tests never see each other's rows. */
export function pgDbMaker(url: string): MakeDb {
  return async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    await withClient(url, (c) => c.query(`create schema ${schema}`));
    const db = openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
    await migrateToLatest(db, { schema });
    return {
      ...db,
      close: async () => {
        await db.close();
        await withClient(url, (c) => c.query(`drop schema ${schema} cascade`));
      },
    };
  };
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
