/**
 * Import of another device's outbox file (docs/protocol.md "Storage safety"): the op log records who
 * imported an op. Null for ops pushed by their own device.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ops').addColumn('imported_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ops').dropColumn('imported_by').execute();
}
