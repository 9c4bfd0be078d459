/**
 * The push path (docs/protocol.md "Push", "Blobs", "What the server stores"): the op audit log, seq
 * gaps, per-field versions for roster edits, the conflict index, blobs and missing blobs.
 * Portable SQL, except the bytes column type, chosen by the commented helper in ../dialect.ts.
 */
import { sql, type Kysely } from 'kysely';
import { binaryColumnType } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ops')
    .addColumn('op_id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint')
    .addColumn('type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('recorded_at', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('envelope', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied', 'conflict', 'rejected')`))
    .addColumn('code', 'text')
    .addColumn('detail', 'text')
    .addColumn('version', 'integer')
    .execute();
  // A seq is claimed once per device. Rows without a claim (null) never collide: both databases
  // treat nulls as distinct in a unique index.
  await db.schema.createIndex('ops_device_seq').on('ops').columns(['device_id', 'seq']).unique().execute();
  await db.schema.createIndex('ops_entity').on('ops').column('entity_id').execute();

  await db.schema
    .createTable('seq_gaps')
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('from_seq', 'bigint', (c) => c.notNull())
    .addColumn('to_seq', 'bigint', (c) => c.notNull())
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('seq_gaps_pk', ['device_id', 'from_seq'])
    .execute();

  await db.schema
    .createTable('field_versions')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('field_versions_pk', ['entity', 'entity_id', 'field'])
    .execute();

  await db.schema
    .createTable('conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'resolved')`))
    .addColumn('subject_entity', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by_op', 'text')
    .execute();
  await db.schema
    .createIndex('conflicts_commune_status')
    .on('conflicts')
    .columns(['commune_code', 'status', 'detected_at'])
    .execute();
  await db.schema.createIndex('conflicts_subject').on('conflicts').columns(['subject_entity', 'subject_id']).execute();

  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', binaryColumnType(db), (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('missing_blobs')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('missing_blobs_pk', ['sha256', 'op_id', 'field'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['missing_blobs', 'blobs', 'conflicts', 'field_versions', 'seq_gaps', 'ops']) {
    await db.schema.dropTable(table).execute();
  }
}
