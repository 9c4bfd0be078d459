/**
 * A demo database never runs as production (issue 13, finding 6): the demo seed marks the database
 * it fills, and a production start refuses a database with that mark, or with a demo account that
 * still opens with the demo password. A demo start says plainly that it is a demo.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { verifyPassword } from '../services/passwords';

/** The settings key the demo seed writes. */
export const DEMO_MARK = 'demo_seeded';

/** The demo's usernames (src/server/seed/demo.ts), checked for the demo password at a production start. */
export const demoUsernames = [
  'admin',
  'supervisor',
  'supervisor2',
  'officer',
  'payer',
  'officer2',
  'approver',
  'monitor',
] as const;

export async function markDemo(db: Kysely<Database>, now: number): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: DEMO_MARK, value: new Date(now).toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function isDemoDatabase(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('settings').select('key').where('key', '=', DEMO_MARK).executeTakeFirst()) !== undefined;
}

/**
 * Why this database may not run as production: the demo mark, and each demo account that opens
 * with the demo password. Empty when it may.
 */
export async function demoTraces(db: Kysely<Database>, demoPassword: string): Promise<string[]> {
  const traces: string[] = [];
  if (await isDemoDatabase(db)) traces.push('the demo seed filled this database');
  const accounts = await db
    .selectFrom('users')
    .select(['username', 'password_hash'])
    .where('username', 'in', [...demoUsernames])
    .execute();
  for (const a of accounts)
    if (await verifyPassword(a.password_hash, demoPassword)) traces.push(`user ${a.username} has the demo password`);
  return traces;
}
