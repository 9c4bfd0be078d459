/**
 * A list is a month's list or a correction of a published one (issue 11, docs/protocol.md
 * "Lists"); lists kept before are months' lists. Portable SQL only.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('lists')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('month'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('lists').dropColumn('kind').execute();
}
