/**
 * Covering indexes for the funnel (docs/reports.md "funnel"): its people are counted from an index
 * of the columns it reads, and its "still without cash" check finds a person's line of the period
 * and its method in the index, without reading the rows. Portable SQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('report_people_funnel')
    .on('report_people')
    .columns(['status', 'commune_code', 'method', 'account_status'])
    .execute();
  await db.schema.dropIndex('report_lines_person').execute();
  await db.schema
    .createIndex('report_lines_person')
    .on('report_lines')
    .columns(['beneficiary_id', 'period_id', 'method'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('report_lines_person').execute();
  await db.schema
    .createIndex('report_lines_person')
    .on('report_lines')
    .columns(['beneficiary_id', 'period_id'])
    .execute();
  await db.schema.dropIndex('report_people_funnel').execute();
}
