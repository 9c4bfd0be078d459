/**
 * How a provider's result files read, per commune (issue 12, docs/protocol.md "Batches"): a
 * supervisor maps the columns for the communes they work in, so no one changes how another
 * commune's results are read; `providers.result_mapping` stays the admin's default. Portable SQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('provider_result_mappings')
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('provider_result_mappings_pk', ['provider_id', 'commune_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('provider_result_mappings').execute();
}
