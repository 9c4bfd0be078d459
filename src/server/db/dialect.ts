/**
 * The only place that branches on the SQL dialect (docs/style.md §2.10). Everything else is written
 * once for SQLite and PostgreSQL.
 */
import { PostgresAdapter, sql, type QueryExecutorProvider, type Transaction } from 'kysely';
import type { Database } from './schema';

export function isPostgres(db: QueryExecutorProvider): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Column type for raw bytes: `bytea` on PostgreSQL, `blob` on SQLite. */
export function binaryColumnType(db: QueryExecutorProvider): 'bytea' | 'blob' {
  return isPostgres(db) ? 'bytea' : 'blob';
}

/**
 * Serialises transactions that read, decide and write the same thing (a payment line, a
 * beneficiary, a device's seq bookkeeping) until the caller's transaction ends.
 *
 * - PostgreSQL (read committed): a transaction-scoped advisory lock on a 64-bit hash of the key.
 *   Unlike `SELECT … FOR UPDATE` it also covers rows that do not exist yet (a beneficiary being
 *   created). Statements after the lock see everything the previous holder committed, because
 *   PostgreSQL makes a commit visible before it releases the transaction's locks. A hash
 *   collision only makes two unrelated keys wait for each other.
 * - SQLite: nothing to do. Kysely's SQLite driver runs one transaction at a time on its single
 *   connection, so every transaction is already exclusive.
 *
 * One mechanism per kind of thing, never both: beneficiaries (which ops may create) and device
 * bookkeeping use this lock; payment lines (which always exist) are locked by their row with
 * `getEntityForUpdate`. Mixing the two on one kind would let a transaction holding one lock read
 * a row that another, holding the other lock, is about to change.
 *
 * Callers take at most one such lock per transaction, before their first entity write (which
 * takes the change-counter row lock), so two transactions never wait for each other in a cycle.
 */
export async function lockKey(trx: Transaction<Database>, key: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
