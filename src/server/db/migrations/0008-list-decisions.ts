/**
 * Why each person leaves a monthly list (issue 11, docs/protocol.md "Lists"): one reason per
 * decrease, set by the preparer before submitting. Portable SQL only.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('list_decisions')
    .addColumn('list_id', 'text', (c) => c.notNull().references('lists.id'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_decisions_pk', ['list_id', 'beneficiary_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('list_decisions').execute();
}
