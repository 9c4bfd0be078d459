/**
 * Monthly lists (issue 11, docs/protocol.md "Lists"): an imported list of a commune and month with
 * its lines, its mapping and findings, and its way through submit, return, approve and publish;
 * every step is kept in `list_events` (never updated or deleted). A column mapping a user fixed
 * is remembered per commune and source (the folded header row). Portable SQL only.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'submitted', 'returned', 'approved', 'published', 'replaced')`),
    )
    // sha256 (hex) of the imported file's bytes: the same file again is recognised.
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    // JSON: column mapping, findings (warnings), the diff and its money.
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('diff', 'text', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('preparer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // sha256 of the exact lines approved (set by approve; publish checks it still holds).
    .addColumn('approved_hash', 'text')
    .addColumn('approver_id', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', 'bigint')
    .addColumn('published_at', 'bigint')
    .execute();
  await db.schema.createIndex('lists_period_commune').on('lists').columns(['commune_code', 'period']).execute();
  await db.schema.createIndex('lists_file').on('lists').columns(['commune_code', 'period', 'file_hash']).execute();

  await db.schema
    .createTable('list_lines')
    .addColumn('list_id', 'text', (c) => c.notNull().references('lists.id'))
    // The spreadsheet row of the person.
    .addColumn('row', 'integer', (c) => c.notNull())
    // The roster's beneficiary, when the person is on it (null: new to the commune).
    .addColumn('beneficiary_id', 'text')
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('increase', 'adjustment', 'unchanged', 'decrease')`),
    )
    .addColumn('total', 'bigint', (c) => c.notNull())
    // JSON of the read row (domain/list-rows.ts `ListRow`), unmapped columns included.
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_lines_pk', ['list_id', 'row'])
    .execute();

  await db.schema
    .createTable('list_events')
    .addColumn('list_id', 'text', (c) => c.notNull().references('lists.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('import', 'submit', 'return', 'approve', 'publish', 'replace')`),
    )
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('list_events_list').on('list_events').columns(['list_id', 'at']).execute();

  await db.schema
    .createTable('list_mappings')
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    // JSON: field → column letter, as the user fixed it.
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_mappings_pk', ['commune_code', 'source_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('list_mappings').execute();
  await db.schema.dropTable('list_events').execute();
  await db.schema.dropTable('list_lines').execute();
  await db.schema.dropTable('lists').execute();
}
