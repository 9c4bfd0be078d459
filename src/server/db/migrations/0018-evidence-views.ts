/**
 * Every look at a payment's evidence (issue 13, "Evidence view"): who, which line, which blob
 * (null: the list), when. Insert-only, like the op log it complements. Portable SQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evidence_views')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_views_line').on('evidence_views').columns(['line_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('evidence_views').execute();
}
