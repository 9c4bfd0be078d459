/**
 * Report tables (issue 14, docs/reports.md): typed projections of the entities that reports
 * read, written in the same transaction as each entity change (services/entity-store.ts) and
 * rebuilt by `npm run reports:rebuild`. Nothing here is a source of truth. Portable SQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_lines')
    .addColumn('line_id', 'text', (c) => c.primaryKey())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    // The counted payment: its amount, Vietnam calendar date, who recorded it, who received it.
    .addColumn('paid_amount', 'bigint', (c) => c.notNull())
    .addColumn('paid_date', 'text')
    .addColumn('paid_by', 'text')
    .addColumn('receiver_kind', 'text')
    .addColumn('unpaid_reason', 'text')
    // The latest transfer: its batch and what came of it (waiting, paid, failed, cancelled).
    .addColumn('batch_id', 'text')
    .addColumn('transfer_outcome', 'text')
    .addColumn('failed_transfers', 'integer', (c) => c.notNull())
    .addColumn('voids', 'integer', (c) => c.notNull())
    .addColumn('conflicts', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_lines_period')
    .on('report_lines')
    .columns(['period_id', 'commune_code', 'method', 'status'])
    .execute();
  await db.schema
    .createIndex('report_lines_person')
    .on('report_lines')
    .columns(['beneficiary_id', 'period_id'])
    .execute();

  await db.schema
    .createTable('report_people')
    .addColumn('beneficiary_id', 'text', (c) => c.primaryKey())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('account_status', 'text', (c) => c.notNull())
    .addColumn('card_handed_over_on', 'text')
    .execute();
  await db.schema
    .createIndex('report_people_commune')
    .on('report_people')
    .columns(['commune_code', 'method'])
    .execute();

  // Method and account status as they stood at the end of each month in which they changed
  // (the month of the server's receipt, in Vietnam): the funnel's history.
  await db.schema
    .createTable('report_people_months')
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('account_status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_people_months_pk', ['beneficiary_id', 'month'])
    .execute();
  await db.schema
    .createIndex('report_people_months_commune')
    .on('report_people_months')
    .columns(['commune_code', 'month'])
    .execute();

  await db.schema
    .createTable('report_id_checks')
    .addColumn('check_id', 'text', (c) => c.primaryKey())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text')
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('overall', 'text', (c) => c.notNull())
    .addColumn('checked_date', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_id_checks_commune')
    .on('report_id_checks')
    .columns(['commune_code', 'checked_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['report_id_checks', 'report_people_months', 'report_people', 'report_lines']) {
    await db.schema.dropTable(table).execute();
  }
}
