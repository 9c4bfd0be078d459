/**
 * Fresh databases for tests: SQLite in memory, or PostgreSQL in a throw-away schema; migrated to
 * the latest version, or (for upgrade tests) to a given migration.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type AppDatabase } from '../db/database';
import { migrateTo, migrateToLatest } from '../db/migrate';

export type MakeDb = () => Promise<AppDatabase>;
/** A database at migration `upTo`, with a function that migrates it the rest of the way. */
export type MakeDbAt = (upTo: string) => Promise<{ db: AppDatabase; migrateRest: () => Promise<unknown> }>;

export const makeSqliteDb: MakeDb = async () => {
  const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(db);
  return db;
};

export const makeSqliteDbAt: MakeDbAt = async (upTo) => {
  const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateTo(db, upTo);
  return { db, migrateRest: () => migrateToLatest(db) };
};

/** Each call gets its own schema (dropped on close), so tests never see each other's rows. */
export function pgDbMaker(url: string): MakeDb {
  const at = pgDbMakerAt(url);
  return async () => {
    const { db, migrateRest } = await at('latest');
    await migrateRest();
    return db;
  };
}

/** As `pgDbMaker`, stopped at migration `upTo` ('latest': all of them). */
export function pgDbMakerAt(url: string): MakeDbAt {
  return async (upTo) => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    await withClient(url, (c) => c.query(`create schema ${schema}`));
    const db = openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
    if (upTo !== 'latest') await migrateTo(db, upTo, { schema });
    const closable = {
      ...db,
      close: async () => {
        await db.close();
        await withClient(url, (c) => c.query(`drop schema ${schema} cascade`));
      },
    };
    return { db: closable, migrateRest: () => migrateToLatest(db, { schema }) };
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
