/**
 * Non-cash payout (issue 12, docs/protocol.md "Batches"): payment providers with the template of
 * their batch file and how their result files read; batches of one provider, commune and month
 * with their lines, the exact file sent, each import of results, and every step (insert-only).
 * Portable SQL, except the bytes column type (../dialect.ts).
 */
import { sql, type Kysely } from 'kysely';
import { binaryColumnType } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Short code used in batch references, e.g. "VCB".
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('bank', 'mobile-money', 'post')`))
    // JSON: the names officers record for it (bank name or wallet provider), the batch template,
    // and the result file's mapping (null until the first result file is mapped).
    .addColumn('aliases', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('result_mapping', 'text')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'approved', 'exported', 'closed', 'cancelled')`),
    )
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('line_count', 'integer', (c) => c.notNull())
    // JSON: the template as it was when the batch was prepared, and the lines held back with why.
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('held_back', 'text', (c) => c.notNull())
    .addColumn('preparer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('approver_id', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', 'bigint')
    .addColumn('exported_at', 'bigint')
    // The file as first downloaded: every later download is these bytes.
    .addColumn('file_name', 'text')
    .addColumn('file_bytes', binaryColumnType(db))
    .addColumn('file_hash', 'text')
    .execute();
  await db.schema.createIndex('batches_month').on('batches').columns(['commune_code', 'period']).execute();

  await db.schema
    .createTable('batch_lines')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('account_number', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    // JSON of the batch template's fields for this line (domain/batch-template.ts `BatchLine`).
    .addColumn('data', 'text', (c) => c.notNull())
    // 'waiting' until a result applies: 'paid' or 'failed'; 'cancelled' with its batch.
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('waiting', 'paid', 'failed', 'cancelled')`))
    .addColumn('reason', 'text')
    .addColumn('provider_reference', 'text')
    .addPrimaryKeyConstraint('batch_lines_pk', ['batch_id', 'line_id'])
    .execute();
  await db.schema.createIndex('batch_lines_line').on('batch_lines').column('line_id').execute();

  await db.schema
    .createTable('batch_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // JSON: the rows read (domain/batch-reconcile.ts `ResultRow`) and the reconciliation shown.
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('imported_at', 'bigint', (c) => c.notNull())
    .addColumn('applied_at', 'bigint')
    .execute();

  await db.schema
    .createTable('batch_events')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('batch_events_pk', ['batch_id', 'n'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['batch_events', 'batch_results', 'batch_lines', 'batches', 'providers'])
    await db.schema.dropTable(table).execute();
}
