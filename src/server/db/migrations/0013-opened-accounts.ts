/**
 * Opened accounts (issue 12, docs/protocol.md "Opened accounts"): each reading of a provider's
 * list of the accounts it opened, kept between the review and its one application. Portable SQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('opened_account_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // JSON: the header row, the mapping and the rows read (domain/opened-accounts.ts `OpenedAccountRow`).
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('imported_at', 'bigint', (c) => c.notNull())
    // Null until applied; then who applied it, when, and the rows that set an account (JSON).
    .addColumn('applied_by', 'text', (c) => c.references('users.id'))
    .addColumn('applied_at', 'bigint')
    .addColumn('applied_rows', 'text')
    .execute();
  await db.schema
    .createIndex('opened_account_imports_commune')
    .on('opened_account_imports')
    .columns(['commune_code', 'imported_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('opened_account_imports').execute();
}
