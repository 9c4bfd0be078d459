/**
 * Sign-in attempts by address as well as by username (issue 13, finding 4): the throttle limits a
 * username from one address, an address over every username, and everyone together. Portable SQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('login_failures')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('login_failures_address_at').on('login_failures').columns(['address', 'at']).execute();
  await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('login_failures_at').execute();
  await db.schema.dropIndex('login_failures_address_at').execute();
  await db.schema.alterTable('login_failures').dropColumn('address').execute();
}
