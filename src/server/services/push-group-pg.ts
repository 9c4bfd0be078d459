/**
 * Group commit for PostgreSQL: consecutive ops of one push share one transaction and one durable
 * commit, each op all-or-nothing in its own savepoint, as on SQLite (push-group.ts says why that
 * keeps docs/protocol.md "Push"). Each op in its own transaction cost one WAL flush and about nine
 * round trips per op.
 *
 * Why it cannot deadlock: a group takes every lock its ops need at its start, in one global
 * order, before the change counter: beneficiary keys (advisory, sorted), then payment-line rows
 * (`FOR UPDATE`, sorted by id), then the counter row. Every other writer takes its entity locks
 * before the counter too (`lockKey`), and entity rows are written only by the counter's holder.
 * So a group waiting for a lock holds no lock anyone ahead of it needs, and once it holds the
 * counter no other group can be between its locks. Ops of the group asking again for a lock
 * the group holds get it at once (row locks and advisory locks are re-entrant in a transaction).
 *
 * What the group saves: one counter update per group (group-state.ts), one statement locking and
 * reading all its lines and one reading their beneficiaries (parsed once; an op sees the value the
 * previous op wrote, not a re-read), report rows written once (group-state.ts) and one commit. A group is at most GROUP_MAX_OPS ops and closes after GROUP_MAX_MS: it holds
 * the counter, so other pushes wait for its commit.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { lockKey } from '../db/dialect';
import type { Database } from '../db/schema';
import { familyOf, isOpType } from '../../protocol/op-registry';
import type { LooseOpEnvelope } from '../../protocol/ops';
import { lockEntities, readEntities } from './entity-store';
import { writeReportRows } from '../reports/report-store';
import { bindGroup, GroupState } from './group-state';
import type { OpScope } from './push-op';
import { isRecord } from './data-fields';

const GROUP_MAX_MS = 100;
const GROUP_MAX_OPS = 100;

/** What an op locks: a payment line by its row, a beneficiary by its key (see `lockKey`). */
export type LockTarget = { kind: 'line'; id: string } | { kind: 'beneficiary'; id: string };

/** The lock an op's family takes (nothing for ID checks, unknown types or unreadable ids). */
export function lockOf(raw: LooseOpEnvelope): LockTarget | null {
  const { type, entityId } = raw;
  if (!isOpType(type) || typeof entityId !== 'string' || entityId.length === 0) return null;
  switch (familyOf(type)) {
    case 'payment-line':
      return { kind: 'line', id: entityId };
    case 'beneficiary':
      return { kind: 'beneficiary', id: entityId };
    case 'id-check':
      return null;
  }
}

/** What the push tells the groups about its ops. */
export type GroupHooks = {
  /** Answers each op, in order (inside the group's transaction). */
  step: (scope: OpScope, op: LooseOpEnvelope) => Promise<void>;
  /** Runs after each group's commit (post-commit work such as blob re-checks). */
  afterCommit: () => Promise<void>;
  /** False for an op known to be a replay (answered without writing or locking). */
  needsWrite: (op: LooseOpEnvelope) => boolean;
  /**
   * Runs once the group holds its locks: a copy of these ops that another request was applying
   * has committed by then, and is read now rather than decided twice (a copy decided again
   * would write the same conflict twice before its op log row could tell it was a copy).
   */
  onLocked: (reader: Kysely<Database>, ops: readonly LooseOpEnvelope[]) => Promise<void>;
};

/** Runs `step` on each op in order, in commit groups (the same contract as `runInCommitGroups`). */
export async function runInPgGroups(
  db: Kysely<Database>,
  ops: readonly LooseOpEnvelope[],
  { step, afterCommit, needsWrite, onLocked }: GroupHooks,
): Promise<void> {
  let next = 0;
  while (next < ops.length) {
    const planned = ops.slice(next, next + GROUP_MAX_OPS);
    const failure = await db.transaction().execute(async (trx) => {
      const writing = planned.filter(needsWrite);
      const scope = writing.length > 0 ? await openGroup(trx, writing) : null;
      if (scope) await onLocked(trx, writing);
      const openedAt = performance.now();
      for (const op of planned) {
        try {
          await step(scope ?? plainScope(trx), op);
        } catch (error) {
          if (scope?.isBroken()) throw error;
          await scope?.close();
          return { error };
        }
        next++;
        if (performance.now() - openedAt >= GROUP_MAX_MS) break;
      }
      await scope?.close();
      return null;
    });
    await afterCommit();
    if (failure) throw failure.error;
  }
}

/** Takes the group's locks in the global order, then the counter; returns the ops' scope. */
async function openGroup(trx: Transaction<Database>, ops: readonly LooseOpEnvelope[]) {
  const lines: string[] = [];
  const beneficiaries: string[] = [];
  for (const op of ops) {
    const target = lockOf(op);
    if (target?.kind === 'line') lines.push(target.id);
    else if (target?.kind === 'beneficiary') beneficiaries.push(target.id);
  }
  for (const id of [...new Set(beneficiaries)].sort()) await lockKey(trx, `beneficiary:${id}`);
  const locked = await lockEntities(trx, 'payment-line', lines);
  const counter = await sql<{ value: string | number }>`
    update change_counter set value = value where id = 1 returning value`.execute(trx);
  const state = new GroupState(Number(counter.rows[0]?.value ?? 0));
  for (const row of locked) state.hold(row);
  // The lines' beneficiaries (a payment reads its status), read once now that nobody else can write.
  const people = locked.map((l) => (isRecord(l.data) ? l.data['beneficiaryId'] : undefined));
  const ids = people.filter((id): id is string => typeof id === 'string');
  for (const row of await readEntities(trx, 'beneficiary', ids)) state.hold(row);
  bindGroup(trx, state);
  return savepointScope(trx, state);
}

/** A group of replays only: nothing is written, nothing locked. */
const plainScope = (trx: Transaction<Database>): OpScope => ({
  reader: trx,
  atomically: () => Promise.reject(new Error('a replay-only group applies no op')),
});

/**
 * One savepoint per op. The release of an op's savepoint is sent with the next op's savepoint
 * (one round trip for both), and the last one is left to the commit.
 */
function savepointScope(trx: Transaction<Database>, state: GroupState) {
  let isBroken = false;
  let isOpen = false;
  const scope: OpScope & { isBroken: () => boolean; close: () => Promise<void> } = {
    reader: trx,
    isBroken: () => isBroken,
    atomically: async (work) => {
      await sql.raw(isOpen ? 'release savepoint push_op; savepoint push_op' : 'savepoint push_op').execute(trx);
      isOpen = true;
      let result;
      try {
        result = await work(trx);
      } catch (error) {
        try {
          await sql`rollback to savepoint push_op`.execute(trx);
        } catch {
          isBroken = true;
        }
        state.opRolledBack();
        throw error;
      }
      state.opCommitted();
      return result;
    },
    close: async () => {
      const reports = state.pendingReports();
      if (reports.changes.length > 0) await writeReportRows(trx, reports.changes, reports.now);
      const last = state.finalCounter();
      if (last !== null) await sql`update change_counter set value = ${last} where id = 1`.execute(trx);
    },
  };
  return scope;
}
