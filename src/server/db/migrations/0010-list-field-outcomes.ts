/**
 * The preparer's answers to field findings about people still on a monthly list (issue 11,
 * docs/protocol.md "Lists"): held back this month, or dismissed with a reason. Portable SQL only.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('list_field_outcomes')
    .addColumn('list_id', 'text', (c) => c.notNull().references('lists.id'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    // What the field suggested when the preparer answered (deceased, moved-away, missed-payments).
    .addColumn('suggested', 'text', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_field_outcomes_pk', ['list_id', 'beneficiary_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('list_field_outcomes').execute();
}
