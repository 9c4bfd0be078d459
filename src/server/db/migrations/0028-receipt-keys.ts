/**
 * Verifiable receipts (issue 16; docs/protocol.md "Verifiable receipts"): each device's public key
 * (set once), the head of each device's receipt chain as the server has checked it, and the
 * flags raised on push (a bad signature, a gap, a repeated number, a broken link). Separate
 * tables, so `devices` is not rebuilt (README "Gotchas": SQLite cannot alter a table's checks).
 * Portable SQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('device_keys')
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('receipt_chains')
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('last_number', 'bigint', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('receipt_flags')
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('number', 'bigint', (c) => c.notNull())
    .addColumn('expected', 'bigint', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('receipt_flags_pk', ['op_id', 'code'])
    .execute();
  await db.schema
    .createIndex('receipt_flags_commune')
    .on('receipt_flags')
    .columns(['commune_code', 'detected_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('receipt_flags').execute();
  await db.schema.dropTable('receipt_chains').execute();
  await db.schema.dropTable('device_keys').execute();
}
