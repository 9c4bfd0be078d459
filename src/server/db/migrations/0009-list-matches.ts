/**
 * The preparer's answers about people matched by name, birth year and village only (issue 11,
 * docs/protocol.md "Lists"): the same person, or two people. Portable SQL only.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('list_matches')
    .addColumn('list_id', 'text', (c) => c.notNull().references('lists.id'))
    // The roster's person (last month's line) and the list's row proposed as them.
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('same', 'integer', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_matches_pk', ['list_id', 'beneficiary_id', 'row'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('list_matches').execute();
}
