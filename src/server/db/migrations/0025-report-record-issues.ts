/**
 * What the domain's checks find in each person's record (issue 14, docs/reports.md "quality";
 * domain/record-checks.ts), as 0/1 columns of `report_people`. The migration runner rebuilds the
 * report tables after it. Portable SQL.
 */
import type { Kysely } from 'kysely';

const columns = ['bad_id_number', 'no_id_number', 'bad_phone'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of columns) {
    await db.schema
      .alterTable('report_people')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of columns) await db.schema.alterTable('report_people').dropColumn(column).execute();
}
