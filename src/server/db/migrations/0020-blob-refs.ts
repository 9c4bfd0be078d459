/**
 * Which ops name each blob (issue 13, docs/protocol.md "Blobs"): a blob no op names counts against
 * its uploader's quota and is dropped after a grace period. Existing blobs were stored under the
 * old rule and are kept: each gets a reference with empty device and op ids. Portable SQL.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('blob_refs')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blob_refs_pk', ['sha256', 'device_id', 'op_id'])
    .execute();
  await sql`insert into blob_refs (sha256, device_id, op_id) select sha256, '', '' from blobs`.execute(db);
  // The quota sums a user's blobs; the sweep looks for old ones.
  await db.schema.createIndex('blobs_user').on('blobs').columns(['user_id', 'received_at']).execute();
  await db.schema.createIndex('blobs_received').on('blobs').column('received_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('blobs_received').execute();
  await db.schema.dropIndex('blobs_user').execute();
  await db.schema.dropTable('blob_refs').execute();
}
