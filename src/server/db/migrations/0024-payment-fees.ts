/**
 * What paying cost (issue 14, docs/reports.md "Cost"): the providers' and the post office's fees
 * per month and payment method, for the whole pilot, entered by an admin. Portable SQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payment_fees')
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    // Whole đồng for the month, all communes together.
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_fees_pk', ['period_id', 'method'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('payment_fees').execute();
}
