/**
 * Report totals (issue 14, docs/reports.md "Totals"): sums of `report_lines` kept by delta on every
 * line write, so reports of a province answer from a few thousand rows instead of every line, and
 * each person's first month paid without cash. Filled from `report_lines` by the rebuild, which
 * the migration runner calls after this migration. Portable SQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Lines per period, commune and everything the reports split them by; '' for no reason or
  // receiver; 0/1 flags. `lines` may fall to 0 (a line moved to another key): such rows count nothing.
  await db.schema
    .createTable('report_line_totals')
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('receiver_kind', 'text', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('conflicted', 'integer', (c) => c.notNull())
    .addColumn('voided', 'integer', (c) => c.notNull())
    .addColumn('lines', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('paid_amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_line_totals_pk', [
      'period_id',
      'commune_code',
      'method',
      'status',
      'reason',
      'receiver_kind',
      'failed',
      'conflicted',
      'voided',
    ])
    .execute();
  await db.schema
    .createTable('report_paid_days')
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('paid_date', 'text', (c) => c.notNull())
    .addColumn('lines', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_paid_days_pk', ['period_id', 'commune_code', 'paid_date'])
    .execute();
  await db.schema
    .createTable('report_first_non_cash')
    .addColumn('beneficiary_id', 'text', (c) => c.primaryKey())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('first_period', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_first_non_cash_commune')
    .on('report_first_non_cash')
    .columns(['commune_code', 'first_period'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['report_first_non_cash', 'report_paid_days', 'report_line_totals']) {
    await db.schema.dropTable(table).execute();
  }
}
