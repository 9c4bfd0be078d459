/**
 * A payer's cash ledger (issue 16, docs/protocol.md "Cash ops"): one row per entry a `cash.*` op
 * writes (a handover writes two: out of the giver's ledger, into the receiver's). Insert-only, as
 * the op log it comes from; payments are not copied here, they are read from the op log. Portable SQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cash_entries')
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    // The entry as the domain reads it (domain/cash-ops.ts `LedgerEntry`), JSON text.
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('cash_entries_pk', ['op_id', 'payer_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('cash_entries_month')
    .on('cash_entries')
    .columns(['month', 'commune_code', 'payer_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cash_entries').execute();
}
