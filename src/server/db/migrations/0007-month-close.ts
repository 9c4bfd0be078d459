/**
 * Closing a commune's month (issue 11, docs/protocol.md "Closing a month"): one row per closed
 * commune and month, with who closed it and the summary that balances to the đồng, and the unpaid
 * money carried into a later month's arrears (applied to that month's line once it exists).
 * List events get their number within the list.
 * Portable SQL only.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A list's events are numbered, so two in one millisecond keep their order.
  await db.schema.alterTable('list_events').addColumn('n', 'integer').execute();

  await db.schema
    .createTable('month_closings')
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('closed_at', 'bigint', (c) => c.notNull())
    // JSON: domain/month-close.ts `CloseSummary`.
    .addColumn('summary', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('month_closings_pk', ['commune_code', 'period'])
    .execute();

  await db.schema
    .createTable('carryovers')
    // The closed month's line whose money is carried.
    .addColumn('from_line_id', 'text', (c) => c.primaryKey())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('from_period', 'text', (c) => c.notNull())
    .addColumn('to_period', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('months', 'integer', (c) => c.notNull())
    // The line of `to_period` the money was added to, once it was (null: waiting for that line).
    .addColumn('applied_line_id', 'text')
    .addColumn('applied_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('carryovers_waiting')
    .on('carryovers')
    .columns(['commune_code', 'to_period', 'applied_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('list_events').dropColumn('n').execute();
  await db.schema.dropTable('carryovers').execute();
  await db.schema.dropTable('month_closings').execute();
}
