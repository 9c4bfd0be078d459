/**
 * Group commit for SQLite: consecutive ops of one push share one durable commit, each op still
 * all-or-nothing on its own inside a savepoint (SQLite's nested transaction).
 *
 * Why: with `synchronous = FULL` every commit waits for an fsync of the WAL (about 3 ms on the
 * servers' disks), so one commit per op caps a push at about 350 ops/s whatever the op costs.
 * Durability is unchanged: the push is answered only after the commit that holds its ops.
 *
 * Why it keeps docs/protocol.md "Push" (each op in its own transaction, in order, not all-or-nothing):
 * - Each op runs in its own savepoint, in the order sent, and sees every earlier op of the batch;
 *   an op that fails rolls back its own writes only. The answers are the ones one transaction
 *   per op gives.
 * - A crash before the group commits loses only ops nobody was told about and nobody could read
 *   (SQLite shows no uncommitted write to another request). The device resends the same batch
 *   and the ops are applied then: the same as a crash just before the group's first op.
 * - An unexpected error in op k commits ops before k (as separate transactions did), then fails
 *   the request; ops after k are not attempted, as before.
 *
 * PostgreSQL groups differently (push-group-pg.ts): a group there must take its row locks and the
 * change-counter lock in one global order first, or two groups could deadlock (see lockKey).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { OpScope } from './push-op';

/**
 * How long one group may keep the database: SQLite has one writer, and other requests (pulls,
 * logins, other devices' pushes) wait for the group's commit. About 250 payment ops at most.
 */
const GROUP_MAX_MS = 50;

/**
 * Runs `step` on each item in order, in commit groups. `afterCommit` runs after each group's
 * commit (post-commit work such as blob re-checks). An error thrown by a step is rethrown after
 * the ops before it are committed.
 */
export async function runInCommitGroups<T>(
  db: Kysely<Database>,
  items: readonly T[],
  step: (scope: OpScope, item: T) => Promise<void>,
  afterCommit: () => Promise<void>,
): Promise<void> {
  let next = 0;
  while (next < items.length) {
    const failure = await db.transaction().execute(async (trx) => {
      const scope = savepointScope(trx);
      const openedAt = performance.now();
      for (const item of items.slice(next)) {
        try {
          await step(scope, item);
        } catch (error) {
          // The failed op's savepoint is rolled back: commit what came before it, then fail.
          if (scope.isBroken()) throw error;
          return { error };
        }
        next++;
        if (performance.now() - openedAt >= GROUP_MAX_MS) break;
      }
      return null;
    });
    await afterCommit();
    if (failure) throw failure.error;
  }
}

/** One savepoint per `atomically`; the transaction is broken when a rollback to it fails. */
function savepointScope(trx: Transaction<Database>): OpScope & { isBroken: () => boolean } {
  let isBroken = false;
  return {
    reader: trx,
    isBroken: () => isBroken,
    atomically: async (work) => {
      await sql`savepoint push_op`.execute(trx);
      let result;
      try {
        result = await work(trx);
      } catch (error) {
        try {
          await sql`rollback to savepoint push_op`.execute(trx);
          await sql`release savepoint push_op`.execute(trx);
        } catch {
          // Some SQLite errors (disk full, I/O) end the whole transaction: nothing can be committed.
          isBroken = true;
        }
        throw error;
      }
      await sql`release savepoint push_op`.execute(trx);
      return result;
    },
  };
}
