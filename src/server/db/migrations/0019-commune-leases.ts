/**
 * How long a commune's tablets may work without reaching the server (issue 13, "Offline lease"):
 * days per commune, set by an admin; communes without a row get the default. Portable SQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('commune_leases')
    .addColumn('commune_code', 'text', (c) => c.primaryKey())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('commune_leases').execute();
}
